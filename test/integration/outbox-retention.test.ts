import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import type { Core } from '../../src/main/core';
import type { Db } from '../../src/main/db/open';
import { DeliveryStore } from '../../src/main/outbox/delivery-store';
import { OutboxArchive } from '../../src/main/outbox/outbox-archive';
import { attachSync } from '../../src/main/sync/attach-sync';
import { OUTBOX_STATUSES, type UserView } from '../../src/shared/domain';
import { countRows } from '../helpers/fixtures-db';
import { makeTestCore } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';

const DAY = 86_400_000;

/** The truth the counters must match: a full count of the table. */
function countedByScan(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db
    .prepare<[], { destination: string; status: string; n: number }>(
      'SELECT destination, status, count(*) AS n FROM outbox_events GROUP BY destination, status',
    )
    .all()) {
    out[`${r.destination}/${r.status}`] = r.n;
  }
  return out;
}

function counters(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db
    .prepare<[], { destination: string; status: string; n: number }>(
      "SELECT destination, status, n FROM outbox_counts WHERE n > 0 AND status <> 'archived'",
    )
    .all()) {
    out[`${r.destination}/${r.status}`] = r.n;
  }
  return out;
}

describe('the outbox with a long history: counters, pages, retention', () => {
  const temps = new TempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    temps.cleanup();
  });

  function station() {
    const { core, clock } = makeTestCore(temps.make('lastmile-retention-'));
    cores.push(core);
    const supervisor = core.users.list().find((u) => u.role === 'supervisor') as UserView;
    const enqueue = (destination: string, key: string, idempotencyKey?: string) =>
      core.db
        .transaction(() =>
          core.outbox.enqueue(core.db, {
            destination,
            orderingKey: key,
            type: 'scan.unknown',
            payload: {
              scanId: `S-${key}-${clock.now()}`,
              code: 'X1',
              station: 'Dock 1',
              userId: null,
              scannedAt: clock.now(),
            },
            ...(idempotencyKey ? { idempotencyKey } : {}),
          }),
        )
        .immediate();
    return { core, clock, supervisor, enqueue, store: new DeliveryStore(core.db, clock) };
  }

  it('counters follow every status change in the same transaction, whoever makes it', async () => {
    const { core, clock, supervisor, enqueue, store } = station();
    const check = () => expect(counters(core.db)).toEqual(countedByScan(core.db));
    const events = ['a', 'b', 'c', 'd', 'e'].map((k) => enqueue(k < 'c' ? 'hub' : 'flash', k));
    check();
    const claimed = await store.claim('flash', { limit: 10, owner: 'w', leaseMs: 60_000, now: clock.now() });
    expect(claimed).toHaveLength(3);
    check();
    await store.settle(
      'flash',
      'w',
      {
        delivered: [events[2]?.id ?? ''],
        retry: [{ id: events[3]?.id ?? '', kind: 'server', reason: 'HTTP 503', nextAttemptAt: clock.now() }],
        dead: [{ id: events[4]?.id ?? '', kind: 'rejected', reason: 'HTTP 422' }],
      },
      { ok: true },
    );
    check();
    await core.deadLetters.retry(events[4]?.id ?? '', { user: supervisor, approver: supervisor });
    check();
    await store.markDead(events[4]?.id ?? '', 'again', 'rejected');
    await core.deadLetters.discard(events[4]?.id ?? '', 'not ours', {
      user: supervisor,
      approver: supervisor,
    });
    check();
    // A transaction that rolls back leaves the counters as they were.
    expect(() =>
      core.db
        .transaction(() => {
          enqueue('hub', 'z');
          throw new Error('the clerk’s action failed');
        })
        .immediate(),
    ).toThrow();
    check();
    // Even a hand-made UPDATE or DELETE (a support engineer's fix) keeps them right.
    core.db.prepare("UPDATE outbox_events SET status = 'discarded' WHERE id = ?").run(events[0]?.id ?? '');
    core.db.prepare('DELETE FROM outbox_events WHERE id = ?').run(events[1]?.id ?? '');
    check();
    expect(core.outboxQueries.counts()).toEqual({
      ...Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])),
      discarded: 2,
      delivered: 1,
      pending: 1,
    });
  });

  it('a page of the queue is exactly what reading the whole table would give, for any filter and offset', async () => {
    const { core, clock, enqueue, store } = station();
    for (let i = 0; i < 60; i++)
      enqueue(['hub', 'flash', 'kerry'][i % 3] ?? 'hub', `k${(i % 17).toString()}`);
    for (const d of ['hub', 'flash', 'kerry']) {
      const claimed = await store.claim(d, { limit: 5, owner: 'w', leaseMs: 60_000, now: clock.now() });
      await store.settle(
        d,
        'w',
        {
          delivered: claimed.slice(0, 3).map((e) => e.id),
          retry: [],
          dead: claimed.slice(3, 4).map((e) => ({ id: e.id, kind: 'rejected' as const, reason: 'no' })),
        },
        null,
      );
    }
    const filters: Array<(typeof OUTBOX_STATUSES)[number][]> = [
      ['pending', 'in_flight'],
      ['dead'],
      ['delivered'],
      ['pending', 'delivered', 'dead'],
      [...OUTBOX_STATUSES],
    ];
    for (const statuses of filters) {
      for (const [limit, offset] of [
        [9, 0],
        [9, 9],
        [5, 40],
        [50, 0],
        [3, 200],
      ] as const) {
        const expected = core.db
          .prepare<[string, number, number], { id: string }>(
            `SELECT id FROM outbox_events WHERE status IN (SELECT value FROM json_each(?))
             ORDER BY seq DESC LIMIT ? OFFSET ?`,
          )
          .all(JSON.stringify(statuses), limit, offset)
          .map((r) => r.id);
        const page = core.outboxQueries.list(statuses, limit, offset);
        expect({ statuses, limit, offset, ids: page.events.map((e) => e.id) }).toEqual({
          statuses,
          limit,
          offset,
          ids: expected,
        });
        expect(page.total).toBe(
          countRows(core.db, `outbox_events WHERE status IN (${statuses.map((s) => `'${s}'`).join(', ')})`),
        );
      }
    }
  });

  it('archives only old deliveries, keeps what the audit and KPIs need, and never the newest row', async () => {
    const { core, clock, enqueue, store } = station();
    const old = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((k) => enqueue('hub', k));
    const claimed = await store.claim('hub', { limit: 10, owner: 'w', leaseMs: 60_000, now: clock.now() });
    expect(claimed).toHaveLength(6);
    await store.settle(
      'hub',
      'w',
      {
        delivered: [old[0], old[1], old[2]].map((e) => e?.id ?? ''),
        retry: [{ id: old[3]?.id ?? '', kind: 'server', reason: '503', nextAttemptAt: clock.now() + 1_000 }],
        dead: [{ id: old[4]?.id ?? '', kind: 'rejected', reason: '422' }],
      },
      { ok: true },
    );
    // old[5] stays in flight.
    clock.advance(40 * DAY);
    const recent = enqueue('hub', 'p7');
    await store.markDelivered([recent.id]);
    const newest = enqueue('flash', 'q1');
    await store.markDelivered([newest.id]);
    clock.advance(40 * DAY); // now `recent` and `newest` are old too
    const deliveredEver = core.outboxQueries.deliveredEver();

    const moved = await new OutboxArchive(core.db, clock, 30).archive({ batch: 2 });
    // The three old deliveries and `recent`; `newest` has the highest seq and stays.
    expect(moved).toBe(4);
    const statusOf = (id: string) =>
      core.db.prepare<[string], { status: string }>('SELECT status FROM outbox_events WHERE id = ?').get(id)
        ?.status;
    expect([old[3], old[4], old[5], newest].map((e) => statusOf(e?.id ?? ''))).toEqual([
      'pending',
      'dead',
      'in_flight',
      'delivered',
    ]);
    const archived = core.db
      .prepare<[], Record<string, unknown>>('SELECT * FROM outbox_archive ORDER BY seq')
      .all();
    expect(archived.map((a) => a.id)).toEqual([old[0], old[1], old[2], recent].map((e) => e?.id));
    expect(archived[0]).toEqual({
      seq: old[0]?.seq,
      id: old[0]?.id,
      idempotency_key: old[0]?.idempotencyKey,
      destination: 'hub',
      ordering_key: 'p1',
      type: 'scan.unknown',
      attempts: 1,
      created_at: expect.any(Number),
      delivered_at: expect.any(Number),
    });
    expect(Object.keys(archived[0] ?? {})).not.toContain('payload');
    expect(counters(core.db)).toEqual(countedByScan(core.db));
    // Delivered ever: the same, whether an event is in the outbox or the archive.
    expect(core.outboxQueries.deliveredEver()).toEqual(deliveredEver);
    // Nothing left to move: a second run is a no-op.
    expect(await new OutboxArchive(core.db, clock, 30).archive()).toBe(0);

    // seq keeps growing: the next event comes after everything, archived events included.
    const next = enqueue('hub', 'p8');
    const highestArchived = Math.max(...archived.map((a) => a.seq as number));
    expect(next.seq).toBeGreaterThan(highestArchived);
    expect(next.seq).toBeGreaterThan(newest.seq);
  });

  it('an archived event’s idempotency key is still refused when enqueued again', async () => {
    const { core, clock, enqueue, store } = station();
    const decision = enqueue('tiktok_shop', 'R1', 'receipt-decision:R1');
    const [c] = await store.claim('tiktok_shop', { limit: 1, owner: 'w', leaseMs: 60_000, now: clock.now() });
    await store.markDelivered([c?.id ?? '']);
    enqueue('tiktok_shop', 'R2'); // so the decision is not the newest row
    clock.advance(31 * DAY);
    expect(await new OutboxArchive(core.db, clock, 30).archive()).toBe(1);
    expect(countRows(core.db, `outbox_events WHERE id = '${decision.id}'`)).toBe(0);
    const before = countRows(core.db, 'outbox_events');
    expect(() => enqueue('tiktok_shop', 'R1', 'receipt-decision:R1')).toThrow(/idempotency_key/);
    // Its id is refused as a key too, and an unrelated key is not.
    expect(() => enqueue('tiktok_shop', 'R1', decision.id)).toThrow(/idempotency_key/);
    expect(countRows(core.db, 'outbox_events')).toBe(before);
    enqueue('tiktok_shop', 'R1', 'receipt-decision:R1-second-look');
    expect(countRows(core.db, 'outbox_events')).toBe(before + 1);
  });

  it('the daily sync archives old deliveries and reports it; its delivered counts are not thrown off', async () => {
    const { core, clock, supervisor, enqueue } = station();
    const carrier = await startTestCarrier();
    try {
      const sync = attachSync(core, {
        destinations: ['hub'].map((name) => ({
          name,
          kind: 'test-carrier' as const,
          baseUrl: carrier.url,
          credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
        })),
        startTrickle: false,
        retention: { deliveredAfterDays: 7 },
        engine: { drainMaxWaitMs: 300 },
      });
      for (let i = 0; i < 5; i++) enqueue('hub', `a${i.toString()}`);
      const first = await sync.runDaily('cli', supervisor);
      expect(first.destinations).toEqual([{ name: 'hub', delivered: 5, failed: 0, dead: 0, pending: 0 }]);
      expect(first.archivedEvents).toBe(0);
      clock.advance(8 * DAY);
      for (let i = 0; i < 3; i++) enqueue('hub', `b${i.toString()}`);
      const second = await sync.runDaily('cli', supervisor);
      // Three delivered in this run, although five older ones left the outbox in the same run.
      expect(second.destinations).toEqual([{ name: 'hub', delivered: 3, failed: 0, dead: 0, pending: 0 }]);
      expect(second.archivedEvents).toBe(5);
      expect(countRows(core.db, 'outbox_archive')).toBe(5);
      // The Sync screen still shows every delivery.
      expect(sync.overview().destinations[0]?.counts.delivered).toBe(8);
      expect(core.outboxQueries.counts().delivered).toBe(3);
    } finally {
      await carrier.close();
    }
  });
});
