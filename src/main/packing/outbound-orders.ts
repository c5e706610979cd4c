import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '../../shared/calendar/calendars';
import type { ItemClass } from '../../shared/packing/item-classes';
import {
  assessLateRisk,
  type LateRisk,
  type LateRiskPolicy,
  type OrderStage,
} from '../../shared/calendar/late-risk';
import {
  outboundOrderSchema,
  type OutboundOrder,
  type OutboundOrderStatus,
} from '../../shared/packing/outbound-order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { OrderChange, OrderChangeResult } from '../sync/order-sink';

/**
 * The orders to pack, whatever their source, keyed by (source, external id) so a re-pull or a
 * re-import never duplicates one. An upsert compares a hash of the order's content:
 *
 *   created    — new order (status to_pack, or cancelled if it arrives cancelled)
 *   unchanged  — same content: nothing written
 *   updated    — changed and not yet being packed: replaced
 *   conflict   — lines, recipient or COD changed after packing started: those are NOT applied
 *                (the bench packs what it scanned); the platform's stage, deadlines and any
 *                cancellation still are, so a cancellation is never missed
 *   older      — the source's update time is older than the stored one: ignored
 *
 * A cancellation moves the order to `cancelled` unless it was already handed over.
 */
export type UpsertResult = 'created' | 'unchanged' | 'updated' | 'conflict' | 'older';

export interface StoredOutboundOrder extends OutboundOrder {
  id: string;
  status: OutboundOrderStatus;
  createdAt: number;
  updatedAt: number;
}

export interface QueueEntry {
  order: StoredOutboundOrder;
  risk: LateRisk;
}

interface Row {
  id: string;
  source: string;
  external_id: string;
  seller: string | null;
  market: string;
  status: OutboundOrderStatus;
  stage: OutboundOrder['stage'];
  platform_status: string | null;
  cancellation: string | null;
  recipient: string;
  cod_minor: number | null;
  cod_currency: string | null;
  ship_by: number | null;
  ship_auto_cancel: number | null;
  collect_by: number | null;
  collect_auto_cancel: number | null;
  deliver_by: number | null;
  deliver_auto_cancel: number | null;
  shipping_type: OutboundOrder['shippingType'];
  delivery_option_id: string | null;
  service: string | null;
  notes: string | null;
  content_hash: string;
  source_hash: string;
  source_updated_at: number | null;
  created_at: number;
  updated_at: number;
}

interface LineRow {
  line_ref: string;
  sku: string;
  product_name: string;
  quantity: number;
  unit_grams: number | null;
  barcode: string | null;
  package_id: string | null;
  serial_required: number;
  item_classes: string;
}

/** What the bench packs: if any of it changes after packing started, that is a conflict. */
function contentHash(o: OutboundOrder): string {
  // A line without classes hashes as it did before lines had them: stored orders stay unchanged.
  const lines = o.lines.map(({ itemClasses, ...l }) => (itemClasses?.length ? { ...l, itemClasses } : l));
  return createHash('sha256')
    .update(JSON.stringify([o.recipient, o.cod, lines, o.service, o.notes, o.seller, o.market]))
    .digest('hex');
}

/** Everything the source said, for "unchanged". */
function fullHash(o: OutboundOrder): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        contentHash(o),
        o.stage,
        o.platformStatus,
        o.cancellation,
        o.deadlines,
        o.shippingType,
        o.deliveryOptionId,
      ]),
    )
    .digest('hex');
}

export class OutboundOrderStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
    /** Where a cancellation that came after the handover is recorded (absent in store-only tests). */
    private readonly audit?: Pick<AuditLog, 'record'>,
  ) {}

  /** Upserts inside the caller's transaction (a pull page and its cursor commit together). */
  upsertIn(tx: Db, input: OutboundOrder): { id: string; result: UpsertResult } {
    if (tx !== this.db || !tx.inTransaction)
      throw new Error('OutboundOrderStore.upsertIn outside a transaction');
    const order = outboundOrderSchema.parse(input);
    const now = this.clock.now();
    const existing = this.db
      .prepare<[string, string], Row>('SELECT * FROM outbound_orders WHERE source = ? AND external_id = ?')
      .get(order.source, order.externalId);
    const source = fullHash(order);
    if (!existing) {
      const id = this.newId();
      const status: OutboundOrderStatus = order.cancellation?.state === 'cancelled' ? 'cancelled' : 'to_pack';
      this.insertRow(id, order, status, source, now, now);
      this.writeLines(id, order);
      return { id, result: 'created' };
    }
    const id = existing.id;
    if (
      order.sourceUpdatedAt !== null &&
      existing.source_updated_at !== null &&
      order.sourceUpdatedAt < existing.source_updated_at
    ) {
      return { id, result: 'older' };
    }
    if (existing.source_hash === source) return { id, result: 'unchanged' };
    const contentChanged = existing.content_hash !== contentHash(order);
    const started =
      existing.status === 'packing' || existing.status === 'packed' || existing.status === 'handed_over';
    const cancelled = order.cancellation?.state === 'cancelled';
    const status: OutboundOrderStatus =
      cancelled && existing.status !== 'handed_over' ? 'cancelled' : existing.status;
    if (contentChanged && started) {
      // Keep what the bench packs; take the platform's side of the change.
      this.db
        .prepare(
          `UPDATE outbound_orders SET status = ?, stage = ?, platform_status = ?, cancellation = ?, ship_by = ?,
             ship_auto_cancel = ?, collect_by = ?, collect_auto_cancel = ?, deliver_by = ?, deliver_auto_cancel = ?,
             source_updated_at = ?, source_hash = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          status,
          order.stage,
          order.platformStatus,
          order.cancellation ? JSON.stringify(order.cancellation) : null,
          order.deadlines.shipBy,
          order.deadlines.shipAutoCancel,
          order.deadlines.collectBy,
          order.deadlines.collectAutoCancel,
          order.deadlines.deliverBy,
          order.deadlines.deliverAutoCancel,
          order.sourceUpdatedAt,
          source,
          now,
          id,
        );
      return { id, result: 'conflict' };
    }
    this.db.prepare('DELETE FROM outbound_order_lines WHERE order_id = ?').run(id);
    this.db.prepare('DELETE FROM outbound_orders WHERE id = ?').run(id);
    this.insertRow(id, order, status, source, existing.created_at, now);
    this.writeLines(id, order);
    return { id, result: 'updated' };
  }

  /**
   * Pulled or refetched orders (sync's OutboundOrderSink), inside the caller's transaction: how
   * many changed something. An older version is ignored and a cancellation stops the order's
   * packing, as upsertIn says.
   */
  applyIn(tx: Db, orders: readonly OutboundOrder[]): number {
    let changed = 0;
    for (const order of orders) {
      const { result } = this.upsertIn(tx, order);
      if (result !== 'unchanged' && result !== 'older') changed++;
    }
    return changed;
  }

  /**
   * What a webhook says about orders (sync's OutboundOrderSink), inside the notification's
   * transaction, before the refetch brings the orders whole. A cancellation stops packing at once
   * (the bench refuses the order at its next step); one that comes after the handover does not
   * un-ship the parcel: the order keeps `handed_over`, the cancellation is recorded on it and in the
   * audit log, and the outcome says so for the sender's answer and the log. The source's hash and
   * update time are left alone, so the refetched order is still applied over this.
   */
  applyChangesIn(tx: Db, changes: readonly OrderChange[]): OrderChangeResult[] {
    if (tx !== this.db || !tx.inTransaction)
      throw new Error('OutboundOrderStore.applyChangesIn outside a transaction');
    const now = this.clock.now();
    return changes.map(({ source, orderId, cancellation }) => {
      const row = this.db
        .prepare<[string, string], Row>('SELECT * FROM outbound_orders WHERE source = ? AND external_id = ?')
        .get(source, orderId);
      if (!row) return { orderId, outcome: 'not_here' };
      const had = row.cancellation ? (JSON.parse(row.cancellation) as OutboundOrder['cancellation']) : null;
      if (cancellation === null || had?.state === 'cancelled' || (cancellation === 'requested' && had)) {
        return { orderId, outcome: 'unchanged' };
      }
      const recorded = JSON.stringify({ state: cancellation, reason: had?.reason ?? null, at: now });
      if (cancellation === 'requested') {
        this.db
          .prepare('UPDATE outbound_orders SET cancellation = ?, updated_at = ? WHERE id = ?')
          .run(recorded, now, row.id);
        return { orderId, outcome: 'cancel_requested' };
      }
      const shipped = row.status === 'handed_over';
      this.db
        .prepare('UPDATE outbound_orders SET status = ?, cancellation = ?, updated_at = ? WHERE id = ?')
        .run(shipped ? row.status : 'cancelled', recorded, now, row.id);
      if (!shipped) return { orderId, outcome: 'cancelled' };
      this.audit?.record({
        userId: null,
        action: 'order.cancelled_after_handover',
        entityType: 'outbound_order',
        entityId: row.id,
        details: { source, orderRef: orderId },
      });
      return { orderId, outcome: 'after_handover' };
    });
  }

  /** Upserts in their own write transaction. */
  upsertMany(orders: readonly OutboundOrder[]): Promise<Array<{ id: string; result: UpsertResult }>> {
    return writeTransaction(this.db, () => orders.map((o) => this.upsertIn(this.db, o)));
  }

  get(id: string): StoredOutboundOrder | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM outbound_orders WHERE id = ?').get(id);
    return row ? this.read(row) : null;
  }

  bySource(source: string, externalId: string): StoredOutboundOrder | null {
    const row = this.db
      .prepare<[string, string], Row>('SELECT * FROM outbound_orders WHERE source = ? AND external_id = ?')
      .get(source, externalId);
    return row ? this.read(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbound_orders').get() as { n: number }).n;
  }

  /**
   * The pack queue: orders to pack or being packed, soonest deadline first, each with its late
   * risk on its market's calendar (`calendarFor`), the risky ones first.
   */
  queue(options: {
    now: number;
    calendarFor: (market: string) => WorkingCalendar;
    policy?: Partial<LateRiskPolicy>;
    limit?: number;
  }): QueueEntry[] {
    const rows = this.db
      .prepare<[number], Row>(
        `SELECT * FROM outbound_orders
         WHERE status IN ('to_pack', 'packing') AND stage IN ('to_ship', 'awaiting_collection')
         ORDER BY coalesce(ship_by, ship_auto_cancel, collect_by, deliver_by, 9007199254740991), created_at
         LIMIT ?`,
      )
      .all(options.limit ?? 500);
    const rank = { late: 0, at_risk: 1, on_time: 2 } as const;
    return rows
      .map((row) => {
        const order = this.read(row);
        const stage: OrderStage = order.stage === 'awaiting_collection' ? 'awaiting_collection' : 'to_ship';
        const risk = assessLateRisk({
          stage,
          deadlines: order.deadlines,
          now: options.now,
          calendar: options.calendarFor(order.market),
          ...(options.policy ? { policy: options.policy } : {}),
        });
        return { order, risk };
      })
      .sort((a, b) => rank[a.risk.status] - rank[b.risk.status]);
  }

  /** Moves an order along the bench (to_pack → packing → packed → handed_over). */
  setStatus(tx: Db, id: string, status: OutboundOrderStatus): void {
    if (tx !== this.db || !tx.inTransaction)
      throw new Error('OutboundOrderStore.setStatus outside a transaction');
    this.db
      .prepare('UPDATE outbound_orders SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, this.clock.now(), id);
  }

  private insertRow(
    id: string,
    o: OutboundOrder,
    status: OutboundOrderStatus,
    sourceHash: string,
    createdAt: number,
    updatedAt: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO outbound_orders (id, source, external_id, seller, market, status, stage, platform_status,
           cancellation, recipient, cod_minor, cod_currency, ship_by, ship_auto_cancel, collect_by,
           collect_auto_cancel, deliver_by, deliver_auto_cancel, shipping_type, delivery_option_id, service, notes,
           content_hash, source_hash, source_updated_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        o.source,
        o.externalId,
        o.seller,
        o.market,
        status,
        o.stage,
        o.platformStatus,
        o.cancellation ? JSON.stringify(o.cancellation) : null,
        JSON.stringify(o.recipient),
        o.cod?.amountMinor ?? null,
        o.cod?.currency ?? null,
        o.deadlines.shipBy,
        o.deadlines.shipAutoCancel,
        o.deadlines.collectBy,
        o.deadlines.collectAutoCancel,
        o.deadlines.deliverBy,
        o.deadlines.deliverAutoCancel,
        o.shippingType,
        o.deliveryOptionId,
        o.service,
        o.notes,
        contentHash(o),
        sourceHash,
        o.sourceUpdatedAt,
        createdAt,
        updatedAt,
      );
  }

  private writeLines(id: string, o: OutboundOrder): void {
    const insert = this.db.prepare(
      `INSERT INTO outbound_order_lines (order_id, position, line_ref, sku, product_name, quantity, unit_grams, barcode, package_id, serial_required, item_classes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    o.lines.forEach((l, i) =>
      insert.run(
        id,
        i,
        l.lineRef,
        l.sku,
        l.productName,
        l.quantity,
        l.unitGrams,
        l.barcode,
        l.packageId,
        l.serialRequired === true ? 1 : 0,
        JSON.stringify(l.itemClasses ?? []),
      ),
    );
  }

  private read(row: Row): StoredOutboundOrder {
    const lines = this.db
      .prepare<[string], LineRow>('SELECT * FROM outbound_order_lines WHERE order_id = ? ORDER BY position')
      .all(row.id);
    return {
      id: row.id,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      source: row.source,
      externalId: row.external_id,
      seller: row.seller,
      market: row.market,
      stage: row.stage,
      platformStatus: row.platform_status,
      cancellation: row.cancellation ? (JSON.parse(row.cancellation) as OutboundOrder['cancellation']) : null,
      recipient: JSON.parse(row.recipient) as OutboundOrder['recipient'],
      cod:
        row.cod_minor !== null && row.cod_currency !== null
          ? { amountMinor: row.cod_minor, currency: row.cod_currency }
          : null,
      deadlines: {
        shipBy: row.ship_by,
        shipAutoCancel: row.ship_auto_cancel,
        collectBy: row.collect_by,
        collectAutoCancel: row.collect_auto_cancel,
        deliverBy: row.deliver_by,
        deliverAutoCancel: row.deliver_auto_cancel,
      },
      lines: lines.map((l) => ({
        lineRef: l.line_ref,
        sku: l.sku,
        productName: l.product_name,
        quantity: l.quantity,
        unitGrams: l.unit_grams,
        barcode: l.barcode,
        packageId: l.package_id,
        // Only when required, so an order without the column hashes as it did before it existed.
        ...(l.serial_required === 1 ? { serialRequired: true } : {}),
        itemClasses: JSON.parse(l.item_classes) as ItemClass[],
      })),
      shippingType: row.shipping_type,
      deliveryOptionId: row.delivery_option_id,
      service: row.service,
      notes: row.notes,
      sourceUpdatedAt: row.source_updated_at,
    };
  }
}
