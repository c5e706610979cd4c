import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier } from '../../src/main/carriers/test-carrier/server';
import type { Core } from '../../src/main/core';
import { attachSync } from '../../src/main/sync/attach-sync';
import type { PullPage, PullSource } from '../../src/main/sync/destination';
import { PendingTracking } from '../../src/main/sync/pending-tracking';
import { PullRunner } from '../../src/main/sync/pull-runner';
import { ReturnOrderUpserts, type ReturnOrderRecord } from '../../src/main/sync/return-order-upserts';
import { TrackingUpserts, type TrackingUpdateRecord } from '../../src/main/sync/tracking-upserts';
import { countRows, insertParcel } from '../helpers/fixtures-db';
import { makeTestCore, TEST_EPOCH } from '../helpers/core-factory';
import { TempDirs } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An in-memory feed with numeric cursors. */
class ArrayFeed<T> implements PullSource<T> {
  constructor(
    readonly name: string,
    readonly items: T[],
    private readonly pageSize = 2,
  ) {}
  pull(cursor: string | null): Promise<PullPage<T>> {
    const from = cursor === null ? 0 : Number(cursor);
    const items = this.items.slice(from, from + this.pageSize);
    const next = from + items.length;
    return Promise.resolve({ items, nextCursor: String(next), hasMore: next < this.items.length });
  }
}

const update = (
  externalId: string,
  trackingNumber: string,
  hoursAgo: number,
  status: TrackingUpdateRecord['status'],
): TrackingUpdateRecord => ({
  externalId,
  carrier: 'flash',
  trackingNumber,
  status,
  description: `update ${externalId}`,
  occurredAt: TEST_EPOCH - hoursAgo * HOUR,
});

const returnWithParcel = (trackingNumber: string): ReturnOrderRecord => ({
  platform: 'tiktok_shop',
  platformReturnId: `RMA-${trackingNumber}`,
  orderId: `ORD-${trackingNumber}`,
  status: 'expected',
  reason: 'defective',
  returnTrackingNumber: trackingNumber,
  returnCarrier: 'flash',
  country: 'TH',
  items: [{ sku: 'SKU-1', barcode: null, name: 'Thing', quantity: 1 }],
});

describe('tracking updates that arrive before their parcel', () => {
  const temps = new TempDirs();
  const cores: Core[] = [];
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    for (const core of cores.splice(0)) await core.close();
    temps.cleanup();
  });

  function station() {
    const { core, clock } = makeTestCore(temps.make('lastmile-pending-'));
    cores.push(core);
    const runner = new PullRunner(core.db, clock);
    const tracking = new TrackingUpserts(core.db, clock, core.newId);
    const returns = new ReturnOrderUpserts(core.db, clock, core.newId);
    const signal = new AbortController().signal;
    const pullTracking = (feed: ArrayFeed<TrackingUpdateRecord>) => {
      let held = 0;
      return runner
        .run(feed, {
          signal,
          apply: (items) => {
            const r = tracking.apply(feed.name, items);
            held += r.held;
            return r.inserted;
          },
        })
        .then((result) => ({ ...result, held }));
    };
    const pullReturns = (feed: ArrayFeed<ReturnOrderRecord>) =>
      runner.run(feed, { signal, apply: (items) => returns.apply(items) });
    return { core, clock, runner, pullTracking, pullReturns };
  }

  const parcel = (core: Core, trackingNumber: string) =>
    core.db
      .prepare<[string], { id: string; status: string; last_tracking_at: number | null }>(
        'SELECT id, status, last_tracking_at FROM parcels WHERE tracking_number = ?',
      )
      .get(trackingNumber);
  const eventsOf = (core: Core, parcelId: string) =>
    core.db
      .prepare<[string], { external_id: string; status: string }>(
        'SELECT external_id, status FROM tracking_events WHERE parcel_id = ? ORDER BY occurred_at',
      )
      .all(parcelId);

  it('are kept, not dropped, and applied exactly once when a later return-order pull creates the parcel', async () => {
    const { core, runner, pullTracking, pullReturns } = station();
    const feed = new ArrayFeed('flash:tracking', [
      update('e1', 'THRET0001', 30, 'in_transit'),
      update('e2', 'THRET0001', 20, null), // says nothing about where it is, but it is news
      update('e3', 'THRET0001', 25, 'out_for_delivery'),
      update('e4', 'TH-NEVER-OURS', 10, 'delivered'),
    ]);
    const first = await pullTracking(feed);
    expect(first).toMatchObject({ fetched: 4, upserted: 0, held: 4, error: null });
    // The cursor moved past them…
    expect(runner.cursor('flash:tracking')).toBe('4');
    // …and they are not lost.
    expect(countRows(core.db, 'pending_tracking')).toBe(4);
    expect(countRows(core.db, 'tracking_events')).toBe(0);

    const pulled = await pullReturns(new ArrayFeed('tiktok_shop:returns', [returnWithParcel('THRET0001')]));
    expect(pulled).toMatchObject({ upserted: 1, error: null });
    const p = parcel(core, 'THRET0001');
    expect(p).toBeDefined();
    expect(eventsOf(core, p?.id ?? '')).toEqual([
      { external_id: 'e1', status: 'in_transit' },
      { external_id: 'e3', status: 'out_for_delivery' },
      { external_id: 'e2', status: 'unknown' },
    ]);
    // As if applied one by one in the order they happened: the latest with a status sets it,
    // the latest of all sets the last tracking time.
    expect(p).toMatchObject({ status: 'out_for_delivery', last_tracking_at: TEST_EPOCH - 20 * HOUR });
    expect(core.db.prepare('SELECT tracking_number FROM pending_tracking').all()).toEqual([
      { tracking_number: 'TH-NEVER-OURS' },
    ]);

    // The feed sends the same updates again (a replayed page): nothing is applied twice.
    core.db.prepare('DELETE FROM sync_cursors').run();
    const again = await pullTracking(feed);
    expect(again).toMatchObject({ fetched: 4, upserted: 0, held: 0 });
    expect(countRows(core.db, 'tracking_events')).toBe(3);
    expect(countRows(core.db, 'pending_tracking')).toBe(1);
    // And a second parcel under the same number (another carrier) finds nothing left to take.
    insertParcel(core.db, { id: 'P-OTHER', trackingNumber: 'THRET0001', carrier: 'kerry' });
    expect(countRows(core.db, 'tracking_events')).toBe(3);
  });

  it('a parcel inserted any other way takes its waiting updates too; a parcel already received stays received', async () => {
    const { core, pullTracking } = station();
    await pullTracking(
      new ArrayFeed('flash:tracking', [
        update('a1', 'THSCAN01', 5, 'out_for_delivery'),
        update('b1', 'THRECV01', 3, 'in_transit'),
      ]),
    );
    insertParcel(core.db, { id: 'P-SCAN', trackingNumber: 'THSCAN01', carrier: 'flash' });
    insertParcel(core.db, {
      id: 'P-RECV',
      trackingNumber: 'THRECV01',
      carrier: 'flash',
      status: 'received',
    });
    expect(parcel(core, 'THSCAN01')).toMatchObject({
      status: 'out_for_delivery',
      last_tracking_at: TEST_EPOCH - 5 * HOUR,
    });
    expect(parcel(core, 'THRECV01')).toMatchObject({
      status: 'received',
      last_tracking_at: TEST_EPOCH - 3 * HOUR,
    });
    expect(countRows(core.db, 'pending_tracking')).toBe(0);
  });

  it('unclaimed updates expire after the configured time, in small steps, and are counted', async () => {
    const { core, clock, pullTracking } = station();
    await pullTracking(
      new ArrayFeed(
        'flash:tracking',
        Array.from({ length: 7 }, (_, i) =>
          update(`x${i.toString()}`, `THX${i.toString()}`, 1, 'in_transit'),
        ),
      ),
    );
    const pending = new PendingTracking(core.db, clock, 10);
    expect(pending.counts()).toEqual({ waiting: 7, oldestReceivedAt: TEST_EPOCH });
    clock.advance(10 * DAY - 1);
    expect(await pending.expire({ batch: 3 })).toBe(0);
    clock.advance(2);
    expect(await pending.expire({ batch: 3 })).toBe(7);
    expect(pending.counts()).toEqual({ waiting: 0, oldestReceivedAt: null });
  });

  it('the daily sync reports how many were held, applied as their parcel arrived, expired and still waiting', async () => {
    const { core, clock } = station();
    const carrier = await startTestCarrier({
      trackingNumbers: ['THLATE01', 'THLATE02'],
      trackingPerParcel: 2,
      carrierName: 'flash',
    });
    closers.push(() => carrier.close());
    const sync = attachSync(core, {
      destinations: [
        {
          name: 'flash',
          kind: 'test-carrier',
          baseUrl: carrier.url,
          credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
        },
      ],
      feeds: { tracking: ['flash'] },
      startTrickle: false,
      retention: { pendingTrackingDays: 30 },
    });
    const supervisor = core.users.list().find((u) => u.role === 'supervisor');
    if (!supervisor) throw new Error('no supervisor');

    const first = await sync.runDaily('cli', supervisor);
    expect(first.pendingTracking).toEqual({ held: 4, applied: 0, expired: 0, waiting: 4 });
    insertParcel(core.db, { id: 'P-LATE', trackingNumber: 'THLATE01', carrier: 'flash' });
    const second = await sync.runDaily('cli', supervisor);
    expect(second.pendingTracking).toEqual({ held: 0, applied: 2, expired: 0, waiting: 2 });
    expect(countRows(core.db, "tracking_events WHERE parcel_id = 'P-LATE'")).toBe(2);
    clock.advance(31 * DAY);
    const third = await sync.runDaily('cli', supervisor);
    expect(third.pendingTracking).toEqual({ held: 0, applied: 0, expired: 2, waiting: 0 });
    expect(sync.reports(1)[0]?.pendingTracking).toEqual(third.pendingTracking);
  });
});
