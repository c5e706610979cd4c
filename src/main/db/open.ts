import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { toAppError } from './sqlite-errors';
import { setWritePolicy, type WritePolicy } from './write';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  /** Path to an Electron-ABI better_sqlite3.node when running inside Electron. */
  nativeBinding?: string;
  /** How long opening (WAL switch, migrations) waits for another process starting on the same file. */
  openTimeoutMs?: number;
  /**
   * The connection's busy timeout afterwards: tiny, because it blocks the event loop; writes wait
   * for a lock between attempts instead (db/write.ts), reads in WAL mode do not wait for writers.
   */
  busyTimeoutMs?: number;
  write?: Partial<WritePolicy>;
  /** Rows every file needs (the station's identity), written under the write lock at open. */
  seed?: (db: Db) => void;
  migrations?: readonly Migration[];
  /**
   * Runs before the first migration of an existing file (one with a schema version), on the same
   * connection, outside any transaction: the place for the pre-migration backup. Throwing stops
   * the open and leaves the file as it was.
   */
  beforeMigrate?: (db: Db, versions: { fromVersion: number; toVersion: number }) => void;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (creating if needed) the station database and brings its schema up to date.
 * Refuses, without touching it, a file that is not SQLite or a directory we cannot write.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const file = path.resolve(options.file);
  assertUsableDirectory(path.dirname(file));
  assertSqliteFile(file);

  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw toAppError(err);
  }
  try {
    db.pragma(`busy_timeout = ${options.openTimeoutMs ?? 15_000}`);
    const migrations = options.migrations ?? MIGRATIONS;
    // Before anything writes (switching to WAL rewrites the header): a newer app's file stays as it was.
    assertNotNewer(db, migrations);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new AppError('DB_READONLY', { path: file, journalMode: String(mode) });
    // FULL: in WAL mode NORMAL may lose the last commits on power loss; a clerk's scan must survive it.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    const fromVersion = schemaVersion(db);
    const toVersion = migrations.at(-1)?.version ?? 0;
    if (options.beforeMigrate && fromVersion >= 1 && fromVersion < toVersion) {
      options.beforeMigrate(db, { fromVersion, toVersion });
    }
    migrate(db, migrations);
    if (options.seed) db.transaction(options.seed).immediate(db);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 20}`);
    setWritePolicy(db, options.write ?? {});
    return db;
  } catch (err) {
    db.close();
    const mapped = toAppError(err);
    if (mapped instanceof AppError && Object.keys(mapped.params).length === 0) {
      throw new AppError(mapped.code, { path: file }, { cause: err });
    }
    throw mapped;
  }
}

function assertNotNewer(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const fileVersion = schemaVersion(db);
  if (fileVersion > latest) throw new AppError('DB_NEWER_THAN_APP', { fileVersion, appVersion: latest });
}

function assertUsableDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
    // root ignores mode bits in access(); a probe write tells the truth (read-only mounts, full disks).
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    throw new AppError('DATA_DIR_UNUSABLE', { path: dir, reason }, { cause: err });
  }
}

function assertSqliteFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new AppError('DATA_DIR_UNUSABLE', {
      path: file,
      reason: (err as NodeJS.ErrnoException).code ?? 'UNKNOWN',
    });
  }
  try {
    if (!fs.fstatSync(fd).isFile()) {
      throw new AppError('DATA_DIR_UNUSABLE', { path: file, reason: 'EISDIR' });
    }
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read === 0) return; // an empty file is a new database to SQLite too
    if (read < header.length || !header.equals(SQLITE_HEADER)) {
      throw new AppError('DB_CORRUPT', { path: file });
    }
  } finally {
    fs.closeSync(fd);
  }
}
