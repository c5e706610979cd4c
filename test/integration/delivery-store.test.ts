import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import type { Db } from '../../src/main/db/open';
import { DeliveryStore } from '../../src/main/outbox/delivery-store';
import type { Outbox } from '../../src/main/outbox/outbox';
import { TEST_EPOCH } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';
import { enqueue, openOutbox, statusOf } from './fixtures/outbox-events';

const LEASE = 30_000;

describe('DeliveryStore', async () => {
  const dirs = new TempDirs();
  let db: Db;
  let outbox: Outbox;
  let clock: ManualClock;
  let store: DeliveryStore;

  beforeEach(() => {
    clock = new ManualClock(TEST_EPOCH);
    ({ db, outbox } = openOutbox(dirs.make(), clock));
    store = new DeliveryStore(db, clock, { maxAheadMs: 3_600_000 });
  });
  afterEach(() => {
    db.close();
    dirs.cleanup();
  });

  const claim = (owner: string, limit = 50, extra: { ignoreBackoff?: boolean } = {}) =>
    store.claim('c', { limit, owner, leaseMs: LEASE, now: clock.now(), ...extra });

  it('claims only the head of each ordering key, in seq order, and leases it', async () => {
    const [a1, b1, a2, c1] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'A' },
      { destination: 'c', orderingKey: 'B' },
      { destination: 'c', orderingKey: 'A' },
      { destination: 'c', orderingKey: 'C' },
    ]);
    const claimed = await claim('w1');
    expect(claimed.map((e) => e.id)).toEqual([a1?.id, b1?.id, c1?.id]);
    expect(claimed[0]).toMatchObject({ attempts: 1, orderingKey: 'A', type: 'scan.unknown', seq: a1?.seq });
    expect(claimed[0]?.payload).toMatchObject({ code: 'CODE0', station: 'dock-1' });
    const row = db
      .prepare<[string], { status: string; lease_owner: string; lease_until: number }>(
        'SELECT status, lease_owner, lease_until FROM outbox_events WHERE id = ?',
      )
      .get(a1?.id ?? '');
    expect(row).toEqual({ status: 'in_flight', lease_owner: 'w1', lease_until: TEST_EPOCH + LEASE });
    // A second worker finds nothing: the heads are leased, and a2 waits behind a1.
    expect(await claim('w2')).toEqual([]);
    await store.markDelivered([a1?.id ?? ''], clock.now());
    expect((await claim('w2')).map((e) => e.id)).toEqual([a2?.id]);
  });

  it('respects the limit and keeps the remaining heads for the next claim', async () => {
    const events = enqueue(
      db,
      outbox,
      clock,
      Array.from({ length: 10 }, (_, i) => ({ destination: 'c', orderingKey: `k${i.toString()}` })),
    );
    expect((await claim('w', 4)).map((e) => e.seq)).toEqual(events.slice(0, 4).map((e) => e.seq));
    expect((await claim('w', 100)).map((e) => e.seq)).toEqual(events.slice(4).map((e) => e.seq));
  });

  it('a later event never overtakes an earlier one that is retrying or dead; discarded ones stop blocking', async () => {
    const [e1, e2, other] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'Q' },
    ]);
    await claim('w');
    expect(
      await store.markRetry(e1?.id ?? '', 'w', {
        kind: 'server',
        reason: 'HTTP 503',
        nextAttemptAt: clock.now() + 5_000,
      }),
    ).toBe(true);
    await store.markDelivered([other?.id ?? '']);
    expect(await claim('w')).toEqual([]);
    clock.advance(5_000);
    expect((await claim('w')).map((e) => e.id)).toEqual([e1?.id]);
    expect(await store.markDead(e1?.id ?? '', 'HTTP 422: unknown parcel', 'rejected', 'w')).toBe(true);
    clock.advance(60_000);
    expect(await claim('w')).toEqual([]);
    expect(store.nextDueAt('c')).toBeNull();
    db.prepare(`UPDATE outbox_events SET status = 'discarded' WHERE id = ?`).run(e1?.id ?? '');
    expect((await claim('w')).map((e) => e.id)).toEqual([e2?.id]);
  });

  it('keys are per destination: the same key elsewhere does not block', async () => {
    const [x1] = enqueue(db, outbox, clock, [{ destination: 'other', orderingKey: 'P' }]);
    const [c1] = enqueue(db, outbox, clock, [{ destination: 'c', orderingKey: 'P' }]);
    expect(x1).toBeDefined();
    expect((await claim('w')).map((e) => e.id)).toEqual([c1?.id]);
  });

  it('an expired lease makes the event claimable again; the old owner is fenced, but its delivery wins', async () => {
    const [e1] = enqueue(db, outbox, clock, [{ destination: 'c', orderingKey: 'P' }]);
    await claim('w1');
    clock.advance(LEASE - 1);
    expect(await claim('w2')).toEqual([]);
    clock.advance(1);
    const again = await claim('w2');
    expect(again.map((e) => e.id)).toEqual([e1?.id]);
    expect(again[0]?.attempts).toBe(2);
    expect(
      await store.markRetry(e1?.id ?? '', 'w1', { kind: 'timeout', reason: 'late', nextAttemptAt: 0 }),
    ).toBe(false);
    expect(await store.markDead(e1?.id ?? '', 'late', 'rejected', 'w1')).toBe(false);
    expect(statusOf(db, e1?.id ?? '').status).toBe('in_flight');
    // w1's request did reach the carrier after all: that is the truth, whoever holds the lease.
    expect(await store.markDelivered([e1?.id ?? ''])).toBe(1);
    expect(statusOf(db, e1?.id ?? '').status).toBe('delivered');
    expect(
      await store.markRetry(e1?.id ?? '', 'w2', { kind: 'timeout', reason: 'x', nextAttemptAt: 0 }),
    ).toBe(false);
    expect(statusOf(db, e1?.id ?? '').status).toBe('delivered');
  });

  it('a clock that jumped backwards does not strand leases or retries', async () => {
    const [e1, e2] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'Q' },
    ]);
    await claim('w1');
    await store.markRetry(e2?.id ?? '', 'w1', {
      kind: 'server',
      reason: '503',
      nextAttemptAt: clock.now() + 1_000,
    });
    // NTP pulls the clock back two days: the lease now ends "two days from now", the retry likewise.
    clock.advance(-2 * 86_400_000);
    const claimed = await claim('w2');
    expect(claimed.map((e) => e.id).sort()).toEqual([e1?.id, e2?.id].sort());
  });

  it('dead-letters a stored payload that fails its schema instead of sending it, and says why', async () => {
    const [bad, after, fine] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'Q' },
    ]);
    db.prepare(`UPDATE outbox_events SET payload = '{"scanId": 7}' WHERE id = ?`).run(bad?.id ?? '');
    db.prepare(`UPDATE outbox_events SET type = 'scan.teleported' WHERE id = ?`).run(fine?.id ?? '');
    const invalid: string[] = [];
    const claimed = await store.claim('c', {
      limit: 10,
      owner: 'w',
      leaseMs: LEASE,
      now: clock.now(),
      onInvalid: (e, reason) => invalid.push(`${e.id}: ${reason}`),
    });
    expect(claimed).toEqual([]);
    expect(invalid).toHaveLength(2);
    expect(statusOf(db, bad?.id ?? '')).toMatchObject({ status: 'dead' });
    expect(statusOf(db, bad?.id ?? '').last_error).toMatch(/scan\.unknown schema at scanId/);
    expect(statusOf(db, fine?.id ?? '').last_error).toMatch(/unknown event type "scan.teleported"/);
    // The later event of the same parcel waits behind the dead one.
    expect(statusOf(db, after?.id ?? '').status).toBe('pending');
    expect(await claim('w')).toEqual([]);
  });

  it('nextDueAt looks at heads only, so blocked events do not make a worker spin', async () => {
    expect(store.nextDueAt('c')).toBeNull();
    const [e1] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'P' },
    ]);
    expect(store.nextDueAt('c')).toBe(clock.now());
    await claim('w');
    expect(store.nextDueAt('c')).toBe(clock.now() + LEASE);
    await store.markRetry(e1?.id ?? '', 'w', {
      kind: 'network',
      reason: 'down',
      nextAttemptAt: clock.now() + 7_000,
    });
    expect(store.nextDueAt('c')).toBe(clock.now() + 7_000);
  });

  it('resetBackoff makes backed-off events due now; ignoreBackoff claims them without it', async () => {
    const [e1, e2] = enqueue(db, outbox, clock, [
      { destination: 'c', orderingKey: 'P' },
      { destination: 'c', orderingKey: 'Q' },
    ]);
    await claim('w');
    for (const e of [e1, e2]) {
      await store.markRetry(e?.id ?? '', 'w', {
        kind: 'network',
        reason: 'x',
        nextAttemptAt: clock.now() + 60_000,
      });
    }
    expect(await claim('w')).toEqual([]);
    expect((await claim('w', 1, { ignoreBackoff: true })).map((e) => e.id)).toEqual([e1?.id]);
    expect(await store.resetBackoff('c')).toBe(1);
    expect((await claim('w')).map((e) => e.id)).toEqual([e2?.id]);
  });

  it('settle records a whole batch and the destination contact in one go; releaseLeases hands back the rest', async () => {
    const [a, b, c, d] = enqueue(
      db,
      outbox,
      clock,
      ['A', 'B', 'C', 'D'].map((k) => ({ destination: 'c', orderingKey: k })),
    );
    await claim('w');
    const result = await store.settle(
      'c',
      'w',
      {
        delivered: [a?.id ?? ''],
        retry: [{ id: b?.id ?? '', kind: 'server', reason: 'HTTP 500', nextAttemptAt: clock.now() + 1 }],
        dead: [{ id: c?.id ?? '', kind: 'rejected', reason: 'HTTP 422: no such parcel' }],
      },
      { ok: true },
    );
    expect(result).toEqual({ delivered: 1, retried: 1, dead: 1 });
    expect(statusOf(db, b?.id ?? '')).toMatchObject({ status: 'pending', last_error: 'HTTP 500' });
    expect(statusOf(db, c?.id ?? '')).toMatchObject({
      status: 'dead',
      last_error: 'HTTP 422: no such parcel',
    });
    const status = db.prepare('SELECT * FROM destination_status WHERE name = ?').get('c');
    expect(status).toMatchObject({ last_success_at: clock.now(), last_failure_at: null });
    clock.advance(10);
    await store.recordContact('c', false, 'network: ECONNREFUSED');
    expect(db.prepare('SELECT * FROM destination_status WHERE name = ?').get('c')).toMatchObject({
      last_success_at: clock.now() - 10,
      last_failure_at: clock.now(),
      last_error: 'network: ECONNREFUSED',
    });
    expect(await store.releaseLeases('someone-else')).toBe(0);
    expect(await store.releaseLeases('w')).toBe(1);
    expect(statusOf(db, d?.id ?? '').status).toBe('pending');
  });

  it('lists destinations with open work and counts it', async () => {
    enqueue(db, outbox, clock, [
      { destination: 'zeta', orderingKey: 'P' },
      { destination: 'alpha', orderingKey: 'P' },
      { destination: 'alpha', orderingKey: 'Q' },
      { destination: 'mid', orderingKey: 'P' },
    ]);
    const [m] = await store.claim('mid', { limit: 5, owner: 'w', leaseMs: LEASE, now: clock.now() });
    await store.markDelivered([m?.id ?? '']);
    expect(store.destinationsWithWork()).toEqual(['alpha', 'zeta']);
    expect(store.openCount('alpha')).toBe(2);
    expect(store.openCount('mid')).toBe(0);
  });

  it('never loads more than one claim: 5,000 pending events come out in bounded batches', async () => {
    enqueue(
      db,
      outbox,
      clock,
      Array.from({ length: 5_000 }, (_, i) => ({
        destination: 'c',
        orderingKey: `k${(i % 2_500).toString()}`,
      })),
    );
    let seen = 0;
    let previous = 0;
    for (;;) {
      const batch = await claim('w', 200);
      if (batch.length === 0) break;
      expect(batch.length).toBeLessThanOrEqual(200);
      expect(new Set(batch.map((e) => e.orderingKey)).size).toBe(batch.length);
      expect(batch[0]?.seq ?? 0).toBeGreaterThan(previous);
      previous = batch[batch.length - 1]?.seq ?? 0;
      await store.markDelivered(batch.map((e) => e.id));
      seen += batch.length;
    }
    expect(seen).toBe(5_000);
  });
});
