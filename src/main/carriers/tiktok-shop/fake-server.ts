import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../../clock';
import {
  createFakeFulfilment,
  FULFILMENT_ROUTES,
  type FakeFulfilment,
  type FulfilmentRoute,
} from './fake-fulfilment';
import { Refusal } from './fake-refusal';

/**
 * A TikTok Shop Open API stand-in for tests: a real HTTP server on 127.0.0.1 that checks every
 * request the way the platform does — its own implementation of the signature (not signing.ts),
 * the 5-minute timestamp window, app key, shop cipher and access token — and answers in the
 * documented envelope `{ code, message, request_id, data }`, error bodies included.
 *
 * It holds returns, orders and packages, serves the returns search with update_time filters and
 * offset page tokens (so a change mid-pull shifts pages as a real result set does), the decision
 * eligibility, reject reasons, image uploads (multipart, unsigned body), approve/reject with
 * `idempotency_key` — every request counted per key BEFORE its de-duplication, every state change
 * counted per key and per return — package delivery results and order tracking; it refreshes
 * tokens (rotating the refresh token), injects faults per route, and sends signed webhooks.
 *
 * Public API: startFakeTikTokShop(options) → Promise<FakeTikTokShop>; fakeSignature(...).
 */
export type FakeRoute =
  | 'token'
  | 'shops'
  | 'search'
  | 'orders'
  | 'eligibility'
  | 'reasons'
  | 'upload'
  | 'approve'
  | 'reject'
  | 'deliver'
  | 'deliveryImage'
  | 'tracking'
  | FulfilmentRoute;

interface FaultBase {
  route: FakeRoute;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Let this many matching requests through first. */
  skip?: number;
  /** Do the work first, then misbehave (the platform applied it; the client cannot know). */
  afterApply?: boolean;
}

export type FakeFault =
  | (FaultBase & { kind: 'status'; status: number; code?: number; message?: string; retryAfter?: string })
  | (FaultBase & { kind: 'expired-token' })
  | (FaultBase & { kind: 'hang' })
  | (FaultBase & { kind: 'reset' })
  | (FaultBase & { kind: 'garbage'; body?: string })
  /** Search only: serve the previous page again (with the same next token). */
  | (FaultBase & { kind: 'repeat-page' })
  /** Search only: jump one page ahead (a page is never served). */
  | (FaultBase & { kind: 'skip-page' })
  /** Change the answer's `data` before it is sent (a field changing type, a value missing). */
  | (FaultBase & { kind: 'mutate'; mutate(data: unknown): unknown });

export interface FakeReturnLine {
  return_line_item_id: string;
  order_line_item_id: string;
  sku_id: string;
  seller_sku: string;
  sku_name: string;
  product_name: string;
  refund_amount: { currency: string; refund_subtotal: string; refund_total: string };
}

/** A return in the documented search-returns shape. */
export interface FakeReturn {
  return_id: string;
  order_id: string;
  return_status: string;
  return_type: string;
  return_reason: string;
  return_reason_text: string;
  return_tracking_number: string;
  return_provider_name: string;
  create_time: number;
  update_time: number;
  seller_next_action_response: Array<{ action: string; deadline: number }>;
  return_line_items: FakeReturnLine[];
  refund_amount: { currency: string; refund_total: string; refund_subtotal: string };
}

export interface FakeOrder {
  id: string;
  recipient_address: { name: string; region_code: string };
  line_items: Array<{
    id: string;
    sku_id: string;
    seller_sku: string;
    product_name: string;
    sale_price: string;
    original_price: string;
    currency: string;
  }>;
}

export interface NewFakeReturn {
  returnId?: string;
  orderId?: string;
  status?: string;
  returnType?: string;
  buyerName?: string;
  region?: string;
  trackingNumber?: string;
  providerName?: string;
  /** Unix seconds; default now. */
  updateTime?: number;
  lines?: Array<{ sku: string; name: string; price: string; currency?: string }>;
}

export interface AppliedDecision {
  idempotencyKey: string;
  returnId: string;
  decision: string;
  rejectReason: string | null;
  comment: string | null;
  images: Array<{ image_id: string; mime_type: string; width: number; height: number }>;
  at: number;
}

export interface LoggedRequest {
  route: FakeRoute;
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  contentType: string;
  accessToken: string | null;
  /** When the request arrived, in real ms (performance.now): how fast requests came, whatever the fake's clock says. */
  receivedAt: number;
}

export interface FakeStats {
  requests: Record<FakeRoute, number>;
  refreshes: number;
  refreshRefused: number;
  unauthorized: number;
  badSignatures: number;
  staleTimestamps: number;
  faultsServed: number;
}

export interface FakeTikTokShopOptions {
  clock?: Clock;
  appKey?: string;
  appSecret?: string;
  shopCipher?: string;
  shopId?: string;
  shopName?: string;
  region?: string;
  /** The refresh token the shop's authorisation handed out. */
  refreshToken?: string;
  accessTokenTtlSeconds?: number;
  rotateRefreshTokens?: boolean;
  timestampWindowSeconds?: number;
  rejectReasons?: Array<{ name: string; text: string }>;
}

export interface FakeTikTokShop {
  readonly url: string;
  /** Orders awaiting shipment, packages, split/combine, handover, ship calls, labels (fake-fulfilment.ts). */
  readonly fulfilment: FakeFulfilment;
  readonly appKey: string;
  readonly appSecret: string;
  readonly shopCipher: string;
  /** The refresh token currently valid (after rotations). */
  refreshToken(): string;
  /** An access token valid for `ttlSeconds` (default the fake's TTL), and when it expires (ms). */
  issueAccessToken(ttlSeconds?: number): { token: string; expiresAt: number };
  addReturn(spec?: NewFakeReturn): FakeReturn;
  /** Changes a return; its update_time becomes now unless the patch sets it. */
  updateReturn(returnId: string, patch: Partial<FakeReturn>): FakeReturn;
  getReturn(returnId: string): FakeReturn | undefined;
  returns(): FakeReturn[];
  addPackage(packageId: string, orderId: string): void;
  setTracking(orderId: string, events: Array<{ description: string; update_time_millis: number }>): void;
  setRejectReasons(reasons: Array<{ name: string; text: string }>): void;
  /** Runs after each returns-search page is written (changes arriving mid-pull). */
  afterSearchPage(hook: ((pageNumber: number) => void) | null): void;
  inject(fault: FakeFault): { remaining(): number };
  clearFaults(): void;
  expireTokens(): void;
  revokeRefreshTokens(): void;
  stats(): FakeStats;
  log(route?: FakeRoute): LoggedRequest[];
  /** Approve/reject requests that carried `key`, counted before de-duplication. */
  decisionRequests(key: string): number;
  /** State changes caused by `key` (1 when applied once, whatever was resent). */
  applications(key: string): number;
  /** Decisions applied to a return, in order. */
  decisionsFor(returnId: string): AppliedDecision[];
  /** Image uploads of these bytes (by sha256), every request counted. */
  uploads(sha256: string): number;
  deliveries(): Array<{
    id: string;
    delivery_type: string;
    fail_delivery_reason?: string;
    file_url?: string;
  }>;
  /** The Authorization value TikTok Shop would send with this webhook body. */
  signWebhook(rawBody: string, secret?: string): string;
  /** POSTs a signed notification to `url`; answers the receiver's status and body. */
  sendWebhook(
    url: string,
    notification: { type: number; data: Record<string, unknown>; id?: string; timestamp?: number },
    options?: { secret?: string; rawBody?: string },
  ): Promise<{ status: number; body: string; rawBody: string }>;
  close(): Promise<void>;
}

/** The platform's signature, written independently of signing.ts (the fake must not share a bug). */
export function fakeSignature(secret: string, path: string, params: URLSearchParams, body: string): string {
  const pairs: Array<[string, string]> = [];
  params.forEach((value, key) => {
    if (key !== 'sign' && key !== 'access_token') pairs.push([key, value]);
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let text = secret + path;
  for (const [key, value] of pairs) text += `${key}${value}`;
  text += body + secret;
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('hex');
}

const BASE_ROUTES: Array<{ route: FakeRoute; method: string; pattern: RegExp; shopScoped: boolean }> = [
  { route: 'token', method: 'GET', pattern: /^\/api\/v2\/token\/refresh$/, shopScoped: false },
  { route: 'shops', method: 'GET', pattern: /^\/authorization\/202309\/shops$/, shopScoped: false },
  {
    route: 'search',
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/search$/,
    shopScoped: true,
  },
  { route: 'orders', method: 'GET', pattern: /^\/order\/202309\/orders$/, shopScoped: true },
  {
    route: 'eligibility',
    method: 'GET',
    pattern: /^\/return_refund\/202601\/decision_eligibility$/,
    shopScoped: true,
  },
  { route: 'reasons', method: 'GET', pattern: /^\/return_refund\/202309\/reject_reasons$/, shopScoped: true },
  { route: 'upload', method: 'POST', pattern: /^\/product\/202309\/images\/upload$/, shopScoped: true },
  {
    route: 'approve',
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/([^/]+)\/approve$/,
    shopScoped: true,
  },
  {
    route: 'reject',
    method: 'POST',
    pattern: /^\/return_refund\/202309\/returns\/([^/]+)\/reject$/,
    shopScoped: true,
  },
  {
    route: 'deliver',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/deliver$/,
    shopScoped: true,
  },
  {
    route: 'deliveryImage',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/images\/upload$/,
    shopScoped: true,
  },
  {
    route: 'tracking',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/tracking$/,
    shopScoped: true,
  },
];

const ROUTES: Array<{ route: FakeRoute; method: string; pattern: RegExp; shopScoped: boolean }> = [
  ...BASE_ROUTES,
  ...FULFILMENT_ROUTES,
];

const DEFAULT_REASONS = [
  { name: 'reverse_reject_request_reason_1', text: 'The returned item is not the item sold' },
  { name: 'reverse_reject_request_reason_2', text: 'The item was used or damaged by the buyer' },
  { name: 'reverse_reject_request_reason_3', text: 'Items are missing from the returned package' },
];

const FAIL_REASONS = new Set([
  'INVALID_ADDRESS',
  'UNABLE_RECEIVE',
  'UNABLE_CONTACT_BUYER',
  'BUYER_REFUSED',
  'DELAY_DELIVERY',
  'PACKAGE_LOST',
  'PACKAGE_DAMAGE',
  'FORCE_MAJEURE',
  'OTHER',
]);

export async function startFakeTikTokShop(options: FakeTikTokShopOptions = {}): Promise<FakeTikTokShop> {
  const clock = options.clock ?? systemClock;
  const appKey = options.appKey ?? 'fake-app-key';
  const appSecret = options.appSecret ?? 'fake-app-secret';
  const shopCipher = options.shopCipher ?? 'ROW_fakeCipher';
  const shopId = options.shopId ?? '7000000000000000001';
  const shopName = options.shopName ?? 'Fake Shop TH';
  const region = options.region ?? 'TH';
  const ttl = options.accessTokenTtlSeconds ?? 7 * 86_400;
  const rotate = options.rotateRefreshTokens ?? true;
  const window = options.timestampWindowSeconds ?? 300;

  let currentRefresh = options.refreshToken ?? 'fake-refresh-0';
  let refreshCounter = 0;
  const accessTokens = new Map<string, number>();
  const returns = new Map<string, FakeReturn>();
  const orders = new Map<string, FakeOrder>();
  const packages = new Map<string, string>();
  const tracking = new Map<string, Array<{ description: string; update_time_millis: number }>>();
  let reasons = options.rejectReasons ?? DEFAULT_REASONS;
  const issuedImages = new Set<string>();
  const uploadsByHash = new Map<string, number>();
  const decisionRequestCount = new Map<string, number>();
  const applicationCount = new Map<string, number>();
  const answered = new Map<string, string>();
  const applied: AppliedDecision[] = [];
  const deliveries: Array<{
    id: string;
    delivery_type: string;
    fail_delivery_reason?: string;
    file_url?: string;
  }> = [];
  const faults: Array<FakeFault & { left: number; skipped: number }> = [];
  const logged: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  let searchPages = 0;
  let pageHook: ((n: number) => void) | null = null;
  let seq = 0;
  const stats: FakeStats = {
    requests: Object.fromEntries(ROUTES.map((r) => [r.route, 0])) as Record<FakeRoute, number>,
    refreshes: 0,
    refreshRefused: 0,
    unauthorized: 0,
    badSignatures: 0,
    staleTimestamps: 0,
    faultsServed: 0,
  };

  const nowS = () => Math.floor(clock.now() / 1000);
  let baseUrl = '';
  const fulfil = createFakeFulfilment({
    clock,
    region,
    baseUrl: () => baseUrl,
    nextId: (prefix) => nextId(prefix),
  });
  const requestId = () => `${String(clock.now())}${randomBytes(6).toString('hex').toUpperCase()}`;
  const nextId = (prefix: string) => {
    seq += 1;
    return `${prefix}${String(576460752303423488n + BigInt(seq))}`;
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const ok = (res: http.ServerResponse, data: unknown) =>
    send(res, 200, { code: 0, message: 'Success', request_id: requestId(), data });
  const refuse = (res: http.ServerResponse, refusal: Refusal, headers: Record<string, string> = {}) =>
    send(
      res,
      refusal.status,
      { code: refusal.code, message: refusal.message, request_id: requestId(), data: null },
      headers,
    );

  const issueAccessToken = (ttlSeconds = ttl) => {
    const token = `TTP_${randomBytes(12).toString('base64url')}`;
    const expiresAt = clock.now() + ttlSeconds * 1000;
    accessTokens.set(token, expiresAt);
    return { token, expiresAt };
  };

  const takeFault = (route: FakeRoute): (FakeFault & { left: number; skipped: number }) | null => {
    for (const fault of faults) {
      if (fault.left <= 0 || fault.route !== route) continue;
      if (fault.skipped < (fault.skip ?? 0)) {
        fault.skipped += 1;
        return null;
      }
      fault.left -= 1;
      stats.faultsServed += 1;
      return fault;
    }
    return null;
  };

  /** The transport-level faults; the rest are handled by the routes that know them. */
  const misbehave = (fault: FakeFault, req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    switch (fault.kind) {
      case 'status':
        refuse(
          res,
          new Refusal(
            fault.status,
            fault.code ?? (fault.status >= 500 ? 36009003 : 36009999),
            fault.message ?? `injected ${String(fault.status)}`,
          ),
          {
            ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
          },
        );
        return true;
      case 'expired-token':
        stats.unauthorized += 1;
        refuse(res, new Refusal(401, 105002, 'Access token is expired, please refresh it'));
        return true;
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'garbage':
        send(res, 200, fault.body ?? '{"code":0,"message":"Success","data":{"return_orders":[{"return_id":');
        return true;
      default:
        return false;
    }
  };

  /** Platform-side request checks: app key, timestamp window, signature, shop, token. */
  const authenticate = (
    route: (typeof ROUTES)[number],
    url: URL,
    req: http.IncomingMessage,
    raw: Buffer,
  ): void => {
    const params = url.searchParams;
    if (params.get('app_key') !== appKey)
      throw new Refusal(401, 106001, 'Invalid credentials. app_key is unknown');
    const ts = Number(params.get('timestamp'));
    if (!Number.isInteger(ts) || Math.abs(nowS() - ts) > window) {
      stats.staleTimestamps += 1;
      throw new Refusal(401, 106002, 'Invalid timestamp. It must be within 5 minutes of the platform time');
    }
    const contentType = req.headers['content-type'] ?? '';
    const signedBody = contentType.startsWith('multipart/form-data') ? '' : raw.toString('utf8');
    const expected = Buffer.from(fakeSignature(appSecret, url.pathname, params, signedBody), 'utf8');
    const given = Buffer.from(params.get('sign') ?? '', 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      stats.badSignatures += 1;
      throw new Refusal(401, 106001, "Invalid credentials. The 'sign' query parameter is invalid");
    }
    if (params.has('access_token')) throw new Refusal(400, 36009999, 'access_token belongs in the header');
    if (route.shopScoped && params.get('shop_cipher') !== shopCipher) {
      throw new Refusal(403, 105005, 'The shop_cipher does not belong to a shop this app may use');
    }
    const header = req.headers['x-tts-access-token'];
    const token = typeof header === 'string' ? header : '';
    const expiry = accessTokens.get(token);
    if (expiry === undefined) {
      stats.unauthorized += 1;
      throw new Refusal(401, 105001, 'Invalid access token');
    }
    if (expiry <= clock.now()) {
      stats.unauthorized += 1;
      throw new Refusal(401, 105002, 'Access token is expired, please refresh it');
    }
  };

  const handleToken = (url: URL, res: http.ServerResponse) => {
    const p = url.searchParams;
    if (
      p.get('app_key') !== appKey ||
      p.get('app_secret') !== appSecret ||
      p.get('grant_type') !== 'refresh_token'
    ) {
      stats.refreshRefused += 1;
      return refuse(res, new Refusal(200, 36004002, 'invalid app credentials'));
    }
    if (p.get('refresh_token') !== currentRefresh) {
      stats.refreshRefused += 1;
      return refuse(res, new Refusal(200, 36004004, 'refresh token is invalid or expired'));
    }
    stats.refreshes += 1;
    if (rotate) {
      refreshCounter += 1;
      currentRefresh = `fake-refresh-${String(refreshCounter)}-${randomBytes(4).toString('hex')}`;
    }
    const issued = issueAccessToken();
    ok(res, {
      access_token: issued.token,
      access_token_expire_in: Math.floor(issued.expiresAt / 1000),
      refresh_token: currentRefresh,
      refresh_token_expire_in: nowS() + 365 * 86_400,
      open_id: 'fake-open-id',
      seller_name: shopName,
      seller_base_region: region,
      user_type: 0,
    });
  };

  const filterHash = (body: Record<string, unknown>, params: URLSearchParams) =>
    createHash('sha256')
      .update(
        JSON.stringify([body, params.get('sort_field'), params.get('sort_order'), params.get('page_size')]),
      )
      .digest('hex')
      .slice(0, 16);

  const handleSearch = (url: URL, raw: Buffer, res: http.ServerResponse, fault: FakeFault | null) => {
    const params = url.searchParams;
    const pageSize = Number(params.get('page_size') ?? '10');
    if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 50) {
      throw new Refusal(400, 25001001, 'Invalid parameters. page_size must be within [10, 50]');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      throw new Refusal(400, 25001001, 'Invalid parameters. The body is not JSON');
    }
    const sortField = params.get('sort_field') ?? 'create_time';
    if (sortField !== 'create_time' && sortField !== 'update_time') {
      throw new Refusal(400, 25001001, 'Invalid parameters. sort_field');
    }
    const desc = (params.get('sort_order') ?? 'ASC') === 'DESC';
    const hash = filterHash(body, params);
    let offset = 0;
    const token = params.get('page_token');
    if (token) {
      try {
        const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
          o: number;
          h: string;
        };
        if (decoded.h !== hash || !Number.isInteger(decoded.o) || decoded.o < 0) throw new Error('mismatch');
        offset = decoded.o;
      } catch {
        throw new Refusal(400, 25001001, 'Invalid parameters. page_token does not belong to this query');
      }
    }
    const num = (key: string) => (typeof body[key] === 'number' ? (body[key] as number) : undefined);
    const list = (key: string) => (Array.isArray(body[key]) ? (body[key] as string[]) : undefined);
    const uge = num('update_time_ge');
    const ult = num('update_time_lt');
    const cge = num('create_time_ge');
    const clt = num('create_time_lt');
    const ids = list('return_ids');
    const orderIds = list('order_ids');
    const statuses = list('return_status');
    const rows = [...returns.values()]
      .filter(
        (r) =>
          (uge === undefined || r.update_time >= uge) &&
          (ult === undefined || r.update_time < ult) &&
          (cge === undefined || r.create_time >= cge) &&
          (clt === undefined || r.create_time < clt) &&
          (ids === undefined || ids.includes(r.return_id)) &&
          (orderIds === undefined || orderIds.includes(r.order_id)) &&
          (statuses === undefined || statuses.includes(r.return_status)),
      )
      .sort((a, b) => {
        const d = sortField === 'update_time' ? a.update_time - b.update_time : a.create_time - b.create_time;
        return d !== 0 ? d : a.return_id < b.return_id ? -1 : a.return_id > b.return_id ? 1 : 0;
      });
    if (desc) rows.reverse();
    let serveAt = offset;
    let nextAt = offset + pageSize;
    if (fault?.kind === 'repeat-page' && offset >= pageSize) {
      serveAt = offset - pageSize;
      nextAt = offset;
    } else if (fault?.kind === 'skip-page') {
      serveAt = offset + pageSize;
      nextAt = offset + 2 * pageSize;
    }
    const page = rows.slice(serveAt, serveAt + pageSize).map((r) => structuredClone(r));
    const more = nextAt < rows.length;
    const data: unknown = {
      return_orders: page,
      next_page_token: more ? Buffer.from(JSON.stringify({ o: nextAt, h: hash })).toString('base64url') : '',
      total_count: rows.length,
    };
    ok(res, fault?.kind === 'mutate' ? fault.mutate(data) : data);
    searchPages += 1;
    pageHook?.(searchPages);
  };

  const eligibilityOf = (ret: FakeReturn) => {
    const open = ret.return_status === 'BUYER_SHIPPED_ITEM';
    return [
      open
        ? { decision: 'APPROVE_RECEIVED_PACKAGE', eligible: true }
        : {
            decision: 'APPROVE_RECEIVED_PACKAGE',
            eligible: false,
            ineligible_code: 25011013,
            ineligible_reason: "status can't approve receive",
          },
      open
        ? { decision: 'REJECT_RECEIVED_PACKAGE', eligible: true }
        : {
            decision: 'REJECT_RECEIVED_PACKAGE',
            eligible: false,
            ineligible_code: 25011014,
            ineligible_reason: "status can't reject receive",
          },
    ];
  };

  const handleDecision = (
    route: 'approve' | 'reject',
    returnId: string,
    url: URL,
    raw: Buffer,
  ): { apply: () => void; answer: unknown } => {
    const key = url.searchParams.get('idempotency_key');
    if (key !== null) decisionRequestCount.set(key, (decisionRequestCount.get(key) ?? 0) + 1);
    if (key !== null && key.length > 255) throw new Refusal(400, 25001001, 'idempotency_key is too long');
    if (key !== null && answered.has(key)) {
      return { apply: () => undefined, answer: JSON.parse(answered.get(key) ?? '{}') as unknown };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new Refusal(400, 25001001, 'Invalid parameters. The body is not JSON');
    }
    const ret = returns.get(returnId);
    if (!ret) throw new Refusal(404, 25001002, 'The return does not exist');
    const expectedDecision = route === 'approve' ? 'APPROVE_RECEIVED_PACKAGE' : 'REJECT_RECEIVED_PACKAGE';
    if (body.decision !== expectedDecision) {
      throw new Refusal(
        400,
        25001001,
        `Invalid parameters. decision ${String(body.decision)} is not handled here`,
      );
    }
    if (ret.return_status !== 'BUYER_SHIPPED_ITEM') {
      throw new Refusal(
        400,
        route === 'approve' ? 25011013 : 25011014,
        route === 'approve' ? "status can't approve receive" : "status can't reject receive",
      );
    }
    const images = Array.isArray(body.images)
      ? (body.images as Array<{ image_id: string; mime_type: string; width: number; height: number }>)
      : [];
    if (route === 'reject') {
      if (!reasons.some((r) => r.name === body.reject_reason)) {
        throw new Refusal(400, 25011020, 'The reject reason is not valid for this return');
      }
      for (const image of images) {
        if (!issuedImages.has(image.image_id))
          throw new Refusal(400, 25001001, `Unknown image_id ${image.image_id}`);
      }
    }
    return {
      answer: {},
      apply: () => {
        ret.return_status =
          route === 'approve' ? 'RETURN_OR_REFUND_REQUEST_SUCCESS' : 'REJECT_RECEIVE_PACKAGE';
        ret.update_time = nowS();
        ret.seller_next_action_response = [];
        applied.push({
          idempotencyKey: key ?? '',
          returnId,
          decision: expectedDecision,
          rejectReason: typeof body.reject_reason === 'string' ? body.reject_reason : null,
          comment: typeof body.comment === 'string' ? body.comment : null,
          images,
          at: clock.now(),
        });
        if (key !== null) {
          applicationCount.set(key, (applicationCount.get(key) ?? 0) + 1);
          answered.set(key, '{}');
        }
      },
    };
  };

  const pngSize = (bytes: Uint8Array): { width: number; height: number } => {
    const b = Buffer.from(bytes);
    if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47)
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    return { width: 1000, height: 1000 };
  };

  const readUpload = async (req: http.IncomingMessage, raw: Buffer) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      throw new Refusal(400, 36009999, 'Content-Type must be multipart/form-data');
    }
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const file = form.get('data');
    if (!(file instanceof Blob)) throw new Refusal(400, 12052001, 'The data field must be a file');
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!/^image\/(jpeg|png|webp)$/.test(file.type))
      throw new Refusal(400, 12052002, 'Unsupported image format');
    return { form, bytes, hash: createHash('sha256').update(bytes).digest('hex') };
  };

  const route = async (
    match: (typeof ROUTES)[number],
    groups: string[],
    url: URL,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: Buffer,
  ): Promise<void> => {
    if (match.route === 'ship' || match.route === 'markShipped')
      fulfil.countShipRequest(decodeURIComponent(groups[0] ?? ''));
    const fault = takeFault(match.route);
    if (fault && !fault.afterApply && misbehave(fault, req, res)) return;
    if (match.route === 'token') return handleToken(url, res);
    authenticate(match, url, req, raw);
    const params = url.searchParams;
    const answer = (data: unknown, apply?: () => void) => {
      apply?.();
      if (fault?.afterApply && misbehave(fault, req, res)) return;
      ok(res, fault?.kind === 'mutate' ? fault.mutate(data) : data);
    };
    switch (match.route) {
      case 'shops':
        return answer({
          shops: [
            {
              id: shopId,
              name: shopName,
              region,
              seller_type: 'CROSS_BORDER',
              cipher: shopCipher,
              code: 'THFAKE',
            },
          ],
        });
      case 'search':
        return handleSearch(url, raw, res, fault);
      case 'orders': {
        const ids = (params.get('ids') ?? '').split(',').filter((s) => s !== '');
        if (ids.length === 0 || ids.length > 50) throw new Refusal(400, 25001001, 'ids: 1 to 50 order ids');
        return answer({
          orders: ids.flatMap((id): unknown[] => {
            const full = fulfil.api.getOrder(id);
            if (full) return [full];
            return orders.has(id) ? [structuredClone(orders.get(id))] : [];
          }),
        });
      }
      case 'eligibility': {
        const ret = returns.get(params.get('return_id') ?? '');
        if (!ret) throw new Refusal(404, 25001002, 'The return does not exist');
        return answer({ decisions: eligibilityOf(ret) });
      }
      case 'reasons': {
        if (!returns.has(params.get('return_or_cancel_id') ?? '')) {
          throw new Refusal(404, 25001002, 'The return does not exist');
        }
        return answer({ reasons });
      }
      case 'upload': {
        const { form, bytes, hash } = await readUpload(req, raw);
        uploadsByHash.set(hash, (uploadsByHash.get(hash) ?? 0) + 1);
        const uri = `tos-alisg-i-fake/${hash.slice(0, 20)}-${String(uploadsByHash.get(hash))}`;
        issuedImages.add(uri);
        return answer({
          uri,
          url: `https://p16-oec.example.invalid/${uri}`,
          ...pngSize(bytes),
          use_case: form.get('use_case') ?? 'MAIN_IMAGE',
        });
      }
      case 'deliveryImage': {
        const { bytes, hash } = await readUpload(req, raw);
        return answer({ url: `https://p16-pod.example.invalid/${hash.slice(0, 20)}`, ...pngSize(bytes) });
      }
      case 'approve':
      case 'reject': {
        const { apply, answer: data } = handleDecision(
          match.route,
          decodeURIComponent(groups[0] ?? ''),
          url,
          raw,
        );
        return answer(data, apply);
      }
      case 'deliver': {
        let body: {
          packages?: Array<{
            id?: string;
            delivery_type?: string;
            fail_delivery_reason?: string;
            file_url?: string;
          }>;
        };
        try {
          body = JSON.parse(raw.toString('utf8')) as typeof body;
        } catch {
          throw new Refusal(400, 25001001, 'Invalid parameters. The body is not JSON');
        }
        const errors: Array<{ code: number; message: string; detail: { package_id: string } }> = [];
        const accepted: typeof deliveries = [];
        for (const p of body.packages ?? []) {
          const id = p.id ?? '';
          if (!packages.has(id) && !fulfil.packages.has(id))
            errors.push({ code: 21001001, message: 'package not found', detail: { package_id: id } });
          else if (!['DELIVERY_SUCCESS', 'DELIVERY_FAILED', 'UPDATE_POD'].includes(p.delivery_type ?? '')) {
            errors.push({ code: 25001001, message: 'invalid delivery_type', detail: { package_id: id } });
          } else if (
            p.delivery_type === 'DELIVERY_FAILED' &&
            !FAIL_REASONS.has(p.fail_delivery_reason ?? '')
          ) {
            errors.push({
              code: 25001001,
              message: 'fail_delivery_reason is required',
              detail: { package_id: id },
            });
          } else accepted.push({ ...p, id, delivery_type: p.delivery_type ?? '' });
        }
        return answer({ errors }, () => deliveries.push(...accepted));
      }
      case 'tracking': {
        const orderId = decodeURIComponent(groups[0] ?? '');
        if (!orders.has(orderId) && !fulfil.api.getOrder(orderId))
          throw new Refusal(404, 21001002, 'order not found');
        return answer({ tracking: tracking.get(orderId) ?? [] });
      }
      default: {
        const result = fulfil.route(match.route, groups, url, raw);
        return answer(result.data, result.apply);
      }
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // The label host: a plain GET, no signature, the URL expires (the platform's CDN).
      if (req.method === 'GET' && fulfil.serveDoc(url.pathname, res)) return;
      const match = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
      if (!match) {
        const other = ROUTES.some((r) => r.pattern.test(url.pathname));
        return other
          ? refuse(res, new Refusal(405, 36009999, 'method not allowed'))
          : refuse(res, new Refusal(404, 36009999, `no such path ${url.pathname}`));
      }
      stats.requests[match.route] += 1;
      const header = req.headers['x-tts-access-token'];
      logged.push({
        route: match.route,
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: (req.headers['content-type'] ?? '').startsWith('multipart/') ? '' : raw.toString('utf8'),
        contentType: req.headers['content-type'] ?? '',
        accessToken: typeof header === 'string' ? header : null,
        receivedAt: performance.now(),
      });
      const groups = match.pattern.exec(url.pathname)?.slice(1) ?? [];
      route(match, groups, url, req, res, raw).catch((err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof Refusal) refuse(res, err);
        else refuse(res, new Refusal(500, 36009003, 'Internal error'));
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  baseUrl = url;

  const signWebhook = (rawBody: string, secret = appSecret) =>
    createHmac('sha256', secret)
      .update(appKey + rawBody)
      .digest('hex');

  return {
    url,
    fulfilment: fulfil.api,
    appKey,
    appSecret,
    shopCipher,
    refreshToken: () => currentRefresh,
    issueAccessToken,
    addReturn: (spec = {}) => {
      const now = nowS();
      const returnId = spec.returnId ?? nextId('4035');
      const orderId = spec.orderId ?? nextId('5763');
      const currency = spec.lines?.[0]?.currency ?? 'THB';
      const lines = (spec.lines ?? [{ sku: 'SKU-TEE-M', name: 'Cotton tee', price: '199.00' }]).map(
        (line, i) => ({
          return_line_item_id: `${returnId}${String(i)}`,
          order_line_item_id: `${orderId}${String(i)}`,
          sku_id: `17290${String(i)}${returnId.slice(-6)}`,
          seller_sku: line.sku,
          sku_name: 'Default',
          product_name: line.name,
          refund_amount: {
            currency: line.currency ?? currency,
            refund_subtotal: line.price,
            refund_total: line.price,
          },
        }),
      );
      const status = spec.status ?? 'BUYER_SHIPPED_ITEM';
      const ret: FakeReturn = {
        return_id: returnId,
        order_id: orderId,
        return_status: status,
        return_type: spec.returnType ?? 'RETURN_AND_REFUND',
        return_reason: 'ecom_order_delivered_refund_and_return_reason_wrong_size',
        return_reason_text: 'Wrong size',
        return_tracking_number: spec.trackingNumber ?? `TH${String(100000000 + seq)}`,
        return_provider_name: spec.providerName ?? 'Flash Express',
        create_time: spec.updateTime ?? now,
        update_time: spec.updateTime ?? now,
        seller_next_action_response:
          status === 'BUYER_SHIPPED_ITEM'
            ? [{ action: 'SELLER_RESPOND_RECEIVE_PACKAGE', deadline: (spec.updateTime ?? now) + 3 * 86_400 }]
            : [],
        return_line_items: lines,
        refund_amount: {
          currency,
          refund_total: lines.reduce((s, l) => s + Number(l.refund_amount.refund_total), 0).toFixed(2),
          refund_subtotal: lines.reduce((s, l) => s + Number(l.refund_amount.refund_subtotal), 0).toFixed(2),
        },
      };
      returns.set(returnId, ret);
      orders.set(orderId, {
        id: orderId,
        recipient_address: { name: spec.buyerName ?? 'Somchai Jaidee', region_code: spec.region ?? region },
        line_items: lines.map((l) => ({
          id: l.order_line_item_id,
          sku_id: l.sku_id,
          seller_sku: l.seller_sku,
          product_name: l.product_name,
          sale_price: l.refund_amount.refund_subtotal,
          original_price: l.refund_amount.refund_subtotal,
          currency: l.refund_amount.currency,
        })),
      });
      return structuredClone(ret);
    },
    updateReturn: (returnId, patch) => {
      const ret = returns.get(returnId);
      if (!ret) throw new Error(`no return ${returnId}`);
      Object.assign(ret, { update_time: nowS() }, patch);
      return structuredClone(ret);
    },
    getReturn: (returnId) => {
      const ret = returns.get(returnId);
      return ret ? structuredClone(ret) : undefined;
    },
    returns: () => [...returns.values()].map((r) => structuredClone(r)),
    addPackage: (packageId, orderId) => {
      packages.set(packageId, orderId);
    },
    setTracking: (orderId, events) => {
      tracking.set(orderId, events);
    },
    setRejectReasons: (list) => {
      reasons = list;
    },
    afterSearchPage: (hook) => {
      pageHook = hook;
      searchPages = 0;
    },
    inject: (fault) => {
      const entry = { ...fault, left: fault.times ?? 1, skipped: 0 };
      faults.push(entry);
      return { remaining: () => entry.left };
    },
    clearFaults: () => {
      faults.length = 0;
      for (const res of hanging) res.destroy();
    },
    expireTokens: () => {
      for (const token of accessTokens.keys()) accessTokens.set(token, Number.NEGATIVE_INFINITY);
    },
    revokeRefreshTokens: () => {
      currentRefresh = `revoked-${randomBytes(8).toString('hex')}`;
    },
    stats: () => ({ ...stats, requests: { ...stats.requests } }),
    log: (r) => (r === undefined ? [...logged] : logged.filter((l) => l.route === r)),
    decisionRequests: (key) => decisionRequestCount.get(key) ?? 0,
    applications: (key) => applicationCount.get(key) ?? 0,
    decisionsFor: (returnId) => applied.filter((a) => a.returnId === returnId),
    uploads: (hash) => uploadsByHash.get(hash) ?? 0,
    deliveries: () => [...deliveries],
    signWebhook,
    sendWebhook: async (target, notification, opts = {}) => {
      const rawBody =
        opts.rawBody ??
        JSON.stringify({
          type: notification.type,
          tts_notification_id: notification.id ?? nextId('73'),
          shop_id: shopId,
          timestamp: notification.timestamp ?? nowS(),
          data: notification.data,
        });
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: signWebhook(rawBody, opts.secret) },
        body: rawBody,
      });
      return { status: response.status, body: await response.text(), rawBody };
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
