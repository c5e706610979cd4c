import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open';

export interface LockoutPolicy {
  /** Failures of one user or one tab in a row that lock it. */
  failuresBeforeLock: number;
  /**
   * Failures at the whole station (any user, any tab) that lock sign-in there: catches a guesser who
   * tries one PIN per user, or makes up a new tab id for every guess.
   */
  stationFailuresBeforeLock: number;
  /** The first lock; each further failure doubles it up to maxLockMs. */
  firstLockMs: number;
  maxLockMs: number;
  /** A user's or tab's count with no failure for this long starts again from zero. */
  forgetAfterMs: number;
  /**
   * The same for the station's count, kept short: a busy station's ordinary typos must not add up
   * over a shift to a lock for everyone.
   */
  stationForgetAfterMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  failuresBeforeLock: 5,
  stationFailuresBeforeLock: 20,
  firstLockMs: 30_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
  stationForgetAfterMs: 60 * 60_000,
};

export type ScopeKind = 'user' | 'client' | 'station';

/** Something a PIN guesser could go through; each is counted and locked on its own. */
export interface Scope {
  kind: ScopeKind;
  key: string;
}

export const STATION_SCOPE: Scope = { kind: 'station', key: 'station' };
export const userScope = (userId: string): Scope => ({ kind: 'user', key: `user:${userId}` });
export const clientScope = (clientId: string): Scope => ({ kind: 'client', key: `client:${clientId}` });

interface Row {
  scope: string;
  failures: number;
  last_failure_at: number;
  locked_until: number;
}

/**
 * Counts failed PIN proofs in the station database (a restart does not forgive them) and locks a
 * scope after too many: 30 s, doubling with every further failure, up to an hour. While a scope is
 * locked the PIN is not even compared, so the right PIN does not get through either.
 */
export class SignInThrottle {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly prune;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {
    this.select = db.prepare<[string], Row>(
      'SELECT scope, failures, last_failure_at, locked_until FROM sign_in_failures WHERE scope = ?',
    );
    this.upsert = db.prepare<[string, number, number, number]>(
      `INSERT INTO sign_in_failures (scope, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures,
         last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM sign_in_failures WHERE scope = ?');
    // Tabs come and go; their rows are dropped once they could no longer matter.
    this.prune = db.prepare<[number, number]>(
      'DELETE FROM sign_in_failures WHERE last_failure_at < ? AND locked_until < ?',
    );
  }

  /** SIGN_IN_LOCKED when any of the scopes is locked now, else null. */
  lockOf(scopes: readonly Scope[]): AppError | null {
    const now = this.clock.now();
    let worst: { until: number; kind: ScopeKind } | null = null;
    for (const scope of scopes) {
      const row = this.select.get(scope.key);
      if (!row) continue;
      // A lock further ahead than any lock can last means the clock was set back: it counts as the longest.
      const until = Math.min(row.locked_until, now + this.policy.maxLockMs);
      if (until > now && (!worst || until > worst.until)) worst = { until, kind: scope.kind };
    }
    return worst ? lockedError(worst.until - now, worst.kind) : null;
  }

  /**
   * Counts one failure against every scope (inside the caller's transaction). Returns how many tries
   * are left before a lock, or the lock it has just set.
   */
  recordFailure(
    scopes: readonly Scope[],
  ): { locked: false; attemptsLeft: number } | { locked: true; lock: AppError } {
    const now = this.clock.now();
    let attemptsLeft = Number.POSITIVE_INFINITY;
    let lock: { until: number; kind: ScopeKind } | null = null;
    for (const scope of scopes) {
      const row = this.select.get(scope.key);
      const station = scope.kind === 'station';
      const forgetAfter = station ? this.policy.stationForgetAfterMs : this.policy.forgetAfterMs;
      const fresh = !row || now - row.last_failure_at > forgetAfter;
      const failures = (fresh ? 0 : row.failures) + 1;
      const threshold = station ? this.policy.stationFailuresBeforeLock : this.policy.failuresBeforeLock;
      const lockedUntil = failures >= threshold ? now + this.lockMs(failures - threshold) : 0;
      this.upsert.run(scope.key, failures, now, lockedUntil);
      attemptsLeft = Math.min(attemptsLeft, Math.max(0, threshold - failures));
      if (lockedUntil > now && (!lock || lockedUntil > lock.until))
        lock = { until: lockedUntil, kind: scope.kind };
    }
    this.prune.run(now - this.policy.forgetAfterMs, now);
    if (lock) return { locked: true, lock: lockedError(lock.until - now, lock.kind) };
    return { locked: false, attemptsLeft };
  }

  /** A right PIN forgives that user's and that tab's failures (not the station's: see the policy). */
  recordSuccess(scopes: readonly Scope[]): void {
    for (const scope of scopes) if (scope.kind !== 'station') this.remove.run(scope.key);
  }

  /** An administrator set a new PIN: the old failures no longer say anything. */
  forgive(scope: Scope): void {
    this.remove.run(scope.key);
  }

  private lockMs(beyondThreshold: number): number {
    return Math.min(this.policy.maxLockMs, this.policy.firstLockMs * 2 ** Math.min(beyondThreshold, 30));
  }
}

function lockedError(ms: number, scope: ScopeKind): AppError {
  return new AppError('SIGN_IN_LOCKED', { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)), scope });
}
