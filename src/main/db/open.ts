import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
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
  /**
   * Rows every file needs (the station's identity): `write` runs under the write lock at open when
   * `isSeeded` (a plain read) says something is missing, and must itself write only what is missing.
   */
  seed?: { isSeeded(db: Db): boolean; write(db: Db): void };
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
  // Several processes starting on one new folder at once: SQLite answers some steps of the first
  // open (the WAL switch, the schema build) with SQLITE_BUSY without waiting, so the whole open is
  // tried again, with a short pause, until the open timeout.
  const deadline = performance.now() + (options.openTimeoutMs ?? 15_000);
  for (let attempt = 1; ; attempt++) {
    const isNew = isNewFile(path.resolve(options.file));
    try {
      return openOnce(options);
    } catch (err) {
      const racing = isNew && err instanceof AppError && err.code === 'DB_LOCKED';
      if (!racing || performance.now() > deadline) throw err;
      Atomics.wait(PAUSE, 0, 0, Math.min(10 * attempt, 100));
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** No file yet, or one whose header still says schema version 0 (another process is building it). */
function isNewFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const header = Buffer.alloc(64);
    if (fs.readSync(fd, header, 0, 64, 0) < 64) return true;
    return header.readUInt32BE(60) === 0;
  } catch {
    // Not a readable file (a directory in its place…): the open itself says what is wrong.
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

function openOnce(options: OpenDatabaseOptions): Db {
  const file = path.resolve(options.file);
  assertUsableDirectory(path.dirname(file));
  assertSqliteFile(file);
  // SQLite opens a file it may not write read-only without a word, and every write would then
  // answer DB_READONLY: refuse at start instead, naming the file.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) assertWritableFile(f);

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
    if (mode !== 'wal') {
      throw unusableFile(file, `read-only database (journal mode stays ${String(mode)})`);
    }
    // After the switch: probing a new file still in rollback mode makes the others' switch busy.
    assertConnectionWritable(db, file);
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
    // Only a file that lacks them takes the write lock for them: opening a seeded station never
    // waits for another program's write lock.
    if (options.seed && !options.seed.isSeeded(db)) db.transaction(options.seed.write).immediate(db);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 20}`);
    setWritePolicy(db, options.write ?? {});
    return db;
  } catch (err) {
    db.close();
    const mapped = toAppError(err);
    if (mapped instanceof AppError && mapped.code === 'DB_READONLY') {
      const code = String((err as { code?: unknown }).code ?? 'SQLITE_READONLY');
      throw unusableFile(file, `read-only database (${code})`, err);
    }
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

/** Refuses a folder the station could not write (read-only mount, permissions, full disk) with the OS's reason. */
export function assertUsableDirectory(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    throw unusable(dir, err);
  }
  // root ignores mode bits in access(); a probe write tells the truth (read-only mounts, full disks).
  // Its name is unique to this attempt (`wx` never reuses a file), so several processes starting on
  // one folder at once, even with the same pid in different containers, never remove each other's.
  const probe = path.join(dir, `.write-probe-${process.pid}-${randomBytes(6).toString('hex')}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(probe, 'wx');
    fs.writeSync(fd, PROBE_BYTES);
    fs.fsyncSync(fd);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new AppError('DISK_FULL', { path: dir }, { cause: err });
    throw unusable(dir, err);
  } finally {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  }
}

/** Enough bytes that a full disk refuses them (a bare create needs no data block). */
const PROBE_BYTES = Buffer.alloc(4096);

/** The database file (or its -wal/-shm) is what cannot be used, not the folder. */
function unusableFile(file: string, reason: string, cause?: unknown): AppError {
  return new AppError('DATA_DIR_UNUSABLE', { path: file, reason, target: 'file' }, { cause });
}

function unusable(dir: string, err: unknown): AppError {
  const reason = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  return new AppError('DATA_DIR_UNUSABLE', { path: dir, reason }, { cause: err });
}

/** The database file or one of its -wal/-shm companions exists but this process may not write it. */
function assertWritableFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDWR);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw unusableFile(file, `read-only file (${code})`, err);
    }
    throw unusableFile(file, (err as NodeJS.ErrnoException).code ?? 'UNKNOWN', err);
  }
  fs.closeSync(fd);
}

/**
 * The connection itself may write (a file can be writable and the connection still read-only, e.g.
 * opened through a read-only mount SQLite fell back to). A write statement in a transaction that is
 * rolled back: SQLite refuses it with SQLITE_READONLY before it looks at any lock, and a connection
 * that could write but finds another program holding the lock answers SQLITE_BUSY at once.
 */
function assertConnectionWritable(db: Db, file: string): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN');
    // Writes the header's user_version with the value it has: nothing changes, and it is rolled back.
    db.pragma(`user_version = ${schemaVersion(db)}`);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
      throw unusableFile(file, `read-only database (${code})`, err);
    }
    if (!(typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) throw err;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

function assertSqliteFile(file: string): void {
  // Another process creating the same new database may be halfway through writing its first page;
  // a short read that is the start of the SQLite header is that, and is read again.
  const deadline = performance.now() + HEADER_SETTLE_MS;
  for (;;) {
    const header = readHeader(file);
    if (header === null || header.length === 0) return; // no file yet, or an empty one: a new database
    if (header.equals(SQLITE_HEADER)) return;
    const partial =
      header.length < SQLITE_HEADER.length && SQLITE_HEADER.subarray(0, header.length).equals(header);
    if (!partial || performance.now() > deadline) throw new AppError('DB_CORRUPT', { path: file });
    sleepSync(5);
  }
}

const HEADER_SETTLE_MS = 1000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The file's first 16 bytes, or null when there is no file. */
function readHeader(file: string): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw unusableFile(file, (err as NodeJS.ErrnoException).code ?? 'UNKNOWN', err);
  }
  try {
    if (!fs.fstatSync(fd).isFile()) {
      throw unusableFile(file, 'EISDIR');
    }
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
