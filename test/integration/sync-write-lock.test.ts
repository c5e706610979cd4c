import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestCarrierClient } from '../../src/main/carriers/test-carrier/client';
import { startTestCarrier, type TestCarrierOptions } from '../../src/main/carriers/test-carrier/server';
import { ManualClock, systemClock } from '../../src/main/clock';
import { DATABASE_FILE } from '../../src/main/core';
import { setWritePolicy } from '../../src/main/db/write';
import { createIdGenerator } from '../../src/main/ids';
import { seededRandom } from '../../src/main/random';
import { attachSync } from '../../src/main/sync/attach-sync';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import type { PullSource } from '../../src/main/sync/destination';
import { mapSource, toReturnOrderRecord } from '../../src/main/sync/feed-mapping';
import { PullRunner } from '../../src/main/sync/pull-runner';
import { ReturnOrderUpserts } from '../../src/main/sync/return-order-upserts';
import { RATE_LIMITS_FILE, SharedRateLimits } from '../../src/main/sync/shared-rate-limits';
import { countRows } from '../helpers/fixtures-db';
import { makeTestCore, recordingLogger } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';
import { client, CREDENTIALS, limits, until } from './fixtures/carrier-harness';
import { countByStatus, enqueue, interleaved, openOutbox } from './fixtures/outbox-events';
import { longestStall, WriteLockHolder } from './fixtures/write-lock-holder';

/**
 * The station connection's busy timeout is 20 ms (db/open.ts), so any write that does not go
 * through writeTransaction fails at once while another process holds the lock. These tests hold
 * the lock from a second process while the sync side writes, and check that it waits (off the
 * event loop) instead of failing, resending or losing anything.
 */
const dirs = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

/** A lock hold far longer than any event-loop stall we accept: a blocking wait would show. */
const HOLD_MS = 1_500;
const MAX_STALL_MS = 1_000;

async function holder(file: string): Promise<WriteLockHolder> {
  const h = await WriteLockHolder.start(file);
  cleanups.push(() => h.stop());
  return h;
}

async function carrierWith(options: TestCarrierOptions) {
  const carrier = await startTestCarrier(options);
  cleanups.push(() => carrier.close());
  return carrier;
}

function attemptsOf(db: ReturnType<typeof openOutbox>['db']): number[] {
  return db
    .prepare<[], { attempts: number }>('SELECT attempts FROM outbox_events ORDER BY seq')
    .all()
    .map((r) => r.attempts);
}

describe('the sync side while another process holds the station database’s write lock', () => {
  it('delivery waits for the lock: every result is recorded once, nothing resent, the event loop free', async () => {
    const carrier = await carrierWith({ latencyMs: 60 });
    const dir = dirs.make();
    const { db, outbox } = openOutbox(dir, systemClock);
    cleanups.push(() => {
      db.close();
    });
    const lock = await holder(path.join(dir, DATABASE_FILE));
    const destination = client(carrier.url, 'c1', systemClock, { maxBatchSize: 2, maxConcurrency: 1 });
    cleanups.push(() => destination.close());
    const logger = recordingLogger();
    const engine = new DeliveryEngine({
      db,
      clock: systemClock,
      random: seededRandom(3),
      destinations: [destination],
      logger,
      leaseMs: 10_000,
      subscribe: (l) => outbox.onEnqueued(l),
    });
    cleanups.push(() => engine.stop());
    enqueue(db, outbox, systemClock, interleaved('c1', 30, 1));

    const { stallMs } = await longestStall(async () => {
      engine.start();
      // Mid-delivery: a request is at the carrier, its result is about to be written.
      await until(() => carrier.stats('c1').requests.events >= 2, 10_000, 1);
      await lock.holdFor(HOLD_MS);
      await until(() => countByStatus(db).delivered === 30, 20_000);
    });

    expect(countByStatus(db)).toEqual({ delivered: 30 });
    // Each event was claimed once: no result was lost to the lock and no lease had to run out.
    expect(attemptsOf(db)).toEqual(Array(30).fill(1));
    expect(carrier.stats('c1')).toMatchObject({ applied: 30, duplicates: 0 });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });

  it('a lock held beyond a write’s budget is "try again shortly": no failure, no backoff, no crash', async () => {
    const carrier = await carrierWith({ latencyMs: 40 });
    const dir = dirs.make();
    const { db, outbox } = openOutbox(dir, systemClock);
    cleanups.push(() => {
      db.close();
    });
    // Every write gives up after 100 ms here, so the 1.5 s hold makes them fail with DB_LOCKED.
    setWritePolicy(db, { maxWaitMs: 100 });
    const lock = await holder(path.join(dir, DATABASE_FILE));
    const destination = client(carrier.url, 'c1', systemClock, { maxBatchSize: 2, maxConcurrency: 2 });
    cleanups.push(() => destination.close());
    const logger = recordingLogger();
    const engine = new DeliveryEngine({
      db,
      clock: systemClock,
      random: seededRandom(4),
      destinations: [destination],
      logger,
      leaseMs: 10_000,
    });
    cleanups.push(() => engine.stop());
    enqueue(db, outbox, systemClock, interleaved('c1', 20, 2));

    const drained = engine.drain({ maxWaitMs: 1_000 });
    await until(() => carrier.stats('c1').requests.events >= 1, 10_000, 1);
    await lock.holdFor(HOLD_MS);
    const summary = await drained;

    expect(summary).toMatchObject({ delivered: 40, failed: 0, dead: 0, remaining: 0, databaseLocked: false });
    expect(attemptsOf(db)).toEqual(Array(40).fill(1));
    expect(
      db
        .prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox_events WHERE last_error IS NOT NULL')
        .get(),
    ).toEqual({ n: 0 });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(logger.lines.map((l) => l.message)).toContain(
      'station database locked by another process; delivery results wait',
    );
    expect(carrier.stats('c1')).toMatchObject({ applied: 40, duplicates: 0 });
  });

  it('a pull waits for the lock between pages and saves every page with its cursor', async () => {
    const carrier = await carrierWith({ returns: 30, seed: 7 });
    const { core, clock } = makeTestCore(dirs.make());
    cleanups.push(() => core.close());
    const lock = await holder(path.join(core.dataDir, DATABASE_FILE));
    const feed = new TestCarrierClient({
      name: 'tiktok_shop',
      baseUrl: carrier.url,
      credentials: CREDENTIALS,
      limits: limits(),
      clock: systemClock,
      pageSize: 5,
    });
    cleanups.push(() => feed.close());
    const raw = feed.returnsSource();
    let pages = 0;
    let held: Promise<void> | null = null;
    // The lock is taken just before the second page arrives, so its commit meets the lock.
    const source: PullSource<unknown> = {
      name: raw.name,
      pull: async (cursor, signal) => {
        const page = await raw.pull(cursor, signal);
        pages += 1;
        if (pages === 2) {
          await lock.lock();
          held = new Promise((r) => setTimeout(r, HOLD_MS)).then(() => lock.release());
        }
        return page;
      },
    };
    const upserts = new ReturnOrderUpserts(core.db, clock, createIdGenerator(clock, seededRandom(2)));
    const runner = new PullRunner(core.db, clock);
    const { result, stallMs } = await longestStall(() =>
      runner.run(
        mapSource(source, (item) => toReturnOrderRecord(item as Parameters<typeof toReturnOrderRecord>[0])),
        { signal: new AbortController().signal, apply: (items) => upserts.apply(items) },
      ),
    );
    await held;
    expect(result).toMatchObject({ pages: 6, fetched: 30, upserted: 30, error: null });
    expect(countRows(core.db, 'return_orders')).toBe(30);
    expect(runner.cursor(raw.name)).not.toBeNull();
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });

  it('the daily sync starts, runs and stores its report while another process holds the lock now and then', async () => {
    const carrier = await carrierWith({ returns: 5, seed: 9 });
    const { core } = makeTestCore(dirs.make());
    cleanups.push(() => core.close());
    const lock = await holder(path.join(core.dataDir, DATABASE_FILE));
    const sync = attachSync(core, {
      destinations: ['tiktok_shop', 'hub'].map((name) => ({
        name,
        kind: 'test-carrier' as const,
        baseUrl: carrier.url,
        credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
      })),
      startTrickle: false,
      engine: { drainMaxWaitMs: 300 },
    });
    const supervisor = core.users.list().find((u) => u.role === 'supervisor');
    if (!supervisor) throw new Error('no supervisor');
    const envelope = await core.dispatch('recordScan', { code: 'NOT-OURS-1', source: 'scanner' });
    expect(envelope.ok).toBe(true);

    // The lock is held when the run asks for the sync lock, its run row and its audit line.
    await lock.lock();
    const release = new Promise((r) => setTimeout(r, HOLD_MS)).then(() => lock.release());
    const { runId } = await sync.startDaily('ui', supervisor);
    await release;
    await until(() => sync.reports(1)[0]?.status !== 'running', 20_000);
    const report = sync.reports(1)[0];
    expect(report).toMatchObject({ id: runId, errors: [] });
    expect(report?.pulls).toEqual([{ source: 'tiktok_shop:returns', fetched: 5, upserted: 5, error: null }]);
    expect(report?.destinations.find((d) => d.name === 'hub')).toMatchObject({ delivered: 1, pending: 0 });
    expect(countRows(core.db, "audit_log WHERE action = 'sync.daily.start'")).toBe(1);
    expect(countRows(core.db, 'sync_lock')).toBe(0);
  });

  it('the shared request budget answers "no token yet" while its file is locked, and owes nothing', async () => {
    const file = path.join(dirs.make(), RATE_LIMITS_FILE);
    const clock = new ManualClock(1_000_000);
    const limits = new SharedRateLimits(file, clock);
    cleanups.push(() => limits.close());
    const bucket = limits.bucket('flash', { ratePerSecond: 1, burst: 4 });
    expect(bucket.takeUpTo(2)).toBe(2);
    const lock = await holder(file);
    await lock.lock();
    const started = performance.now();
    expect(bucket.takeUpTo(2)).toBe(0);
    bucket.refund(2); // kept, since the file could not be written
    expect(bucket.waitMs()).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(MAX_STALL_MS);
    await lock.release();
    // The refund was not lost, and no token was handed out twice: 2 left + 2 refunded.
    expect(bucket.takeUpTo(10)).toBe(4);
    expect(bucket.takeUpTo(1)).toBe(0);
  });
});
