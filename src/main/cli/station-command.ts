import path from 'node:path';
import { createCore, type Core } from '../core';
import { writeTransaction } from '../db/write';
import { consoleLogger, createRotatingFileLogger } from '../logger';
import { cryptoRandom } from '../random';
import { bindStationPort } from '../station/listen';
import { ensureRendererBuilt } from '../station/renderer-build';
import { startStationServer, type StationServer } from '../station/server';
import { rememberPort, rememberedPort, stationOpenUrl } from '../station/station-address';
import { openStationCore, type StationCore } from '../station/station-core';
import { StationToken } from '../station/station-token';
import { UsageError, parse, parsePort, parseSeed } from './args';
import type { CliCommand, CliContext } from './command';
import { EXIT } from './exit-codes';

export const DEFAULT_STATION_PORT = 5170;

/**
 * `lastmile station`: the whole app in a browser, served from this machine only. The core runs in
 * this process (the default: one process to start, stop and debug), or with `--core-process` in a
 * child process as in the desktop app, restarted if it crashes.
 */
export async function runStation(argv: string[], ctx: CliContext): Promise<number> {
  const args = parse(argv, {
    data: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean' },
    seed: { type: 'string' },
    'print-url': { type: 'boolean' },
    'rotate-token': { type: 'boolean' },
    'core-process': { type: 'boolean' },
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
  const closeBound = (): Promise<void> => new Promise<void>((resolve) => bound.close(() => resolve()));
  let station: StationCore;
  try {
    const logger = createRotatingFileLogger({
      dir: path.join(dataDir, 'logs'),
      fileName: 'station.log',
      echo: consoleLogger,
    });
    station = await openStationCore({
      dataDir,
      logger,
      demo: args.demo ? { seed } : null,
      mode: args['core-process'] ? 'core-process' : 'in-process',
      print: (line) => console.log(line),
    });
  } catch (err) {
    await closeBound();
    throw err;
  }
  let server: StationServer | null = null;
  try {
    const rendererDir = await ensureRendererBuilt(ctx.packageRoot, (l) => console.log(l));
    server = await startStationServer({
      core: station,
      rendererDir,
      bound,
      ...(station.webhooks ? { webhooks: station.webhooks } : {}),
    });
    rememberPort(dataDir, server.port);
    console.log(`LastMile Desk station serving ${dataDir}`);
    console.log(`open ${server.openUrl}`);
    console.log(
      `(the link stays valid across restarts; show it again with: lastmile station --print-url --data ${dataDir})`,
    );
    const ended = await new Promise<string | null>((resolve) => {
      process.once('SIGINT', () => resolve(null));
      process.once('SIGTERM', () => resolve(null));
      void station.failed.then(resolve);
    });
    if (ended !== null) {
      console.error(`lastmile: the station's core stopped: ${ended}`);
      return EXIT.attention;
    }
    return EXIT.ok;
  } finally {
    if (server) await server.close();
    else await closeBound();
    await station.close();
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
  // The core holds the data-folder lock, as for any other command: `lastmile restore` waits.
  const core: Core = createCore({ dataDir, printing: { start: false } });
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
  }
}

export const stationCommand: CliCommand = {
  name: 'station',
  usage: `  lastmile station [--data DIR] [--port N] [--demo] [--seed N] [--core-process]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.
      --core-process runs the core (database, sync, printing) in a child process, restarted if
      it crashes, as the desktop app does. Prints the link to open; it carries the station key
      kept in DIR/station-token and stays valid across restarts. Exit 2 bad usage, 4 the data
      folder or database is unusable, 5 the port is taken.

  lastmile station --print-url [--data DIR] [--port N]
      Print that link again (for a screen that says it is not connected to the station).

  lastmile station --rotate-token [--data DIR] [--port N]
      Make a new station key (audited): every open screen must open the new link printed.
`,
  run: runStation,
};
