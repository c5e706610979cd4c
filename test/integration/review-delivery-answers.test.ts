import { afterEach, describe, expect, it } from 'vitest';
import { TestCarrierClient } from '../../src/main/carriers/test-carrier/client';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import { systemClock } from '../../src/main/clock';
import type { Db } from '../../src/main/db/open';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { DeliveryEngine } from '../../src/main/sync/delivery-engine';
import type { Destination } from '../../src/main/sync/destination';
import { TempDirs } from '../helpers/temp-dir';
import { assertCarrierTruth, client, CREDENTIALS, limits } from './fixtures/carrier-harness';
import { enqueue, openOutbox, statusOf } from './fixtures/outbox-events';

const clock = systemClock;

/**
 * Answers that look like success but do not say, once and clearly, that each event we sent was
 * applied: none of them may mark an event delivered that the carrier does not hold.
 */
describe('review: 2xx answers that must not count as delivered', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function setup() {
    const carrier = await startTestCarrier();
    cleanups.push(() => carrier.close());
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const c = client(carrier.url, 'c1', clock);
    cleanups.push(() => c.close());
    return { carrier, db, outbox, c };
  }

  function engine(db: Db, destinations: Destination[]) {
    const e = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(3),
      destinations,
      logger: silentLogger,
      leaseMs: 10_000,
      backoff: { baseMs: 5, capMs: 20 },
      breaker: { failureThreshold: 3, cooldownMs: 20 },
    });
    cleanups.push(() => e.stop());
    return e;
  }

  const answer = (results: Array<[string, string]>): string =>
    JSON.stringify({ results: results.map(([key, status]) => ({ idempotency_key: key, status })) });

  it('a result listed twice with conflicting statuses is not taken as delivered', async () => {
    const { carrier, db, outbox, c } = await setup();
    const [a, b] = enqueue(db, outbox, clock, [
      { destination: 'c1', orderingKey: 'p1' },
      { destination: 'c1', orderingKey: 'p2' },
    ]);
    const ka = a?.idempotencyKey ?? '';
    const kb = b?.idempotencyKey ?? '';
    // The carrier applied nothing, yet its answer ends with "applied" for both keys.
    carrier.inject({
      kind: 'garbage',
      body: answer([
        [ka, 'rejected'],
        [kb, 'rejected'],
        [ka, 'applied'],
        [kb, 'applied'],
      ]),
    });
    const e = engine(db, [c]);
    const seen: string[] = [];
    e.onSettled(() => {
      if (seen.length === 0) seen.push(statusOf(db, a?.id ?? '').status, statusOf(db, b?.id ?? '').status);
    });
    const summary = await e.drain();
    // After the contradictory answer neither event was delivered (nor dead): both went round again.
    expect(seen).toEqual(['pending', 'pending']);
    expect(summary).toMatchObject({ delivered: 2, dead: 0, remaining: 0 });
    expect(carrier.applications(ka)).toBe(1);
    expect(carrier.applications(kb)).toBe(1);
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: 2, applied: 2 });
  });

  it('an applied result followed by a rejection of the same key does not dead-letter it', async () => {
    const { carrier, db, outbox, c } = await setup();
    const [a] = enqueue(db, outbox, clock, [{ destination: 'c1', orderingKey: 'p1' }]);
    const ka = a?.idempotencyKey ?? '';
    carrier.inject({
      kind: 'garbage',
      afterApply: true,
      body: answer([
        [ka, 'applied'],
        [ka, 'rejected'],
      ]),
    });
    const summary = await engine(db, [c]).drain();
    expect(summary).toMatchObject({ delivered: 1, dead: 0, remaining: 0 });
    expect(statusOf(db, a?.id ?? '').status).toBe('delivered');
    expect(carrier.applications(ka)).toBe(1);
    expect(carrier.stats('c1').duplicates).toBe(1);
  });

  it('a partial answer settles only the events it names; the rest are sent again, applied once', async () => {
    const { carrier, db, outbox, c } = await setup();
    const events = enqueue(db, outbox, clock, [
      { destination: 'c1', orderingKey: 'p1' },
      { destination: 'c1', orderingKey: 'p2' },
      { destination: 'c1', orderingKey: 'p3' },
    ]);
    const [a, b, third] = events;
    // The carrier applied all three but its answer only mentions the first.
    carrier.inject({
      kind: 'garbage',
      afterApply: true,
      body: answer([[a?.idempotencyKey ?? '', 'applied']]),
    });
    const e = engine(db, [c]);
    const firstRound: string[] = [];
    e.onSettled(() => {
      if (firstRound.length === 0) for (const ev of events) firstRound.push(statusOf(db, ev.id).status);
    });
    const summary = await e.drain();
    expect(firstRound).toEqual(['delivered', 'pending', 'pending']);
    expect(summary).toMatchObject({ delivered: 3, dead: 0, remaining: 0 });
    expect(statusOf(db, b?.id ?? '').attempts).toBe(2);
    expect(statusOf(db, third?.id ?? '').attempts).toBe(2);
    expect(carrier.stats('c1').duplicates).toBe(2);
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: 3, applied: 3 });
  });

  it('results for events that were not sent settle nothing, even for a later event of the same key', async () => {
    const { carrier, db, outbox, c } = await setup();
    const [first, second] = enqueue(db, outbox, clock, [
      { destination: 'c1', orderingKey: 'p1' },
      { destination: 'c1', orderingKey: 'p1' },
    ]);
    // Only `first` is sent (it heads its key); the answer speaks of `second` and of a stranger.
    carrier.inject({
      kind: 'garbage',
      body: answer([
        [second?.idempotencyKey ?? '', 'applied'],
        ['somebody-else', 'applied'],
      ]),
    });
    const e = engine(db, [c]);
    const firstRound: string[] = [];
    e.onSettled(() => {
      if (firstRound.length === 0)
        firstRound.push(statusOf(db, first?.id ?? '').status, statusOf(db, second?.id ?? '').status);
    });
    const summary = await e.drain();
    expect(firstRound).toEqual(['pending', 'pending']);
    expect(summary).toMatchObject({ delivered: 2, dead: 0, remaining: 0 });
    expect(carrier.appliedOrder('p1', 'c1')).toEqual([first?.seq, second?.seq]);
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: 2, applied: 2 });
  });
});

describe('review: credentials the carrier refuses', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  it('a refused token request dead-letters no event: they wait, and go once the secret is fixed', async () => {
    const carrier = await startTestCarrier();
    cleanups.push(() => carrier.close());
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const events = enqueue(db, outbox, clock, [
      { destination: 'c1', orderingKey: 'p1' },
      { destination: 'c1', orderingKey: 'p2' },
      { destination: 'c1', orderingKey: 'p1' },
    ]);
    const run = async (clientSecret: string) => {
      const c = new TestCarrierClient({
        name: 'c1',
        baseUrl: carrier.url,
        credentials: { ...CREDENTIALS, clientSecret },
        limits: limits(),
        clock,
      });
      const e = new DeliveryEngine({
        db,
        clock,
        random: seededRandom(5),
        destinations: [c],
        logger: silentLogger,
        leaseMs: 10_000,
        backoff: { baseMs: 200, capMs: 10_000 },
      });
      try {
        return await e.drain({ maxWaitMs: 300 });
      } finally {
        await e.stop();
        c.close();
      }
    };
    // A rotated or mistyped secret says nothing about the events: none of them is refused for good.
    const refused = await run('rotated-at-the-carrier');
    expect(refused).toMatchObject({ delivered: 0, dead: 0, remaining: 3 });
    for (const ev of events) expect(statusOf(db, ev.id).status).not.toBe('dead');
    expect(statusOf(db, events[0]?.id ?? '').last_error).toMatch(/credentials/);
    expect(carrier.stats('c1').requests.events).toBe(0);

    const fixed = await run(CREDENTIALS.clientSecret);
    expect(fixed).toMatchObject({ delivered: 3, dead: 0, remaining: 0 });
    expect(assertCarrierTruth(db, carrier)).toMatchObject({ delivered: 3, applied: 3 });
  });
});
