import { AppError } from '../../shared/errors';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
import { runAudit } from './audit-command';
import { runLabel } from './label-command';
import { runRecognize } from './recognize-command';
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

  lastmile label --list
  lastmile label --template NAME --example
  lastmile label --template NAME --format zpl|escpos|png|pdf --data FILE.json [--out FILE]
                 [--dpi 203|300] [--escpos epson|star] [--send tcp://HOST:PORT]
      Label templates for support staff, no printer needed: list them, print a template's
      example data, render a label (to stdout without --out), or send it to a printer's raw
      port. Exit 1 when the label cannot be made or sent (one line with the error code).
  lastmile recognize [--market CC[,CC…]] CODE… | -
      Tell what each code is (carrier tracking number, SSCC, GTIN, GS1 string, return or order
      id, our SKU, bin, license plate or badge) with its check-digit verdict and every candidate,
      ranked: one JSON object per line. - reads codes from stdin, one per line. --market ranks
      the formats of those countries first among equals. Exit 0, 2 bad usage.

  lastmile audit verify --data DIR [--json] [--anchor FILE]…
      Check the station's hash-chained audit log, read-only (safe while the station runs).
      Exit 0 intact, 1 a row was edited, deleted or inserted out of order (the first bad row is
      named), 2 bad usage, 4 the data folder is unusable. --anchor FILE (a file from
      \`audit head --json\`, a backup manifest or a backup database) also proves that no rows were
      cut from the end and the chain was not rewritten since that head was taken.
  lastmile audit head --data DIR [--json]
      Print each chain's head (last seq and hash) to keep somewhere the station cannot change.

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
      case 'label':
        return await runLabel(rest, ctx);
      case 'recognize':
        return await runRecognize(rest);
      case 'audit':
        return await runAudit(rest);
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
