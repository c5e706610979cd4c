import type { PlatformReturnOrder } from '../../shared/platform-returns';
import type { UnknownCodeLine } from '../../shared/sync-views';
import type { TrackingEvent } from '../../shared/tracking';
import { getConnector, isConnectorKind } from '../carriers/registry';
import type { PullSource } from './destination';

const MAX_SEEN = 200_000;

/**
 * Every source code that mapped to `unknown`, counted per account and code as the events arrive
 * (pulled pages and webhooks), until the next daily report takes the counts. Counted from the
 * shared model, not from the connectors' once-a-page log line, so a code seen on 40 checkpoints
 * counts 40 — and each checkpoint once: a pull that reads a tracking again, or a webhook and a pull
 * carrying the same checkpoint (one event id), do not count it twice. A return order counts when
 * its platform status is not in the connector's return-status table, once per return and status.
 * Kept in memory: a restart starts the count again.
 */
export class UnknownCodeTally {
  private readonly lines = new Map<string, UnknownCodeLine>();
  private seen = new Set<string>();

  constructor(private readonly maxSeen = MAX_SEEN) {}

  countTracking(account: string, connector: string, events: readonly TrackingEvent[]): void {
    for (const e of events) {
      if (e.status === 'unknown' && this.first(`${account}\u0000${e.externalId}`)) {
        this.add(account, connector, e.code, e.description);
      }
    }
  }

  countReturns(account: string, connector: string, orders: readonly PlatformReturnOrder[]): void {
    const table = isConnectorKind(connector) ? getConnector(connector).returnStatusTable : undefined;
    if (!table) return;
    for (const o of orders) {
      if (Object.hasOwn(table, o.platformStatus)) continue;
      if (this.first(`${account}\u0000${o.platformReturnId}\u0000${o.platformStatus}`)) {
        this.add(account, connector, o.platformStatus, o.orderId);
      }
    }
  }

  private first(key: string): boolean {
    if (this.seen.has(key)) return false;
    // Bounded memory: after this many ids an old checkpoint read again may count once more.
    if (this.seen.size >= this.maxSeen) this.seen = new Set();
    this.seen.add(key);
    return true;
  }

  /** The counts since the last take, sorted by account and code; the tally starts again. */
  take(): UnknownCodeLine[] {
    const lines = [...this.lines.values()].sort(
      (a, b) => a.account.localeCompare(b.account) || a.code.localeCompare(b.code),
    );
    this.lines.clear();
    return lines;
  }

  private add(account: string, connector: string, code: string, sample: string): void {
    const key = `${account}\u0000${code}`;
    const line = this.lines.get(key);
    if (line) line.count++;
    else
      this.lines.set(key, {
        account,
        connector,
        code: code.slice(0, 100),
        count: 1,
        sample: sample.slice(0, 120),
      });
  }
}

/** A feed whose unknown codes are counted page by page as they arrive. */
export function countingUnknown<T>(
  source: PullSource<T>,
  count: (items: readonly T[]) => void,
): PullSource<T> {
  return {
    name: source.name,
    pull: async (cursor, signal) => {
      const page = await source.pull(cursor, signal);
      count(page.items);
      return page;
    },
  };
}
