import path from 'node:path';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { createCore } from '../core';
import { seedDemo } from '../demo/seed';
import { startDemoCarrier } from '../demo/demo-sync';
import { attachStoredSync } from '../sync/attach-sync';
import { ensureRendererBuilt } from '../station/renderer-build';
import { startStationServer } from '../station/server';
import { parse, parsePort, parseSeed } from './args';
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
  });
  const port = parsePort(args.port, DEFAULT_STATION_PORT);
  const seed = parseSeed(args.seed, 42);
  const dataDir = path.resolve(args.data ?? '.station-data');

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
    await core.close();
    await carrier?.close();
  }
}
