import type { Logger } from '../logger';
import type { Db } from './open';
import { toAppError } from './sqlite-errors';

export interface Checkpointer {
  /** Runs one passive checkpoint now; returns the WAL frames copied back. */
  runOnce(): number;
  /** Stops the timer and truncates the WAL (at close, nothing else is writing). */
  stop(): void;
}

/**
 * Moves WAL checkpoints off the clerk's commit path. With SQLite's automatic checkpoint, whichever
 * commit crosses 1,000 WAL pages copies them all into the database file and fsyncs it — that scan
 * waits ten times longer than the others. With `wal_autocheckpoint = 0` the station checkpoints from
 * a timer instead, between scans. PASSIVE never waits for readers or writers, so a checkpoint that
 * meets a busy database simply tries again on the next tick.
 */
export function startCheckpointer(db: Db, logger: Logger, intervalMs = 1000): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  const runOnce = (): number => {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as {
      busy: number;
      log: number;
      checkpointed: number;
    }[];
    return row?.checkpointed ?? 0;
  };
  const timer = setInterval(() => {
    try {
      runOnce();
    } catch (err) {
      logger.warn('WAL checkpoint failed; will retry', { error: toAppError(err) });
    }
  }, intervalMs);
  timer.unref();
  return {
    runOnce,
    stop() {
      clearInterval(timer);
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (err) {
        logger.warn('final WAL checkpoint failed; the WAL is replayed at next open', {
          error: toAppError(err),
        });
      }
    },
  };
}
