import Database from 'better-sqlite3';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { assertUsableDirectory } from './open';

/** The lock file every running station (the app, `lastmile station`, `lastmile sync`) holds in its data folder. */
export const DATA_DIR_LOCK_FILE = 'in-use.lock';

export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    readonly dataDir: string,
    /** station: a running station holds it (a restore must wait); restore: a restore is under way (a start must wait). */
    readonly heldBy: 'station' | 'restore' = 'station',
  ) {
    super(
      heldBy === 'station'
        ? `a LastMile station is using ${dataDir}; close the app, stop "lastmile station" and any sync, then try again`
        : `a restore is replacing the database in ${dataDir}; wait until it has finished, then start again`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Keep the handle referenced for as long as the lock must hold: a collected connection closes. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

export interface DataDirLockOptions {
  nativeBinding?: string | undefined;
  /** How long to wait for a lock another process holds briefly (start-up, a restore finishing). */
  waitMs?: number;
}

/**
 * Who uses a data folder, told by an operating-system lock rather than a pid file: the lock is a
 * tiny SQLite file in rollback-journal mode. Every running station keeps a read transaction open
 * on it — a SHARED lock, which any number of processes may hold together (the app and a scheduled
 * `lastmile sync` run side by side). A restore needs the EXCLUSIVE lock, which SQLite grants only
 * when no SHARED lock is held, so it can tell "in use" for certain. The operating system drops the
 * locks of a process that dies, so a crash never leaves the folder locked (no stale pid to judge),
 * on Windows as on Linux.
 */
export function holdSharedDataDirLock(dataDir: string, options: DataDirLockOptions = {}): DataDirLock {
  const file = path.join(dataDir, DATA_DIR_LOCK_FILE);
  const db = openLockFile(file, options, 'restore');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY) STRICT');
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM lock').get();
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirInUseError(dataDir, 'restore');
    throw error;
  }
  return releaser(file, db);
}

/** The exclusive lock (for a restore): throws DataDirInUseError while any station holds its shared one. */
export function takeExclusiveDataDirLock(dataDir: string, options: DataDirLockOptions = {}): DataDirLock {
  const file = path.join(dataDir, DATA_DIR_LOCK_FILE);
  const db = openLockFile(file, { ...options, waitMs: options.waitMs ?? 0 }, 'station');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY) STRICT');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirInUseError(dataDir, 'station');
    throw error;
  }
  return releaser(file, db);
}

function openLockFile(
  file: string,
  options: DataDirLockOptions,
  heldBy: 'station' | 'restore',
): Database.Database {
  // The folder itself first, so a read-only or full disk is named as such, not as SQLITE_CANTOPEN.
  assertUsableDirectory(path.dirname(file));
  let db: Database.Database;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    // The folder itself is the problem (a file in its place, no permission, read-only disk).
    const code = (error as { code?: unknown }).code;
    throw new AppError(
      'DATA_DIR_UNUSABLE',
      { path: path.dirname(file), reason: typeof code === 'string' ? code : 'UNKNOWN' },
      { cause: error },
    );
  }
  try {
    db.pragma(`busy_timeout = ${options.waitMs ?? 3000}`);
    // Rollback journal, not WAL: in WAL mode readers take no lock a writer must wait for.
    db.pragma('journal_mode = DELETE');
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirInUseError(path.dirname(file), heldBy);
    throw error;
  }
}

function releaser(file: string, db: Database.Database): DataDirLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
