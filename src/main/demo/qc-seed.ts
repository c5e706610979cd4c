import { gs1CheckDigit } from '../../shared/codes/check-digits';
import type { BinKind, QcCategory } from '../../shared/returns/qc-codes';
import type { Db } from '../db/open';
import { seededRandom, type Random } from '../random';

/** The demo catalogue: one EAN-13 per SKU, so scanning the product's own barcode finds its line. */
export const DEMO_PRODUCTS: ReadonlyArray<{ sku: string; category: QcCategory; usd: number; ean: string }> = [
  { sku: 'SKU-TSHIRT-M-BLK', category: 'apparel', usd: 9, ean: ean13('885000100001') },
  { sku: 'SKU-PHONECASE-15', category: 'electronics', usd: 6, ean: ean13('885000100002') },
  { sku: 'SKU-EARBUDS-W', category: 'electronics', usd: 39, ean: ean13('885000100003') },
  { sku: 'SKU-LIPSTICK-07', category: 'cosmetics', usd: 12, ean: ean13('885000100004') },
  { sku: 'SKU-SNEAKER-42', category: 'footwear', usd: 45, ean: ean13('885000100005') },
  { sku: 'SKU-BOTTLE-750', category: 'home', usd: 15, ean: ean13('885000100006') },
  { sku: 'SKU-LAMP-LED', category: 'electronics', usd: 24, ean: ean13('885000100007') },
  { sku: 'SKU-SERUM-30', category: 'cosmetics', usd: 18, ean: ean13('885000100008') },
];

/** Each demo market's currency and a rough rate from USD (prices are decimal strings, never floats). */
const CURRENCY: Record<string, { code: string; rate: number; decimals: number }> = {
  TH: { code: 'THB', rate: 35, decimals: 0 },
  VN: { code: 'VND', rate: 25_000, decimals: 0 },
  MY: { code: 'MYR', rate: 4.5, decimals: 2 },
  GB: { code: 'GBP', rate: 0.8, decimals: 2 },
  US: { code: 'USD', rate: 1, decimals: 2 },
};

const BUYERS: Record<string, readonly string[]> = {
  TH: ['Somsak Jaidee', 'Nattaya Srisuk', 'Kittipong Boonmee', 'Ploy Chaiyaporn'],
  VN: ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Hoàng Anh', 'Phạm Thu Hà'],
  MY: ['Nur Aisyah binti Ahmad', 'Tan Wei Ming', 'Muthu Raj', 'Siti Hajar'],
  GB: ['Oliver Smith', 'Amelia Jones', 'Harry Taylor', 'Isla Brown'],
  US: ['Emma Johnson', 'Liam Williams', 'Olivia Davis', 'Noah Miller'],
};

export const DEMO_BINS: ReadonlyArray<{ code: string; kind: BinKind; description: string }> = [
  ...['A-01-01', 'A-01-02', 'A-01-03', 'A-02-01', 'A-02-02', 'B-01-01', 'B-01-02', 'B-02-01'].map((code) => ({
    code,
    kind: 'stock' as const,
    description: 'Resale stock',
  })),
  { code: 'Q-01-01', kind: 'quarantine', description: 'Quarantine: unexpected returns' },
  { code: 'Q-01-02', kind: 'quarantine', description: 'Quarantine: unexpected returns' },
  { code: 'R-01-01', kind: 'refurbish', description: 'Refurbish bench intake' },
  { code: 'X-01-01', kind: 'destroy', description: 'Destroy cage' },
  { code: 'S-01-01', kind: 'return_to_seller', description: 'Return-to-seller shelf' },
];

/** How many demo tracking numbers the daily sync saw on two return orders each (one buyer, one parcel). */
export const SHARED_TRACKING_PAIRS = 7;
/** Buyers with a second expected return (own tracking number) that travels in the first one's parcel. */
export const MULTI_ORDER_BUYERS = 5;

interface ReturnRow {
  id: string;
  order_id: string;
  parcel_id: string | null;
  return_tracking_number: string | null;
  status: string;
  created_at: number;
  country: string;
}

/**
 * Gives the demo returns what the QC bench shows and decides on: buyer names, the platform's status
 * and next action with its deadline, prices and categories, real barcodes; bins to restock into
 * and a quarantine; a few buyers with two returns in one parcel, and tracking numbers that two
 * return orders share. Its own random stream, so the rest of the demo is the same as without it.
 */
export function seedQcDemo(db: Db, seed: number, now: number): void {
  const random = seededRandom(seed * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)] as T;

  for (const bin of DEMO_BINS) {
    db.prepare(
      'INSERT OR IGNORE INTO bins (code, kind, description, active, created_at) VALUES (?, ?, ?, 1, ?)',
    ).run(bin.code, bin.kind, bin.description, now);
  }

  const returns = db
    .prepare<[], ReturnRow>(
      `SELECT r.id, r.order_id, r.parcel_id, r.return_tracking_number, r.status, r.created_at,
              coalesce(p.country, 'TH') AS country
       FROM return_orders r LEFT JOIN parcels p ON p.id = r.parcel_id ORDER BY r.id`,
    )
    .all();
  const setReturn = db.prepare(
    `UPDATE return_orders SET buyer_name = ?, platform_status = ?, return_type = 'RETURN_AND_REFUND',
       next_action = ?, next_action_deadline = ? WHERE id = ?`,
  );
  const items = db.prepare<[string], { id: string; sku: string }>(
    'SELECT id, sku FROM return_items WHERE return_order_id = ?',
  );
  const setItem = db.prepare(
    'UPDATE return_items SET barcode = ?, unit_price = ?, currency = ?, category = ? WHERE id = ?',
  );
  for (const r of returns) {
    const expected = r.status === 'expected';
    setReturn.run(
      pick(BUYERS[r.country] ?? BUYERS.TH ?? []),
      expected ? 'BUYER_SHIPPED_ITEM' : 'RETURN_OR_REFUND_REQUEST_PENDING',
      expected ? 'SELLER_RESPOND_RECEIVED_PACKAGE' : 'SELLER_RESPOND_REQUEST',
      now + (24 + Math.floor(random.next() * 96)) * 3_600_000,
      r.id,
    );
    for (const item of items.all(r.id)) {
      const product = DEMO_PRODUCTS.find((p) => p.sku === item.sku);
      if (!product) continue;
      const money = CURRENCY[r.country] ?? { code: 'USD', rate: 1, decimals: 2 };
      setItem.run(
        product.ean,
        price(product.usd * money.rate, money.decimals),
        money.code,
        product.category,
        item.id,
      );
    }
  }

  const expected = returns.filter((r) => r.status === 'expected' && r.return_tracking_number);
  const insertReturn = db.prepare(
    `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status,
       reason, created_at, updated_at, buyer_name, platform_status, return_type, next_action, next_action_deadline)
     SELECT ?, 'tiktok_shop', ?, ?, ?, ?, 'expected', ?, created_at, updated_at, buyer_name, platform_status,
       return_type, next_action, next_action_deadline FROM return_orders WHERE id = ?`,
  );
  const insertItem = db.prepare(
    `INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity, unit_price, currency, category)
     SELECT ?, ?, sku, barcode, name, 1, unit_price, currency, category FROM return_items WHERE id = ?`,
  );
  // A second return of the same buyer for another product: same parcel, its own order.
  const second = (from: ReturnRow, n: number, sharedTracking: boolean): void => {
    const id = `RQ${String(n).padStart(5, '0')}`;
    const donor = db
      .prepare<[string, number], { id: string }>(
        'SELECT id FROM return_items WHERE return_order_id <> ? ORDER BY rowid LIMIT 1 OFFSET ?',
      )
      .get(from.id, Math.floor(random.next() * 50));
    insertReturn.run(
      id,
      `4036${digits(random, 14)}`,
      `58${digits(random, 16)}`,
      sharedTracking ? from.parcel_id : null,
      sharedTracking ? from.return_tracking_number : `QC${digits(random, 10)}`,
      pick(['buyer_remorse', 'defective', 'wrong_item']),
      from.id,
    );
    if (donor) insertItem.run(`IQ${String(n).padStart(6, '0')}`, id, donor.id);
  };
  let n = 0;
  for (const r of expected.slice(0, SHARED_TRACKING_PAIRS)) second(r, ++n, true);
  for (const r of expected.slice(SHARED_TRACKING_PAIRS, SHARED_TRACKING_PAIRS + MULTI_ORDER_BUYERS)) {
    second(r, ++n, false);
  }
}

function price(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

function ean13(twelve: string): string {
  return `${twelve}${gs1CheckDigit(twelve)}`;
}

function digits(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(random.next() * 10).toString();
  return out;
}
