import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Db } from '../db/open';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const CHAIN_COLUMNS = ['chain', 'seq', 'prev_hash', 'hash'];

/** Why a file's audit log cannot be read; the CLI prints it and exits 4. */
export class AuditLogUnusable extends Error {}

/**
 * Opens a station database (or a backup of one) read-only, to read its audit log while the
 * station goes on working: a WAL reader neither blocks the writer nor is blocked by it, and
 * nothing in the file is changed. Refuses what is not a LastMile database, and a log from before
 * the chain, with a sentence saying so.
 */
export function openAuditLogReadOnly(file: string, nativeBinding?: string): Db {
  assertSqliteHeader(file);
  let db: Db;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (err) {
    throw new AuditLogUnusable(`cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.pragma('busy_timeout = 5000');
    const columns = (db.pragma('table_info(audit_log)') as { name: string }[]).map((c) => c.name);
    if (columns.length === 0) throw new AuditLogUnusable(`${file} has no audit log: not a LastMile database`);
    if (!CHAIN_COLUMNS.every((c) => columns.includes(c))) {
      throw new AuditLogUnusable(
        `the audit log in ${file} is from before the hash chain (schema ${String(db.pragma('user_version', { simple: true }))}); start the station once with this version to chain it`,
      );
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AuditLogUnusable) throw err;
    throw new AuditLogUnusable(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Whether a file starts like a SQLite database (an anchor may be a backup file or JSON). */
export function looksLikeSqlite(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    return fs.readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function assertSqliteHeader(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    throw new AuditLogUnusable(
      code === 'ENOENT' ? `no station database at ${file}` : `cannot read ${file} (${code})`,
      { cause: err },
    );
  }
  if (!stat.isFile()) throw new AuditLogUnusable(`${file} is not a file`);
  if (!looksLikeSqlite(file)) throw new AuditLogUnusable(`${file} is not a SQLite database`);
}
