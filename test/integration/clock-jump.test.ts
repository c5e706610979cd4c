import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../src/main/clock';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DEFAULT_BACKOFF } from '../../src/main/sync/backoff';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import { TEST_EPOCH } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';
import { client, until } from './fixtures/carrier-harness';
import { enqueue, openOutbox } from './fixtures/outbox-events';

const HOUR = 3_600_000;

describe('a wall clock that steps backwards while an event waits for its retry', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it('a 429 with Retry-After 2 s, then the clock set back 3 h: the retry still goes within seconds', async () => {
    // A manual clock that runs at real speed, so the only oddity is the step we make.
    const clock = new ManualClock(TEST_EPOCH);
    const ticker = setInterval(() => clock.advance(10), 10);
    cleanups.push(() => clearInterval(ticker));
    const carrier = await startTestCarrier({ clock });
    cleanups.push(() => carrier.close());
    carrier.inject({ kind: 'status', status: 429, retryAfter: '2', times: 1 });
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const destination = client(carrier.url, 'c1', clock);
    cleanups.push(() => destination.close());
    const engine = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(1),
      destinations: [destination],
      logger: silentLogger,
      leaseMs: 10_000,
      subscribe: (l) => outbox.onEnqueued(l),
    });
    cleanups.push(() => engine.stop());
    engine.start();
    const [event] = enqueue(db, outbox, clock, [{ destination: 'c1', orderingKey: 'P1' }]);
    const row = () =>
      db
        .prepare<[string], { status: string; next_attempt_at: number; last_error_kind: string | null }>(
          'SELECT status, next_attempt_at, last_error_kind FROM outbox_events WHERE id = ?',
        )
        .get(event?.id ?? '');
    await until(() => row()?.last_error_kind === 'throttled', 10_000);
    const throttled = row();
    expect(throttled?.status).toBe('pending');
    expect((throttled?.next_attempt_at ?? 0) - clock.now()).toBeLessThanOrEqual(2_000);

    clock.advance(-3 * HOUR);
    // Due in about 3 h by the stepped clock: far more than the engine ever schedules (its longest
    // backoff, or the longest Retry-After it honours), so it is a clock jump, not a real delay.
    expect((throttled?.next_attempt_at ?? 0) - clock.now()).toBeGreaterThan(
      Math.max(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.maxRetryAfterMs),
    );
    await until(() => row()?.status === 'delivered', 10_000);
    expect(carrier.stats('c1')).toMatchObject({ applied: 1, rateLimited: 0, faultsServed: 1 });
  });

  it('a retry the engine really scheduled (a long Retry-After) is not mistaken for a clock jump', async () => {
    const clock = new ManualClock(TEST_EPOCH);
    const carrier = await startTestCarrier({ clock });
    cleanups.push(() => carrier.close());
    // Ten minutes: within the longest Retry-After the engine honours (15 min).
    carrier.inject({ kind: 'status', status: 429, retryAfter: '600', times: 1 });
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const destination = client(carrier.url, 'c1', clock);
    cleanups.push(() => destination.close());
    const engine = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(2),
      destinations: [destination],
      logger: silentLogger,
      leaseMs: 10_000,
    });
    cleanups.push(() => engine.stop());
    enqueue(db, outbox, clock, [{ destination: 'c1', orderingKey: 'P1' }]);
    const first = await engine.drain({ maxWaitMs: 0 });
    expect(first).toMatchObject({ delivered: 0, failed: 1, remaining: 1 });
    // The store's claim respects it (the drain's own reset of backoff is what the daily push does).
    const claimed = await engine.store.claim('c1', {
      limit: 10,
      owner: 'other',
      leaseMs: 10_000,
      now: clock.now(),
      maxAheadMs: Math.max(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.maxRetryAfterMs) + 1_000,
    });
    expect(claimed).toEqual([]);
    expect(engine.store.nextDueAt('c1', { maxAheadMs: DEFAULT_BACKOFF.maxRetryAfterMs + 1_000 })).toBe(
      clock.now() + 600_000,
    );
  });
});
