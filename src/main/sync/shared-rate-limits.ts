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
    // Reads and updates one bucket in one IMMEDIATE transaction; returns what `change` returns.
    const withTokens = <T>(change: (tokens: number) => { tokens: number; result: T }): T =>
      this.db
        .transaction(() => {
          const now = this.clock.now();
          const row = this.select.get(name);
          // A clock that stepped back refills nothing, and the reference point moves back with it.
          const tokens = row ? refilled(row.tokens, row.updated_at, now, opts) : burst;
          const next = change(tokens);
          this.upsert.run(name, next.tokens, now);
          return next.result;
        })
        .immediate();
    return {
      waitMs: () => {
        const row = this.select.get(name);
        const tokens = row ? refilled(row.tokens, row.updated_at, this.clock.now(), opts) : burst;
        return tokenWaitMs(tokens, opts.ratePerSecond);
      },
      takeUpTo: (n) =>
        withTokens((tokens) => {
          const taken = Math.max(0, Math.min(n, Math.floor(tokens)));
          return { tokens: tokens - taken, result: taken };
        }),
      refund: (n) => withTokens((tokens) => ({ tokens: Math.min(burst, tokens + n), result: undefined })),
      drain: () => withTokens((tokens) => ({ tokens: Math.min(tokens, 0), result: undefined })),
    };
  }

  close(): void {
    this.db.close();
  }
}
