import path from 'node:path';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { DailyBackups } from '../backup/backup-scheduler';
import { createCore, type Core } from '../core';
import { holdSharedDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { consoleLogger, createRotatingFileLogger, type Logger } from '../logger';
import { seedDemo } from '../demo/seed';
import { startDemoCarrier } from '../demo/demo-sync';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';
import { ensureRendererBuilt } from '../station/renderer-build';
import { bindStationPort } from '../station/listen';
import { startStationServer, type StationServer } from '../station/server';
import { parse, parsePort, parseSeed } from './args';
import type { CliCommand, CliContext } from './command';
import { EXIT } from './exit-codes';

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

  // The port first: a station already running on it must not find a second one opening its
  // database (or creating a new one in a mistyped folder) before the clash shows.
  const bound = await bindStationPort(port);
  let lock: DataDirLock | null = null;
  let core: Core;
  let logger: Logger;
  try {
    // Held while the station runs: `lastmile restore` refuses to swap the database under it.
    lock = holdSharedDataDirLock(dataDir);
    logger = createRotatingFileLogger({
      dir: path.join(dataDir, 'logs'),
      fileName: 'station.log',
      echo: consoleLogger,
    });
    core = createCore({ dataDir, logger });
  } catch (err) {
    lock?.release();
    await new Promise<void>((resolve) => bound.close(() => resolve()));
    throw err;
  }
  const backups = new DailyBackups({ db: core.db, dataDir, clock: core.clock, logger });
  let carrier: TestCarrier | null = null;
  let server: StationServer | null = null;
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
      if (configError) console.warn(`lastmile: ${syncOffLine(configError)}`);
    }
    const rendererDir = await ensureRendererBuilt(ctx.packageRoot, (l) => console.log(l));
    // Labels are fitted inside a clerk's transaction, synchronously: the shaper must be loaded first.
    await core.printing.ready();
    server = await startStationServer({ core, rendererDir, bound });
    console.log(`LastMile Desk station serving ${dataDir}`);
    console.log(`open ${server.openUrl}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return EXIT.ok;
  } finally {
    await backups.stop();
    if (server) await server.close();
    else await new Promise<void>((resolve) => bound.close(() => resolve()));
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
