import { z } from 'zod';

/**
 * `package.combine` — the packing bench's TikTok Shop combination (POST packages/combine),
 * enqueued in the transaction that puts another order's lines into the open package. It rides the
 * host order's stream (`tiktokOrderStream`), the same ordering key as that package's
 * `package.ship`, so the ship call is never sent before the platform combined the packages, and
 * it waits behind a combination that is retrying or refused.
 *
 * The combined package's id the platform answers is kept by the connector under the event's
 * idempotency key (`packageCombineKey`); the ship call and the label take it from there.
 */
export const packageCombinePayloadSchema = z.strictObject({
  stationId: z.string().min(1),
  /** Our package the orders are packed in. */
  packageId: z.string().min(1),
  /** The order whose package it is (its ship call follows this event). */
  platformOrderId: z.string().min(1).max(64),
  /** The group `combinable_packages/search` answered. */
  combinableId: z.string().min(1).max(64),
  /** Every order in the parcel, the host first. */
  platformOrderIds: z.array(z.string().min(1).max(64)).min(2).max(50),
  combinedBy: z.string().min(1),
  combinedAt: z.number().int(),
});
export type PackageCombinePayload = z.infer<typeof packageCombinePayloadSchema>;

/** One combination per set of orders, whatever order they were added in. */
export function packageCombineKey(platformOrderIds: readonly string[]): string {
  return `tiktok-combine:${[...platformOrderIds].sort().join('+')}`;
}

/** The stream of everything sent for one platform order (ship calls and combinations alike). */
export function tiktokOrderStream(platformOrderId: string): string {
  return `tiktok-order:${platformOrderId}`;
}
