import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createCore, DATABASE_FILE } from '../core';
import { createRotatingFileLogger, stderrLogger } from '../logger';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';
import { parse, UsageError } from './args';
import type { CliContext } from './command';
import { EXIT } from './exit-codes';
import { formatSyncSummary } from './sync-summary';
import type { CliCommand } from './command';

/**
 * `lastmile sync --daily --data DIR [--json]`: one daily sync for a scheduled task, with the
 * destinations stored in the station's configuration. Exit 0 when all is well, 1 when something
 * needs attention, 3 when another sync holds the lock, 2 bad usage, 4 unusable data.
 */
export async function runSync(argv: string[], _ctx: CliContext): Promise<number> {
  const args = parse(argv, {
    daily: { type: 'boolean' },
    data: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!args.daily) throw new UsageError('sync needs --daily (the supervisor’s daily sync)');
  if (!args.data) throw new UsageError('sync needs --data DIR, the folder of the station database');
  const dataDir = path.resolve(args.data);
  // A scheduled task pointed at the wrong folder must not create an empty station there.
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    process.stderr.write(
      `lastmile: no station database in ${dataDir} (expected ${DATABASE_FILE}); check --data\n`,
    );
    return EXIT.unusable;
  }

  const logger = createRotatingFileLogger({
    dir: path.join(dataDir, 'logs'),
    fileName: 'cli.log',
    echo: stderrLogger,
  });
  // The core holds the data-folder lock while it is open: a restore refuses to run under this sync.
  // The app on this folder sends the print queue; a scheduled sync never prints.
  const core = createCore({ dataDir, logger, printing: { start: false } });
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const attached = attachStoredSync(core, {
      startTrickle: false,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    if (attached.configError) {
      process.stderr.write(`lastmile: ${syncOffLine(attached.configError)}\n`);
      return EXIT.unusable;
    }
    const by = core.users.list().find((u) => u.role === 'supervisor') ?? core.session.user();
    const report = await attached.service.runDaily('cli', by, { signal: controller.signal });
    process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatSyncSummary(report));
    return report.status === 'ok' ? EXIT.ok : EXIT.attention;
  } catch (err) {
    if (err instanceof AppError && err.code === 'SYNC_ALREADY_RUNNING') {
      const since = typeof err.params.since === 'number' ? new Date(err.params.since).toISOString() : '?';
      process.stderr.write(
        `lastmile: another sync is running (${String(err.params.holder)}, since ${since}); try again when it has finished\n`,
      );
      return EXIT.busy;
    }
    throw err;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    await core.close();
  }
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: `  lastmile sync --daily --data DIR [--json]
      Run the supervisor's daily sync once (for a scheduled task): pull new return orders and
      tracking updates, push everything queued, write the report. Prints a summary (--json: the
      report as JSON). Exit 0 all well, 1 something needs attention (failures, dead letters,
      exceptions, errors), 2 bad usage, 3 another sync is running, 4 the data folder is unusable.
`,
  run: runSync,
};
