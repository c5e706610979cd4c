import { AppError } from '../../shared/errors';
import { DataDirInUseError } from '../db/data-dir-lock';
import { describeStartupError } from '../startup-errors';
import { UsageError } from './args';
import type { CliContext } from './command';
import { COMMANDS } from './commands';
import { processIo } from './io';

// Kept importable from here for existing callers; the text lives in ../startup-errors.
export { describeStartupError };

export type { CliContext };

export const USAGE = `lastmile — LastMile Desk from the command line

${COMMANDS.map((c) => c.usage).join('\n')}
  lastmile help
`;

/**
 * Exit codes: 0 fine, 1 needs attention, 2 bad usage, 3 busy (another sync, or a station using the
 * folder a restore needs), 4 data unusable, 5 a backup failed, 70 anything else (one line on stderr; the stack only with LASTMILE_DEBUG=1).
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
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`lastmile: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof DataDirInUseError) {
      // A restore is replacing the database right now.
      io.err(`lastmile: ${err.message}\n`);
      return 3;
    }
    if (err instanceof AppError) {
      io.err(`lastmile: ${describeStartupError(err)}\n`);
      return 4;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`lastmile: ${message}\n`);
    if (process.env.LASTMILE_DEBUG === '1' && err instanceof Error) io.err(`${err.stack ?? ''}\n`);
    return 70;
  }
}
