import type { Db } from '../../src/main/db/open';

/** Inserts a parcel row; the caller picks what a scan should find. */
export function insertParcel(
  db: Db,
  p: {
    id: string;
    trackingNumber: string;
    carrier: string;
    country?: string;
    orderId?: string | null;
    direction?: 'outbound' | 'return';
    status?: string;
    at?: number;
  },
): void {
  db.prepare(
    `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    p.trackingNumber,
    p.carrier,
    p.country ?? 'TH',
    p.orderId ?? null,
    p.direction ?? 'outbound',
    p.status ?? 'in_transit',
    p.at ?? 1,
    p.at ?? 1,
  );
}

/** Inserts a TikTok Shop return order with one item. */
export function insertReturnOrder(
  db: Db,
  r: {
    id: string;
    platformReturnId: string;
    orderId: string;
    parcelId?: string | null;
    returnTrackingNumber?: string | null;
    at?: number;
  },
): void {
  db.prepare(
    `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status, reason, created_at, updated_at)
     VALUES (?, 'tiktok_shop', ?, ?, ?, ?, 'expected', 'defective', ?, ?)`,
  ).run(
    r.id,
    r.platformReturnId,
    r.orderId,
    r.parcelId ?? null,
    r.returnTrackingNumber ?? null,
    r.at ?? 1,
    r.at ?? 1,
  );
  db.prepare(
    `INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity) VALUES (?, ?, 'SKU-1', NULL, 'Item', 1)`,
  ).run(`${r.id}-I1`, r.id);
}

export function countRows(db: Db, table: string): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
}
