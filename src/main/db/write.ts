import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import type { Db } from './open';

export interface WritePolicy {
  /** How long a write waits in all for another connection's write lock before DB_LOCKED. */
  maxWaitMs: number;
  /** First pause between attempts; doubled up to maxPauseMs. */
  firstPauseMs: number;
  maxPauseMs: number;
}

export const DEFAULT_WRITE_POLICY: WritePolicy = { maxWaitMs: 5000, firstPauseMs: 2, maxPauseMs: 100 };

const policies = new WeakMap<Db, WritePolicy>();

/** Sets how writes on this connection wait for a lock (openDatabase sets it; tests shorten it). */
export function setWritePolicy(db: Db, policy: Partial<WritePolicy>): void {
  policies.set(db, { ...(policies.get(db) ?? DEFAULT_WRITE_POLICY), ...policy });
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs `fn` in one `BEGIN IMMEDIATE` transaction. When another process holds the write lock, the
 * connection's own busy timeout is kept tiny and the wait happens here, between attempts, on the
 * event loop's timers — so reads and every other call go on while a write waits. After the policy's
 * budget the write fails with DB_LOCKED (retryable) and nothing of it was written.
 *
 * `fn` must not have effects outside the database: it may run again after a refused BEGIN.
 */
export async function writeTransaction<T>(db: Db, fn: () => T): Promise<T> {
  const policy = policies.get(db) ?? DEFAULT_WRITE_POLICY;
  const started = performance.now();
  let pause = policy.firstPauseMs;
  for (;;) {
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      if (!isBusy(err) || db.inTransaction) throw err;
      const waited = performance.now() - started;
      if (waited >= policy.maxWaitMs) {
        throw new AppError('DB_LOCKED', { waitedMs: Math.round(waited), retryable: true }, { cause: err });
      }
      await sleep(Math.min(pause, policy.maxWaitMs - waited));
      pause = Math.min(pause * 2, policy.maxPauseMs);
    }
  }
}
