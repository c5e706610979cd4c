import type { Db } from '../db/open';
import { makeBadgeCode } from '../../shared/codes/badge-code';
import { PARCEL_STATUSES } from '../../shared/domain';
import { seededRandom, type Random } from '../random';
import type { Users } from '../session/users';
import { seedQcDemo } from './qc-seed';
import { DEMO_CARRIERS } from './tracking-numbers';

export interface DemoSeedOptions {
  seed: number;
  /** Outbound parcels to create; about a quarter as many returns come on top. */
  parcels: number;
  /** "Now" of the demo world, so the 48-hour silence exceptions look real. */
  now: number;
}

export interface DemoSeedSummary {
  parcels: number;
  returnOrders: number;
  returnItems: number;
  users: number;
}

const PRODUCTS = [
  ['SKU-TSHIRT-M-BLK', 'Cotton T-shirt, black, M'],
  ['SKU-PHONECASE-15', 'Phone case, clear'],
  ['SKU-EARBUDS-W', 'Wireless earbuds'],
  ['SKU-LIPSTICK-07', 'Matte lipstick #07'],
  ['SKU-SNEAKER-42', 'Running shoes, size 42'],
  ['SKU-BOTTLE-750', 'Steel water bottle 750 ml'],
  ['SKU-LAMP-LED', 'LED desk lamp'],
  ['SKU-SERUM-30', 'Vitamin C serum 30 ml'],
] as const;
const REASONS = [
  'buyer_remorse',
  'defective',
  'damaged_in_transit',
  'wrong_item',
  'missing_parts',
  'refused_at_delivery',
];

/** The demo's people: badges BADGE-1001-J… (README lists them), PINs a demo can type. */
export const DEMO_STAFF = [
  { id: 'clerk-somchai', name: 'Somchai', role: 'clerk', pin: '1111', badgeNumber: '1001' },
  { id: 'clerk-linh', name: 'Linh', role: 'clerk', pin: '1111', badgeNumber: '1002' },
  { id: 'clerk-aisyah', name: 'Aisyah', role: 'clerk', pin: '1111', badgeNumber: '1003' },
  { id: 'packer-wei', name: 'Wei', role: 'packer', pin: '1111', badgeNumber: '2001' },
  { id: 'supervisor-mei', name: 'Mei', role: 'supervisor', pin: '9999', badgeNumber: '9001' },
  { id: 'admin-ana', name: 'Ana', role: 'admin', pin: '2468', badgeNumber: '9901' },
] as const;

/**
 * Fills an empty station database with a believable warehouse: outbound parcels for TH, VN, MY,
 * UK and US carriers and TikTok Shop return orders with their items. Same seed, same rows.
 */
export function seedDemo(db: Db, users: Users, options: DemoSeedOptions): DemoSeedSummary {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)] as T;
  const counter = { parcel: 0, ret: 0, item: 0 };
  const usedTracking = new Set<string>();

  const insertParcel = db.prepare(
    `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, last_tracking_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReturn = db.prepare(
    `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status, reason, created_at, updated_at)
     VALUES (?, 'tiktok_shop', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItem = db.prepare(
    'INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const uniqueTracking = (make: (r: Random) => string): string => {
    for (;;) {
      const t = make(random);
      if (!usedTracking.has(t)) {
        usedTracking.add(t);
        return t;
      }
    }
  };
  const hoursAgo = (max: number): number => options.now - Math.floor(random.next() * max * 3_600_000);

  db.transaction(() => {
    for (let i = 0; i < options.parcels; i++) {
      const carrier = pick(DEMO_CARRIERS);
      const orderId = `57${digitsOf(random, 16)}`;
      const created = hoursAgo(24 * 14);
      const status = pick(PARCEL_STATUSES.filter((s) => s !== 'received' && s !== 'returning'));
      const parcelId = `P${String(++counter.parcel).padStart(6, '0')}`;
      // About one parcel in twelve has gone quiet for more than two days: the supervisor's exceptions.
      const lastTracking =
        random.next() < 0.08
          ? options.now - (49 + Math.floor(random.next() * 100)) * 3_600_000
          : hoursAgo(40);
      insertParcel.run(
        parcelId,
        uniqueTracking(carrier.makeTracking),
        carrier.name,
        carrier.country,
        orderId,
        'outbound',
        status,
        lastTracking,
        created,
        created,
      );

      if (random.next() < 0.25) {
        const returnParcelId = `P${String(++counter.parcel).padStart(6, '0')}`;
        const returnTracking = uniqueTracking(carrier.makeTracking);
        const returnCreated = Math.max(created, hoursAgo(24 * 5));
        insertParcel.run(
          returnParcelId,
          returnTracking,
          carrier.name,
          carrier.country,
          orderId,
          'return',
          pick(['in_transit', 'delivered', 'returning'] as const),
          hoursAgo(30),
          returnCreated,
          returnCreated,
        );
        const returnId = `R${String(++counter.ret).padStart(6, '0')}`;
        insertReturn.run(
          returnId,
          `4035${digitsOf(random, 14)}`,
          orderId,
          returnParcelId,
          returnTracking,
          pick(['expected', 'expected', 'expected', 'received'] as const),
          pick(REASONS),
          returnCreated,
          returnCreated,
        );
        const lines = 1 + Math.floor(random.next() * 3);
        for (let l = 0; l < lines; l++) {
          const [sku, name] = pick(PRODUCTS);
          insertItem.run(
            `I${String(++counter.item).padStart(7, '0')}`,
            returnId,
            sku,
            `885${digitsOf(random, 10)}`,
            name,
            1 + Math.floor(random.next() * 2),
          );
        }
      }
    }
    for (const user of DEMO_STAFF) {
      if (!users.find(user.id)) users.create({ ...user, badge: makeBadgeCode(user.badgeNumber) });
    }
    seedQcDemo(db, options.seed, options.now);
  }).immediate();

  return {
    parcels: counter.parcel,
    returnOrders: counter.ret,
    returnItems: counter.item,
    users: DEMO_STAFF.length,
  };
}

function digitsOf(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(random.next() * 10).toString();
  return out;
}
