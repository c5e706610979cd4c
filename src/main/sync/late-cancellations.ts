import type { LateCancellationLine } from '../../shared/sync-views';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

/**
 * Orders a platform cancelled after the station had handed them to a carrier (a webhook's
 * order change the order sink answered `after_handover`): the parcel is on its way and is not
 * un-shipped, so a supervisor must act (stop it with the carrier, or expect a return). Noted in
 * the notification's transaction — a replay notes nothing, a rollback nothing either — and
 * listed in the next daily report, which takes them. Kept in SQLite (`sync_late_cancellations`,
 * migration sync/006-late-cancellations), so a restart neither loses nor repeats one.
 *
 * Public API: new LateCancellations(db, clock).noteIn(tx, account, orderIds) / take()
 */
export class LateCancellations {
  private readonly insert;
  private readonly select;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO sync_late_cancellations (account, order_id, noticed_at) VALUES (?, ?, ?)
       ON CONFLICT (account, order_id) DO NOTHING`,
    );
    this.select = db.prepare<[], { account: string; orderId: string; noticedAt: number }>(
      `SELECT account, order_id AS orderId, noticed_at AS noticedAt FROM sync_late_cancellations
       ORDER BY noticed_at, account, order_id`,
    );
  }

  noteIn(tx: Db, account: string, orderIds: readonly string[]): void {
    if (tx !== this.db || !tx.inTransaction)
      throw new Error('LateCancellations.noteIn outside a transaction');
    const now = this.clock.now();
    for (const id of orderIds) this.insert.run(account, id.slice(0, 64), now);
  }

  /** What the report lists, removed from the table. */
  take(): Promise<LateCancellationLine[]> {
    return writeTransaction(this.db, () => {
      const lines = this.select.all();
      this.db.prepare('DELETE FROM sync_late_cancellations').run();
      return lines;
    });
  }
}
