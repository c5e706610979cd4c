import Database from 'better-sqlite3';
import fs from 'node:fs';

export type QuickCheckResult =
  /**
   * fine: checked and sound; new: no database yet; unchecked: the operating system would not let
   * us open the file (a folder problem, not a damaged database) — left to the opener, whose error
   * names the folder.
   */
  | { ok: true; state: 'fine' | 'new' | 'unchecked'; details?: string[] }
  | {
      ok: false;
      /** not_sqlite: the header is not SQLite's; damaged: quick_check found problems or SQLite cannot read it. */
      reason: 'not_sqlite' | 'damaged';
      /** The first problems SQLite named, or the error code. */
      details: string[];
    };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const MAX_PROBLEMS = 10;

/**
 * `PRAGMA quick_check` on the station database before the app uses it: the page structure and
 * indexes' basic consistency, in a fraction of integrity_check's time. A missing or empty file is
 * a new station, not a failure. The file is opened without migrating anything, so a damaged
 * database is not written to.
 */
export function quickCheckDatabase(
  file: string,
  options: { nativeBinding?: string | undefined } = {},
): QuickCheckResult {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      if (!fs.fstatSync(fd).isFile()) return { ok: true, state: 'unchecked', details: ['not a file'] };
      header = Buffer.alloc(SQLITE_HEADER.length);
      const read = fs.readSync(fd, header, 0, header.length, 0);
      if (read === 0) return { ok: true, state: 'new' };
      if (read < header.length)
        return { ok: false, reason: 'not_sqlite', details: ['file shorter than a SQLite header'] };
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, state: 'new' };
    return { ok: true, state: 'unchecked', details: [code ?? String(error)] };
  }
  if (!header.equals(SQLITE_HEADER))
    return { ok: false, reason: 'not_sqlite', details: ['not a SQLite header'] };

  let db: Database.Database | null = null;
  try {
    db = new Database(file, {
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma(`quick_check(${MAX_PROBLEMS})`) as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0
      ? { ok: true, state: 'fine' }
      : { ok: false, reason: 'damaged', details: problems };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      return { ok: false, reason: 'damaged', details: [code] };
    }
    return {
      ok: true,
      state: 'unchecked',
      details: [typeof code === 'string' ? code : (error as Error).message],
    };
  } finally {
    db?.close();
  }
}
