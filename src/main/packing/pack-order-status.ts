import type { Db } from '../db/open';
import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf } from './pack-booking';
import type { PackStore } from './pack-store';

/** Shipped by the platform's own carrier (TikTok Shop shipping type TIKTOK), not by our route. */
export function platformShipped(order: StoredOutboundOrder): boolean {
  return platformDestinationOf(order) !== null && order.shippingType === 'platform';
}

export function isCancelled(order: StoredOutboundOrder): boolean {
  return (
    order.status === 'cancelled' || order.cancellation?.state === 'cancelled' || order.stage === 'cancelled'
  );
}

/**
 * The order is packed when none of its packages is left to pack; an order combined into the
 * package follows the package.
 */
export function settleOrder(
  o: { store: Pick<PackStore, 'packagesOf' | 'combinedInto'>; orders: Pick<OutboundOrderStore, 'setStatus'> },
  db: Db,
  orderId: string,
  packageId: string,
): void {
  const open = o.store.packagesOf(orderId).some((p) => p.state === 'to_pack' || p.state === 'packing');
  o.orders.setStatus(db, orderId, open ? 'packing' : 'packed');
  for (const c of o.store.combinedInto(packageId)) o.orders.setStatus(db, c.order_id, 'packed');
}
