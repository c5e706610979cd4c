import path from 'node:path';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { DailyBackups } from '../backup/backup-scheduler';
import { createCore, type Core } from '../core';
import { holdSharedDataDirLock, type DataDirLock } from '../db/data-dir-lock';
import { consoleLogger, createRotatingFileLogger, type Logger } from '../logger';
import { seedDemo } from '../demo/seed';
import { startDemoCarrier } from '../demo/demo-sync';
import { writeTransaction } from '../db/write';
import { cryptoRandom } from '../random';
import { attachStoredSync, syncOffLine } from '../sync/attach-sync';
import { ensureRendererBuilt } from '../station/renderer-build';
import { bindStationPort } from '../station/listen';
import { startStationServer, type StationServer } from '../station/server';
import { rememberPort, rememberedPort, stationOpenUrl } from '../station/station-address';
import { StationToken } from '../station/station-token';
import { UsageError, parse, parsePort, parseSeed } from './args';
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
    'print-url': { type: 'boolean' },
    'rotate-token': { type: 'boolean' },
  });
  const dataDir = path.resolve(args.data ?? '.station-data');
  if (args['print-url'] && args['rotate-token']) {
    throw new UsageError('--print-url and --rotate-token are two separate steps; give one');
  }
  if (args['print-url'] || args['rotate-token']) {
    if (args.demo || args.seed !== undefined)
      throw new UsageError('--demo and --seed start a station; leave them out here');
    const port =
      args.port === undefined ? (rememberedPort(dataDir) ?? DEFAULT_STATION_PORT) : parsePort(args.port, 0);
    return args['rotate-token'] ? rotateToken(dataDir, port) : printUrl(dataDir, port);
  }
  const port = parsePort(args.port, DEFAULT_STATION_PORT);
  const seed = parseSeed(args.seed, 42);

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
    rememberPort(dataDir, server.port);
    console.log(`LastMile Desk station serving ${dataDir}`);
    console.log(`open ${server.openUrl}`);
    console.log(
      `(the link stays valid across restarts; show it again with: lastmile station --print-url --data ${dataDir})`,
    );
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

/** `--print-url`: the link of the station in `dataDir`, with its key (made if the station never ran). */
function printUrl(dataDir: string, port: number): number {
  const token = new StationToken(dataDir, cryptoRandom).current();
  console.log(stationOpenUrl(port, token));
  return EXIT.ok;
}

/**
 * `--rotate-token`: a new key for the station in `dataDir`, written to its audit log. A station
 * running on that folder notices the new file at its next request; every tab needs the new link.
 */
async function rotateToken(dataDir: string, port: number): Promise<number> {
  // As any other command on the folder: `lastmile restore` must not swap the database meanwhile.
  const lock = holdSharedDataDirLock(dataDir);
  let core: Core;
  try {
    core = createCore({ dataDir, printing: { start: false } });
  } catch (err) {
    lock.release();
    throw err;
  }
  try {
    const token = core.stationToken.rotate();
    await writeTransaction(core.db, () =>
      core.audit.record({
        userId: null,
        action: 'station.token_rotated',
        entityType: 'station',
        entityId: core.stationId,
        details: { via: 'cli' },
      }),
    );
    console.log('the station key was changed; every open tab must open this link:');
    console.log(stationOpenUrl(port, token));
    return EXIT.ok;
  } finally {
    await core.close();
    lock.release();
  }
}

export const stationCommand: CliCommand = {
  name: 'station',
  usage: `  lastmile station [--data DIR] [--port N] [--demo] [--seed N]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.
      Prints the link to open; it carries the station key kept in DIR/station-token and stays
      valid across restarts.

  lastmile station --print-url [--data DIR] [--port N]
      Print that link again (for a screen that says it is not connected to the station).

  lastmile station --rotate-token [--data DIR] [--port N]
      Make a new station key (audited): every open screen must open the new link printed.
`,
  run: runStation,
};
