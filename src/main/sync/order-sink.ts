import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { Db } from '../db/open';

/**
 * Where pulled and refetched orders go (the packing bench's order store implements it), so sync
 * moves orders without knowing packing: the sink decides what a newer, older or cancelled order
 * means for an order on the bench.
 */
export interface OutboundOrderSink {
  /** Writes inside the caller's transaction (a page and its cursor commit together); how many changed. */
  applyIn(tx: Db, orders: readonly OutboundOrder[]): number;
}
