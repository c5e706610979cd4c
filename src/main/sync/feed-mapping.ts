import type { PulledReturnOrder, PulledTrackingEvent } from '../carriers/test-carrier/client';
import type { PullPage, PullSource } from './destination';
import type { ReturnOrderRecord, ReturnStatus } from './return-order-upserts';
import type { ParcelStatus, TrackingUpdateRecord } from './tracking-upserts';

/** A feed whose items are turned into the station's records as each page arrives. */
export function mapSource<A, B>(source: PullSource<A>, map: (item: A) => B): PullSource<B> {
  return {
    name: source.name,
    pull: async (cursor, signal): Promise<PullPage<B>> => {
      const page = await source.pull(cursor, signal);
      return { ...page, items: page.items.map(map) };
    },
  };
}

// TikTok Shop's return statuses, as far as the dock is concerned: still coming, called off, or done.
const RETURN_STATUS: Record<string, ReturnStatus> = {
  RETURN_OR_REFUND_REQUEST_PENDING: 'expected',
  AWAITING_BUYER_SHIP: 'expected',
  BUYER_SHIPPED_ITEM: 'expected',
  RETURN_OR_REFUND_REQUEST_SUCCESS: 'expected',
  REFUND_OR_RETURN_REQUEST_REJECT: 'cancelled',
  RETURN_OR_REFUND_REQUEST_CANCEL: 'cancelled',
  REJECT_RECEIVE_PACKAGE: 'cancelled',
  RETURN_OR_REFUND_REQUEST_COMPLETE: 'completed',
};

export function toReturnOrderRecord(item: PulledReturnOrder): ReturnOrderRecord {
  return {
    platform: 'tiktok_shop',
    platformReturnId: item.return_id,
    orderId: item.order_id,
    // An unknown status (a new platform value) keeps the return expected rather than dropping it.
    status: RETURN_STATUS[item.return_status] ?? 'expected',
    reason: item.return_reason ?? null,
    returnTrackingNumber: item.return_tracking_number,
    returnCarrier: item.return_provider_name ?? null,
    country: null,
    items: item.items.map((i) => ({
      sku: i.seller_sku,
      barcode: null,
      name: i.product_name,
      quantity: i.quantity,
    })),
  };
}

// karrio's normalised statuses onto the parcel statuses; null says nothing about the parcel's place.
const TRACKING_STATUS: Record<PulledTrackingEvent['status'], ParcelStatus | null> = {
  pending: 'created',
  picked_up: 'in_transit',
  on_hold: 'exception',
  cancelled: 'cancelled',
  delivered: 'delivered',
  in_transit: 'in_transit',
  delivery_failed: 'delivery_failed',
  delivery_delayed: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'out_for_delivery',
  return_to_sender: 'returning',
  unknown: null,
};

export function toTrackingRecord(item: PulledTrackingEvent): TrackingUpdateRecord {
  return {
    externalId: item.event_id,
    carrier: item.carrier,
    trackingNumber: item.tracking_number,
    status: TRACKING_STATUS[item.status],
    description: item.location ? `${item.description} (${item.location})` : item.description,
    occurredAt: Date.parse(item.occurred_at),
  };
}
