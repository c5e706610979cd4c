import { localTimeOf } from '../../shared/calendar/local-date';
import type { UserView } from '../../shared/domain';
import type { PackShiftSummary } from '../../shared/packing/pack-views';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { OutboundOrderStore } from './outbound-orders';
import type { PackageRow, PackStore } from './pack-store';

export interface ShiftSummaryDeps {
  db: Db;
  store: Pick<PackStore, 'combinedIntoAny'>;
  orders: Pick<OutboundOrderStore, 'get'>;
  clock: Clock;
  /** The station's zone: where its day starts. */
  timeZone: string;
}

/** What the clerk (`mine`) or the whole station packed today, in the station's zone. */
export function shiftSummary(
  o: ShiftSummaryDeps,
  scope: 'mine' | 'station',
  user: UserView,
): PackShiftSummary {
  const now = o.clock.now();
  const today = localTimeOf(now, o.timeZone);
  const from = now - today.minute * 60_000 - today.second * 1000 - (now % 1000);
  const who = scope === 'mine' ? user.id : null;
  const rows = o.db
    .prepare<[number, string | null, string | null], PackageRow>(
      `SELECT * FROM pack_packages WHERE packed_at >= ? AND (? IS NULL OR packed_by = ?)`,
    )
    .all(from, who, who);
  const minutes = rows.filter((r) => r.opened_at !== null && r.packed_at !== null);
  const wrong = o.db
    .prepare<[number, string | null, string | null], { n: number }>(
      'SELECT count(*) AS n FROM pack_wrong_scans WHERE at >= ? AND (? IS NULL OR user_id = ?)',
    )
    .get(from, who, who);
  return {
    userId: who,
    from,
    to: now,
    // A combined parcel is one parcel and every order in it.
    orders: new Set([
      ...rows.map((r) => r.order_id),
      ...o.store.combinedIntoAny(rows.map((r) => r.id)).map((c) => c.order_id),
    ]).size,
    parcels: rows.length,
    items: rows.reduce((n, r) => n + r.items, 0),
    minutesPerOrder:
      minutes.length === 0
        ? null
        : Math.round(
            (minutes.reduce((n, r) => n + ((r.packed_at ?? 0) - (r.opened_at ?? 0)), 0) /
              minutes.length /
              60_000) *
              10,
          ) / 10,
    late: rows.filter((r) => r.late === 1).length,
    awaitingLabel: rows.filter((r) => r.state === 'awaiting_label').length,
    handedOver: rows.filter((r) => r.state === 'handed_over').length,
    wrongItemScans: wrong?.n ?? 0,
    serials: rows
      .filter((r) => r.serials !== '[]')
      .sort((a, b) => (b.packed_at ?? 0) - (a.packed_at ?? 0))
      .slice(0, 50)
      .map((r) => ({
        orderRef: o.orders.get(r.order_id)?.externalId ?? r.order_id,
        packageNo: r.package_no,
        trackingNumber: r.tracking_number,
        serials: JSON.parse(r.serials) as string[],
      })),
  };
}
