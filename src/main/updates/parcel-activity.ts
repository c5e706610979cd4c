import type { Clock } from '../clock';
import type { Db } from '../db/open';

/** How long after the last scan a clerk is taken to still be working on that parcel. */
export const PARCEL_OPEN_AFTER_SCAN_MS = 10 * 60_000;

/**
 * Whether a parcel is open at this station, read from the database (where the parcel state lives,
 * so the answer survives a reload of the page). Until the receiving flow records an explicit
 * open/closed parcel, a scan in the last ten minutes counts as an open parcel: an update waits
 * rather than risk a restart under a clerk's hands.
 */
export function recentScanParcelOpen(
  db: Db,
  clock: Clock,
  windowMs = PARCEL_OPEN_AFTER_SCAN_MS,
): () => boolean {
  // scans is ordered by its time-sortable id: the newest row is one index step away.
  const newest = db.prepare<[], { scanned_at: number }>(
    'SELECT scanned_at FROM scans ORDER BY id DESC LIMIT 1',
  );
  return () => {
    const row = newest.get();
    if (!row) return false;
    const age = clock.now() - row.scanned_at;
    // A scan "from the future" (the clock stepped back) is treated as just now.
    return age < windowMs;
  };
}
