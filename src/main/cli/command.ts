import type { CliIo } from './io';

/** What every command gets from bin/lastmile.js. */
export interface CliContext {
  packageRoot: string;
  /** Where output goes (the process's own streams unless a test runs a command in-process). */
  io?: CliIo;
}

/**
 * One `lastmile` command: its usage text (shown by `lastmile help`) and what it runs. Each command
 * lives in its own file and is listed once in commands.ts.
 */
export interface CliCommand {
  name: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}
