import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { attachSync } from '../../../src/main/sync/attach-sync';
import type { SyncService } from '../../../src/main/sync/sync-service';
import { calendarForMarket } from '../../../src/shared/calendar/calendars';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

const T0 = Date.UTC(2026, 5, 5, 9, 0);
const S0 = T0 / 1000;
const SOURCE = 'tiktok-shop:tiktok_shop';

/**
 * TikTok Shop orders reach the packing bench's order store through the sync's own pull (the
 * registry's `orders` feed, the pull runner's saved cursor), on the daily sync and on the
 * station's interval: real SQLite file, the fake over real HTTP, rows counted in the store.
 */
describe('TikTok Shop orders pulled into the pack queue', () => {
  const temps = new TempDirs();
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    temps.cleanup();
  });

  let current: ManualClock | null = null;
  const setUp = async (options: { startTrickle: boolean; ordersEveryMs?: number }) => {
    const fake = await startFakeTikTokShop({ clock: { now: () => current?.now() ?? T0 } });
    closers.push(() => fake.close());
    const { core, clock } = makeTestCore(temps.make('lastmile-orders-pull-'), { now: T0 });
    current = clock;
    const sync: SyncService = attachSync(core, {
      destinations: [
        fakeTikTokDestination(fake, {
          region: 'TH',
          fulfilment: { ordersPageSize: 10 },
        }),
      ],
      startTrickle: options.startTrickle,
      ...(options.ordersEveryMs !== undefined ? { ordersEveryMs: options.ordersEveryMs } : {}),
    });
    closers.push(() => core.close());
    return { fake, core, clock, sync };
  };

  const rows = (core: Core) =>
    (core.db.prepare('SELECT count(*) AS n FROM outbound_orders').get() as { n: number }).n;
  const lineRows = (core: Core) =>
    (core.db.prepare('SELECT count(*) AS n FROM outbound_order_lines').get() as { n: number }).n;
  const queued = (core: Core, now: number) =>
    core.packing.orders.queue({ now, calendarFor: calendarForMarket }).map((q) => q.order.externalId);

  it('the daily sync pulls every order, page by page, into the pack queue', async () => {
    const { fake, core, sync } = await setUp({ startTrickle: false });
    const ids = Array.from(
      { length: 25 },
      (_, i) => fake.fulfilment.addOrder({ updateTime: S0 - 3600 + i * 60 }).id,
    );
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;
    const report = await sync.runDaily('cli', supervisor);

    // Three pages of 10: each next page starts at the last one's highest update time, so that
    // order comes twice (27 fetched) and is stored once.
    expect(report.pulls.find((p) => p.source === 'tiktok_shop:orders')).toMatchObject({
      fetched: 27,
      upserted: 25,
      error: null,
    });
    expect(rows(core)).toBe(25);
    expect(new Set(queued(core, T0))).toEqual(new Set(ids));
    const cursor = core.db
      .prepare<[], { cursor: string }>("SELECT cursor FROM sync_cursors WHERE source = 'tiktok_shop:orders'")
      .get();
    expect(JSON.parse(cursor!.cursor)).toMatchObject({ done: S0 + 1, window: null });
  });

  it('an updated order is updated in place; pages served again duplicate nothing', async () => {
    const { fake, core, clock, sync } = await setUp({ startTrickle: false });
    const orders = Array.from({ length: 12 }, (_, i) =>
      fake.fulfilment.addOrder({ updateTime: S0 - 600 + i * 10, buyerName: `Buyer ${String(i)}` }),
    );
    await sync.orderPulls.runNow();
    expect(rows(core)).toBe(12);
    const lines = lineRows(core);

    clock.advance(120_000);
    const changed = orders[3]!;
    fake.fulfilment.updateOrder(changed.id, {
      update_time: clock.now() / 1000,
      recipient_address: { ...changed.recipient_address, name: 'Renamed Buyer' },
    });
    await sync.orderPulls.runNow();
    expect(rows(core)).toBe(12);
    expect(core.packing.orders.bySource(SOURCE, changed.id)?.recipient.name).toBe('Renamed Buyer');

    // The same pages again (the window's overlap, a cursor lost with a crash): the same rows.
    core.db.prepare("DELETE FROM sync_cursors WHERE source = 'tiktok_shop:orders'").run();
    const before = core.db.prepare('SELECT id, updated_at FROM outbound_orders ORDER BY id').all() as {
      id: string;
      updated_at: number;
    }[];
    clock.advance(60_000);
    await sync.orderPulls.runNow();
    expect(rows(core)).toBe(12);
    expect(lineRows(core)).toBe(lines);
    expect(core.db.prepare('SELECT id, updated_at FROM outbound_orders ORDER BY id').all()).toEqual(before);
    expect(core.packing.orders.bySource(SOURCE, changed.id)?.recipient.name).toBe('Renamed Buyer');
  });

  it('on the station’s interval, a cancellation coming through the pull stops the packing', async () => {
    const { fake, core, clock } = await setUp({ startTrickle: true, ordersEveryMs: 50 });
    const order = fake.fulfilment.addOrder({ updateTime: S0 - 60 });
    await vi.waitFor(() => expect(queued(core, T0)).toEqual([order.id]), { timeout: 10_000 });
    const stored = core.packing.orders.bySource(SOURCE, order.id)!;
    await writeTransaction(core.db, () => core.packing.orders.setStatus(core.db, stored.id, 'packing'));

    clock.advance(60_000);
    fake.fulfilment.cancelOrder(order.id, 'Out of stock');
    await vi.waitFor(
      () =>
        expect(core.packing.orders.bySource(SOURCE, order.id)).toMatchObject({
          status: 'cancelled',
          cancellation: { state: 'cancelled', reason: 'Out of stock' },
        }),
      { timeout: 10_000 },
    );
    expect(queued(core, clock.now())).toEqual([]);
    expect(rows(core)).toBe(1);
  });
});
