import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { BackupError, createBackup } from '../backup/backup';
import { systemClock } from '../clock';
import { DATABASE_FILE } from '../core';
import { parse, UsageError } from './args';
import type { CliContext } from './command';
import type { CliCommand } from './command';
import { EXIT } from './exit-codes';

/** Exit codes of `lastmile backup` and `lastmile restore` (main.ts documents the set). */
export const BACKUP_EXIT = {
  ok: EXIT.ok,
  usage: EXIT.usage,
  busy: EXIT.busy,
  unusable: EXIT.unusable,
  failed: EXIT.backupFailed,
} as const;

/**
 * `lastmile backup --data DIR [--out FILE]`: an online backup of the station database, safe while
 * the app or `lastmile station` is running on it. Without --out it goes to DIR/backups with a
 * dated name (rotated like the daily backups); prints the file written.
 */
export async function runBackup(argv: string[], _ctx: CliContext): Promise<number> {
  const args = parse(argv, { data: { type: 'string' }, out: { type: 'string' } });
  if (!args.data) throw new UsageError('backup needs --data DIR, the folder of the station database');
  const dataDir = path.resolve(args.data);
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) {
    process.stderr.write(
      `lastmile: no station database in ${dataDir} (expected ${DATABASE_FILE}); check --data\n`,
    );
    return BACKUP_EXIT.unusable;
  }
  // Opened as it is — no migration: a backup is of the file as the station left it.
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    process.stderr.write(`lastmile: cannot open ${file}: ${(error as Error).message}\n`);
    return BACKUP_EXIT.unusable;
  }
  try {
    const result = await createBackup(db, {
      dataDir,
      kind: 'manual',
      clock: systemClock,
      ...(args.out ? { outFile: args.out } : {}),
    });
    process.stdout.write(`backup written: ${result.file} (${result.bytes} bytes)\n`);
    return BACKUP_EXIT.ok;
  } catch (error) {
    if (error instanceof BackupError) {
      process.stderr.write(`lastmile: ${error.message}\n`);
      return error.reason === 'EXISTS' ? BACKUP_EXIT.usage : BACKUP_EXIT.failed;
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      process.stderr.write(`lastmile: ${file} is damaged and cannot be backed up (${code})\n`);
      return BACKUP_EXIT.unusable;
    }
    throw error;
  } finally {
    db.close();
  }
}

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: `  lastmile backup --data DIR [--out FILE]
      Write an online backup of the station database (safe while the station runs) to FILE, or
      to DIR/backups/lastmile-<time>.manual.sqlite. Exit 0 written, 2 bad usage or FILE exists,
      4 no usable database in DIR, 6 the backup failed (disk full: nothing partial is left).
`,
  run: runBackup,
};
