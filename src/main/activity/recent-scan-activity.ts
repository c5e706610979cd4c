import type { OpenParcel } from '../../shared/calls/activity';
import type { Db } from '../db/open';
import type { ParcelActivitySource } from './parcel-activity';

/** How long after the last scan a clerk is taken to still be working on that parcel. */
export const PARCEL_OPEN_AFTER_SCAN_MS = 10 * 60_000;

export const RECENT_SCAN_SOURCE = 'recent-scan';

/**
 * The stand-in rule until the receiving flow records an explicit open/closed parcel: a scan in
 * the last ten minutes counts as an open parcel, station-wide (an update waits rather than risk a
 * restart under a clerk's hands). Read from the database, so the answer survives a reload of the
 * page and a restart of the core.
 */
export function recentScanActivity(db: Db, windowMs = PARCEL_OPEN_AFTER_SCAN_MS): ParcelActivitySource {
  // scans is ordered by its time-sortable id: the newest row is one index step away.
  const newest = db.prepare<[], { scanned_at: number }>(
    'SELECT scanned_at FROM scans ORDER BY id DESC LIMIT 1',
  );
  return {
    name: RECENT_SCAN_SOURCE,
    openParcels(now: number): OpenParcel[] {
      const row = newest.get();
      if (!row) return [];
      // A scan "from the future" (the clock stepped back) is treated as just now.
      const open = now - row.scanned_at < windowMs;
      return open ? [{ source: RECENT_SCAN_SOURCE, clientId: null, since: row.scanned_at }] : [];
    },
  };
}
