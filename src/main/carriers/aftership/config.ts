import { z } from 'zod';
import {
  carrierBaseUrl,
  carrierCode,
  limitsSchema,
  marketField,
  maxThrottleWaitMs,
  secret,
  timeZoneField,
} from '../config-fields';

export const afterShipConfigSchema = z.strictObject({
  kind: z.literal('aftership'),
  /** Sent as the `as-api-key` header. */
  apiKey: secret,
  /** The webhook secret of the AfterShip organisation: signs `aftership-hmac-sha256`. */
  webhookSecret: secret.optional(),
  baseUrl: carrierBaseUrl('https://api.aftership.com/tracking/2025-04'),
  /** Our carrier code → AfterShip courier slug; a carrier not listed is left to AfterShip to detect. */
  slugs: z.record(carrierCode, z.string().regex(/^[a-z0-9-]{1,64}$/)).default({}),
  /** Trackings per page of GET /trackings. */
  pageSize: z.number().int().min(1).max(200).default(100),
  /** How far back the very first pull reads trackings updated. */
  firstPullLookbackMs: z
    .number()
    .int()
    .min(60_000)
    .max(90 * 86_400_000)
    .default(3 * 86_400_000),
  market: marketField.optional(),
  timeZone: timeZoneField.optional(),
  maxThrottleWaitMs,
  limits: limitsSchema(
    { requestsPerSecond: 2, burst: 2, maxConcurrency: 1, maxBatchSize: 1, requestTimeoutMs: 20_000 },
    // POST /trackings creates one tracking per call.
    { maxBatchSize: 1 },
  ),
});
export type AfterShipConfig = z.infer<typeof afterShipConfigSchema>;
