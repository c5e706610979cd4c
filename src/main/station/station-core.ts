import type { Dispatch } from '../api/dispatch';
import type { TestCarrier } from '../carriers/test-carrier/server';
import { createCore, type Core } from '../core';
import { CoreStartError, CoreSupervisor, type CoreSupervisorOptions } from '../core-host/core-supervisor';
import { nodeHostSpawner, type NodeHostSpawnerOptions } from '../core-host/node-host-spawner';
import { startDemoFeed } from '../demo/demo-sync';
import { seedDemo } from '../demo/seed';
import type { Logger } from '../logger';
import { cryptoRandom } from '../random';
import { startBackgroundServices } from './background-services';
import { StationToken } from './station-token';
import type { WebhookIntakeSource } from './webhook-endpoint';

export const DEMO_PARCELS = 4000;

export interface StationCoreOptions {
  dataDir: string;
  logger: Logger;
  /**
   * in-process: the core in this process (one process to start, stop and debug; a crash takes the
   * server with it). core-process: the core in a child process, as in the desktop app, restarted
   * if it crashes, reached through a CoreClient — the same Dispatch.
   */
  mode: 'in-process' | 'core-process';
  /** Fill an empty database with demo parcels and point sync at a local demo carrier. */
  demo?: { seed: number; parcels?: number } | null;
  /** Lines for the operator (the demo's summary, the carrier's URL). */
  print?: (line: string) => void;
  /** core-process only: how the child is started, restarted and waited for (tests shorten them). */
  spawner?: NodeHostSpawnerOptions;
  supervisor?: Pick<CoreSupervisorOptions, 'restart' | 'heartbeat' | 'client'>;
}

/** A station the server can serve: the contract, however the core runs, and how to close it. */
export interface StationCore {
  dispatch: Dispatch;
  /** Resolves if the core is gone for good (core-process: restarts gave up); never in-process. */
  failed: Promise<string>;
  /** The core process's supervisor (core-process mode), for status and tests. */
  supervisor: CoreSupervisor | null;
  /**
   * The station key from the data folder, read by the server in this process whichever process
   * the core runs in; a rotation by the core (or the CLI) shows at the next request.
   */
  stationToken: StationToken;
  /** Where the server's /webhooks/ path goes: this process's sync, or the core process's. */
  webhooks?: WebhookIntakeSource;
  close(): Promise<void>;
}

/**
 * The core of `lastmile station`, in this process or in a child. Either way it holds the
 * data-folder lock, delivers the outbox, takes the daily backup and prints queued labels.
 */
export function openStationCore(options: StationCoreOptions): Promise<StationCore> {
  return options.mode === 'core-process' ? coreProcessStation(options) : inProcessStation(options);
}

/** The core (its lock, its database, sync, backups, printing) in this process. */
async function inProcessStation(options: StationCoreOptions): Promise<StationCore> {
  const { dataDir, logger } = options;
  // The core holds the data-folder lock while it runs: `lastmile restore` refuses meanwhile.
  const core = createCore({ dataDir, logger });
  let carrier: TestCarrier | null = null;
  try {
    if (options.demo) carrier = await prepareDemo(core, options);
    const services = await startBackgroundServices(core, {
      syncTrickle: true,
      dailyBackups: true,
      printing: true,
      logger,
    });
    return {
      dispatch: core.dispatch,
      failed: new Promise<string>(() => {}),
      supervisor: null,
      stationToken: core.stationToken,
      webhooks: () => core.sync?.webhooks,
      async close() {
        await services.stop();
        await core.close();
        await carrier?.close();
      },
    };
  } catch (error) {
    await core.close();
    await carrier?.close();
    throw error;
  }
}

/**
 * The core in a child process (the desktop app's arrangement, without Electron), reached through
 * a CoreClient: the same Dispatch, so the server cannot tell. The demo data and feed are prepared
 * first, on a core that is closed again before the child opens the folder.
 */
async function coreProcessStation(options: StationCoreOptions): Promise<StationCore> {
  const { dataDir, logger } = options;
  let carrier: TestCarrier | null = null;
  if (options.demo) {
    const core = createCore({ dataDir, logger });
    try {
      carrier = await prepareDemo(core, options);
    } finally {
      await core.close();
    }
  }
  const supervisor = new CoreSupervisor({
    spawner: nodeHostSpawner({
      onOutput: (stream, line) => logger[stream === 'stderr' ? 'warn' : 'info']('core output', { line }),
      ...options.spawner,
    }),
    init: { dataDir, services: { syncTrickle: true, dailyBackups: true, printing: true } },
    logger,
    ...options.supervisor,
  });
  const failed = new Promise<string>((resolve) =>
    supervisor.onStatus((s) => {
      if (s.state === 'failed') resolve(s.error ? s.error.code : s.message);
    }),
  );
  try {
    await supervisor.start();
  } catch (error) {
    await carrier?.close();
    // The core's own error (DB_CORRUPT, DATA_DIR_UNUSABLE, …), told like an in-process start's.
    if (error instanceof CoreStartError) throw error.appError() ?? new Error(error.message);
    throw error;
  }
  return {
    dispatch: supervisor.dispatch,
    failed,
    supervisor,
    webhooks: () => supervisor.client.webhooks,
    stationToken: new StationToken(dataDir, cryptoRandom),
    async close() {
      await supervisor.stop();
      await carrier?.close();
    },
  };
}

async function prepareDemo(core: Core, options: StationCoreOptions): Promise<TestCarrier> {
  const seed = options.demo?.seed ?? 42;
  const print = options.print ?? (() => {});
  const empty = core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parcels').get()?.n === 0;
  if (empty) {
    const summary = seedDemo(core.db, core.users, {
      seed,
      parcels: options.demo?.parcels ?? DEMO_PARCELS,
      now: core.clock.now(),
    });
    print(
      `demo data: ${summary.parcels} parcels, ${summary.returnOrders} return orders, ${summary.returnItems} items (seed ${seed})`,
    );
  }
  const carrier = await startDemoFeed(core, seed);
  print(`demo carrier (every destination) on ${carrier.url}`);
  return carrier;
}
