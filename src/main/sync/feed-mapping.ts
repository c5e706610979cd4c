import type { PlatformReturnOrder } from '../../shared/platform-returns';
import type { TrackingEvent, TrackingStatus } from '../../shared/tracking';
import type { PullPage, PullSource } from './destination';
import type { ReturnOrderRecord } from './return-order-upserts';
import type { ParcelStatus, TrackingUpdateRecord } from './tracking-upserts';

/**
 * The shared models every connector hands over (src/shared/platform-returns.ts, tracking.ts) onto
 * the station's records. One mapping for every connector: sync never reads a carrier's own shapes.
 */

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

export function toReturnOrderRecord(order: PlatformReturnOrder): ReturnOrderRecord {
  return {
    platform: order.platform,
    platformReturnId: order.platformReturnId,
    orderId: order.orderId,
    status: order.status,
    reason: order.reason,
    returnTrackingNumber: order.returnTrackingNumber,
    returnCarrier: order.returnCarrier,
    country: order.country,
    items: order.items.map((i) => ({ sku: i.sku, barcode: i.barcode, name: i.name, quantity: i.quantity })),
    platformFields: {
      status: order.platformStatus,
      returnType: order.returnType,
      buyerName: order.buyerName,
      nextAction: order.nextAction,
      updatedAt: order.updatedAt,
    },
  };
}

/**
 * The model's statuses onto the parcel's; null says nothing about where the parcel is (kept in
 * the history only): an unknown code, or a tracking service that gave up ("expired").
 */
const PARCEL_STATUS: Record<TrackingStatus, ParcelStatus | null> = {
  pending: 'created',
  info_received: 'created',
  picked_up: 'in_transit',
  in_transit: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  delivery_failed: 'delivery_failed',
  delivered: 'delivered',
  ready_for_pickup: 'out_for_delivery',
  return_to_sender: 'returning',
  returned: 'returning',
  exception: 'exception',
  lost: 'exception',
  expired: null,
  unknown: null,
};

export function toTrackingRecord(event: TrackingEvent): TrackingUpdateRecord {
  return {
    externalId: event.externalId,
    carrier: event.carrier,
    trackingNumber: event.trackingNumber,
    status: PARCEL_STATUS[event.status],
    description: event.location ? `${event.description} (${event.location})` : event.description,
    occurredAt: event.occurredAtMs,
  };
}
