import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, DATABASE_FILE } from '../src/main/core';
import type { Db } from '../src/main/db/open';
import { MIGRATIONS } from '../src/main/db/migrations';
import { DEMO_BINS, DEMO_PRODUCTS } from '../src/main/demo/qc-seed';
import { silentLogger } from '../src/main/logger';
import { seededRandom } from '../src/main/random';
import { msSince } from './stats';

/** Bumped whenever the rows below change shape, so a cached file of the old shape is never reused. */
export const QC_DATABASE_GENERATOR = 1;

export interface QcDatabaseSize {
  parcels: number;
  /** One return parcel each, taken out of `parcels`, so at most half of them. */
  returnOrders: number;
}

/**
 * The station database the QC benchmarks run on, row for row predictable from its index so a case
 * can name codes without reading them back:
 *
 * - parcel i (1…parcels) is `BP` + 7 digits. Every `stride`-th parcel (stride = parcels ÷ returns)
 *   is the return parcel of return order j = i ÷ stride, tracking number `TH88` + 10 digits,
 *   status `returning`; the others are outbound, tracking `TH47` + 10 digits, order `57` + 16
 *   digits, delivered / in transit / out for delivery.
 * - return order j is `BR` + 7 digits, platform return id `4035` + 14 digits, order id that of the
 *   outbound parcel just before its return parcel (so the outbound label leads to it), 1–3 items
 *   from the demo catalogue, a buyer drawn from 2,500 names (common names repeat, as they do);
 *   every fourth is `completed` (history), the rest `expected`.
 *
 * Written with one INSERT … SELECT per table in one transaction (the FTS search index fills
 * through its triggers, as it does on a station).
 */
export interface QcCodes {
  returnTracking(j: number): string;
  platformReturnId(j: number): string;
  outboundTracking(i: number): string;
  orderOfReturn(j: number): string;
  /** The outbound parcel whose order return order j is the return of. */
  outboundOfReturn(j: number): number;
  /** Return orders still expected (j % 4 ≠ 0). */
  isExpected(j: number): boolean;
  stride: number;
  unknown(n: number): string;
}

export function qcCodes(size: QcDatabaseSize): QcCodes {
  const stride = strideOf(size);
  const pad = (n: number, width: number): string => n.toString().padStart(width, '0');
  return {
    stride,
    returnTracking: (j) => `TH88${pad(j, 10)}`,
    platformReturnId: (j) => `4035${pad(j, 14)}`,
    outboundTracking: (i) => `TH47${pad(i, 10)}`,
    orderOfReturn: (j) => `57${pad(j * stride - 1, 16)}`,
    outboundOfReturn: (j) => j * stride - 1,
    isExpected: (j) => j % 4 !== 0,
    // Shaped like a carrier's number so the recogniser treats it as one, but never generated.
    unknown: (n) => `TH99${pad(n, 10)}`,
  };
}

function strideOf(size: QcDatabaseSize): number {
  if (!Number.isInteger(size.parcels) || !Number.isInteger(size.returnOrders) || size.returnOrders < 1) {
    throw new Error(`bad QC database size ${JSON.stringify(size)}`);
  }
  const stride = Math.floor(size.parcels / size.returnOrders);
  if (stride < 2) throw new Error(`${size.returnOrders} returns need at least twice as many parcels`);
  return stride;
}

const FIRST_NAMES = [
  'Somsak',
  'Nattaya',
  'Kittipong',
  'Ploy',
  'Anong',
  'Chaiwat',
  'Malee',
  'Prasert',
  'Siriporn',
  'Wichai',
  'Lan',
  'Minh',
  'Anh',
  'Ha',
  'Tuan',
  'Linh',
  'Hung',
  'Mai',
  'Duc',
  'Thao',
  'Aisyah',
  'Wei Ming',
  'Muthu',
  'Siti',
  'Hafiz',
  'Mei Ling',
  'Kumar',
  'Farah',
  'Azlan',
  'Priya',
  'Oliver',
  'Amelia',
  'Harry',
  'Isla',
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'James',
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Niran',
  'Pim',
  'Arthit',
  'Kanya',
  'Thanh',
];
const LAST_NAMES = [
  'Jaidee',
  'Srisuk',
  'Boonmee',
  'Chaiyaporn',
  'Wongsa',
  'Rattana',
  'Suksan',
  'Kaewmanee',
  'Thongdee',
  'Pongpan',
  'Nguyen',
  'Tran',
  'Le',
  'Pham',
  'Hoang',
  'Vu',
  'Dang',
  'Bui',
  'Do',
  'Ngo',
  'Ahmad',
  'Tan',
  'Raj',
  'Hajar',
  'Lim',
  'Wong',
  'Abdullah',
  'Ismail',
  'Lee',
  'Chong',
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Johnson',
  'Williams',
  'Davis',
  'Miller',
  'Wilson',
  'Moore',
  'Thị Lan',
  'Văn Minh',
  'Hoàng Anh',
  'Thu Hà',
  'Sombat',
  'Chan',
  'Yusof',
  'Kaur',
  'Evans',
  'Clarke',
];

/** 2026-06-01: the generated history runs back from here, one return a minute. */
const T0 = Date.UTC(2026, 5, 1);

/** Fills an empty station database (migrated, seeded by createCore) with the rows described above. */
export function fillQcDatabase(db: Db, size: QcDatabaseSize): void {
  const stride = strideOf(size);
  const products = DEMO_PRODUCTS.map((p, n) => ({
    n,
    sku: p.sku,
    ean: p.ean,
    category: p.category,
    price: String(Math.round(p.usd * 35)),
  }));
  const names = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`));
  const common = { parcels: size.parcels, returns: size.returnOrders, stride, t0: T0 };
  db.transaction(() => {
    for (const bin of DEMO_BINS) {
      db.prepare(
        'INSERT OR IGNORE INTO bins (code, kind, description, active, created_at) VALUES (?, ?, ?, 1, ?)',
      ).run(bin.code, bin.kind, bin.description, T0);
    }
    // Numbers bound from JavaScript arrive as REAL; the CTE's own are INTEGER, so cast once here.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(@parcels AS INTEGER))
       INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, last_tracking_at,
                            created_at, updated_at)
       SELECT printf('BP%07d', i),
              CASE WHEN i % CAST(@stride AS INTEGER) = 0 AND i / CAST(@stride AS INTEGER) <= CAST(@returns AS INTEGER)
                   THEN printf('TH88%010d', i / CAST(@stride AS INTEGER)) ELSE printf('TH47%010d', i) END,
              'flash', 'TH',
              CASE WHEN i % CAST(@stride AS INTEGER) = 0 AND i / CAST(@stride AS INTEGER) <= CAST(@returns AS INTEGER)
                   THEN NULL ELSE printf('57%016d', i) END,
              CASE WHEN i % CAST(@stride AS INTEGER) = 0 AND i / CAST(@stride AS INTEGER) <= CAST(@returns AS INTEGER)
                   THEN 'return' ELSE 'outbound' END,
              CASE WHEN i % CAST(@stride AS INTEGER) = 0 AND i / CAST(@stride AS INTEGER) <= CAST(@returns AS INTEGER)
                   THEN 'returning'
                   ELSE json_extract('["delivered","delivered","delivered","in_transit","out_for_delivery"]', '$[' || (i % 5) || ']') END,
              CAST(@t0 AS INTEGER) + i * 6000, CAST(@t0 AS INTEGER) + i * 6000, CAST(@t0 AS INTEGER) + i * 6000
       FROM n`,
    ).run(common);
    db.prepare(
      `WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < CAST(@returns AS INTEGER))
       INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status,
                                  reason, created_at, updated_at, buyer_name, platform_status, return_type, next_action,
                                  next_action_deadline, received_at)
       SELECT printf('BR%07d', j), 'tiktok_shop', printf('4035%014d', j),
              printf('57%016d', j * CAST(@stride AS INTEGER) - 1), printf('BP%07d', j * CAST(@stride AS INTEGER)),
              printf('TH88%010d', j), CASE WHEN j % 4 = 0 THEN 'completed' ELSE 'expected' END,
              json_extract('["buyer_remorse","defective","damaged_in_transit","wrong_item","missing_parts","refused_at_delivery"]',
                           '$[' || (j % 6) || ']'),
              CAST(@t0 AS INTEGER) + j * 60000, CAST(@t0 AS INTEGER) + j * 60000,
              json_extract(@names, '$[' || ((j * 7919) % CAST(@nameCount AS INTEGER)) || ']'),
              CASE WHEN j % 4 = 0 THEN 'RETURN_OR_REFUND_REQUEST_COMPLETE' ELSE 'BUYER_SHIPPED_ITEM' END,
              'RETURN_AND_REFUND',
              CASE WHEN j % 4 = 0 THEN NULL ELSE 'SELLER_RESPOND_RECEIVED_PACKAGE' END,
              CAST(@t0 AS INTEGER) + j * 60000 + 5 * 86400000,
              CASE WHEN j % 4 = 0 THEN CAST(@t0 AS INTEGER) + j * 60000 + 2 * 86400000 END
       FROM n`,
    ).run({ ...common, names: JSON.stringify(names), nameCount: names.length });
    db.prepare(
      `WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < CAST(@returns AS INTEGER)),
            k(k) AS (VALUES (0), (1), (2)),
            product(n, sku, ean, category, price) AS (
              SELECT value ->> '$.n', value ->> '$.sku', value ->> '$.ean', value ->> '$.category', value ->> '$.price'
              FROM json_each(@products))
       INSERT INTO return_items (id, return_order_id, sku, barcode, name, quantity, unit_price, currency, category,
                                 platform_item_id)
       SELECT printf('BI%07d-%d', j, k), printf('BR%07d', j), p.sku, p.ean, p.sku, 1, p.price, 'THB', p.category,
              printf('1729%014d', j * 3 + k)
       FROM n JOIN k ON k.k <= j % 3 JOIN product p ON p.n = (j + k) % ${products.length}
       ORDER BY j, k`,
    ).run({ returns: common.returns, products: JSON.stringify(products) });
  }).immediate();
}

/** The parts of a cached file's name: schema, generator, sizes — any change makes a new file. */
export function qcDatabaseKey(size: QcDatabaseSize): string {
  const schema = MIGRATIONS.at(-1)?.version ?? 0;
  // Migrations not yet released are still edited in place: their text is part of the key too.
  const sql = createHash('sha256')
    .update(MIGRATIONS.map((m) => `${m.version}:${m.name}:${m.sql}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  return `qc-v${schema}-${sql}-g${QC_DATABASE_GENERATOR}-${size.parcels}p-${size.returnOrders}r`;
}

/**
 * Where cached databases live: under the OS temp dir, outside any run's own directory (which the
 * runner removes; its `lastmile-bench-` prefix is not this folder's).
 */
export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), 'lastmile-qc-bench-cache');
}

export interface PreparedQcDatabase {
  /** A data folder of its own holding a copy of the database, for the case to change at will. */
  dataDir: string;
  /** Whether the cached file was reused, and how long building (or copying) took. */
  cached: boolean;
  buildMs: number;
  copyMs: number;
  file: string;
}

/**
 * A station data folder in `parent` holding a database of `size`: copied from the cache when a
 * file of this schema, generator and size is there, built into the cache first otherwise.
 */
export async function prepareQcDatabase(
  parent: string,
  size: QcDatabaseSize,
  options: { cacheDir?: string; log?: (line: string) => void } = {},
): Promise<PreparedQcDatabase> {
  strideOf(size);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const log = options.log ?? (() => {});
  const file = path.join(cacheDir, `${qcDatabaseKey(size)}.sqlite`);
  const cached = fs.existsSync(file);
  let buildMs = 0;
  if (cached) {
    log(`reusing ${file}`);
  } else {
    log(`building a station database of ${size.parcels} parcels and ${size.returnOrders} returns in ${file}`);
    const start = process.hrtime.bigint();
    await buildIntoCache(file, size);
    flushToDisk(file);
    buildMs = msSince(start);
    log(`built in ${(buildMs / 1000).toFixed(1)} s (kept for the next run)`);
  }
  const dataDir = fs.mkdtempSync(path.join(parent, 'qc-station-'));
  const copyStart = process.hrtime.bigint();
  fs.copyFileSync(file, path.join(dataDir, DATABASE_FILE));
  flushToDisk(path.join(dataDir, DATABASE_FILE));
  return { dataDir, cached, buildMs, copyMs: msSince(copyStart), file };
}

/**
 * Writes a freshly written file's pages out before anything is timed: otherwise the kernel flushes
 * those hundreds of MB while the case runs, and the station's fsyncs wait behind the bench's own
 * copy (scan-feedback's p99 went from 33 ms to 63–142 ms when it ran right after a copy).
 */
function flushToDisk(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function buildIntoCache(file: string, size: QcDatabaseSize): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Built in a folder of its own and renamed into place, so a run stopped halfway leaves no file
  // that a later run would take for a finished one.
  const work = fs.mkdtempSync(path.join(path.dirname(file), 'building-'));
  try {
    const core = createCore({ dataDir: work, logger: silentLogger, printing: { start: false } });
    try {
      fillQcDatabase(core.db, size);
    } finally {
      await core.close();
    }
    const built = path.join(work, DATABASE_FILE);
    const wal = `${built}-wal`;
    // close() checkpoints and truncates the WAL: the main file alone must hold every row.
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
      throw new Error(`${wal} still holds pages after close; the cached copy would miss them`);
    }
    fs.renameSync(built, file);
    // The same size at an older schema or generator will not be read again: 400 MB each, so go.
    const sameSize = `-${size.parcels}p-${size.returnOrders}r.sqlite`;
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (old.startsWith('qc-') && old.endsWith(sameSize) && old !== path.basename(file)) {
        fs.rmSync(path.join(path.dirname(file), old), { force: true });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export type QcScanKind =
  'return_tracking' | 'platform_return_id' | 'outbound_label' | 'not_a_return' | 'unknown';

export interface QcScan {
  code: string;
  kind: QcScanKind;
  /** The return order the code leads to (a receive), if any. */
  returnOrder: number | null;
}

/**
 * What a returns dock scans, drawn over the whole database so no part of it stays cached: half
 * return tracking numbers, then platform return ids, outbound labels of open returns, outbound
 * parcels that are not returns, and codes nobody knows. Each expected return is drawn at most
 * once (a second scan of a received return is another answer), in a seeded order.
 */
export function qcScanMix(size: QcDatabaseSize, count: number, seed: number): QcScan[] {
  const codes = qcCodes(size);
  const random = seededRandom(seed);
  const expected: number[] = [];
  for (let j = 1; j <= size.returnOrders; j++) if (codes.isExpected(j)) expected.push(j);
  // Fisher–Yates on the expected returns: each is drawn at most once, spread over the whole file.
  for (let k = expected.length - 1; k > 0; k--) {
    const r = Math.floor(random.next() * (k + 1));
    [expected[k], expected[r]] = [expected[r] as number, expected[k] as number];
  }
  let nextReturn = 0;
  const aReturn = (): number => {
    const j = expected[nextReturn++ % expected.length];
    if (j === undefined) throw new Error('no expected returns to scan');
    return j;
  };
  const scans: QcScan[] = [];
  for (let n = 0; n < count; n++) {
    const r = random.next();
    if (r < 0.5) {
      const j = aReturn();
      scans.push({ code: codes.returnTracking(j), kind: 'return_tracking', returnOrder: j });
    } else if (r < 0.65) {
      const j = aReturn();
      scans.push({ code: codes.platformReturnId(j), kind: 'platform_return_id', returnOrder: j });
    } else if (r < 0.8) {
      const j = aReturn();
      scans.push({
        code: codes.outboundTracking(codes.outboundOfReturn(j)),
        kind: 'outbound_label',
        returnOrder: j,
      });
    } else if (r < 0.9) {
      // An outbound parcel that is not the order of any return (not one before a return parcel).
      let i = 1 + Math.floor(random.next() * size.parcels);
      while (i % codes.stride === 0 || (i + 1) % codes.stride === 0) i = (i % size.parcels) + 1;
      scans.push({ code: codes.outboundTracking(i), kind: 'not_a_return', returnOrder: null });
    } else {
      scans.push({ code: codes.unknown(n + 1), kind: 'unknown', returnOrder: null });
    }
  }
  return scans;
}
