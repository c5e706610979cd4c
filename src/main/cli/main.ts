import { AppError } from '../../shared/errors';
import { DataDirInUseError } from '../db/data-dir-lock';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
import { runBackup } from './backup-command';
import { runRestore } from './restore-command';
import { runStation } from './station-command';
import { runSync } from './sync-command';

// Kept importable from here for existing callers; the text lives in ../startup-errors.
export { describeStartupError };

export interface CliContext {
  packageRoot: string;
}

export const USAGE = `lastmile — LastMile Desk from the command line

  lastmile station [--data DIR] [--port N] [--demo] [--seed N]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.

  lastmile sync --daily --data DIR [--json]
      Run the supervisor's daily sync once (for a scheduled task): pull new return orders and
      tracking updates, push everything queued, write the report. Prints a summary (--json: the
      report as JSON). Exit 0 all well, 1 something needs attention (failures, dead letters,
      exceptions, errors), 2 bad usage, 3 another sync is running, 4 the data folder is unusable.

  lastmile backup --data DIR [--out FILE]
      Write an online backup of the station database (safe while the station runs) to FILE, or
      to DIR/backups/lastmile-<time>.manual.sqlite. Exit 0 written, 2 bad usage or FILE exists,
      4 no usable database in DIR, 5 the backup failed (disk full: nothing partial is left).

  lastmile restore --data DIR --from FILE
      Put the backup FILE in place of the station database in DIR. The replaced database is kept
      as DIR/lastmile.replaced-<time>.sqlite. Exit 0 restored, 2 bad usage, 3 a station (the app,
      lastmile station, a sync) is using DIR — close it first, 4 FILE is not a LastMile backup
      (or is damaged, or from a newer app); nothing was changed.

  lastmile help
`;

/**
 * Exit codes: 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync, or a station using the
 * folder a restore needs), 4 data unusable, 5 a backup failed, 70 anything else (one line on stderr; the stack only with LASTMILE_DEBUG=1).
 */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        return await runStation(rest, ctx);
      case 'sync':
        return await runSync(rest, ctx);
      case 'backup':
        return await runBackup(rest, ctx);
      case 'restore':
        return await runRestore(rest, ctx);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`lastmile: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof DataDirInUseError) {
      // A restore is replacing the database right now.
      process.stderr.write(`lastmile: ${err.message}\n`);
      return 3;
    }
    if (err instanceof AppError) {
      process.stderr.write(`lastmile: ${describeStartupError(err)}\n`);
      return 4;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`lastmile: ${message}\n`);
    if (process.env.LASTMILE_DEBUG === '1' && err instanceof Error)
      process.stderr.write(`${err.stack ?? ''}\n`);
    return 70;
  }
}
