import { z } from 'zod';
import type { OutboundOrder } from '../../../shared/packing/outbound-order';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import type { PullPage, PullSource } from '../../sync/destination';
import type { RequestPacer } from '../request-pacer';
import type { TikTokShopConfig } from './config';
import type { TikTokFulfillment } from './fulfillment-client';
import { toOutboundOrder } from './order-mapping';

/**
 * Orders pulled by update time, every status (a cancellation must be seen, so the pull never
 * filters on AWAITING_SHIPMENT), resumably, as OutboundOrders for the pack queue.
 *
 * Keyset paging rather than trusting offset page tokens: each query asks for
 * update_time ∈ [mark, lt), ascending; after a full page the next query starts at the page's
 * highest update_time (those orders come again — harmless, upserts are idempotent and never
 * move backwards). An order updated while we read moves to a later update_time, still inside
 * [mark, lt) or past lt (then the next window has it): nothing is skipped. Only when a whole page
 * shares one second does the page token carry the query on within that second.
 * Windows: [ge, lt) with lt fixed at the window's start; the next starts `overlapSeconds` before.
 */
const cursorSchema = z.object({
  v: z.literal(1),
  done: z.number().int().nullable(),
  window: z.object({ lt: z.number().int(), mark: z.number().int(), token: z.string().nullable() }).nullable(),
});
type Cursor = z.infer<typeof cursorSchema>;

export interface OrdersPullOptions {
  name: string;
  source: string;
  fulfillment: TikTokFulfillment;
  config: TikTokShopConfig;
  clock: Clock;
  /** The account's request budget; each search and order lookup takes one token. */
  pacer: RequestPacer;
  onUnknownStatus(code: string, orderId: string): void;
}

export class TikTokOrdersPull implements PullSource<OutboundOrder> {
  readonly name: string;

  constructor(private readonly options: OrdersPullOptions) {
    this.name = options.name;
  }

  async pull(saved: string | null, signal: AbortSignal): Promise<PullPage<OutboundOrder>> {
    const { config, clock, fulfillment } = this.options;
    const cursor = this.read(saved);
    const nowS = Math.floor(clock.now() / 1000);
    const window =
      cursor.window ??
      (() => {
        const start =
          cursor.done === null
            ? nowS - config.fulfilment.initialLookbackDays * 86_400
            : cursor.done - config.fulfilment.overlapSeconds;
        return { lt: nowS + 1, mark: Math.max(0, start), token: null };
      })();
    const page = await this.options.pacer.run(signal, () =>
      fulfillment.searchOrders(
        {
          filters: { update_time_ge: window.mark, update_time_lt: window.lt },
          pageSize: config.fulfilment.ordersPageSize,
          pageToken: window.token,
          sortField: 'update_time',
          sortOrder: 'ASC',
        },
        signal,
      ),
    );
    const orders = page.orders ?? [];
    const items = orders.map((o) => this.map(o));
    const next = page.next_page_token || null;
    if (next === null) return this.page(items, { v: 1, done: window.lt, window: null }, false);
    const highest = orders.reduce((m, o) => Math.max(m, o.update_time), window.mark);
    const continued =
      highest > window.mark ? { lt: window.lt, mark: highest, token: null } : { ...window, token: next };
    return this.page(items, { v: 1, done: cursor.done, window: continued }, true);
  }

  /** Every order awaiting shipment now (the pack queue's first load), all pages. */
  async awaitingShipment(signal: AbortSignal): Promise<OutboundOrder[]> {
    const seen = new Map<string, OutboundOrder>();
    let token: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const page = await this.options.pacer.run(signal, () =>
        this.options.fulfillment.searchOrders(
          {
            filters: { order_status: 'AWAITING_SHIPMENT' },
            pageSize: this.options.config.fulfilment.ordersPageSize,
            pageToken: token,
            sortField: 'create_time',
            sortOrder: 'ASC',
          },
          signal,
        ),
      );
      for (const o of page.orders ?? []) seen.set(o.id, this.map(o));
      token = page.next_page_token || null;
      if (!token) break;
    }
    return [...seen.values()];
  }

  /** Orders by id, whole (a webhook named them). */
  async byIds(ids: readonly string[], signal: AbortSignal): Promise<OutboundOrder[]> {
    const out: OutboundOrder[] = [];
    for (let i = 0; i < ids.length; i += 50) {
      const chunk = ids.slice(i, i + 50);
      const orders = await this.options.pacer.run(signal, () =>
        this.options.fulfillment.ordersByIds(chunk, signal),
      );
      out.push(...orders.map((o) => this.map(o)));
    }
    return out;
  }

  /**
   * The orders in these packages, whole: each package's detail names its order (several, once
   * combined), then the orders are read as byIds does. A package the platform refuses to show
   * (unknown, or cancelled away) is left out, like an unknown order id.
   */
  async byPackageIds(packageIds: readonly string[], signal: AbortSignal): Promise<OutboundOrder[]> {
    const orderIds = new Set<string>();
    for (const packageId of packageIds) {
      try {
        const detail = await this.options.pacer.run(signal, () =>
          this.options.fulfillment.packageDetail(packageId, signal),
        );
        if (detail.order_id) orderIds.add(detail.order_id);
        for (const order of detail.orders ?? []) orderIds.add(order.id);
      } catch (err) {
        if (!(err instanceof DeliveryError && err.kind === 'rejected')) throw err;
      }
    }
    return this.byIds([...orderIds], signal);
  }

  private map(o: Parameters<typeof toOutboundOrder>[0]): OutboundOrder {
    return toOutboundOrder(o, {
      source: this.options.source,
      region: this.options.config.region,
      onUnknownStatus: this.options.onUnknownStatus,
    });
  }

  private page(items: OutboundOrder[], cursor: Cursor, hasMore: boolean): PullPage<OutboundOrder> {
    return { items, nextCursor: JSON.stringify(cursor), hasMore };
  }

  private read(saved: string | null): Cursor {
    if (saved === null) return { v: 1, done: null, window: null };
    try {
      return cursorSchema.parse(JSON.parse(saved));
    } catch {
      // A cursor from an older version or a damaged row: start from the lookback (re-reading is harmless).
      return { v: 1, done: null, window: null };
    }
  }
}
