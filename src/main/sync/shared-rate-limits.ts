import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';
import { openDatabase, type Db } from '../db/open';
import {
  refilled,
  tokenWaitMs,
  type BudgetFactory,
  type RequestBudget,
  type TokenBucketOptions,
} from './token-bucket';

export const RATE_LIMITS_FILE = 'rate-limits.sqlite';

const schema = `
CREATE TABLE rate_buckets (
  name        TEXT PRIMARY KEY,
  tokens      REAL NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
`;

/** Each take blocks the event loop at most this long while another process holds the file. */
const BUSY_TIMEOUT_MS = 5;
/** How soon a take that met a locked file is worth trying again. */
const BUSY_RETRY_MS = 2;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

interface BucketRow {
  tokens: number;
  updated_at: number;
}

/**
 * Request budgets shared by every process that delivers from one station folder — the app's
 * background delivery and a `lastmile sync --daily` run from a scheduled task — so that together
 * they never send a destination more than its declared rate. Each budget is a token bucket kept
 * in its own small SQLite file; every take is one short IMMEDIATE transaction, so two processes
 * never both spend the same token. The file holds nothing that must survive a power cut (after a
 * crash a bucket simply starts full), hence `synchronous = OFF` and no fsync per request, and it
 * is separate from the station database so these writes never queue behind a clerk's commit.
 *
 * The engine asks for tokens synchronously, on its event loop, so a take never waits long for
 * the file's lock: the connection's busy timeout is a few ms, and a file still locked after that
 * answers "no token yet" (the engine sleeps a moment and asks again) rather than throwing. A
 * refund or a drain that meets a locked file is kept and folded into the next transaction, so
 * a budget is never overspent because the file was busy.
 */
export class SharedRateLimits {
  private readonly db: Db;
  private readonly select;
  private readonly upsert;

  constructor(
    file: string,
    private readonly clock: Clock,
    nativeBinding?: string,
  ) {
    this.db = openDatabase({
      file,
      migrations: [{ version: 1, name: 'rate-buckets', sql: schema }],
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    this.db.pragma('synchronous = OFF');
    this.select = this.db.prepare<[string], BucketRow>(
      'SELECT tokens, updated_at FROM rate_buckets WHERE name = ?',
    );
    this.upsert = this.db.prepare<[string, number, number]>(
      `INSERT INTO rate_buckets (name, tokens, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`,
    );
  }

  readonly budgets: BudgetFactory = (destination, options) => this.bucket(destination, options);

  bucket(name: string, options: TokenBucketOptions): RequestBudget {
    const burst = Math.max(1, Math.floor(options.burst));
    const opts = { ratePerSecond: options.ratePerSecond, burst };
    // What a locked file kept us from writing; applied by the next transaction that gets through.
    let owedRefund = 0;
    let owedDrain = false;
    let busyUntil = 0;
    // Reads and updates one bucket in one IMMEDIATE transaction; returns what `change` returns,
    // or `busy` when another process holds the file's lock beyond the short busy timeout.
    const withTokens = <T>(change: (tokens: number) => { tokens: number; result: T }, busy: T): T => {
      try {
        const result = this.db
          .transaction(() => {
            const now = this.clock.now();
            const row = this.select.get(name);
            // A clock that stepped back refills nothing, and the reference point moves back with it.
            let tokens = row ? refilled(row.tokens, row.updated_at, now, opts) : burst;
            if (owedDrain) tokens = Math.min(tokens, 0);
            tokens = Math.min(burst, tokens + owedRefund);
            const next = change(tokens);
            this.upsert.run(name, next.tokens, now);
            return next.result;
          })
          .immediate();
        owedDrain = false;
        owedRefund = 0;
        return result;
      } catch (err) {
        if (!isBusy(err) || this.db.inTransaction) throw err;
        busyUntil = performance.now() + BUSY_RETRY_MS;
        return busy;
      }
    };
    return {
      waitMs: () => {
        if (owedDrain) return Math.ceil(1000 / opts.ratePerSecond);
        if (performance.now() < busyUntil) return BUSY_RETRY_MS;
        const row = this.select.get(name);
        const tokens = row ? refilled(row.tokens, row.updated_at, this.clock.now(), opts) : burst;
        return tokenWaitMs(tokens, opts.ratePerSecond);
      },
      available: () => {
        if (owedDrain || performance.now() < busyUntil) return 0;
        const row = this.select.get(name);
        return row ? refilled(row.tokens, row.updated_at, this.clock.now(), opts) : burst;
      },
      takeUpTo: (n) =>
        withTokens((tokens) => {
          const taken = Math.max(0, Math.min(n, Math.floor(tokens)));
          return { tokens: tokens - taken, result: taken };
        }, 0),
      refund: (n) => {
        if (n <= 0) return;
        if (!withTokens((tokens) => ({ tokens: Math.min(burst, tokens + n), result: true }), false)) {
          owedRefund += n;
        }
      },
      drain: () => {
        if (!withTokens((tokens) => ({ tokens: Math.min(tokens, 0), result: true }), false)) {
          owedDrain = true;
          owedRefund = 0;
        }
      },
    };
  }

  close(): void {
    this.db.close();
  }
}
