import { z } from 'zod';
import type { Market } from '../carrier-time';
import {
  carrierBaseUrl,
  carrierCode,
  limitsSchema,
  marketField,
  maxThrottleWaitMs,
  secret,
  senderField,
  timeZoneField,
} from '../config-fields';

/** Ninja Van's country codes, the first segment of every path. */
export const NINJA_VAN_COUNTRIES = ['sg', 'my', 'th', 'vn', 'ph', 'id'] as const;

/** The market (and so the zone of times sent without an offset) of each country; ID has three zones. */
export const NINJA_VAN_MARKETS: Partial<Record<(typeof NINJA_VAN_COUNTRIES)[number], Market>> = {
  sg: 'SG',
  my: 'MY',
  th: 'TH',
  vn: 'VN',
  ph: 'PH',
};

export const ninjaVanConfigSchema = z.strictObject({
  kind: z.literal('ninja-van'),
  clientId: z.string().min(1).max(200),
  /** The client secret: the OAuth client credential and the webhook HMAC key. */
  clientSecret: secret,
  country: z.enum(NINJA_VAN_COUNTRIES),
  baseUrl: carrierBaseUrl('https://api.ninjavan.co'),
  /** Our carrier code of this account's parcels; default ninjavan-<country>. */
  carrierCode: carrierCode.optional(),
  /** Parcels asked per pull page (one tracking-events call each). */
  pageSize: z.number().int().min(1).max(100).default(20),
  /** The warehouse as the orders' sender; without it the account tracks but does not book. */
  sender: senderField.optional(),
  market: marketField.optional(),
  timeZone: timeZoneField.optional(),
  maxThrottleWaitMs,
  limits: limitsSchema(
    { requestsPerSecond: 2, burst: 2, maxConcurrency: 2, maxBatchSize: 1, requestTimeoutMs: 20_000 },
    { maxBatchSize: 1 },
  ),
});
export type NinjaVanConfig = z.infer<typeof ninjaVanConfigSchema>;
