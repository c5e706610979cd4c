import path from 'node:path';
import { NotABackupError, restoreBackup } from '../backup/restore';
import { systemClock } from '../clock';
import { DataDirInUseError } from '../db/data-dir-lock';
import { parse, UsageError } from './args';
import { BACKUP_EXIT } from './backup-command';
import type { CliContext } from './command';
import type { CliCommand } from './command';

/**
 * `lastmile restore --data DIR --from FILE`: puts a backup in place of the station database.
 * Refuses (exit 3) while the app, `lastmile station` or a sync uses DIR; refuses (exit 4) a file
 * that is not a whole LastMile backup; keeps the replaced database beside it.
 */
export async function runRestore(argv: string[], _ctx: CliContext): Promise<number> {
  const args = parse(argv, { data: { type: 'string' }, from: { type: 'string' } });
  if (!args.data) throw new UsageError('restore needs --data DIR, the folder of the station database');
  if (!args.from) throw new UsageError('restore needs --from FILE, the backup to restore');
  try {
    const result = restoreBackup({ dataDir: path.resolve(args.data), from: args.from, clock: systemClock });
    process.stdout.write(
      `restored ${path.resolve(args.from)} (schema ${result.schemaVersion}, ${result.scans} scans)\n`,
    );
    process.stdout.write(
      result.replaced
        ? `the database it replaced was kept as ${result.replaced}\n`
        : 'there was no database to replace\n',
    );
    return Promise.resolve(BACKUP_EXIT.ok);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      process.stderr.write(`lastmile: ${error.message}\n`);
      return Promise.resolve(BACKUP_EXIT.busy);
    }
    if (error instanceof NotABackupError) {
      process.stderr.write(`lastmile: ${error.message}\n`);
      return Promise.resolve(BACKUP_EXIT.unusable);
    }
    throw error;
  }
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: `  lastmile restore --data DIR --from FILE
      Put the backup FILE in place of the station database in DIR. The replaced database is kept
      as DIR/lastmile.replaced-<time>.sqlite. Exit 0 restored, 2 bad usage, 3 a station (the app,
      lastmile station, a sync) is using DIR — close it first, 4 FILE is not a LastMile backup
      (or is damaged, or from a newer app); nothing was changed.
`,
  run: runRestore,
};
