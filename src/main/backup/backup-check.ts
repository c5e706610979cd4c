import Database from 'better-sqlite3';
import fs from 'node:fs';
import { MIGRATIONS } from '../db/migrations';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Tables every LastMile database has had since the first schema. */
export const REQUIRED_TABLES = [
  'users',
  'settings',
  'parcels',
  'scans',
  'outbox_events',
  'audit_log',
] as const;

export type BackupCheck =
  | { ok: true; schemaVersion: number; scans: number }
  | { ok: false; reason: BackupCheckFailure; detail: string };

export type BackupCheckFailure = 'missing' | 'not_sqlite' | 'damaged' | 'not_lastmile' | 'newer_than_app';

/**
 * Whether a file is a LastMile database one can restore: SQLite's header, a full
 * `integrity_check`, the LastMile tables, and a schema version this app knows. Opened read-only;
 * the file is never changed.
 */
export function checkBackupFile(
  file: string,
  options: { nativeBinding?: string | undefined; latestVersion?: number } = {},
): BackupCheck {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      if (!fs.fstatSync(fd).isFile()) return { ok: false, reason: 'missing', detail: 'not a file' };
      header = Buffer.alloc(SQLITE_HEADER.length);
      fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return { ok: false, reason: 'missing', detail: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  if (!header.equals(SQLITE_HEADER)) return { ok: false, reason: 'not_sqlite', detail: 'no SQLite header' };

  let db: Database.Database | null = null;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const problems = (db.pragma('integrity_check(10)') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok');
    if (problems.length > 0)
      return { ok: false, reason: 'damaged', detail: problems.join('; ').slice(0, 500) };
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      return { ok: false, reason: 'not_lastmile', detail: `missing tables: ${missing.join(', ')}` };
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = options.latestVersion ?? MIGRATIONS.at(-1)?.version ?? 0;
    if (version < 1) return { ok: false, reason: 'not_lastmile', detail: 'schema version 0' };
    if (version > latest) {
      return { ok: false, reason: 'newer_than_app', detail: `schema ${version}, this app knows ${latest}` };
    }
    const scans = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM scans').get()?.n ?? 0;
    return { ok: true, schemaVersion: version, scans };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      reason: 'damaged',
      detail: typeof code === 'string' ? code : (error as Error).message,
    };
  } finally {
    db?.close();
  }
}
