import type { OutboxEventView } from '../../shared/domain';
import type { OutboxCounts, SyncReport } from '../../shared/sync-views';
import type { Db } from '../db/open';
import type { OutboxQueries } from '../outbox/outbox-queries';

const HOUR_MS = 3_600_000;
/** A report is read on a screen and in a terminal; beyond this the queue screen has the rest. */
export const MAX_REPORTED_FAILURES = 200;

/**
 * Counts per destination for one run: delivered is what was delivered while the run lasted (the
 * difference of two snapshots, so a clock that jumps cannot skew it), the rest is the state now.
 */
export function destinationLines(
  before: Map<string, OutboxCounts>,
  after: Map<string, OutboxCounts>,
  db: Db,
  configured: readonly string[],
): SyncReport['destinations'] {
  const retrying = new Map(
    db
      .prepare<[], { destination: string; n: number }>(
        `SELECT destination, count(*) AS n FROM outbox_events
         WHERE status IN ('pending', 'in_flight') AND last_error IS NOT NULL GROUP BY destination`,
      )
      .all()
      .map((r) => [r.destination, r.n]),
  );
  const names = new Set([...configured, ...after.keys()]);
  return [...names].sort().map((name) => {
    const now = after.get(name);
    const then = before.get(name);
    return {
      name,
      delivered: Math.max(0, (now?.delivered ?? 0) - (then?.delivered ?? 0)),
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
      `SELECT id, destination, type, status, attempts, last_error FROM outbox_events
       WHERE status = 'dead' OR (status IN ('pending', 'in_flight') AND last_error IS NOT NULL)
       ORDER BY status = 'dead' DESC, seq LIMIT ?`,
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

export function snapshotCounts(queries: OutboxQueries): Map<string, OutboxCounts> {
  return queries.countsByDestination();
}

/** ok: nothing to do; attention: someone should look (failures, exceptions); failed: the run itself broke. */
export function runStatus(report: Omit<SyncReport, 'status'>, cancelled: boolean): SyncReport['status'] {
  if (cancelled) return 'cancelled';
  if (report.errors.length > 0) return 'failed';
  if (report.failures.length > 0 || report.exceptions.length > 0) return 'attention';
  if (report.destinations.some((d) => d.dead > 0 || d.failed > 0)) return 'attention';
  return 'ok';
}
