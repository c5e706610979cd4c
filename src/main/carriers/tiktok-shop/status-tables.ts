import type { RETURN_STATUSES } from '../../../shared/domain';
import type { PlatformStage } from '../../../shared/packing/outbound-order';
import type { StatusMapping } from '../../../shared/tracking';

/**
 * TikTok Shop's status codes and what they mean to the station.
 *
 * Return statuses (search returns / RETURN_STATUS_CHANGE, every value of the 202309 reference):
 * the station only needs "still coming" (expected), "will not come / nothing to do" (cancelled)
 * and "decided" (completed); receiving and inspecting are the station's own steps. The platform's
 * value is always kept verbatim next to it, so a table fix never loses what was said.
 */
export interface ReturnStatusMapping {
  status: Extract<(typeof RETURN_STATUSES)[number], 'expected' | 'cancelled' | 'completed'>;
  /** What the status says, for the supervisor's reference table. */
  meaning: string;
}

export const RETURN_STATUS_TABLE: Readonly<Record<string, ReturnStatusMapping>> = {
  RETURN_OR_REFUND_REQUEST_PENDING: {
    status: 'expected',
    meaning: 'the buyer asked; seller or platform to review',
  },
  REFUND_OR_RETURN_REQUEST_REJECT: { status: 'cancelled', meaning: 'the request was rejected' },
  AWAITING_BUYER_SHIP: { status: 'expected', meaning: 'approved; waiting for the buyer to send the items' },
  BUYER_SHIPPED_ITEM: {
    status: 'expected',
    meaning: 'the buyer sent the items; the receipt decision is ours',
  },
  REJECT_RECEIVE_PACKAGE: { status: 'completed', meaning: 'the seller rejected the received package' },
  RETURN_OR_REFUND_REQUEST_SUCCESS: { status: 'completed', meaning: 'approved; the buyer will be refunded' },
  RETURN_OR_REFUND_REQUEST_CANCEL: { status: 'cancelled', meaning: 'cancelled by the buyer or the system' },
  RETURN_OR_REFUND_REQUEST_COMPLETE: { status: 'completed', meaning: 'refunded' },
  AWAITING_BUYER_RESPONSE: {
    status: 'expected',
    meaning: 'the seller offered another solution; the buyer to answer',
  },
  REPLACEMENT_REQUEST_PENDING: { status: 'expected', meaning: 'the buyer asked for a replacement' },
  REPLACEMENT_REQUEST_REJECT: { status: 'cancelled', meaning: 'the seller rejected the replacement' },
  REPLACEMENT_REQUEST_REFUND_SUCCESS: {
    status: 'completed',
    meaning: 'refunded instead of replaced (no stock)',
  },
  REPLACEMENT_REQUEST_CANCEL: { status: 'cancelled', meaning: 'the buyer cancelled the replacement' },
  REPLACEMENT_REQUEST_COMPLETE: { status: 'completed', meaning: 'replacement approved; a new order follows' },
};

/**
 * An unknown return status still shows the return to the clerks (expected), marked unknown so the
 * caller reports it: hiding a parcel that may be on the dock would be the worse mistake.
 */
export function mapReturnStatus(code: string): ReturnStatusMapping & { known: boolean } {
  const hit = Object.hasOwn(RETURN_STATUS_TABLE, code) ? RETURN_STATUS_TABLE[code] : undefined;
  return hit
    ? { ...hit, known: true }
    : { status: 'expected', meaning: 'unknown to this connector', known: false };
}

/**
 * Package statuses (fulfilment 202309), the tracking-model table of the connector definition:
 * what a PACKAGE_UPDATE or a package lookup says about an outbound parcel.
 */
export const PACKAGE_STATUS_TABLE: Readonly<Record<string, StatusMapping>> = {
  /** Waiting for the seller to arrange shipment (the packing bench's turn). */
  TO_FULFILL: { status: 'pending' },
  PROCESSING: { status: 'pending' },
  FULFILLING: { status: 'in_transit' },
  COMPLETED: { status: 'delivered' },
  CANCELLED: { status: 'exception' },
};

/**
 * Order statuses (order 202309 reference: UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING,
 * AWAITING_COLLECTION, IN_TRANSIT, DELIVERED, COMPLETED, CANCELLED) → where the order is for the
 * packing bench. ON_HOLD is the buyer's remorse window (about an hour; fulfilment calls fail with
 * 21011044, community): visible, not packable. An unknown status is shown as to-ship and reported.
 */
export const ORDER_STATUS_TABLE: Readonly<Record<string, { stage: PlatformStage; meaning: string }>> = {
  UNPAID: { stage: 'unpaid', meaning: 'placed, payment not finished' },
  ON_HOLD: {
    stage: 'on_hold',
    meaning: 'paid; the buyer may still cancel without the seller (remorse window)',
  },
  AWAITING_SHIPMENT: { stage: 'to_ship', meaning: 'ready to ship; nothing shipped yet' },
  PARTIALLY_SHIPPING: { stage: 'to_ship', meaning: 'some, not all, items shipped' },
  AWAITING_COLLECTION: {
    stage: 'awaiting_collection',
    meaning: 'shipment arranged; waiting for the carrier',
  },
  IN_TRANSIT: { stage: 'in_transit', meaning: 'collected by the carrier' },
  DELIVERED: { stage: 'done', meaning: 'delivered to the buyer' },
  COMPLETED: { stage: 'done', meaning: 'completed; no more returns or refunds' },
  CANCELLED: { stage: 'cancelled', meaning: 'cancelled' },
};

export function mapOrderStatus(code: string): { stage: PlatformStage; known: boolean } {
  const hit = Object.hasOwn(ORDER_STATUS_TABLE, code) ? ORDER_STATUS_TABLE[code] : undefined;
  return hit ? { stage: hit.stage, known: true } : { stage: 'to_ship', known: false };
}
