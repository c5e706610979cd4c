import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../src/main/clock';
import { openDatabase } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client, until } from './fixtures/carrier-harness';
import { countByStatus, enqueue, interleaved, openOutbox } from './fixtures/outbox-events';

const clock = systemClock;

/**
 * The app's background trickle and a CLI daily sync deliver from the same station file at once,
 * each through its own connection, while clerks keep adding events and the carrier misbehaves:
 * the leases and the per-key head rule must still give every key once, in order.
 */
describe('review: two engines on one station file', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it('a trickle and a drain side by side deliver each event once, in per-key order', async () => {
    const carrier = await startTestCarrier({ latencyMs: { min: 1, max: 12 }, seed: 7 });
    cleanups.push(() => carrier.close());
    const dir = dirs.make();
    const { db, outbox } = openOutbox(dir, clock);
    const cliDb = openDatabase({ file: path.join(dir, 'lastmile.sqlite') });
    cleanups.push(() => {
      cliDb.close();
      db.close();
    });
    const make = (onDb: typeof db, seed: number) => {
      const c = client(carrier.url, 'c1', clock, {
        maxBatchSize: 5,
        maxConcurrency: 3,
        requestTimeoutMs: 400,
      });
      const e = new DeliveryEngine({
        db: onDb,
        clock,
        random: seededRandom(seed),
        destinations: [c],
        logger: silentLogger,
        leaseMs: 2_000,
        backoff: { baseMs: 5, capMs: 40 },
        breaker: { failureThreshold: 50, cooldownMs: 20 },
        idleRecheckMs: 100,
        ...(onDb === db ? { subscribe: (l: (d: string) => void) => outbox.onEnqueued(l) } : {}),
      });
      cleanups.push(async () => {
        await e.stop();
        c.close();
      });
      return e;
    };
    carrier.inject({ kind: 'status', status: 503, times: 4, skip: 2 });
    carrier.inject({ kind: 'reset', afterApply: true, times: 3, skip: 5 });
    carrier.inject({ kind: 'garbage', afterApply: true, times: 2, skip: 9 });
    carrier.inject({ kind: 'hang', afterApply: true, times: 2, skip: 12 });

    enqueue(db, outbox, clock, interleaved('c1', 40, 3));
    const app = make(db, 1);
    const cli = make(cliDb, 2);
    const deliveredBy = { app: 0, cli: 0 };
    app.onSettled((b) => (deliveredBy.app += b.delivered));
    cli.onSettled((b) => (deliveredBy.cli += b.delivered));
    app.start();
    const drained = cli.drain({ maxWaitMs: 1_000 });
    // Clerks keep scanning while both deliver.
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 15));
      enqueue(db, outbox, clock, interleaved('c1', 40, 1));
    }
    await drained;
    const total = 40 * 3 + 40 * 3;
    await until(() => (countByStatus(db).delivered ?? 0) === total, 20_000);
    expect(countByStatus(db)).toEqual({ delivered: total });
    // Both really took part (otherwise this proves nothing about two engines).
    expect(deliveredBy.app).toBeGreaterThan(0);
    expect(deliveredBy.cli).toBeGreaterThan(0);
    expect(carrier.stats('c1').faultsServed).toBe(11);
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: total, applied: total });
    for (let k = 0; k < 12; k++) expect(carrier.appliedOrder(`parcel:${k.toString()}`, 'c1')).toHaveLength(6);
  });
});
