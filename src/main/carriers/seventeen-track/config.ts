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

/** 17TRACK answers at most 40 numbers per call (error -18010014 above). */
export const SEVENTEEN_TRACK_MAX_BATCH = 40;

export const seventeenTrackConfigSchema = z.strictObject({
  kind: z.literal('seventeen-track'),
  /** The account's security key, sent as the `17token` header; it also signs webhooks. */
  apiKey: secret,
  baseUrl: carrierBaseUrl('https://api.17track.net/track/v2.2'),
  /** Our carrier code → 17TRACK carrier key; a carrier not listed is left to 17TRACK to detect. */
  carrierKeys: z.record(carrierCode, z.number().int().positive()).default({}),
  /** Our carrier codes to track through 17TRACK; absent: every parcel on the tracked list. */
  carriers: z.array(carrierCode).min(1).optional(),
  /** Numbers per register / gettrackinfo call. */
  batchSize: z.number().int().min(1).max(SEVENTEEN_TRACK_MAX_BATCH).default(SEVENTEEN_TRACK_MAX_BATCH),
  /** Register numbers 17TRACK does not know yet when a pull meets them. */
  autoRegister: z.boolean().default(true),
  market: marketField.optional(),
  timeZone: timeZoneField.optional(),
  maxThrottleWaitMs,
  limits: limitsSchema(
    // A community summary reports about 3 requests/s; stay below it until 17TRACK says otherwise.
    {
      requestsPerSecond: 2,
      burst: 2,
      maxConcurrency: 1,
      maxBatchSize: SEVENTEEN_TRACK_MAX_BATCH,
      requestTimeoutMs: 20_000,
    },
    { maxBatchSize: SEVENTEEN_TRACK_MAX_BATCH },
  ),
});
export type SeventeenTrackConfig = z.infer<typeof seventeenTrackConfigSchema>;
