import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

const DAY_MS = 86_400_000;
/** A return can take weeks to be shipped back; a carrier's feed covers parcels we never see. */
export const DEFAULT_PENDING_TRACKING_DAYS = 60;

export interface PendingTrackingCounts {
  /** Updates waiting for their parcel. */
  waiting: number;
  oldestReceivedAt: number | null;
}

/**
 * Tracking updates held for parcels the station does not know yet (see sync/migrations.ts: a
 * trigger applies them when the parcel is inserted). This class only counts them and lets the
 * ones nobody claimed expire, after `maxAgeDays` (configurable, 60 by default), in small
 * transactions so a clerk's scan never waits long behind it.
 */
export class PendingTracking {
  private readonly countStmt;
  private readonly expireStmt;
  private readonly appliedStmt;
  private readonly resetApplied;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly maxAgeDays: number = DEFAULT_PENDING_TRACKING_DAYS,
  ) {
    this.countStmt = db.prepare<[], { n: number; oldest: number | null }>(
      'SELECT count(*) AS n, min(received_at) AS oldest FROM pending_tracking',
    );
    this.appliedStmt = db.prepare<[], { n: number }>('SELECT n FROM pending_tracking_applied WHERE id = 1');
    this.resetApplied = db.prepare<[number]>('UPDATE pending_tracking_applied SET n = n - ? WHERE id = 1');
    this.expireStmt = db.prepare<{ before: number; limit: number }>(
      `DELETE FROM pending_tracking WHERE (source, external_id) IN (
         SELECT source, external_id FROM pending_tracking WHERE received_at < @before ORDER BY received_at LIMIT @limit)`,
    );
  }

  counts(): PendingTrackingCounts {
    const row = this.countStmt.get();
    return { waiting: row?.n ?? 0, oldestReceivedAt: row?.oldest ?? null };
  }

  /** How many waiting updates found their parcel since the last call; the count starts again. */
  takeAppliedCount(): Promise<number> {
    return writeTransaction(this.db, () => {
      const n = this.appliedStmt.get()?.n ?? 0;
      if (n > 0) this.resetApplied.run(n);
      return n;
    });
  }

  /** Deletes updates received more than maxAgeDays ago; returns how many. */
  async expire(options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
    const before = this.clock.now() - this.maxAgeDays * DAY_MS;
    const limit = options.batch ?? 2_000;
    let expired = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const n = await writeTransaction(this.db, () => this.expireStmt.run({ before, limit }).changes);
      expired += n;
      if (n < limit) return expired;
    }
  }
}
