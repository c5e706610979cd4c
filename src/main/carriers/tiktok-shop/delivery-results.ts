import { z } from 'zod';
import { INCIDENT_REASONS, type IncidentReason } from '../../../shared/tracking';
import type { PackageDeliveryUpdate } from './client';

/**
 * Delivery results of the warehouse's own fleet, for TikTok Shop's seller-own-fleet markets (SEA):
 * `POST /fulfillment/202309/packages/deliver` with DELIVERY_SUCCESS / DELIVERY_FAILED (+ reason) /
 * UPDATE_POD (+ proof of delivery).
 *
 * PROPOSAL for the lead, not registered in src/shared/outbox-events.ts: the payload of a
 * `parcel.delivery_result` outbox event the driver app would enqueue with its scan, and how it
 * becomes the platform's package update. The proof photo is a blob hash like the receipt
 * decision's images; the connector uploads it (fulfilment image upload) and sends its URL.
 */
export const parcelDeliveryResultPayloadSchema = z
  .strictObject({
    stationId: z.string(),
    parcelId: z.string(),
    platformOrderId: z.string().min(1).max(64),
    platformPackageId: z.string().min(1).max(64),
    outcome: z.enum(['delivered', 'failed', 'proof_update']),
    /** Why the attempt failed; required when `outcome` is 'failed'. */
    reason: z.enum(INCIDENT_REASONS).nullable(),
    proof: z
      .strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        mimeType: z.enum(['image/jpeg', 'image/png']),
      })
      .nullable(),
    recordedBy: z.string(),
    attemptedAt: z.number().int(),
  })
  .refine((p) => p.outcome !== 'failed' || p.reason !== null, {
    message: 'a failed delivery needs a reason',
    path: ['reason'],
  })
  .refine((p) => p.outcome !== 'proof_update' || p.proof !== null, {
    message: 'a proof update needs the proof',
    path: ['proof'],
  });
export type ParcelDeliveryResultPayload = z.infer<typeof parcelDeliveryResultPayloadSchema>;

/** Our incident reasons as the platform's `fail_delivery_reason` values. */
export const FAIL_DELIVERY_REASONS: Readonly<Record<IncidentReason, string>> = {
  refused: 'BUYER_REFUSED',
  not_home: 'UNABLE_RECEIVE',
  bad_address: 'INVALID_ADDRESS',
  contact_failed: 'UNABLE_CONTACT_BUYER',
  rescheduled: 'DELAY_DELIVERY',
  damaged: 'PACKAGE_DAMAGE',
  lost: 'PACKAGE_LOST',
  customs: 'OTHER',
  weather: 'FORCE_MAJEURE',
  force_majeure: 'FORCE_MAJEURE',
  cod_not_ready: 'UNABLE_RECEIVE',
  held_at_depot: 'DELAY_DELIVERY',
  carrier_delay: 'DELAY_DELIVERY',
  other: 'OTHER',
};

/** The package update for a recorded result; `proofUrl` is the uploaded proof's URL, if any. */
export function packageUpdateOf(
  payload: ParcelDeliveryResultPayload,
  proofUrl: string | null,
): PackageDeliveryUpdate {
  const proof = proofUrl !== null ? { fileType: 'IMG' as const, fileUrl: proofUrl } : {};
  switch (payload.outcome) {
    case 'delivered':
      return { packageId: payload.platformPackageId, deliveryType: 'DELIVERY_SUCCESS', ...proof };
    case 'failed':
      return {
        packageId: payload.platformPackageId,
        deliveryType: 'DELIVERY_FAILED',
        failDeliveryReason: FAIL_DELIVERY_REASONS[payload.reason ?? 'other'],
        ...proof,
      };
    case 'proof_update':
      return { packageId: payload.platformPackageId, deliveryType: 'UPDATE_POD', ...proof };
  }
}
