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

/**
 * `package.uncombine` — the bench took an order back out of a combination the platform had
 * already applied (POST packages/{id}/uncombine). Two events in one transaction: `host` on the
 * host order's stream makes the call, so the host's ship call, enqueued later, ships what is
 * left; `leaving` on the stream of the order taken out sends nothing and is delivered once the
 * host's part was, so that order's own ship call cannot overtake the uncombination and ship a
 * package the platform no longer has. A combination not yet sent is discarded instead and never
 * reaches the platform.
 */
export const packageUncombinePayloadSchema = z.strictObject({
  part: z.enum(['host', 'leaving']),
  stationId: z.string().min(1),
  packageId: z.string().min(1),
  /** The host order (the combination's stream). */
  platformOrderId: z.string().min(1).max(64),
  /** The delivered combination's outbox key: the connector knows the combined package by it. */
  combineKey: z.string().min(1).max(4000),
  /** The orders taken out of the parcel. */
  platformOrderIds: z.array(z.string().min(1).max(64)).min(1).max(49),
  uncombinedBy: z.string().min(1),
  uncombinedAt: z.number().int(),
});
export type PackageUncombinePayload = z.infer<typeof packageUncombinePayloadSchema>;

/** One combination per set of orders, whatever order they were added in. */
export function packageCombineKey(platformOrderIds: readonly string[]): string {
  return `tiktok-combine:${[...platformOrderIds].sort().join('+')}`;
}

/** The stream of everything sent for one platform order (ship calls and combinations alike). */
export function tiktokOrderStream(platformOrderId: string): string {
  return `tiktok-order:${platformOrderId}`;
}
