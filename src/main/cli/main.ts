import { AppError } from '../../shared/errors';
import { UsageError } from './args';
import { runStation } from './station-command';

export interface CliContext {
  packageRoot: string;
}

export const USAGE = `lastmile — LastMile Desk from the command line

  lastmile station [--data DIR] [--port N] [--demo] [--seed N]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.

  lastmile help
`;

/** Exit codes: 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync), 4 data unusable. */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        return await runStation(rest, ctx);
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
    if (err instanceof AppError) {
      process.stderr.write(`lastmile: ${describeStartupError(err)}\n`);
      return 4;
    }
    throw err;
  }
}

/** Start-up failures in words an operator can act on (the screens translate the same codes). */
export function describeStartupError(err: AppError): string {
  const p = err.params;
  switch (err.code) {
    case 'DATA_DIR_UNUSABLE':
      return `cannot use the data directory ${String(p.path)} (${String(p.reason)}); choose a writable folder with --data`;
    case 'DB_CORRUPT':
      return `${String(p.path)} is not a LastMile database (not SQLite, or damaged); it was left untouched`;
    case 'DB_READONLY':
      return `the database ${String(p.path ?? '')} cannot be written (read-only file or folder)`;
    case 'DB_LOCKED':
      return 'the database is locked by another program; close it and try again';
    case 'DB_NEWER_THAN_APP':
      return `the database was written by a newer LastMile Desk (schema ${String(p.fileVersion)}, this app knows ${String(p.appVersion)}); update the app`;
    case 'DISK_FULL':
      return 'the disk is full; free some space and try again';
    default:
      return `${err.code} ${JSON.stringify(p)}`;
  }
}
