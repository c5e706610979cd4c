import { z } from 'zod';
import { tiktokOrderStream } from './package-combine-event';

/**
 * `package.ship` — the packing bench's ship call for a platform order, enqueued in the same
 * transaction as the package's new state (packed). Two ways, as the platform offers them:
 *
 *   platform     — the platform's carrier: the package id, the handover method (PICKUP with a
 *                  pickup slot from the handover time slots, or DROP_OFF); the platform answers
 *                  with the tracking number and the label (shipping documents);
 *   own_carrier  — our carrier's tracking number and the platform's shipping-provider id for it
 *                  (it must be on the platform's list for the order's delivery option), for the
 *                  order lines in the parcel.
 *
 * Exactly once at the platform: the outbox idempotency key is `packageShipKey(payload)` (a second
 * enqueue for the same package fails on the key's unique index), and the connector notes each
 * key it has sent so a resend after a lost answer first asks the platform whether it applied it.
 * Ordering key: `tiktok-order:<platformOrderId>`, so the packages of one order ship in order, and
 * after a `package.combine` of that order (`combineKey`: the combined package is the one shipped).
 */
const slotSchema = z.strictObject({ startTime: z.number().int(), endTime: z.number().int() });

export const packageShipPayloadSchema = z
  .strictObject({
    stationId: z.string().min(1),
    /** Our outbound order id. */
    orderId: z.string().min(1),
    platformOrderId: z.string().min(1).max(64),
    /** Null only for an own-carrier shipment of lines the platform has not packaged yet. */
    platformPackageId: z.string().min(1).max(64).nullable(),
    method: z.enum(['platform', 'own_carrier']),
    handover: z
      .strictObject({ method: z.enum(['PICKUP', 'DROP_OFF']), pickupSlot: slotSchema.nullable() })
      .nullable(),
    ownCarrier: z
      .strictObject({
        trackingNumber: z.string().min(1).max(64),
        shippingProviderId: z.string().min(1).max(64),
        /** As the platform's list names it, for messages. */
        shippingProviderName: z.string().max(120),
        /** The order's delivery option, whose provider list the id must be on. */
        deliveryOptionId: z.string().min(1).max(64),
        /** The lines in this parcel; empty = the whole order. */
        orderLineItemIds: z.array(z.string().min(1).max(64)).max(500),
      })
      .nullable(),
    weightGrams: z.number().int().positive().nullable(),
    /**
     * The package was combined with other orders' (`packageCombineKey`): the ship call goes to the
     * package the combination answered. Absent in events written before combining existed.
     */
    combineKey: z.string().min(1).max(1_000).nullable().optional(),
    packedBy: z.string().min(1),
    packedAt: z.number().int(),
  })
  .refine((p) => p.method !== 'platform' || (p.handover !== null && p.platformPackageId !== null), {
    message: 'a platform shipment needs the package id and the handover method',
    path: ['handover'],
  })
  .refine((p) => p.method !== 'own_carrier' || p.ownCarrier !== null, {
    message: 'an own-carrier shipment needs the tracking number and provider',
    path: ['ownCarrier'],
  })
  .refine((p) => p.handover?.method !== 'PICKUP' || p.handover.pickupSlot !== null, {
    message: 'a pickup needs its pickup slot',
    path: ['handover', 'pickupSlot'],
  });
export type PackageShipPayload = z.infer<typeof packageShipPayloadSchema>;

/** The outbox idempotency key: one ship call per platform package (or per order lines). */
export function packageShipKey(p: PackageShipPayload): string {
  const what =
    p.platformPackageId ?? `lines:${[...(p.ownCarrier?.orderLineItemIds ?? [])].sort().join('+') || 'all'}`;
  return `tiktok-ship:${p.platformOrderId}:${what}`;
}

export function packageShipOrderingKey(p: PackageShipPayload): string {
  return tiktokOrderStream(p.platformOrderId);
}
