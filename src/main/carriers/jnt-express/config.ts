import { z } from 'zod';
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

export const jntExpressConfigSchema = z.strictObject({
  kind: z.literal('jnt-express'),
  /** The `apiAccount` header (a number, from the open platform's console). */
  apiAccount: z.string().regex(/^\d{1,30}$/, 'digits only'),
  /** Signs every request: digest = base64(md5(bizContent + privateKey)). */
  privateKey: secret,
  /** Issued by the distribution partner; goes inside bizContent. */
  customerCode: z.string().min(1).max(30),
  /** The business password (plain text inside bizContent; not the private key). */
  password: secret,
  baseUrl: carrierBaseUrl('https://ylopenapi.jtexpress.my/webopenplatformapi'),
  carrierCode: carrierCode.default('jnt-my'),
  /** Parcels per pull page (one trace call each). */
  pageSize: z.number().int().min(1).max(100).default(20),
  /** The warehouse as the orders' sender; without it the account tracks but does not book. */
  sender: senderField.optional(),
  market: marketField.default('MY'),
  timeZone: timeZoneField.optional(),
  maxThrottleWaitMs,
  limits: limitsSchema(
    { requestsPerSecond: 2, burst: 2, maxConcurrency: 2, maxBatchSize: 1, requestTimeoutMs: 20_000 },
    { maxBatchSize: 1 },
  ),
});
export type JntExpressConfig = z.infer<typeof jntExpressConfigSchema>;
