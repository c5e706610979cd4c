import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier, type RateLimit } from '../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../src/main/clock';
import type { Db } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { DeliveryStore, type ClaimOptions } from '../../src/main/outbox/delivery-store';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import type { OutboundEvent } from '../../src/main/sync/destination';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client } from './fixtures/carrier-harness';
import { enqueue, interleaved, openOutbox } from './fixtures/outbox-events';

/**
 * A claim that now and then holds the event loop, as a durable commit does when the disk is slow
 * (better-sqlite3 is synchronous): tokens taken before such a claim are spent later than they were
 * counted, and requests bunch up at the destination.
 */
class StallingStore extends DeliveryStore {
  private claims = 0;

  constructor(
    db: Db,
    private readonly stall: { everyNth: number; stallMs: number },
  ) {
    super(db, systemClock);
  }

  override async claim(destination: string, options: ClaimOptions): Promise<OutboundEvent[]> {
    this.claims += 1;
    if (this.claims % this.stall.everyNth === 0) {
      const until = performance.now() + this.stall.stallMs;
      while (performance.now() < until) {
        // a commit waiting for the disk
      }
    }
    return super.claim(destination, options);
  }
}

describe('the declared rate limit, as the real test carrier enforces it', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function drainAt(
    declared: RateLimit,
    events: number,
    stall: { everyNth: number; stallMs: number },
    more: { tokenLatencyMs?: number; tokenTtlMs?: number; maxConcurrency?: number } = {},
  ) {
    const carrier = await startTestCarrier({
      rateLimit: declared,
      seed: 11,
      ...(more.tokenLatencyMs !== undefined ? { tokenLatencyMs: more.tokenLatencyMs } : {}),
      ...(more.tokenTtlMs !== undefined ? { tokenTtlMs: more.tokenTtlMs } : {}),
    });
    cleanups.push(() => carrier.close());
    const { db, outbox } = openOutbox(dirs.make(), systemClock);
    cleanups.push(() => {
      db.close();
    });
    const destination = client(carrier.url, 'c1', systemClock, {
      ...declared,
      maxBatchSize: 1,
      maxConcurrency: more.maxConcurrency ?? 4,
    });
    cleanups.push(() => destination.close());
    const engine = new DeliveryEngine({
      db,
      clock: systemClock,
      random: seededRandom(5),
      destinations: [destination],
      logger: silentLogger,
      leaseMs: 10_000,
      store: new StallingStore(db, stall),
      // The carrier runs in this process, so the stalls we inject delay its view of arrivals too:
      // the plan is told requests may arrive that much late, plus what a loaded machine adds. In
      // the full suite this file shares two cores with other workers, and the carrier's event loop
      // then counts requests up to tens of ms late (CI once saw one 429 with 25 ms allowed).
      arrivalJitterMs: Math.max(60, stall.stallMs + 20),
    });
    cleanups.push(() => engine.stop());
    enqueue(db, outbox, systemClock, interleaved('c1', events, 1));
    const summary = await engine.drain({ maxWaitMs: 10_000 });
    expect(summary).toMatchObject({ delivered: events, remaining: 0 });
    assertCarrierTruth(db, carrier);
    return carrier.stats('c1');
  }

  it('no 429 at 100/s with a burst of 5, though claims stall the event loop now and then', async () => {
    const stats = await drainAt({ requestsPerSecond: 100, burst: 5 }, 240, { everyNth: 5, stallMs: 40 });
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests.events).toBe(240);
    expect(stats.maxRequestsPerSecond).toBeLessThanOrEqual(100);
  });

  it('no 429 when requests wait for a slow OAuth token: they are counted only once they can leave', async () => {
    // The client renews its token 5 s before expiry, so with a 6 s lifetime every second: each
    // renewal (200 ms) holds back the requests of the moment, which then leave on warm sockets.
    const stats = await drainAt(
      { requestsPerSecond: 100, burst: 5 },
      300,
      { everyNth: 1_000_000, stallMs: 0 },
      { tokenLatencyMs: 200, tokenTtlMs: 6_000, maxConcurrency: 8 },
    );
    expect(stats.requests.token).toBeGreaterThanOrEqual(2);
    expect(stats.rateLimited).toBe(0);
  });

  it('no 429 at 20/s with a burst of 1 (one request at a time, evenly spaced)', async () => {
    const stats = await drainAt({ requestsPerSecond: 20, burst: 1 }, 30, { everyNth: 3, stallMs: 30 });
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests.events).toBe(30);
  });
});
