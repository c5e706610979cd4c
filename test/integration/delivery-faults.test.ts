import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier, type Fault, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../src/main/clock';
import type { Db } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client } from './fixtures/carrier-harness';
import { countByStatus, enqueue, interleaved, openOutbox } from './fixtures/outbox-events';

const clock = systemClock;
const KEYS = 8;
const PER_KEY = 6;
const TOTAL = KEYS * PER_KEY;

/**
 * Each injected fault, on its own and all together: after the engine has done its work the
 * carrier has applied every idempotency key exactly once, per ordering key in seq order, and the
 * database calls nothing delivered that the carrier did not apply.
 */
describe('delivery under injected faults', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function scenario(requestTimeoutMs = 2_000) {
    const carrier = await startTestCarrier({ seed: 3 });
    cleanups.push(() => carrier.close());
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const c = client(carrier.url, 'c1', clock, { maxBatchSize: 4, maxConcurrency: 2, requestTimeoutMs });
    cleanups.push(() => c.close());
    const events = enqueue(db, outbox, clock, interleaved('c1', KEYS, PER_KEY));
    const engine = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(11),
      destinations: [c],
      logger: silentLogger,
      leaseMs: requestTimeoutMs + 1_000,
      backoff: { baseMs: 5, capMs: 40 },
      breaker: { failureThreshold: 4, cooldownMs: 30, maxCooldownMs: 60 },
    });
    cleanups.push(() => engine.stop());
    return { carrier, db, engine, events };
  }

  /** Drains until nothing is left, or nothing moves any more (dead letters block their keys). */
  async function drainAll(engine: DeliveryEngine, db: Db, onProgress?: (delivered: number) => void) {
    let previous = -1;
    for (let round = 0; round < 30; round++) {
      const summary = await engine.drain({ maxWaitMs: 1_000, onProgress: (p) => onProgress?.(p.delivered) });
      const settled = (countByStatus(db).delivered ?? 0) + (countByStatus(db).dead ?? 0);
      if (summary.remaining === 0 || settled === previous) return summary;
      previous = settled;
    }
    throw new Error('drain made no end');
  }

  function expectAllDeliveredOnce(db: Db, carrier: TestCarrier) {
    expect(countByStatus(db)).toEqual({ delivered: TOTAL });
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: TOTAL, applied: TOTAL });
    expect(carrier.stats('c1').applied).toBe(TOTAL);
  }

  const faults: Array<[string, Fault[], number?]> = [
    ['429 with Retry-After', [{ kind: 'status', status: 429, retryAfter: '0.2', times: 2 }]],
    ['500', [{ kind: 'status', status: 500, times: 3 }]],
    ['503', [{ kind: 'status', status: 503, times: 3 }]],
    ['a hanging response', [{ kind: 'hang', times: 2 }], 300],
    ['a hang after the carrier applied the batch', [{ kind: 'hang', times: 2, afterApply: true }], 300],
    ['a connection reset', [{ kind: 'reset', times: 3 }]],
    ['a reset after the carrier applied the batch', [{ kind: 'reset', times: 3, afterApply: true }]],
    ['malformed JSON', [{ kind: 'garbage', times: 3 }]],
    ['a garbage 200 after the carrier applied the batch', [{ kind: 'garbage', times: 3, afterApply: true }]],
    ['a 200 with the wrong shape', [{ kind: 'garbage', body: '{"results": {"ok": true}}', times: 3 }]],
    ['token endpoint down for a while', [{ kind: 'status', status: 503, route: 'token', times: 2, skip: 0 }]],
  ];

  for (const [name, injected, timeout] of faults) {
    it(`${name}: every key applied exactly once, in order, nothing falsely delivered`, async () => {
      const { carrier, db, engine } = await scenario(timeout);
      for (const fault of injected) carrier.inject({ skip: 1, ...fault });
      await drainAll(engine, db);
      expectAllDeliveredOnce(db, carrier);
      expect(carrier.stats('c1').faultsServed).toBe(injected.reduce((n, f) => n + (f.times ?? 1), 0));
      if (injected.some((f) => f.afterApply)) expect(carrier.stats('c1').duplicates).toBeGreaterThan(0);
    });
  }

  it('expiring tokens mid-run: 401, refresh, carry on', async () => {
    const { carrier, db, engine } = await scenario();
    let expired = 0;
    await drainAll(engine, db, (delivered) => {
      if (delivered >= 12 * (expired + 1) && expired < 3) {
        expired += 1;
        carrier.expireTokens();
      }
    });
    expectAllDeliveredOnce(db, carrier);
    expect(carrier.stats('c1').unauthorized).toBeGreaterThanOrEqual(3);
  });

  it('per-key permanent rejects: those go dead with the reason, their keys wait, the rest arrives once', async () => {
    const { carrier, db, engine, events } = await scenario();
    // The second event of parcel:2 and the first of parcel:5.
    const second = events.filter((e, i) => i % KEYS === 2)[1];
    const first = events[5];
    carrier.rejectKeys([second?.idempotencyKey ?? '', first?.idempotencyKey ?? ''], 'unknown parcel');
    await drainAll(engine, db);
    const counts = countByStatus(db);
    expect(counts.dead).toBe(2);
    // parcel:2 keeps its 4 later events, parcel:5 its 5, pending behind the dead ones.
    expect(counts.pending).toBe(PER_KEY - 2 + (PER_KEY - 1));
    expect(counts.delivered).toBe(TOTAL - 2 - counts.pending!);
    const truth = assertCarrierTruth(db, carrier);
    expect(truth.applied).toBe(counts.delivered);
    expect(carrier.applications(second?.idempotencyKey ?? '')).toBe(0);
    const reasons = db
      .prepare<[], { last_error: string }>(`SELECT last_error FROM outbox_events WHERE status = 'dead'`)
      .all();
    expect(reasons).toEqual([{ last_error: 'unknown parcel' }, { last_error: 'unknown parcel' }]);
  });

  it('all of them at once, scattered through the run', async () => {
    const { carrier, db, engine } = await scenario(300);
    const random = seededRandom(21);
    const kinds: Fault[] = [
      { kind: 'status', status: 429, retryAfter: '0.1' },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'hang' },
      { kind: 'hang', afterApply: true },
      { kind: 'reset' },
      { kind: 'reset', afterApply: true },
      { kind: 'garbage' },
      { kind: 'garbage', afterApply: true },
    ];
    for (let i = 0; i < 12; i++) {
      const fault = kinds[Math.floor(random.next() * kinds.length)] ?? { kind: 'reset' };
      carrier.inject({ ...fault, skip: Math.floor(random.next() * 10) });
    }
    await drainAll(engine, db);
    expectAllDeliveredOnce(db, carrier);
  });
});
