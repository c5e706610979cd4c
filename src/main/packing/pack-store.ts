import type {
  PackRouteView,
  PackStep,
  PackWeightView,
  PackageState,
  RouteOption,
} from '../../shared/packing/pack-views';
import type { Db } from '../db/open';
import type { BookingRequest } from './pack-booking';

/**
 * The rows of the packing flow (packing/002-pack-flow) and the action journal: plain reads and
 * writes, every write inside the caller's transaction.
 */
export interface PackageLine {
  lineRef: string;
  quantity: number;
  /** Set on the lines of an order combined into this package (pack_combined_orders). */
  orderId?: string;
}

export interface CombinedOrderRow {
  order_id: string;
  package_id: string;
  combine_event_id: string | null;
  combined_by: string;
  combined_at: number;
}

export interface PackageRow {
  id: string;
  order_id: string;
  package_no: number;
  lines: string;
  state: PackageState;
  carrier: string | null;
  destination: string | null;
  service_id: string | null;
  tracking_number: string | null;
  provider_id: string | null;
  provider_name: string | null;
  weight_grams: number | null;
  chargeable_grams: number | null;
  items: number;
  serials: string;
  booking: string | null;
  photo_sha256: string | null;
  opened_at: number | null;
  packed_by: string | null;
  packed_at: number | null;
  late: number;
  label_job_id: string | null;
  slip_job_id: string | null;
  ship_event_id: string | null;
  label_attempts: number;
  label_error: string | null;
  manifest_id: string | null;
  handed_over_at: number | null;
  created_at: number;
  /** What the parcel held when sealed (packing/006-cutoffs); null before that or never sealed. */
  sealed: string | null;
  /** Labels voided by a rebook (packing/010-rebooks): part of the booking reference. */
  rebooks: number;
}

/** A sealed parcel's verified lines and weight, kept so a rebook routes it again without unpacking. */
export interface SealedContents {
  verified: Verified;
  weight: PackWeightView;
}

export type Verified = Record<string, { count: number; serials: string[] }>;

/** The route as the session keeps it: the view, and the platform's provider for the chosen carrier. */
export interface StoredRoute {
  view: PackRouteView;
  chosen: RouteOption;
  provider: { id: string; name: string } | null;
}

export interface SessionRow {
  station_id: string;
  id: string;
  package_id: string;
  step: PackStep;
  verified: string;
  weight: string | null;
  route: string | null;
  photo_sha256: string | null;
  opened_by: string;
  opened_at: number;
}

/** What a package waiting for its label keeps, to book it later exactly as it was packed. */
export interface PendingBooking {
  request: BookingRequest;
  provider: { id: string; name: string } | null;
  serviceName: string;
  packedBy: string;
}

export class PackStore {
  constructor(private readonly db: Db) {}

  packagesOf(orderId: string): PackageRow[] {
    return this.db
      .prepare<[string], PackageRow>('SELECT * FROM pack_packages WHERE order_id = ? ORDER BY package_no')
      .all(orderId);
  }

  pkg(id: string): PackageRow | undefined {
    return this.db.prepare<[string], PackageRow>('SELECT * FROM pack_packages WHERE id = ?').get(id);
  }

  byTracking(trackingNumber: string): PackageRow | undefined {
    return this.db
      .prepare<[string], PackageRow>('SELECT * FROM pack_packages WHERE tracking_number = ?')
      .get(trackingNumber);
  }

  insertPackage(
    tx: Db,
    row: { id: string; orderId: string; packageNo: number; lines: PackageLine[]; now: number },
  ): void {
    tx.prepare(
      `INSERT INTO pack_packages (id, order_id, package_no, lines, state, created_at) VALUES (?, ?, ?, ?, 'to_pack', ?)`,
    ).run(row.id, row.orderId, row.packageNo, JSON.stringify(row.lines), row.now);
  }

  update(tx: Db, id: string, fields: Partial<Omit<PackageRow, 'id'>>): void {
    const keys = Object.keys(fields) as Array<keyof typeof fields>;
    if (keys.length === 0) return;
    tx.prepare(`UPDATE pack_packages SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({
      ...fields,
      id,
    });
  }

  session(stationId: string): SessionRow | undefined {
    return this.db
      .prepare<[string], SessionRow>('SELECT * FROM pack_sessions WHERE station_id = ?')
      .get(stationId);
  }

  sessionOfPackage(packageId: string): SessionRow | undefined {
    return this.db
      .prepare<[string], SessionRow>('SELECT * FROM pack_sessions WHERE package_id = ?')
      .get(packageId);
  }

  insertSession(tx: Db, row: SessionRow): void {
    tx.prepare(
      `INSERT INTO pack_sessions (station_id, id, package_id, step, verified, weight, route, photo_sha256, opened_by, opened_at)
       VALUES (@station_id, @id, @package_id, @step, @verified, @weight, @route, @photo_sha256, @opened_by, @opened_at)`,
    ).run(row);
  }

  updateSession(
    tx: Db,
    stationId: string,
    fields: Partial<Pick<SessionRow, 'step' | 'verified' | 'weight' | 'route' | 'photo_sha256'>>,
  ): void {
    const keys = Object.keys(fields) as Array<keyof typeof fields>;
    tx.prepare(
      `UPDATE pack_sessions SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE station_id = @station`,
    ).run({ ...fields, station: stationId });
  }

  deleteSession(tx: Db, stationId: string): void {
    tx.prepare('DELETE FROM pack_sessions WHERE station_id = ?').run(stationId);
  }

  recordWrongScan(tx: Db, packageId: string, code: string, userId: string, at: number): void {
    tx.prepare('INSERT INTO pack_wrong_scans (package_id, code, user_id, at) VALUES (?, ?, ?, ?)').run(
      packageId,
      code.slice(0, 128),
      userId,
      at,
    );
  }

  /** The orders combined into a package, in the order they were added. */
  /** The last rebook of a package after a missed cut-off (pack-cutoffs.ts), if any. */
  lastRebook(packageId: string): { voidedTracking: string | null; at: number } | null {
    const row = this.db
      .prepare<[string], { voided_tracking: string | null; resolved_at: number }>(
        `SELECT voided_tracking, resolved_at FROM pack_cutoff_resolutions
         WHERE package_id = ? AND action = 'rebook' ORDER BY resolved_at DESC LIMIT 1`,
      )
      .get(packageId);
    return row ? { voidedTracking: row.voided_tracking, at: row.resolved_at } : null;
  }

  combinedInto(packageId: string): CombinedOrderRow[] {
    return this.db
      .prepare<[string], CombinedOrderRow>(
        'SELECT * FROM pack_combined_orders WHERE package_id = ? ORDER BY combined_at, order_id',
      )
      .all(packageId);
  }

  /** The orders combined into any of these packages (a shift's parcels), in one query. */
  combinedIntoAny(packageIds: readonly string[]): CombinedOrderRow[] {
    return this.db
      .prepare<[string], CombinedOrderRow>(
        'SELECT * FROM pack_combined_orders WHERE package_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(packageIds));
  }

  /** The package an order was combined into, if it was. */
  combinedOf(orderId: string): CombinedOrderRow | undefined {
    return this.db
      .prepare<[string], CombinedOrderRow>('SELECT * FROM pack_combined_orders WHERE order_id = ?')
      .get(orderId);
  }

  insertCombined(tx: Db, row: CombinedOrderRow): void {
    tx.prepare(
      `INSERT INTO pack_combined_orders (order_id, package_id, combine_event_id, combined_by, combined_at)
       VALUES (@order_id, @package_id, @combine_event_id, @combined_by, @combined_at)`,
    ).run(row);
  }

  deleteCombined(tx: Db, packageId: string): void {
    tx.prepare('DELETE FROM pack_combined_orders WHERE package_id = ?').run(packageId);
  }

  /** An order's packages nobody opened yet: combining the order into another package replaces them. */
  deleteUnopenedPackages(tx: Db, orderId: string): void {
    tx.prepare("DELETE FROM pack_packages WHERE order_id = ? AND state = 'to_pack'").run(orderId);
  }

  /** The answer an action id already got, if any. */
  replay<T>(actionId: string): T | undefined {
    const row = this.db
      .prepare<[string], { result: string }>('SELECT result FROM pack_actions WHERE id = ?')
      .get(actionId);
    return row ? (JSON.parse(row.result) as T) : undefined;
  }

  record(tx: Db, actionId: string, call: string, result: unknown, at: number): void {
    tx.prepare('INSERT INTO pack_actions (id, call, result, at) VALUES (?, ?, ?, ?)').run(
      actionId,
      call,
      JSON.stringify(result),
      at,
    );
  }
}

export function linesOf(row: PackageRow): PackageLine[] {
  return JSON.parse(row.lines) as PackageLine[];
}

export function weightOf(row: SessionRow): PackWeightView | null {
  return row.weight ? (JSON.parse(row.weight) as PackWeightView) : null;
}

export function sealedJson(session: SessionRow, weight: PackWeightView): string {
  const sealed: SealedContents = { verified: verifiedOf(session), weight };
  return JSON.stringify(sealed);
}

export function sealedOf(row: PackageRow): SealedContents | null {
  return row.sealed ? (JSON.parse(row.sealed) as SealedContents) : null;
}

export function routeOf(row: SessionRow): StoredRoute | null {
  return row.route ? (JSON.parse(row.route) as StoredRoute) : null;
}

export function verifiedOf(row: SessionRow): Verified {
  return JSON.parse(row.verified) as Verified;
}
