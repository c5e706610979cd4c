import path from 'node:path';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { createCore } from '../core';
import { seedDemo } from '../demo/seed';
import { startDemoCarrier } from '../demo/demo-sync';
import { writeTransaction } from '../db/write';
import { attachStoredSync } from '../sync/attach-sync';
import { ensureRendererBuilt } from '../station/renderer-build';
import { rememberPort, rememberedPort, stationOpenUrl } from '../station/station-address';
import { StationToken } from '../station/station-token';
import { cryptoRandom } from '../random';
import { startStationServer } from '../station/server';
import { UsageError, parse, parsePort, parseSeed } from './args';
import type { CliContext } from './main';

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

  const core = createCore({ dataDir });
  let carrier: TestCarrier | null = null;
  try {
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
    const server = await startStationServer({ core, rendererDir, port });
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
    await server.close();
    return 0;
  } finally {
    await core.close();
    await carrier?.close();
  }
}

/** `--print-url`: the link of the station in `dataDir`, with its key (made if the station never ran). */
function printUrl(dataDir: string, port: number): number {
  const token = new StationToken(dataDir, cryptoRandom).current();
  console.log(stationOpenUrl(port, token));
  return 0;
}

/**
 * `--rotate-token`: a new key for the station in `dataDir`, written to its audit log. A station
 * running on that folder notices the new file at its next request; every tab needs the new link.
 */
async function rotateToken(dataDir: string, port: number): Promise<number> {
  const core = createCore({ dataDir });
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
    return 0;
  } finally {
    await core.close();
  }
}
