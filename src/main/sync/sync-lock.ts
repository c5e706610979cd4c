import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';

export const DAILY_SYNC_LOCK = 'daily_sync';
/** A holder that has not heartbeaten for this long is taken to have crashed. */
export const DEFAULT_LOCK_STALE_MS = 30_000;
export const DEFAULT_HEARTBEAT_MS = 5_000;

export interface SyncLockOptions {
  db: Db;
  clock: Clock;
  name?: string;
  staleAfterMs?: number;
  heartbeatMs?: number;
  pid?: number;
}

interface LockRow {
  holder: string;
  pid: number;
  acquired_at: number;
  heartbeat_at: number;
}

/** A held lock: heartbeats on a timer until released; `lost` tells when another process took it over. */
export interface SyncLockHandle {
  readonly holder: string;
  /** Aborts if a heartbeat finds the row gone or owned by someone else. */
  readonly lost: AbortSignal;
  /** false once the lock is lost; a database busy for a whole write budget skips one beat. */
  heartbeat(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * One sync at a time across every process that opens the station file (the app, the CLI from a
 * scheduled task). The lock is a row, not a file lock, so it survives in the database a crashed
 * process shares with the others; a holder that stops heartbeating loses it after `staleAfterMs`.
 */
export class SyncLock {
  private readonly name: string;
  private readonly staleAfterMs: number;
  private readonly heartbeatMs: number;
  private readonly pid: number;
  /** Holders of ours whose row could not be deleted (database busy at release): free to take. */
  private readonly abandoned = new Set<string>();

  constructor(private readonly options: SyncLockOptions) {
    this.name = options.name ?? DAILY_SYNC_LOCK;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_LOCK_STALE_MS;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.pid = options.pid ?? process.pid;
  }

  /** Who holds the lock now, if anyone still alive does. */
  current(): { holder: string; pid: number; acquiredAt: number; heartbeatAt: number } | null {
    const row = this.read();
    if (!row || this.isStale(row, this.options.clock.now())) return null;
    return { holder: row.holder, pid: row.pid, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at };
  }

  /**
   * Takes the lock or rejects with SYNC_ALREADY_RUNNING naming the live holder (or DB_LOCKED when
   * another process keeps the file locked for longer than a write waits).
   */
  async acquire(holder: string): Promise<SyncLockHandle> {
    await writeTransaction(this.options.db, () => this.claim(holder));
    return this.hold(holder);
  }

  /**
   * The write of `acquire`, inside the caller's own transaction (e.g. one writeTransaction with the
   * run's first rows); call `hold` once it has committed.
   */
  claim(holder: string): void {
    const { db, clock } = this.options;
    const now = clock.now();
    const row = this.read();
    if (row && !this.isStale(row, now) && !this.abandoned.has(row.holder)) {
      throw new AppError('SYNC_ALREADY_RUNNING', {
        holder: row.holder,
        pid: row.pid,
        since: row.acquired_at,
      });
    }
    db.prepare(
      `INSERT INTO sync_lock (name, holder, pid, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
    ).run(this.name, holder, this.pid, now, now);
  }

  /** The handle of a lock `claim` took and its transaction committed: heartbeats until released. */
  hold(holder: string): SyncLockHandle {
    this.abandoned.clear();
    return this.handle(holder);
  }

  private handle(holder: string): SyncLockHandle {
    const { db, clock } = this.options;
    const lost = new AbortController();
    let released = false;
    let beating: Promise<boolean> | null = null;
    const update = db.prepare('UPDATE sync_lock SET heartbeat_at = ? WHERE name = ? AND holder = ?');
    const beatOnce = async (): Promise<boolean> => {
      try {
        const changes = await writeTransaction(db, () => update.run(clock.now(), this.name, holder).changes);
        if (released) return false;
        if (changes === 0) lost.abort(new AppError('SYNC_ALREADY_RUNNING', { holder: 'another process' }));
        return changes > 0;
      } catch {
        // A busy database delays one heartbeat; the timeout is several heartbeats long.
        return true;
      }
    };
    // One beat at a time: a beat waiting for a lock is not joined by the next timer tick.
    const beat = (): Promise<boolean> => {
      if (released || lost.signal.aborted) return Promise.resolve(false);
      beating ??= beatOnce().finally(() => {
        beating = null;
      });
      return beating;
    };
    const timer = setInterval(() => void beat(), this.heartbeatMs);
    timer.unref();
    return {
      holder,
      lost: lost.signal,
      heartbeat: beat,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        try {
          await writeTransaction(db, () =>
            db.prepare('DELETE FROM sync_lock WHERE name = ? AND holder = ?').run(this.name, holder),
          );
        } catch {
          // Left behind: this process may take it again at once, others once it has gone stale.
          this.abandoned.add(holder);
        }
      },
    };
  }

  private read(): LockRow | undefined {
    return this.options.db
      .prepare<[string], LockRow>(
        'SELECT holder, pid, acquired_at, heartbeat_at FROM sync_lock WHERE name = ?',
      )
      .get(this.name);
  }

  /**
   * Stale when the heartbeat is older than the timeout, or lies further in the future than that:
   * after the clock steps backwards a crashed holder's heartbeat would otherwise look fresh for hours.
   */
  private isStale(row: LockRow, now: number): boolean {
    return Math.abs(now - row.heartbeat_at) > this.staleAfterMs;
  }
}
