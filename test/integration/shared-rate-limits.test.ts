import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock, systemClock } from '../../src/main/clock';
import { openDatabase } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import { RATE_LIMITS_FILE, SharedRateLimits } from '../../src/main/sync/shared-rate-limits';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client } from './fixtures/carrier-harness';
import { countByStatus, enqueue, interleaved, openOutbox } from './fixtures/outbox-events';

const dirs = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

describe('request budgets shared through the station folder', () => {
  it('two processes (two connections) spend one bucket: a token taken by one is gone for the other', () => {
    const file = path.join(dirs.make(), RATE_LIMITS_FILE);
    const clock = new ManualClock(1_000_000);
    const app = new SharedRateLimits(file, clock);
    const cli = new SharedRateLimits(file, clock);
    cleanups.push(() => {
      app.close();
      cli.close();
    });
    const options = { ratePerSecond: 2, burst: 5 };
    const a = app.bucket('flash', options);
    const b = cli.bucket('flash', options);
    expect(a.takeUpTo(3)).toBe(3);
    expect(b.takeUpTo(3)).toBe(2);
    expect(a.takeUpTo(1)).toBe(0);
    expect(b.waitMs()).toBe(500);
    clock.advance(1000); // 2 tokens at 2/s
    expect(b.takeUpTo(5)).toBe(2);
    // A clock that steps back hands out nothing extra.
    clock.advance(-60_000);
    expect(a.takeUpTo(1)).toBe(0);
    clock.advance(500);
    expect(a.takeUpTo(1)).toBe(1);
    // Refunds never overfill; drain empties for both.
    b.refund(10);
    expect(a.takeUpTo(10)).toBe(5);
    b.refund(2);
    a.drain();
    expect(b.takeUpTo(1)).toBe(0);
    // Another destination has its own budget.
    expect(app.bucket('ninjavan', options).takeUpTo(5)).toBe(5);
  });

  it("the app's trickle and a CLI drain together never exceed the destination's declared rate", async () => {
    const declared = { requestsPerSecond: 10, burst: 5 };
    const carrier = await startTestCarrier({ rateLimit: declared, seed: 3 });
    cleanups.push(() => carrier.close());
    const dir = dirs.make();
    const clock = systemClock;
    const { db, outbox } = openOutbox(dir, clock);
    const cliDb = openDatabase({ file: path.join(dir, 'lastmile.sqlite') });
    cleanups.push(() => {
      cliDb.close();
      db.close();
    });
    const engineOn = (onDb: typeof db, seed: number) => {
      const limits = new SharedRateLimits(path.join(dir, RATE_LIMITS_FILE), clock);
      const destination = client(carrier.url, 'c1', clock, {
        ...declared,
        maxBatchSize: 1,
        maxConcurrency: 4,
      });
      const engine = new DeliveryEngine({
        db: onDb,
        clock,
        random: seededRandom(seed),
        destinations: [destination],
        logger: silentLogger,
        budgets: limits.budgets,
        idleRecheckMs: 50,
      });
      cleanups.push(async () => {
        await engine.stop();
        destination.close();
        limits.close();
      });
      return engine;
    };
    // 36 single-event requests at 10/s: long enough (> 3 s) for two unshared buckets to overshoot.
    enqueue(db, outbox, clock, interleaved('c1', 12, 3));
    const app = engineOn(db, 1);
    const cli = engineOn(cliDb, 2);
    app.start();
    await cli.drain({ maxWaitMs: 10_000 });
    const deadline = Date.now() + 10_000;
    while (countByStatus(db).delivered !== 36 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(countByStatus(db).delivered).toBe(36);
    const stats = carrier.stats();
    // The carrier enforces the declared limit (a bucket of 10/s with a burst of 5) and refused nothing;
    // no 1 s window saw more than that bucket allows (its burst plus one second of its rate).
    expect(stats.rateLimited).toBe(0);
    expect(stats.maxRequestsPerSecond).toBeLessThanOrEqual(declared.requestsPerSecond + declared.burst);
    assertCarrierTruth(db, carrier);
  });
});
