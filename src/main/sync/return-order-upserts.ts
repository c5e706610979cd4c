import type { RETURN_STATUSES } from '../../shared/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';

export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** A return order as a platform feed reports it, already normalised by the source's adapter. */
export interface ReturnOrderRecord {
  platform: 'tiktok_shop' | 'manual';
  platformReturnId: string;
  orderId: string;
  status: ReturnStatus;
  reason: string | null;
  returnTrackingNumber: string | null;
  /**
   * Carrier of the return parcel and its country; with both known the parcel row is created too.
   * A null country is taken from the order's outbound parcel when this station has it.
   */
  returnCarrier: string | null;
  country: string | null;
  items: { sku: string; barcode: string | null; name: string; quantity: number }[];
  /**
   * The platform's own fields, kept verbatim for the bench (what the seller must do, and by when).
   * Left out by a source that has none: the stored values stay as they are.
   */
  platformFields?: PlatformFields;
}

export interface PlatformFields {
  /** The platform's status (BUYER_SHIPPED_ITEM…). */
  status: string;
  returnType: string | null;
  buyerName: string | null;
  /** What the platform waits for from the seller; null when it waits for nothing (any more). */
  nextAction: { action: string; deadline: number | null } | null;
  /** The platform's update time of this version (ms): an older version never replaces a newer one. */
  updatedAt: number;
}

// The warehouse moves a return forward (received → inspecting → completed); a feed that is behind
// must not move it back. Only a return still expected may be cancelled by the platform.
const PROGRESS: Record<ReturnStatus, number> = {
  expected: 0,
  cancelled: 0,
  received: 1,
  inspecting: 2,
  completed: 3,
};

function mergeStatus(local: ReturnStatus, remote: ReturnStatus): ReturnStatus {
  if (remote === 'cancelled') return local === 'expected' ? 'cancelled' : local;
  if (local === 'cancelled') return remote === 'expected' ? local : remote;
  return PROGRESS[remote] > PROGRESS[local] ? remote : local;
}

interface ExistingReturn {
  id: string;
  status: ReturnStatus;
  order_id: string;
  parcel_id: string | null;
  return_tracking_number: string | null;
  reason: string | null;
  platform_status: string | null;
  return_type: string | null;
  buyer_name: string | null;
  next_action: string | null;
  next_action_deadline: number | null;
  platform_updated_at: number | null;
}

/** The columns an upsert may change, as stored. */
type ReturnColumns = Omit<ExistingReturn, 'id'>;

/**
 * Upserts return orders by (platform, platform_return_id), with their expected items and the return
 * parcel. Applying the same record twice leaves the database as applying it once.
 * Call inside the caller's transaction (the pull runner commits rows and cursor together).
 */
export class ReturnOrderUpserts {
  private readonly findReturn;
  private readonly insertReturn;
  private readonly updateReturn;
  private readonly countryOfOrder;
  private readonly findParcel;
  private readonly insertParcel;
  private readonly itemsOfReturn;
  private readonly insertItem;
  private readonly updateItem;
  private readonly deleteItem;

  // Prepared once: a daily pull applies thousands of records, each through several of these.
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.findReturn = db.prepare<[string, string], ExistingReturn>(
      `SELECT id, status, order_id, parcel_id, return_tracking_number, reason, platform_status, return_type,
              buyer_name, next_action, next_action_deadline, platform_updated_at
         FROM return_orders WHERE platform = ? AND platform_return_id = ?`,
    );
    this.insertReturn = db.prepare(
      `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number,
             status, reason, platform_status, return_type, buyer_name, next_action, next_action_deadline,
             platform_updated_at, created_at, updated_at)
           VALUES (@id, @platform, @platformReturnId, @order_id, @parcel_id, @return_tracking_number, @status,
             @reason, @platform_status, @return_type, @buyer_name, @next_action, @next_action_deadline,
             @platform_updated_at, @now, @now)`,
    );
    this.updateReturn = db.prepare(
      `UPDATE return_orders SET order_id = @order_id, parcel_id = @parcel_id,
             return_tracking_number = @return_tracking_number, status = @status, reason = @reason,
             platform_status = @platform_status, return_type = @return_type, buyer_name = @buyer_name,
             next_action = @next_action, next_action_deadline = @next_action_deadline,
             platform_updated_at = @platform_updated_at, updated_at = @now
           WHERE id = @id`,
    );
    this.countryOfOrder = db.prepare<[string], { country: string }>(
      'SELECT country FROM parcels WHERE order_id = ? ORDER BY created_at LIMIT 1',
    );
    this.findParcel = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM parcels WHERE carrier = ? AND tracking_number = ?',
    );
    this.insertParcel = db.prepare(
      `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, last_tracking_at,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'return', 'in_transit', NULL, ?, ?)`,
    );
    this.itemsOfReturn = db.prepare<
      [string],
      { id: string; sku: string; barcode: string | null; name: string; quantity: number }
    >('SELECT id, sku, barcode, name, quantity FROM return_items WHERE return_order_id = ?');
    this.insertItem = db.prepare(
      'INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateItem = db.prepare('UPDATE return_items SET barcode = ?, name = ?, quantity = ? WHERE id = ?');
    this.deleteItem = db.prepare(
      'DELETE FROM return_items WHERE id = ? AND NOT EXISTS (SELECT 1 FROM qc_decisions WHERE return_item_id = ?)',
    );
  }

  /** Returns how many records changed something. */
  apply(records: readonly ReturnOrderRecord[]): number {
    let changed = 0;
    for (const record of records) if (this.applyOne(record)) changed++;
    return changed;
  }

  private applyOne(r: ReturnOrderRecord): boolean {
    const now = this.clock.now();
    const existing = this.findReturn.get(r.platform, r.platformReturnId);
    // An older version of the return than the one stored (an overlapping window, a replayed
    // page): the newer one stays, whole.
    if (
      existing?.platform_updated_at != null &&
      r.platformFields !== undefined &&
      r.platformFields.updatedAt < existing.platform_updated_at
    ) {
      return false;
    }
    const parcelId = this.upsertReturnParcel(r, now);
    let returnId: string;
    let changes = 0;
    if (!existing) {
      returnId = this.newId();
      changes += this.insertReturn.run({
        id: returnId,
        platform: r.platform,
        platformReturnId: r.platformReturnId,
        now,
        ...this.columns(r, parcelId, null),
      }).changes;
    } else {
      returnId = existing.id;
      const next = this.columns(r, parcelId, existing);
      // Only a real difference bumps updated_at, so a replayed page is a no-op.
      const changed = (Object.keys(next) as (keyof ReturnColumns)[]).some((k) => next[k] !== existing[k]);
      if (changed) changes += this.updateReturn.run({ ...next, id: returnId, now }).changes;
    }
    changes += this.upsertItems(returnId, r.items);
    return changes > 0;
  }

  /** The row's columns after this record: what the record does not say is kept as stored. */
  private columns(r: ReturnOrderRecord, parcelId: string | null, old: ExistingReturn | null): ReturnColumns {
    const p = r.platformFields;
    return {
      order_id: r.orderId,
      parcel_id: parcelId ?? old?.parcel_id ?? null,
      return_tracking_number: r.returnTrackingNumber ?? old?.return_tracking_number ?? null,
      status: old ? mergeStatus(old.status, r.status) : r.status,
      reason: r.reason,
      platform_status: p ? p.status : (old?.platform_status ?? null),
      return_type: p ? p.returnType : (old?.return_type ?? null),
      // A later version may leave the buyer out (masked after completion): the name stays.
      buyer_name: p?.buyerName ?? old?.buyer_name ?? null,
      // The platform no longer waiting for the seller clears the action and its deadline.
      next_action: p ? (p.nextAction?.action ?? null) : (old?.next_action ?? null),
      next_action_deadline: p ? (p.nextAction?.deadline ?? null) : (old?.next_action_deadline ?? null),
      platform_updated_at: p ? p.updatedAt : (old?.platform_updated_at ?? null),
    };
  }

  private upsertReturnParcel(r: ReturnOrderRecord, now: number): string | null {
    if (!r.returnTrackingNumber || !r.returnCarrier) return null;
    const country = r.country ?? this.countryOfOrder.get(r.orderId)?.country;
    if (!country) return null;
    const found = this.findParcel.get(r.returnCarrier, r.returnTrackingNumber);
    if (found) return found.id;
    const id = this.newId();
    this.insertParcel.run(id, r.returnTrackingNumber, r.returnCarrier, country, r.orderId, now, now);
    return id;
  }

  /** Items are matched by SKU; one a clerk has already graded is never deleted. */
  private upsertItems(returnId: string, items: ReturnOrderRecord['items']): number {
    const existing = this.itemsOfReturn.all(returnId);
    const bySku = new Map(existing.map((i) => [i.sku, i]));
    const incoming = new Map<string, ReturnOrderRecord['items'][number]>();
    for (const item of items) {
      const prev = incoming.get(item.sku);
      incoming.set(item.sku, prev ? { ...item, quantity: prev.quantity + item.quantity } : item);
    }
    let changes = 0;
    for (const item of incoming.values()) {
      const old = bySku.get(item.sku);
      if (!old) {
        changes += this.insertItem.run(
          this.newId(),
          returnId,
          item.sku,
          item.barcode,
          item.name,
          item.quantity,
        ).changes;
      } else if (old.barcode !== item.barcode || old.name !== item.name || old.quantity !== item.quantity) {
        changes += this.updateItem.run(item.barcode, item.name, item.quantity, old.id).changes;
      }
    }
    for (const old of existing) {
      if (incoming.has(old.sku)) continue;
      changes += this.deleteItem.run(old.id, old.id).changes;
    }
    return changes;
  }
}
