import { z } from 'zod';

/**
 * One TikTok Shop account (app + authorised shop) as an admin stores it. The same shape runs in a
 * station or in the hub: every endpoint, secret, budget and window is here, nothing is global.
 *
 * The request budget is ours, not TikTok's: the platform publishes no figure, so the default is a
 * modest one an admin can change, and a 429 from the platform backs the whole account off.
 */

/** https anywhere; plain http only to this machine (tests, a local relay): secrets never go out in clear. */
const endpointUrl = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.search !== '' || url.hash !== '') return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  },
  { message: 'an https:// URL without query (http:// only for 127.0.0.1 or localhost)' },
);

const limitsSchema = z.object({
  /** Platform requests per second for this account (a receipt decision takes about four). */
  requestsPerSecond: z.number().positive().max(1_000).default(5),
  burst: z.number().int().min(1).max(1_000).default(5),
  maxConcurrency: z.number().int().min(1).max(16).default(2),
  /** A whole receipt decision (eligibility, reasons, uploads, decision) must fit in this. */
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});

export const tiktokShopConfigSchema = z.object({
  baseUrl: endpointUrl.default('https://open-api.tiktokglobalshop.com'),
  /** The token host (refresh), separate from the API host. */
  authBaseUrl: endpointUrl.default('https://auth.tiktok-shops.com'),
  appKey: z.string().min(1).max(64),
  appSecret: z.string().min(1).max(256),
  shopCipher: z.string().min(1).max(256),
  /** From the shop's authorisation; rotated tokens are kept in the connector state afterwards. */
  refreshToken: z.string().min(1).max(1024),
  /** Optional first access token (saves one refresh); its expiry in ms since the epoch. */
  accessToken: z.string().min(1).max(1024).optional(),
  accessTokenExpiresAt: z.number().int().optional(),
  /** ISO 3166-1 alpha-2 market of the shop (TH, VN, MY, GB, US); else taken from each order. */
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  locale: z.string().min(2).max(20).default('en-US'),
  limits: limitsSchema.prefault({}),
  /** Refresh the access token this long before it expires. */
  tokenRefreshMarginSeconds: z.number().int().min(0).max(86_400).default(3_600),
  pull: z
    .object({
      /** The returns search takes 10–50 a page. */
      pageSize: z.number().int().min(10).max(50).default(50),
      /** How far back the first pull of a new account reaches. */
      initialLookbackDays: z.number().int().min(1).max(365).default(30),
      /** Each window starts this much before the previous one ended, for late-indexed updates. */
      overlapSeconds: z.number().int().min(0).max(86_400).default(600),
      /** A saved page token older than this is not trusted; the pull restarts from its watermark. */
      pageTokenMaxAgeMinutes: z.number().int().min(1).max(1_440).default(30),
      /** Fetch the orders of each page for buyer name, unit prices and country. */
      enrichFromOrders: z.boolean().default(true),
    })
    .prefault({}),
  webhook: z
    .object({
      /** A notification whose timestamp is further from now than this is refused as stale. */
      maxAgeSeconds: z.number().int().min(30).max(86_400).default(900),
    })
    .prefault({}),
  fulfilment: z
    .object({
      /** Orders search takes 1–100 a page. */
      ordersPageSize: z.number().int().min(10).max(100).default(100),
      /** How far back the first orders pull of a new account reaches. */
      initialLookbackDays: z.number().int().min(1).max(90).default(14),
      /** Each orders window starts this much before the previous one ended. */
      overlapSeconds: z.number().int().min(0).max(86_400).default(600),
      /** A delivery option's shipping-provider list is fetched again after this long. */
      providersMaxAgeMinutes: z.number().int().min(1).max(10_080).default(720),
      /** How long a shipping document's doc_url is valid (about 24 h, community-sourced). */
      docUrlTtlMinutes: z.number().int().min(1).max(10_080).default(1_440),
      labelSize: z.enum(['A6', 'A5']).default('A6'),
    })
    .prefault({}),
  /** `use_case` of evidence photos at the image upload. */
  imageUseCase: z.string().min(1).max(40).default('DESCRIPTION_IMAGE'),
});

export type TikTokShopConfig = z.infer<typeof tiktokShopConfigSchema>;
export type TikTokShopConfigInput = z.input<typeof tiktokShopConfigSchema>;

export const TIKTOK_SHOP_SECRET_FIELDS = ['appSecret', 'refreshToken', 'accessToken'] as const;
