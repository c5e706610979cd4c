import type { PlatformReturnOrder } from '../../shared/platform-returns';
import type { UnknownCodeLine } from '../../shared/sync-views';
import type { TrackingEvent } from '../../shared/tracking';
import { getConnector, isConnectorKind } from '../carriers/registry';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { PullSource } from './destination';

/** How long a counted checkpoint is remembered: a re-read older than this may count once more. */
const SEEN_FOR_MS = 90 * 86_400_000;

interface CountRow {
  account: string;
  connector: string;
  code: string;
  count: number;
  sample: string;
}

/**
 * Every source code that mapped to `unknown`, counted per account and code as the events arrive
 * (pulled pages and webhooks), until the next daily report takes the counts. Counted from the
 * shared model, not from the connectors' once-a-page log line, so a code seen on 40 checkpoints
 * counts 40 — and each checkpoint once: a pull that reads a tracking again, or a webhook and a pull
 * carrying the same checkpoint (one event id), do not count it twice. A return order counts when
 * its platform status is not in the connector's return-status table, once per return and status.
 *
 * Kept in the station database (sync/004-unknown-codes): the counts and the ids already counted
 * survive a restart, and a daily sync in another process (the CLI) counts into the same report.
 * Ids are remembered for SEEN_FOR_MS, pruned when a report takes the counts.
 */
export class UnknownCodeTally {
  private readonly seen;
  private readonly bump;
  private readonly select;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly seenForMs = SEEN_FOR_MS,
  ) {
    this.seen = db.prepare<[string, string, number]>(
      'INSERT INTO unknown_code_seen (account, item, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.bump = db.prepare<[string, string, string, string]>(
      `INSERT INTO unknown_code_counts (account, code, connector, count, sample) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (account, code) DO UPDATE SET count = count + 1`,
    );
    this.select = db.prepare<[], CountRow>(
      'SELECT account, connector, code, count, sample FROM unknown_code_counts ORDER BY account, code',
    );
  }

  /**
   * Counts a page's or a notification's tracking events. Runs in the caller's transaction when
   * there is one (the webhook's, or a pulled page's writeTransaction that waits out the lock).
   */
  countTracking(account: string, connector: string, events: readonly TrackingEvent[]): void {
    const unknown = events.filter((e) => e.status === 'unknown');
    if (unknown.length === 0) return;
    this.db.transaction(() => {
      for (const e of unknown) {
        if (this.first(account, e.externalId)) this.add(account, connector, e.code, e.description);
      }
    })();
  }

  countReturns(account: string, connector: string, orders: readonly PlatformReturnOrder[]): void {
    const table = isConnectorKind(connector) ? getConnector(connector).returnStatusTable : undefined;
    if (!table) return;
    const unknown = orders.filter((o) => !Object.hasOwn(table, o.platformStatus));
    if (unknown.length === 0) return;
    this.db.transaction(() => {
      for (const o of unknown) {
        if (this.first(account, `${o.platformReturnId}\u0000${o.platformStatus}`)) {
          this.add(account, connector, o.platformStatus, o.orderId);
        }
      }
    })();
  }

  /** The counts since the last take, sorted by account and code; the tally starts again. */
  async take(): Promise<UnknownCodeLine[]> {
    return writeTransaction(this.db, () => {
      const lines = this.select.all();
      this.db.prepare('DELETE FROM unknown_code_counts').run();
      this.db
        .prepare('DELETE FROM unknown_code_seen WHERE seen_at < ?')
        .run(this.clock.now() - this.seenForMs);
      return lines;
    });
  }

  private first(account: string, item: string): boolean {
    return this.seen.run(account, item, this.clock.now()).changes === 1;
  }

  private add(account: string, connector: string, code: string, sample: string): void {
    this.bump.run(account, code.slice(0, 100), connector, sample.slice(0, 120));
  }
}

/** A feed whose unknown codes are counted page by page as they arrive. */
export function countingUnknown<T>(
  source: PullSource<T>,
  count: (items: readonly T[]) => Promise<void> | void,
): PullSource<T> {
  return {
    name: source.name,
    pull: async (cursor, signal) => {
      const page = await source.pull(cursor, signal);
      await count(page.items);
      return page;
    },
  };
}
