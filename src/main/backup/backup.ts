import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import {
  BACKUP_DIR,
  DEFAULT_RETENTION,
  backupFileName,
  backupsToPrune,
  listBackups,
  type BackupKind,
  type RetentionPolicy,
} from './backup-files';

export type BackupFailure = 'DISK_FULL' | 'READ_ONLY' | 'EXISTS' | 'VERIFY_FAILED' | 'IO';

export class BackupError extends Error {
  readonly code = 'BACKUP_FAILED';
  constructor(
    readonly reason: BackupFailure,
    readonly target: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`backup to ${target} failed: ${describe(reason)}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'BackupError';
  }
}

function describe(reason: BackupFailure): string {
  switch (reason) {
    case 'DISK_FULL':
      return 'the disk is full; free some space (or move old backups away) and try again — no partial backup was left';
    case 'READ_ONLY':
      return 'the backup folder cannot be written';
    case 'EXISTS':
      return 'a file with that name exists already; choose another name';
    case 'VERIFY_FAILED':
      return 'the copy did not pass its check and was removed';
    case 'IO':
      return 'an input/output error occurred; no partial backup was left';
  }
}

/** Copies a live database to a new file: better-sqlite3's online backup (the SQLite backup API). */
export type CopyDatabase = (db: Db, destination: string) => Promise<void>;
/** The same, finished before it returns. */
export type CopyDatabaseSync = (db: Db, destination: string) => void;

export const sqliteOnlineBackup: CopyDatabase = async (db, destination) => {
  await db.backup(destination);
};

/**
 * `VACUUM INTO`: one read transaction copies a consistent snapshot, synchronously. Unlike the
 * backup API, whose copy starts over whenever another connection writes, it never restarts, so it
 * finishes even while a scheduled sync keeps writing; it blocks the thread while it runs, which is
 * why only start-up uses it (before the core serves any call).
 */
export const sqliteVacuumInto: CopyDatabaseSync = (db, destination) => {
  db.prepare('VACUUM INTO ?').run(destination);
};

export interface CreateBackupOptions {
  dataDir: string;
  kind: BackupKind;
  clock: Clock;
  /** For pre-migration backups: the schema version before the migration. */
  schemaVersion?: number;
  /** An explicit target (`lastmile backup --out FILE`); otherwise a dated name in dataDir/backups. */
  outFile?: string;
  retention?: RetentionPolicy;
  nativeBinding?: string | undefined;
  copy?: CopyDatabase;
}

export interface BackupResult {
  file: string;
  bytes: number;
  kind: BackupKind;
  takenAt: number;
  pruned: string[];
}

interface BackupTarget {
  takenAt: number;
  dir: string;
  target: string;
  temp: string;
}

/**
 * An online backup of the station database, safe while clerks keep scanning: the SQLite backup
 * API copies a consistent snapshot into a temporary file, the copy is turned into a single
 * self-contained file (rollback journal) and quick-checked, flushed to disk, and only then
 * renamed to its final name. Whatever fails on the way — a full disk most of all — the temporary
 * file is removed, so a name in the backup folder always means a whole, checked backup.
 * Dated backups are rotated: the newest N of each kind are kept.
 */
export async function createBackup(db: Db, options: CreateBackupOptions): Promise<BackupResult> {
  const t = backupTarget(options);
  try {
    await (options.copy ?? sqliteOnlineBackup)(db, t.temp);
  } catch (error) {
    throw copyFailed(error, t);
  }
  return finishBackup(t, options);
}

/** The same backup, taken synchronously with `VACUUM INTO` (for start-up, before a migration). */
export function createBackupSync(
  db: Db,
  options: Omit<CreateBackupOptions, 'copy'> & { copy?: CopyDatabaseSync },
): BackupResult {
  const t = backupTarget(options);
  try {
    (options.copy ?? sqliteVacuumInto)(db, t.temp);
  } catch (error) {
    throw copyFailed(error, t);
  }
  return finishBackup(t, options);
}

function backupTarget(options: CreateBackupOptions | Omit<CreateBackupOptions, 'copy'>): BackupTarget {
  const takenAt = options.clock.now();
  const dir = options.outFile
    ? path.dirname(path.resolve(options.outFile))
    : path.join(options.dataDir, BACKUP_DIR);
  const target = options.outFile
    ? path.resolve(options.outFile)
    : path.join(dir, backupFileName(options.kind, takenAt, options.schemaVersion));
  const temp = path.join(dir, `.${path.basename(target)}.partial-${process.pid}`);

  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new BackupError(failureOf(error), target, codeOf(error), { cause: error });
  }
  if (fs.existsSync(target)) throw new BackupError('EXISTS', target, '');
  return { takenAt, dir, target, temp };
}

function copyFailed(error: unknown, t: BackupTarget): BackupError {
  removeTemp(t.temp);
  if (error instanceof BackupError) return error;
  return new BackupError(failureOf(error), t.target, codeOf(error), { cause: error });
}

function finishBackup(
  t: BackupTarget,
  options: Pick<CreateBackupOptions, 'kind' | 'outFile' | 'retention' | 'nativeBinding'>,
): BackupResult {
  const { dir, target, temp } = t;
  try {
    sealCopy(temp, options.nativeBinding);
    fsyncFile(temp);
    // Never replaces an existing file, even one created while we copied.
    fs.linkSync(temp, target);
    fs.unlinkSync(temp);
    fsyncDir(dir);
  } catch (error) {
    removeTemp(temp);
    if (error instanceof BackupError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError('EXISTS', target, '');
    throw new BackupError(failureOf(error), target, codeOf(error), { cause: error });
  }

  const pruned: string[] = [];
  if (!options.outFile) {
    for (const old of backupsToPrune(listBackups(dir), options.retention ?? DEFAULT_RETENTION)) {
      try {
        fs.unlinkSync(old.file);
        pruned.push(old.file);
      } catch {
        // Left for the next rotation; a backup that cannot be deleted harms nothing.
      }
    }
  }
  return { file: target, bytes: fs.statSync(target).size, kind: options.kind, takenAt: t.takenAt, pruned };
}

function removeTemp(temp: string): void {
  removeQuietly(temp);
  for (const suffix of ['-journal', '-wal', '-shm']) removeQuietly(temp + suffix);
}

/**
 * The migration runner calls this before it changes the schema of an existing database, so a
 * migration that goes wrong can be undone by restoring the file it started from. Synchronous
 * (`VACUUM INTO`): it runs while the database is opened, before any call is served, and must
 * have finished before the first migration statement anyway.
 */
export function backupBeforeMigration(
  db: Db,
  options: {
    dataDir: string;
    clock: Clock;
    fromVersion: number;
    retention?: RetentionPolicy;
    nativeBinding?: string | undefined;
    copy?: CopyDatabaseSync;
  },
): BackupResult | null {
  // A new, empty database has nothing to lose.
  if (options.fromVersion < 1) return null;
  return createBackupSync(db, { ...options, kind: 'pre-migration', schemaVersion: options.fromVersion });
}

/** One file that opens on its own (no -wal beside it), checked before it gets its final name. */
function sealCopy(file: string, nativeBinding: string | undefined): void {
  const copy = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = (copy.pragma('quick_check(5)') as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((r) => r !== 'ok');
    if (problems.length > 0) throw new BackupError('VERIFY_FAILED', file, problems.join('; ').slice(0, 300));
  } finally {
    copy.close();
  }
}

function failureOf(error: unknown): BackupFailure {
  const code = codeOf(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'DISK_FULL';
  if (
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN'
  ) {
    return 'READ_ONLY';
  }
  if (code.startsWith('SQLITE_CORRUPT')) return 'VERIFY_FAILED';
  // SQLite reports a full disk during a write as an I/O error on some systems.
  if (code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC') return 'DISK_FULL';
  return 'IO';
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable; Windows cannot open a folder for fsync, and needs not. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing more can be done; the name is a temporary one and never listed as a backup.
  }
}
