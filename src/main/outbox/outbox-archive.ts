import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

const DAY_MS = 86_400_000;
/** Long enough for any question about last month's deliveries to find the payload. */
export const DEFAULT_DELIVERED_RETENTION_DAYS = 30;

/**
 * Moves delivered events older than `keepDays` out of outbox_events into outbox_archive, which
 * keeps what the audit log and the KPIs need (id, idempotency key, destination, type, ordering
 * key, attempts, created and delivered time) and drops the payload. Only delivered events move:
 * pending, in-flight, dead and discarded ones stay where the engine and the supervisor need them.
 *
 * The row with the highest seq never moves, even when it is an old delivery: outbox_events.seq is
 * a plain INTEGER PRIMARY KEY, so SQLite gives the next event max(seq) + 1, and deleting the
 * newest row would give its seq to the next event again. Keeping it keeps seq growing, as the
 * delivery order and the archive's primary key (the same seq) need. An archived event's key is
 * still refused to a new event (a trigger, outbox/migrations.ts).
 *
 * Works in batches of `batch` events, each one short transaction through writeTransaction.
 */
export class OutboxArchive {
  private readonly candidates;
  private readonly copy;
  private readonly remove;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keepDays: number = DEFAULT_DELIVERED_RETENTION_DAYS,
  ) {
    // outbox_delivered_by_time: the oldest deliveries first, without reading the rest.
    this.candidates = db
      .prepare<{ before: number; limit: number }, number>(
        `SELECT seq FROM outbox_events
         WHERE status = 'delivered' AND delivered_at < @before
           AND seq < (SELECT max(seq) FROM outbox_events)
         ORDER BY delivered_at LIMIT @limit`,
      )
      .pluck();
    this.copy = db.prepare<[string]>(
      `INSERT INTO outbox_archive (seq, id, idempotency_key, destination, ordering_key, type, attempts, created_at,
                                   delivered_at)
       SELECT seq, id, idempotency_key, destination, ordering_key, type, attempts, created_at, delivered_at
       FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?)) AND status = 'delivered'`,
    );
    this.remove = db.prepare<[string]>(
      `DELETE FROM outbox_events WHERE seq IN (SELECT value FROM json_each(?)) AND status = 'delivered'`,
    );
  }

  /** Archives what is due; returns how many events moved. */
  async archive(options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
    const before = this.clock.now() - this.keepDays * DAY_MS;
    const limit = options.batch ?? 2_000;
    let moved = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const n = await writeTransaction(this.db, () => {
        const seqs = this.candidates.all({ before, limit });
        if (seqs.length === 0) return 0;
        const list = JSON.stringify(seqs);
        const copied = this.copy.run(list).changes;
        const removed = this.remove.run(list).changes;
        if (copied !== removed) throw new Error(`archive copied ${copied} events but removed ${removed}`);
        return removed;
      });
      moved += n;
      if (n < limit) return moved;
      // Let a clerk's scan in between two batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
