import type { OutboxEventView } from '../../shared/domain';
import type { OutboxCounts, SyncReport } from '../../shared/sync-views';
import type { Db } from '../db/open';
import type { OutboxQueries } from '../outbox/outbox-queries';

const HOUR_MS = 3_600_000;
/** A report is read on a screen and in a terminal; beyond this the queue screen has the rest. */
export const MAX_REPORTED_FAILURES = 200;

/** The outbox at one moment: counts per destination and status, and deliveries ever (archive included). */
export interface OutboxSnapshot {
  counts: Map<string, OutboxCounts>;
  deliveredEver: Map<string, number>;
}

// Every query below names its destinations (those with any such event, from outbox_counts), so it
// reads the (destination, status, seq) index rather than the whole history.
const OPEN_WITH_ERRORS = `destination IN (SELECT destination FROM outbox_counts WHERE status IN ('pending', 'in_flight') AND n > 0)
  AND status IN ('pending', 'in_flight') AND last_error IS NOT NULL`;
const DEAD = `destination IN (SELECT destination FROM outbox_counts WHERE status = 'dead' AND n > 0) AND status = 'dead'`;

/**
 * Counts per destination for one run: delivered is what was delivered while the run lasted (the
 * difference of two snapshots of deliveries ever, so neither a clock that jumps nor the archive
 * moving old deliveries away can skew it), the rest is the state now.
 */
export function destinationLines(
  before: OutboxSnapshot,
  after: OutboxSnapshot,
  db: Db,
  configured: readonly string[],
): SyncReport['destinations'] {
  const retrying = new Map(
    db
      .prepare<[], { destination: string; n: number }>(
        `SELECT destination, count(*) AS n FROM outbox_events WHERE ${OPEN_WITH_ERRORS} GROUP BY destination`,
      )
      .all()
      .map((r) => [r.destination, r.n]),
  );
  const names = new Set([...configured, ...after.counts.keys()]);
  return [...names].sort().map((name) => {
    const now = after.counts.get(name);
    return {
      name,
      delivered: Math.max(0, (after.deliveredEver.get(name) ?? 0) - (before.deliveredEver.get(name) ?? 0)),
      failed: retrying.get(name) ?? 0,
      dead: now?.dead ?? 0,
      pending: (now?.pending ?? 0) + (now?.in_flight ?? 0),
    };
  });
}

/** Events that need a look: dead letters, and events still retrying after a failure, with why. */
export function failureLines(db: Db): SyncReport['failures'] {
  return db
    .prepare<
      [number],
      {
        id: string;
        destination: string;
        type: string;
        status: OutboxEventView['status'];
        attempts: number;
        last_error: string | null;
      }
    >(
      `SELECT * FROM (
         SELECT 0 AS rank, seq, id, destination, type, status, attempts, last_error FROM outbox_events WHERE ${DEAD}
         UNION ALL
         SELECT 1, seq, id, destination, type, status, attempts, last_error FROM outbox_events WHERE ${OPEN_WITH_ERRORS})
       ORDER BY rank, seq LIMIT ?`,
    )
    .all(MAX_REPORTED_FAILURES)
    .map((r) => ({
      eventId: r.id,
      destination: r.destination,
      type: r.type,
      status: r.status,
      attempts: r.attempts,
      error: r.last_error ?? '',
    }));
}

/**
 * Parcels still on their way (not delivered, cancelled or already received here) whose carrier has
 * said nothing for more than `staleHours`; a parcel never tracked counts from its creation.
 */
export function trackingExceptions(db: Db, now: number, staleHours: number): SyncReport['exceptions'] {
  const cutoff = now - staleHours * HOUR_MS;
  return db
    .prepare<
      [number],
      { id: string; tracking_number: string; carrier: string; last_tracking_at: number | null; since: number }
    >(
      `SELECT id, tracking_number, carrier, last_tracking_at, coalesce(last_tracking_at, created_at) AS since
       FROM parcels
       WHERE status NOT IN ('delivered', 'cancelled', 'received') AND coalesce(last_tracking_at, created_at) < ?
       ORDER BY since, id`,
    )
    .all(cutoff)
    .map((r) => ({
      parcelId: r.id,
      trackingNumber: r.tracking_number,
      carrier: r.carrier,
      lastTrackingAt: r.last_tracking_at,
      hoursSilent: Math.round(((now - r.since) / HOUR_MS) * 10) / 10,
    }));
}

export function snapshotCounts(queries: OutboxQueries): OutboxSnapshot {
  return { counts: queries.countsByDestination(), deliveredEver: queries.deliveredEver() };
}

/** ok: nothing to do; attention: someone should look (failures, exceptions); failed: the run itself broke. */
export function runStatus(report: Omit<SyncReport, 'status'>, cancelled: boolean): SyncReport['status'] {
  if (cancelled) return 'cancelled';
  if (report.errors.length > 0) return 'failed';
  if (report.failures.length > 0 || report.exceptions.length > 0) return 'attention';
  if (report.destinations.some((d) => d.dead > 0 || d.failed > 0)) return 'attention';
  return 'ok';
}
