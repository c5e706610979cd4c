import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../src/main/clock';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client, counting, freePort, until } from './fixtures/carrier-harness';
import { runKillLoop } from './fixtures/kill-loop';
import { countByStatus } from './fixtures/outbox-events';

/** The issue asks for at least 50 kills per test run; scripts/soak.ts does many more. */
const KILLS = 50;

describe('crash safety: a sync process killed with SIGKILL at random moments', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it(`after ${KILLS.toString()} kills and a final run, every event is delivered, each key applied once however often sent, in order`, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000_007);
    const carrier = await startTestCarrier({ latencyMs: { min: 3, max: 25 }, seed });
    cleanups.push(() => carrier.close());
    // Enough work (2 × 30 keys × 20) that every run is killed mid-delivery, not after it is all done.
    const result = await runKillLoop({
      dir: dirs.make(),
      carrier,
      kills: KILLS,
      seed,
      keysPerDestination: 30,
      eventsPerKey: 20,
    });
    const why = `seed ${seed.toString()}: ${JSON.stringify(result)}`;
    expect(result.kills, why).toBeGreaterThanOrEqual(50);
    // Every event, the seeded ones and those the killed runs committed themselves, is delivered…
    expect(result.total, why).toBeGreaterThan(result.seeded);
    expect(result.counts, why).toEqual({ delivered: result.total });
    // …and took effect exactly once at the carrier, per key in order (assertCarrierTruth checked
    // every key and every scan before and after the carrier's de-duplication)…
    expect(result.applied, why).toBe(result.total);
    expect(carrier.stats().applied).toBe(result.total);
    expect(carrier.stats().orderViolations).toEqual([]);
    // …however often it was sent: every copy beyond the first was refused as a duplicate. (Whether
    // a kill caught a request on the wire is chance here; the slow-carrier case below makes sure.)
    expect(result.received, why).toBeGreaterThanOrEqual(result.applied);
    expect(carrier.stats().duplicates, why).toBe(result.received - result.applied);
    // The kills did land mid-delivery: claims of killed runs were taken over after their leases ran out.
    expect(result.reclaimed, why).toBeGreaterThan(0);
    expect(result.killedBeforeReady).toBeLessThan(KILLS);
  }, 180_000);

  it('with a carrier slower than the lease, late requests are overtaken by the next event of their key, and still apply once, in order', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000_007);
    // Up to 1.4 s per request: longer than the client waits (500 ms) and than a lease (800 ms), so
    // requests are given up on, claimed again by the next run, and land at the carrier late.
    const carrier = await startTestCarrier({ latencyMs: { min: 5, max: 1_400 }, seed });
    cleanups.push(() => carrier.close());
    const result = await runKillLoop({
      dir: dirs.make(),
      carrier,
      kills: 12,
      seed,
      keysPerDestination: 6,
      eventsPerKey: 6,
      leaseMs: 800,
      requestTimeoutMs: 500,
    });
    const why = `seed ${seed.toString()}: ${JSON.stringify(result)}`;
    expect(result.counts, why).toEqual({ delivered: result.total });
    expect(result.applied, why).toBe(result.total);
    expect(result.received, why).toBeGreaterThan(result.applied);
    // The carrier applied requests whose clients had given up on them…
    expect(result.appliedAfterClientLeft, why).toBeGreaterThan(0);
    // …and copies arrived after the next event of their ordering key had been applied: the late
    // request overtaken by the next one. The key made them harmless, and the order held.
    expect(result.staleDuplicates, why).toBeGreaterThan(0);
    expect(carrier.stats().orderViolations).toEqual([]);
    for (const d of ['c1', 'c2']) {
      for (let k = 0; k < 6; k++) {
        const order = carrier.appliedOrder(`parcel:${k.toString()}`, d);
        expect(order, why).toHaveLength(6);
        expect(order, why).toEqual([...order].sort((a, b) => a - b));
      }
    }
  }, 180_000);

  it('the app keeps recording scans while the carrier is down for the whole run, then delivers them all', async () => {
    const port = await freePort();
    const core = createCore({
      dataDir: dirs.make(),
      clock: systemClock,
      random: seededRandom(4),
      logger: silentLogger,
    });
    cleanups.push(() => core.close());
    const parcels = ['TH0000000001', 'TH0000000002', 'TH0000000003'];
    parcels.forEach((tn, i) =>
      insertParcel(core.db, {
        id: `P${i.toString()}`,
        trackingNumber: tn,
        carrier: 'c1',
        at: systemClock.now(),
      }),
    );
    const url = `http://127.0.0.1:${port.toString()}`;
    const c1 = client(url, 'c1', systemClock);
    const hub = client(url, 'hub', systemClock);
    cleanups.push(() => c1.close());
    cleanups.push(() => hub.close());
    const destinations = [counting(c1), counting(hub)];
    const engine = new DeliveryEngine({
      db: core.db,
      clock: systemClock,
      random: seededRandom(5),
      destinations,
      logger: silentLogger,
      leaseMs: 5_000,
      subscribe: (l) => core.outbox.onEnqueued(l),
      backoff: { baseMs: 50, capMs: 400 },
      breaker: { failureThreshold: 3, cooldownMs: 100, maxCooldownMs: 300 },
    });
    const startedAt = performance.now();
    engine.start();
    cleanups.push(() => engine.stop());

    const SCANS = 300;
    const results = [];
    let parcelScans = 0;
    for (let i = 0; i < SCANS; i++) {
      // A quarter unknown codes (to the hub), the rest spread over the three parcels (to c1).
      const code = i % 4 === 0 ? `UNKNOWN${i.toString()}` : (parcels[parcelScans++ % parcels.length] ?? '');
      results.push(await core.scans.record({ code, source: 'scanner' }, null));
      if (i % 10 === 9) await sleep(5);
    }
    // The engine has dealt with the outage: both circuits opened, and each was probed again after
    // its cooldown. Only then is "nothing delivered, nothing lost" worth asserting.
    await until(
      () =>
        destinations.every((d) => d.calls >= 4) &&
        ['c1', 'hub'].every((name) => engine.circuitState(name) !== 'closed'),
      15_000,
    );
    const elapsedMs = performance.now() - startedAt;
    expect(results.every((r) => r.outboxEventId.length > 0)).toBe(true);
    expect(core.db.prepare('SELECT count(*) AS n FROM scans').get()).toEqual({ n: SCANS });
    expect(countByStatus(core.db).delivered).toBeUndefined();
    expect((countByStatus(core.db).pending ?? 0) + (countByStatus(core.db).in_flight ?? 0)).toBe(SCANS);
    // No busy loop: failureThreshold failed requests (two at a time) open a circuit, then one probe
    // per cooldown (100 ms, doubling to 300 ms); a busy loop would make thousands.
    for (const d of destinations) expect(d.calls).toBeLessThanOrEqual(3 + 2 + Math.ceil(elapsedMs / 100));

    const carrier: TestCarrier = await startTestCarrier({ port });
    cleanups.push(() => carrier.close());
    await until(() => countByStatus(core.db).delivered === SCANS, 15_000);
    expect(assertCarrierTruth(core.db, carrier)).toMatchObject({ delivered: SCANS, applied: SCANS });
    for (let p = 0; p < parcels.length; p++) {
      const order = carrier.appliedOrder(`parcel:P${p.toString()}`);
      expect(order).toHaveLength(75);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  }, 60_000);
});
