import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Logger } from '../logger';
import type { ConnectorState } from './connector';

/** Pause before writing again what another process's write lock kept out. */
const RETRY_MS = 250;

type Write =
  { kind: 'set'; key: string; value: string; expiresAt: number | null } | { kind: 'prune'; before: number };

/**
 * ConnectorState in the station database (table connector_state), one instance per destination.
 * ConnectorState is synchronous (a connector reads its token in the middle of a request), so reads
 * come from a copy loaded at construction and every write goes to that copy first, then to the
 * database at once — inside the caller's transaction when there is one. When another process
 * holds the write lock, the write waits in a queue and is retried off the event loop; the copy
 * keeps answering meanwhile, so a busy file delays persistence, never a delivery.
 *
 * Public API: new SqliteConnectorState({ db, clock, destination, logger? }), get/set/remember,
 * flush() (await pending writes), pendingWrites, close().
 */
export class SqliteConnectorState implements ConnectorState {
  private readonly values = new Map<string, string>();
  private readonly expiries = new Map<string, number>();
  private readonly queue: Write[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  readonly destination: string;

  constructor(options: { db: Db; clock: Clock; destination: string; logger?: Logger }) {
    this.db = options.db;
    this.clock = options.clock;
    this.destination = options.destination;
    this.logger = options.logger;
    this.load();
  }

  /**
   * Reads the copy again from the database, then replays writes still waiting for the lock: after
   * a caller's transaction rolled back, what it remembered is forgotten again.
   */
  reload(): void {
    this.values.clear();
    this.expiries.clear();
    this.load();
    for (const change of this.queue) {
      if (change.kind !== 'set') continue;
      this.values.set(change.key, change.value);
      if (change.expiresAt !== null) this.expiries.set(change.key, change.expiresAt);
    }
  }

  private load(): void {
    const now = this.clock.now();
    const rows = this.db
      .prepare<[string, number], { key: string; value: string; expires_at: number | null }>(
        `SELECT key, value, expires_at FROM connector_state
         WHERE destination = ? AND (expires_at IS NULL OR expires_at > ?)`,
      )
      .all(this.destination, now);
    for (const row of rows) {
      this.values.set(row.key, row.value);
      if (row.expires_at !== null) this.expiries.set(row.key, row.expires_at);
    }
  }

  get(key: string): string | undefined {
    const expiresAt = this.expiries.get(key);
    if (expiresAt !== undefined && expiresAt <= this.clock.now()) return undefined;
    return this.values.get(key);
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
    this.expiries.delete(key);
    this.write({ kind: 'set', key, value, expiresAt: null });
  }

  remember(key: string, ttlMs: number): boolean {
    const now = this.clock.now();
    const stored = `remembered:${key}`;
    const until = this.expiries.get(stored);
    if (until !== undefined && until > now) return false;
    this.values.set(stored, '1');
    this.expiries.set(stored, now + ttlMs);
    this.write({ kind: 'set', key: stored, value: '1', expiresAt: now + ttlMs });
    // Expired rows of this destination go with the next write; a table of old webhook ids never grows.
    this.write({ kind: 'prune', before: now });
    return true;
  }

  /** Writes waiting for another process's lock. */
  get pendingWrites(): number {
    return this.queue.length;
  }

  /** Waits until every write so far is in the database (or rejects with DB_LOCKED). */
  async flush(): Promise<void> {
    while (this.queue.length > 0) {
      this.flushing ??= writeTransaction(this.db, () => this.applyQueued()).finally(() => {
        this.flushing = null;
      });
      await this.flushing;
    }
  }

  /** Stops retrying in the background; what is still queued is tried once more, then dropped. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    try {
      this.db.transaction(() => this.applyQueued()).immediate();
    } catch (err) {
      this.logger?.warn('connector state not saved at close', {
        destination: this.destination,
        writes: this.queue.length,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private write(change: Write): void {
    this.queue.push(change);
    // Writes keep their order: while older ones wait for the lock, newer ones wait behind them.
    if (this.queue.length > 1) return;
    try {
      if (this.db.inTransaction) this.applyQueued();
      else this.db.transaction(() => this.applyQueued()).immediate();
    } catch (err) {
      if (!isBusy(err)) throw err;
      this.scheduleRetry();
    }
  }

  private applyQueued(): void {
    const upsert = this.db.prepare(
      `INSERT INTO connector_state (destination, key, value, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (destination, key) DO UPDATE SET value = excluded.value,
         expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
    );
    const prune = this.db.prepare(
      'DELETE FROM connector_state WHERE destination = ? AND expires_at IS NOT NULL AND expires_at <= ?',
    );
    const now = this.clock.now();
    for (const change of this.queue) {
      if (change.kind === 'set')
        upsert.run(this.destination, change.key, change.value, change.expiresAt, now);
      else prune.run(this.destination, change.before);
    }
    this.queue.length = 0;
  }

  private scheduleRetry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => this.scheduleRetry());
    }, RETRY_MS);
    this.timer.unref();
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
