import { z } from 'zod';

/**
 * `package.combine` — the packing bench put other orders of the same buyer into the open
 * package; for TikTok Shop, the platform's combination of those orders' packages
 * (packages/combine with the combinable package id from combinable_packages/search), enqueued in
 * the same transaction as the package's new lines.
 *
 * Ordering key: the first order's, as its ship call's (`tiktok-order:<platformOrderId>`), so the
 * platform has the combined package before it is shipped. Exactly once: the outbox idempotency
 * key is `packageCombineKey(payload)`; the connector notes it before sending and keeps the new
 * package id under it.
 */
export const packageCombinePayloadSchema = z.strictObject({
  stationId: z.string().min(1),
  /** Our package the orders are packed in. */
  packageId: z.string().min(1),
  /** Our outbound order id of the package's own order. */
  orderId: z.string().min(1),
  platformOrderId: z.string().min(1).max(64),
  /** The platform's combinable package id the orders belong to. */
  combinableId: z.string().min(1).max(64),
  /** Every platform order in the parcel, the package's own first. */
  platformOrderIds: z.array(z.string().min(1).max(64)).min(2).max(50),
  combinedBy: z.string().min(1),
  combinedAt: z.number().int(),
});
export type PackageCombinePayload = z.infer<typeof packageCombinePayloadSchema>;

export function packageCombineKey(p: PackageCombinePayload): string {
  return `tiktok-combine:${p.combinableId}:${[...p.platformOrderIds].sort().join('+')}`;
}

/** The same as the first order's ship call: combine, then ship. */
export function packageCombineOrderingKey(p: PackageCombinePayload): string {
  return `tiktok-order:${p.platformOrderId}`;
}
