import { fork } from 'node:child_process';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createCore, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import type { DestinationLimits } from '../../src/main/sync/destination';
import { BENCH_DESTINATION as DESTINATION, carrierClient, startCarrierProcess } from '../carrier';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { enqueueAll } from '../workload';

const MB = 1024 * 1024;
/** Heap after many deliveries against the warm engine's: more than this is something kept per request. */
const HEAP_GROWTH_LIMIT = 1.15;
/** Share of the deliveries made before the baseline heap is read. */
const WARM_UP_SHARE = 0.1;

interface Snapshot {
  rss: number;
  heapUsed: number;
}

export interface MemoryParams {
  dir: string;
  pending: number;
  sampleEveryMs: number;
  runMs: number;
  deliveries: number;
  deliveryBatch: number;
}

export interface MemoryFigures {
  pendingAtStart: number;
  pendingAtEnd: number;
  runMs: number;
  /** MB at each stage; all but the peak follow a full GC. */
  before: Snapshot;
  queued: Snapshot;
  peakWhileRunning: Snapshot;
  afterStop: Snapshot;
  /** The second part: many deliveries by the background engine, heap before, after, after stop(). */
  deliveries: {
    count: number;
    requests: number;
    durationMs: number;
    /** Delivered when the warm baseline was taken. */
    warmDelivered: number;
    warm: Snapshot;
    afterDeliveries: Snapshot;
    afterStop: Snapshot;
  };
}

/**
 * The process's memory with a large backlog: before anything is queued, with N events pending,
 * at the peak while the background engine works through them against a slow carrier (so the
 * backlog stays large), and after the engine stopped. It runs in a fresh child process (see
 * memory-child.ts) so that earlier cases' heap and page cache do not count, and the carrier runs
 * in a process of its own, so the figures hold the app's side only.
 *
 * Then, on a fresh station, the background engine delivers `deliveries` events (300k by default,
 * in batches of 10: 30,000 requests, each with its timeout, its link to the engine's stop signal
 * and a few sleeps) to a fast carrier, and the heap is read after a GC once the first 10 % are
 * delivered (the engine is warm), once everything is delivered, and after stop(). Anything a
 * request or a sleep leaves behind shows here as growth that stop() does not give back.
 */
export const memoryWithPending: BenchCase = {
  name: 'memory',
  async run(ctx) {
    const { pending, sampleEveryMs, runMs, deliveries, deliveryBatch } = ctx.profile.memory;
    ctx.log(`memory: ${pending} events pending, engine running ${runMs} ms, in a fresh process`);
    const params: MemoryParams = {
      dir: caseDir(ctx, 'memory'),
      pending,
      sampleEveryMs,
      runMs,
      deliveries,
      deliveryBatch,
    };
    const m = await runInChild(params);
    const details = { ...m, unit: 'MB' };
    const label = pending.toLocaleString('en-US');
    return [
      measurement({
        id: 'memory.rssQueued',
        name: `RSS, ${label} pending, engine idle`,
        unit: 'MB',
        figure: m.queued.rss,
        baseline: { name: 'before queueing', value: m.before.rss },
        details,
      }),
      measurement({
        id: 'memory.rssPeak',
        name: `RSS, ${label} pending, engine running`,
        unit: 'MB',
        figure: m.peakWhileRunning.rss,
        baseline: { name: 'engine idle', value: m.queued.rss },
        details,
      }),
      measurement({
        id: 'memory.heapPeak',
        name: `heap used, ${label} pending, engine running`,
        unit: 'MB',
        figure: m.peakWhileRunning.heapUsed,
        baseline: { name: 'before queueing', value: m.before.heapUsed },
        details,
      }),
      measurement({
        id: 'memory.heapAfter',
        name: 'heap used after the engine stopped (GC)',
        unit: 'MB',
        figure: m.afterStop.heapUsed,
        baseline: { name: 'before queueing', value: m.before.heapUsed },
      }),
      measurement({
        id: 'memory.heap-after-300k',
        name: `heap used after ${m.deliveries.count.toLocaleString('en-US')} deliveries (GC)`,
        unit: 'MB',
        figure: m.deliveries.afterDeliveries.heapUsed,
        baseline: { name: `warm, after ${WARM_UP_SHARE * 100} %`, value: m.deliveries.warm.heapUsed },
        target: { on: 'ratio', op: '<=', value: HEAP_GROWTH_LIMIT },
        details: { ...m.deliveries, unit: 'MB' },
      }),
      measurement({
        id: 'memory.heap-after-stop',
        name: `heap used after stop(), ${m.deliveries.count.toLocaleString('en-US')} deliveries (GC)`,
        unit: 'MB',
        figure: m.deliveries.afterStop.heapUsed,
        baseline: { name: `warm, after ${WARM_UP_SHARE * 100} %`, value: m.deliveries.warm.heapUsed },
        target: { on: 'ratio', op: '<=', value: HEAP_GROWTH_LIMIT },
      }),
    ];
  },
};

function runInChild(params: MemoryParams): Promise<MemoryFigures> {
  const child = fork(path.join(__dirname, '..', 'memory-child.ts'), [JSON.stringify(params)], {
    execArgv: ['--expose-gc', '--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { result?: MemoryFigures; error?: string }) => {
      if (m.result) resolve(m.result);
      else reject(new Error(m.error ?? 'memory child sent nothing'));
    });
    child.once('exit', (code) => reject(new Error(`memory child exited with code ${String(code)}`)));
  });
}

/** Runs in the child process. */
export async function measureMemory(
  params: MemoryParams,
  log: (line: string) => void,
): Promise<MemoryFigures> {
  const { pending, sampleEveryMs, runMs } = params;
  const gc = exposeGc();
  const snapshot = (): Snapshot => {
    gc();
    const m = process.memoryUsage();
    return { rss: m.rss / MB, heapUsed: m.heapUsed / MB };
  };
  const core = createCore({ dataDir: path.join(params.dir, 'station'), logger: silentLogger });
  // A slow carrier, so the engine is busy for the whole window and most of the backlog remains.
  const limits: DestinationLimits = {
    requestsPerSecond: 20,
    burst: 1,
    maxConcurrency: 2,
    maxBatchSize: 100,
    requestTimeoutMs: 10_000,
  };
  const carrier = await startCarrierProcess({ rateLimit: { requestsPerSecond: 20, burst: 1 } });
  const client = carrierClient(carrier.url, limits, core.clock);
  const engine = new DeliveryEngine({
    db: core.db,
    clock: core.clock,
    random: core.random,
    destinations: [client],
    logger: silentLogger,
    subscribe: (listener) => core.outbox.onEnqueued(listener),
  });
  let sampler: NodeJS.Timeout | undefined;
  try {
    const before = snapshot();
    log(`memory: queueing ${pending} events`);
    enqueueAll(core, pending, DESTINATION);
    await new Promise((r) => setImmediate(r));
    const queued = snapshot();
    const pendingAtStart = countOpen(core);

    const peak = { rss: 0, heapUsed: 0 };
    const sample = (): void => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss / MB);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed / MB);
    };
    sampler = setInterval(sample, sampleEveryMs);
    engine.start();
    await new Promise((r) => setTimeout(r, runMs));
    sample();
    await engine.stop();
    clearInterval(sampler);
    const afterStop = snapshot();
    const pendingAtEnd = countOpen(core);
    if (pendingAtEnd >= pendingAtStart)
      throw new Error('the engine delivered nothing while memory was sampled');
    clearInterval(sampler);
    await engine.stop();
    client.close();
    await carrier.close();
    await core.close();
    const deliveries = await measureDeliveries(params, snapshot, log);
    return {
      pendingAtStart,
      pendingAtEnd,
      runMs,
      before,
      queued,
      peakWhileRunning: peak,
      afterStop,
      deliveries,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    await engine.stop();
    client.close();
    await carrier.close();
    await core.close();
  }
}

/** The background engine delivers `deliveries` events to a fast carrier; heap before, after, after stop. */
async function measureDeliveries(
  params: MemoryParams,
  snapshot: () => Snapshot,
  log: (line: string) => void,
): Promise<MemoryFigures['deliveries']> {
  const count = params.deliveries;
  const core = createCore({ dataDir: path.join(params.dir, 'deliveries'), logger: silentLogger });
  const limits: DestinationLimits = {
    requestsPerSecond: 50_000,
    burst: 1_000,
    maxConcurrency: 8,
    maxBatchSize: params.deliveryBatch,
    requestTimeoutMs: 10_000,
  };
  const carrier = await startCarrierProcess({
    rateLimit: { requestsPerSecond: limits.requestsPerSecond, burst: limits.burst },
    maxBatchSize: limits.maxBatchSize,
  });
  const client = carrierClient(carrier.url, limits, core.clock);
  const engine = new DeliveryEngine({
    db: core.db,
    clock: core.clock,
    random: core.random,
    destinations: [client],
    logger: silentLogger,
    subscribe: (listener) => core.outbox.onEnqueued(listener),
  });
  try {
    log(`memory: queueing ${count} events for the background engine`);
    enqueueAll(core, count, DESTINATION);
    await new Promise((r) => setImmediate(r));
    let delivered = 0;
    engine.onSettled((batch) => (delivered += batch.delivered));
    const started = performance.now();
    const deadline = started + 15 * 60_000;
    const until = async (n: number): Promise<void> => {
      while (delivered < n) {
        if (performance.now() > deadline)
          throw new Error(`only ${delivered} of ${count} delivered in 15 min`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    engine.start();
    // The baseline is taken once the engine is warm (its code compiled, its sockets and statements
    // made): what grows after that grows with the deliveries.
    await until(Math.ceil(count * WARM_UP_SHARE));
    const warm = snapshot();
    const warmDelivered = delivered;
    await until(count);
    const durationMs = performance.now() - started;
    const afterDeliveries = snapshot();
    await engine.stop();
    const afterStop = snapshot();
    const stats = await carrier.stats(DESTINATION);
    if (stats.applied !== count) throw new Error(`the carrier applied ${stats.applied} of ${count} events`);
    log(
      `memory: ${count} deliveries in ${(durationMs / 1000).toFixed(1)} s, ${stats.requests.events} requests`,
    );
    return {
      count,
      requests: stats.requests.events,
      durationMs,
      warmDelivered,
      warm,
      afterDeliveries,
      afterStop,
    };
  } finally {
    await engine.stop();
    client.close();
    await carrier.close();
    await core.close();
  }
}

function countOpen(core: Core): number {
  return core.db
    .prepare(
      "SELECT count(*) FROM outbox_events WHERE destination = ? AND status IN ('pending', 'in_flight')",
    )
    .pluck()
    .get(DESTINATION) as number;
}

/** A full GC before each snapshot, without asking whoever runs the bench for --expose-gc. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
