import { AppError } from '../../shared/errors';
import { toAppError } from '../db/sqlite-errors';
import { PortUnavailableError } from '../station/listen';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
import { EXIT } from './exit-codes';
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
      Exit 2 bad usage, 4 the data folder or database is unusable, 5 the port is taken.

  lastmile sync --daily --data DIR [--json]
      Run the supervisor's daily sync once (for a scheduled task): pull new return orders and
      tracking updates, push everything queued, write the report. Prints a summary (--json: the
      report as JSON). Exit 0 all well, 1 something needs attention (failures, dead letters,
      exceptions, errors), 2 bad usage, 3 another sync is running, 4 the data folder or
      database is unusable (read-only, disk full, locked by another program, damaged, newer).

  lastmile help
`;

/**
 * Exit codes (exit-codes.ts): 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync),
 * 4 data unusable, 5 port taken, 70 anything else — always one line on stderr, the stack only
 * with LASTMILE_DEBUG=1.
 */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'station':
        return await runStation(rest, ctx);
      case 'sync':
        return await runSync(rest, ctx);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    return reportFailure(err);
  }
}

/** One line for the operator and the exit code that goes with it. */
export function reportFailure(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`lastmile: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (err instanceof PortUnavailableError) {
    process.stderr.write(`lastmile: ${err.message}\n`);
    return EXIT.port;
  }
  // A driver error that escaped a capability (SQLITE_FULL, SQLITE_BUSY…) is the same condition.
  const mapped = toAppError(err);
  if (mapped instanceof AppError && STORAGE_CODES.has(mapped.code)) {
    process.stderr.write(`lastmile: ${describeStartupError(mapped)}\n`);
    debugStack(err);
    return EXIT.unusable;
  }
  const message =
    mapped instanceof AppError
      ? describeStartupError(mapped)
      : err instanceof Error
        ? err.message
        : String(err);
  process.stderr.write(`lastmile: ${message.split('\n')[0] ?? ''}\n`);
  debugStack(err);
  return EXIT.internal;
}

const STORAGE_CODES = new Set<string>([
  'DATA_DIR_UNUSABLE',
  'DB_CORRUPT',
  'DB_READONLY',
  'DB_LOCKED',
  'DB_NEWER_THAN_APP',
  'DISK_FULL',
]);

function debugStack(err: unknown): void {
  if (process.env.LASTMILE_DEBUG === '1' && err instanceof Error)
    process.stderr.write(`${err.stack ?? ''}\n`);
}
