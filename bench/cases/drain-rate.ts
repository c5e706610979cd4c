import path from 'node:path';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import type { DestinationLimits } from '../../src/main/sync/destination';
import { BENCH_DESTINATION as DESTINATION, carrierClient, startCarrierProcess } from '../carrier';
import { caseDir, type BenchCase, type BenchContext } from '../context';
import { measurement, type Measurement } from '../measurement';
import { msSince, ratePerSecond } from '../stats';
import { enqueueAll } from '../workload';

interface DrainRun {
  rate: number;
  peakRequestsPerSecond: number;
  requests: number;
  /** 429 answers: requests the carrier's own bucket for the declared limit refused. */
  throttled: number;
  limits: DestinationLimits;
}

/**
 * DeliveryEngine.drain() of N pending events to the local test carrier (a real HTTP server on
 * 127.0.0.1, in its own process, over keep-alive), one event per request and then in batches.
 * The carrier enforces the same declared limit and counts the busiest 1 s window it saw, so a
 * limiter that overshoots shows up as a figure above the limit (and as 429s), not as a faster drain.
 */
export const drainRate: BenchCase = {
  name: 'drain-rate',
  async run(ctx) {
    const { batched, unbatched } = ctx.profile.drain;
    const declared = (requestsPerSecond: number, maxBatchSize: number): DestinationLimits => ({
      requestsPerSecond,
      burst: Math.max(1, Math.floor(requestsPerSecond / 20)),
      maxConcurrency: 4,
      maxBatchSize,
      requestTimeoutMs: 10_000,
    });
    const single = await drain(ctx, unbatched.events, declared(unbatched.requestsPerSecond, 1));
    const many = await drain(ctx, batched.events, declared(batched.requestsPerSecond, batched.batchSize));
    const limitRow = (run: DrainRun, label: string): Measurement =>
      measurement({
        id: `drain.peakRequests.${label}`,
        name: `busiest 1 s at carrier, ${label}`,
        unit: 'req',
        figure: run.peakRequestsPerSecond,
        baseline: { name: 'declared limit', value: run.limits.requestsPerSecond },
        target: { on: 'ratio', op: '<=', value: 1 },
        details: { requests: run.requests, limits: run.limits },
      });
    return [
      measurement({
        id: 'drain.batched',
        name: `drain over HTTP, batches of ${batched.batchSize}`,
        unit: 'events/s',
        figure: many.rate,
        baseline: { name: 'unbatched', value: single.rate },
        target: { on: 'figure', op: '>=', value: 5000 },
        details: { events: batched.events, limits: many.limits, requests: many.requests },
      }),
      measurement({
        id: 'drain.unbatched',
        name: 'drain over HTTP, 1 event per request',
        unit: 'events/s',
        figure: single.rate,
        details: { events: unbatched.events, limits: single.limits, requests: single.requests },
      }),
      limitRow(many, 'batched'),
      limitRow(single, 'unbatched'),
      measurement({
        id: 'drain.throttled',
        name: '429s from the carrier, both drains',
        unit: 'req',
        figure: many.throttled + single.throttled,
        target: { on: 'figure', op: '<=', value: 0 },
      }),
    ];
  },
};

async function drain(ctx: BenchContext, events: number, limits: DestinationLimits): Promise<DrainRun> {
  const core = createCore({ dataDir: path.join(caseDir(ctx, 'drain'), 'station'), logger: silentLogger });
  const carrier = await startCarrierProcess({
    rateLimit: { requestsPerSecond: limits.requestsPerSecond, burst: limits.burst },
    maxBatchSize: limits.maxBatchSize,
  });
  const client = carrierClient(carrier.url, limits, core.clock);
  try {
    enqueueAll(core, events, DESTINATION);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const engine = new DeliveryEngine({
      db: core.db,
      clock: core.clock,
      random: core.random,
      destinations: [client],
      logger: silentLogger,
    });
    ctx.log(
      `drain: ${events} events, batch ${limits.maxBatchSize}, declared ${limits.requestsPerSecond} req/s`,
    );
    const start = process.hrtime.bigint();
    // The default wait (5 s) lets a drain finish events that a 429 sent into backoff.
    const summary = await engine.drain();
    const elapsed = msSince(start);
    await engine.stop();
    const stats = await carrier.stats(DESTINATION);
    if (summary.delivered !== events || summary.remaining !== 0) {
      throw new Error(`drain delivered ${summary.delivered} of ${events}, ${summary.remaining} remaining`);
    }
    if (stats.applied !== events || stats.duplicates !== 0 || stats.orderViolations.length > 0) {
      throw new Error(
        `carrier applied ${stats.applied} of ${events} (${stats.duplicates} duplicates, ` +
          `${stats.orderViolations.length} out of order)`,
      );
    }
    return {
      rate: ratePerSecond(events, elapsed),
      peakRequestsPerSecond: stats.maxRequestsPerSecond,
      throttled: stats.rateLimited,
      requests: stats.requests.events,
      limits,
    };
  } finally {
    client.close();
    await carrier.close();
    await core.close();
  }
}
