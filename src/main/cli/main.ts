import { AppError } from '../../shared/errors';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
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
      Prints the link to open; it carries the station key kept in DIR/station-token and stays
      valid across restarts.

  lastmile station --print-url [--data DIR] [--port N]
      Print that link again (for a tab that says it is no longer connected).

  lastmile station --rotate-token [--data DIR] [--port N]
      Make a new station key (audited): every open tab must open the new link printed.

  lastmile sync --daily --data DIR [--json]
      Run the supervisor's daily sync once (for a scheduled task): pull new return orders and
      tracking updates, push everything queued, write the report. Prints a summary (--json: the
      report as JSON). Exit 0 all well, 1 something needs attention (failures, dead letters,
      exceptions, errors), 2 bad usage, 3 another sync is running, 4 the data folder is unusable.

  lastmile help
`;

/**
 * Exit codes: 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync), 4 data unusable,
 * 70 anything else (one line on stderr; the stack only with LASTMILE_DEBUG=1).
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
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`lastmile: ${message}\n`);
    if (process.env.LASTMILE_DEBUG === '1' && err instanceof Error)
      process.stderr.write(`${err.stack ?? ''}\n`);
    return 70;
  }
}
