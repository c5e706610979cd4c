import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { Db } from '../db/open';

/** What a webhook says about an order before its refetch answers (WebhookNotification.orderChanges). */
export interface OrderChange {
  /** The orders' source, as the connector's orders carry it (`OutboundOrder.source`). */
  source: string;
  orderId: string;
  status: string | null;
  cancellation: 'requested' | 'cancelled' | null;
}

/**
 * cancelled      — the order stops being packed (the bench refuses it from its next step)
 * cancel_requested — the buyer asks to cancel; recorded on the order
 * after_handover — cancelled, but it already left with a carrier: recorded, not un-shipped
 * unchanged      — the order already says so, or the change names nothing the bench acts on
 * not_here       — no such order on this station (its refetch brings it whole)
 */
export type OrderChangeOutcome =
  'cancelled' | 'cancel_requested' | 'after_handover' | 'unchanged' | 'not_here';

export interface OrderChangeResult {
  orderId: string;
  outcome: OrderChangeOutcome;
}

/**
 * Where pulled and refetched orders go (the packing bench's order store implements it), so sync
 * moves orders without knowing packing: the sink decides what a newer, older or cancelled order
 * means for an order on the bench.
 */
export interface OutboundOrderSink {
  /** Writes inside the caller's transaction (a page and its cursor commit together); how many changed. */
  applyIn(tx: Db, orders: readonly OutboundOrder[]): number;
  /**
   * Applies what a webhook says about orders, inside the notification's transaction (so a replay,
   * which stores nothing, applies nothing; a throw rolls the whole notification back).
   */
  applyChangesIn(tx: Db, changes: readonly OrderChange[]): OrderChangeResult[];
}
