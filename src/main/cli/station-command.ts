import path from 'node:path';
import { consoleLogger, createRotatingFileLogger } from '../logger';
import { bindStationPort } from '../station/listen';
import { ensureRendererBuilt } from '../station/renderer-build';
import { startStationServer, type StationServer } from '../station/server';
import { openStationCore, type StationCore } from '../station/station-core';
import { parse, parsePort, parseSeed } from './args';
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
    'core-process': { type: 'boolean' },
  });
  const port = parsePort(args.port, DEFAULT_STATION_PORT);
  const seed = parseSeed(args.seed, 42);
  const dataDir = path.resolve(args.data ?? '.station-data');
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
    server = await startStationServer({ core: station, rendererDir, bound });
    console.log(`LastMile Desk station serving ${dataDir}`);
    console.log(`open ${server.openUrl}`);
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

export const stationCommand: CliCommand = {
  name: 'station',
  usage: `  lastmile station [--data DIR] [--port N] [--demo] [--seed N] [--core-process]
      Serve the app on http://127.0.0.1:N (default 5170) with the station database in DIR
      (default ./.station-data). --demo fills an empty database with demo parcels and returns.
      --core-process runs the core (database, sync, printing) in a child process, restarted if
      it crashes, as the desktop app does. Exit 2 bad usage, 4 the data folder or database is
      unusable, 5 the port is taken.
`,
  run: runStation,
};
