import { AppError } from '../../shared/errors';
import { DataDirInUseError } from '../db/data-dir-lock';
import { toAppError } from '../db/sqlite-errors';
import { PortUnavailableError } from '../station/listen';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
import type { CliContext } from './command';
import { COMMANDS } from './commands';
import { EXIT } from './exit-codes';
import { processIo, type CliIo } from './io';

// Kept importable from here for existing callers; the text lives in ../startup-errors.
export { describeStartupError };

export type { CliContext };

export const USAGE = `lastmile — LastMile Desk from the command line

${COMMANDS.map((c) => c.usage).join('\n')}
  lastmile help
`;

/**
 * Exit codes (exit-codes.ts): 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync, or a
 * station using the folder a restore needs), 4 data unusable, 5 port taken, 6 a backup failed,
 * 70 anything else — always one line on stderr, the stack only with LASTMILE_DEBUG=1.
 */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  const io = ctx.io ?? processIo;
  try {
    const found = COMMANDS.find((c) => c.name === command);
    if (found) return await found.run(rest, ctx);
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    return reportFailure(err, io);
  }
}

/** One line for the operator and the exit code that goes with it. */
export function reportFailure(err: unknown, io: CliIo = processIo): number {
  if (err instanceof UsageError) {
    io.err(`lastmile: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (err instanceof PortUnavailableError) {
    io.err(`lastmile: ${err.message}\n`);
    return EXIT.port;
  }
  if (err instanceof DataDirInUseError) {
    // A restore is replacing the database right now.
    io.err(`lastmile: ${err.message}\n`);
    return EXIT.busy;
  }
  // A driver error that escaped a capability (SQLITE_FULL, SQLITE_BUSY…) is the same condition.
  const mapped = toAppError(err);
  if (mapped instanceof AppError && STORAGE_CODES.has(mapped.code)) {
    io.err(`lastmile: ${describeStartupError(mapped)}\n`);
    debugStack(err, io);
    return EXIT.unusable;
  }
  const message =
    mapped instanceof AppError
      ? describeStartupError(mapped)
      : err instanceof Error
        ? err.message
        : String(err);
  io.err(`lastmile: ${message.split('\n')[0] ?? ''}\n`);
  debugStack(err, io);
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

function debugStack(err: unknown, io: CliIo): void {
  if (process.env.LASTMILE_DEBUG === '1' && err instanceof Error) io.err(`${err.stack ?? ''}\n`);
}
