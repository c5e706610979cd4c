import path from 'node:path';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { DailyBackups } from '../backup/backup-scheduler';
import { createCore } from '../core';
import { holdSharedDataDirLock } from '../db/data-dir-lock';
import { consoleLogger, createRotatingFileLogger } from '../logger';
import { seedDemo } from '../demo/seed';
import { startDemoCarrier } from '../demo/demo-sync';
import { attachStoredSync } from '../sync/attach-sync';
import { ensureRendererBuilt } from '../station/renderer-build';
import { startStationServer } from '../station/server';
import { parse, parsePort, parseSeed } from './args';
import type { CliContext } from './command';
import type { CliCommand } from './command';

export const DEFAULT_STATION_PORT = 5170;
export const DEMO_PARCELS = 4000;

/** `lastmile station`: the whole app in a browser, served from this machine only. */
export async function runStation(argv: string[], ctx: CliContext): Promise<number> {
  const args = parse(argv, {
    data: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean' },
    seed: { type: 'string' },
  });
  const port = parsePort(args.port, DEFAULT_STATION_PORT);
  const seed = parseSeed(args.seed, 42);
  const dataDir = path.resolve(args.data ?? '.station-data');

  // Held while the station runs: `lastmile restore` refuses to swap the database under it.
  const lock = holdSharedDataDirLock(dataDir);
  const logger = createRotatingFileLogger({
    dir: path.join(dataDir, 'logs'),
    fileName: 'station.log',
    echo: consoleLogger,
  });
  let core;
  try {
    core = createCore({ dataDir, logger });
  } catch (error) {
    lock.release();
    throw error;
  }
  const backups = new DailyBackups({ db: core.db, dataDir, clock: core.clock, logger });
  let carrier: TestCarrier | null = null;
  try {
    backups.start();
    if (args.demo) {
      const empty = core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parcels').get()?.n === 0;
      if (empty) {
        const summary = seedDemo(core.db, core.users, { seed, parcels: DEMO_PARCELS, now: core.clock.now() });
        console.log(
          `demo data: ${summary.parcels} parcels, ${summary.returnOrders} return orders, ${summary.returnItems} items (seed ${seed})`,
        );
      }
      carrier = await startDemoCarrier(core, seed);
      console.log(`demo carrier (every destination) on ${carrier.url}`);
    } else {
      const { configError } = attachStoredSync(core, { startTrickle: true });
      if (configError)
        console.warn(`sync is off: the stored destination configuration is unusable (${configError})`);
    }
    const rendererDir = await ensureRendererBuilt(ctx.packageRoot, (l) => console.log(l));
    // Labels are fitted inside a clerk's transaction, synchronously: the shaper must be loaded first.
    await core.printing.ready();
    const server = await startStationServer({ core, rendererDir, port });
    console.log(`LastMile Desk station serving ${dataDir}`);
    console.log(`open ${server.openUrl}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  } finally {
    await backups.stop();
    await core.close();
    await carrier?.close();
    lock.release();
  }
}

export const stationCommand: CliCommand = {
  name: 'station',
  usage: `  lastmile station [--data DIR] [--port N] [--demo] [--seed N]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.
`,
  run: runStation,
};
