import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { startStationServer, type StationServer } from '../../../src/main/station/server';
import { attachSync } from '../../../src/main/sync/attach-sync';
import type { SyncService } from '../../../src/main/sync/sync-service';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

const T0 = Date.UTC(2026, 5, 5, 9, 0);

/**
 * A TikTok Shop webhook names a return or an order by id; the station fetches it at once after
 * answering, from the fake over real HTTP, into the real SQLite file — with no pull run — and
 * keeps what it could not fetch yet across a platform outage and a restart.
 */
describe('TikTok Shop webhooks fetch what they name', () => {
  const temps = new TempDirs();
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    temps.cleanup();
  });

  interface Station {
    core: Core;
    sync: SyncService;
    clock: ManualClock;
    server: StationServer;
    target: string;
    close(): Promise<void>;
  }

  /** A station on `dir` with the TikTok account pointed at the fake, serving webhooks. */
  const station = async (dir: string, fake: FakeTikTokShop, at: number): Promise<Station> => {
    const { core, clock } = makeTestCore(dir, { now: at });
    current = clock;
    const sync = attachSync(core, {
      destinations: [
        fakeTikTokDestination(fake, {
          region: 'TH',
        }),
      ],
      // Orders come only through the webhook here: no interval pull competes with it.
      feeds: { returns: ['tiktok_shop'], orders: ['tiktok_shop'] },
      ordersEveryMs: 24 * 3600_000,
      startTrickle: true,
      refetch: { backoff: { baseMs: 60_000, capMs: 60_000 } },
    });
    const server = await startStationServer({
      core,
      rendererDir: temps.make('lastmile-empty-renderer-'),
      port: 0,
      token: 'refetch-test-token',
      webhooks: () => core.sync?.webhooks,
      maxWebhookBytes: 16 * 1024,
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await server.close();
      await core.close();
    };
    closers.push(close);
    return { core, sync, clock, server, target: `${server.url}webhooks/tiktok-shop/tiktok_shop`, close };
  };

  /** The fake reads the time of whichever station is current (one clock for both sides). */
  let current: ManualClock | null = null;
  const fakeShop = async (): Promise<FakeTikTokShop> => {
    const fake = await startFakeTikTokShop({ clock: { now: () => current?.now() ?? T0 } });
    closers.push(() => fake.close());
    return fake;
  };

  const returnRow = (core: Core, returnId: string) =>
    core.db
      .prepare<[string], { status: string; platform_status: string | null }>(
        "SELECT status, platform_status FROM return_orders WHERE platform = 'tiktok_shop' AND platform_return_id = ?",
      )
      .get(returnId);
  const waiting = (core: Core) =>
    core.db
      .prepare<[], { n: number; attempts: number | null }>(
        'SELECT count(*) AS n, max(attempts) AS attempts FROM webhook_refetch',
      )
      .get()!;
  const returnsPulled = (core: Core) =>
    (
      core.db
        .prepare("SELECT count(*) AS n FROM sync_cursors WHERE source = 'tiktok_shop:returns'")
        .get() as {
        n: number;
      }
    ).n;

  const returnChange = (returnId: string, orderId: string, status: string, at: number) => ({
    type: 12,
    data: {
      order_id: orderId,
      return_id: returnId,
      return_status: status,
      update_time: Math.floor(at / 1000),
    },
  });

  it('a RETURN_STATUS_CHANGE puts the return’s new status in SQLite without any pull run', async () => {
    const fake = await fakeShop();
    const s = await station(temps.make('lastmile-refetch-'), fake, T0);
    const ret = fake.addReturn({ status: 'AWAITING_BUYER_SHIP' });
    s.clock.advance(60_000);
    fake.updateReturn(ret.return_id, { return_status: 'BUYER_SHIPPED_ITEM' });

    const sent = await fake.sendWebhook(
      s.target,
      returnChange(ret.return_id, ret.order_id, 'BUYER_SHIPPED_ITEM', s.clock.now()),
    );
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ ok: true, duplicate: false });

    await vi.waitFor(
      () => expect(returnRow(s.core, ret.return_id)?.platform_status).toBe('BUYER_SHIPPED_ITEM'),
      { timeout: 10_000 },
    );
    expect(returnRow(s.core, ret.return_id)?.status).toBe('expected');
    expect(waiting(s.core).n).toBe(0);
    // No returns pull ran: its feed has no cursor, and the fake served only the search by return id.
    expect(returnsPulled(s.core)).toBe(0);
    const searches = fake.log('search');
    expect(searches).toHaveLength(1);
    expect(JSON.stringify(searches[0])).toContain(ret.return_id);
  });

  it('platform down: the ids wait in SQLite across a restart, retried with backoff, applied later', async () => {
    const fake = await fakeShop();
    const dir = temps.make('lastmile-refetch-down-');
    let s = await station(dir, fake, T0);
    const ret = fake.addReturn({ status: 'AWAITING_BUYER_SHIP' });
    s.clock.advance(60_000);
    fake.updateReturn(ret.return_id, { return_status: 'BUYER_SHIPPED_ITEM' });
    fake.inject({ route: 'search', kind: 'status', status: 503, times: 100 });

    const sent = await fake.sendWebhook(
      s.target,
      returnChange(ret.return_id, ret.order_id, 'BUYER_SHIPPED_ITEM', s.clock.now()),
    );
    // Stored and answered although the platform cannot be asked.
    expect(sent.status).toBe(200);
    await vi.waitFor(() => expect(waiting(s.core)).toEqual({ n: 1, attempts: 1 }), { timeout: 10_000 });
    expect(returnRow(s.core, ret.return_id)).toBeUndefined();
    const failedCalls = fake.log('search').length;
    expect(failedCalls).toBeGreaterThanOrEqual(1);

    // Before its backoff is over nothing is asked again.
    await s.sync.refetch.runDue();
    expect(fake.log('search')).toHaveLength(failedCalls);

    const stoppedAt = s.clock.now();
    await s.close();
    fake.clearFaults();
    // A newer version at the platform while the station was off: that is the one applied.
    fake.updateReturn(ret.return_id, { return_status: 'RETURN_OR_REFUND_REQUEST_SUCCESS' });

    s = await station(dir, fake, stoppedAt + 61_000);
    await vi.waitFor(
      () =>
        expect(returnRow(s.core, ret.return_id)?.platform_status).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS'),
      { timeout: 10_000 },
    );
    expect(waiting(s.core).n).toBe(0);
    expect(returnsPulled(s.core)).toBe(0);
  });

  it('an older version fetched after a newer one is stored does not replace it', async () => {
    const fake = await fakeShop();
    const s = await station(temps.make('lastmile-refetch-order-'), fake, T0);
    const ret = fake.addReturn({ status: 'AWAITING_BUYER_SHIP' });
    s.clock.advance(60_000);
    fake.updateReturn(ret.return_id, { return_status: 'BUYER_SHIPPED_ITEM' });
    await fake.sendWebhook(
      s.target,
      returnChange(ret.return_id, ret.order_id, 'BUYER_SHIPPED_ITEM', s.clock.now()),
    );
    await vi.waitFor(
      () => expect(returnRow(s.core, ret.return_id)?.platform_status).toBe('BUYER_SHIPPED_ITEM'),
      { timeout: 10_000 },
    );

    // The platform's answer is a version older than the stored one (a lagging replica).
    const lagging = fake.inject({
      route: 'search',
      kind: 'mutate',
      mutate: (data) => {
        const d = data as { return_orders?: Array<{ return_status: string; update_time: number }> };
        for (const r of d.return_orders ?? []) {
          r.return_status = 'AWAITING_BUYER_SHIP';
          r.update_time -= 3600;
        }
        return d;
      },
    });
    await fake.sendWebhook(
      s.target,
      returnChange(ret.return_id, ret.order_id, 'AWAITING_BUYER_SHIP', s.clock.now()),
    );
    await vi.waitFor(() => expect(fake.log('search')).toHaveLength(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(waiting(s.core).n).toBe(0), { timeout: 10_000 });
    expect(lagging.remaining()).toBe(0);
    expect(returnRow(s.core, ret.return_id)?.platform_status).toBe('BUYER_SHIPPED_ITEM');
  });

  it('an ORDER_STATUS_CHANGE fetches the order into the pack queue; a cancellation stops its packing', async () => {
    const fake = await fakeShop();
    const s = await station(temps.make('lastmile-refetch-orders-'), fake, T0);
    // The station's first orders pull found nothing; the order arrives by webhook alone.
    await s.sync.orderPulls.whenIdle();
    const order = fake.fulfilment.addOrder({ updateTime: T0 / 1000 + 10 });
    s.clock.advance(20_000);
    const orderChange = (status: string) => ({
      type: 1,
      data: { order_id: order.id, order_status: status, update_time: Math.floor(s.clock.now() / 1000) },
    });
    expect((await fake.sendWebhook(s.target, orderChange('AWAITING_SHIPMENT'))).status).toBe(200);
    const stored = () => s.core.packing.orders.bySource('tiktok-shop:tiktok_shop', order.id);
    await vi.waitFor(() => expect(stored()?.status).toBe('to_pack'), { timeout: 10_000 });
    await writeTransaction(s.core.db, () =>
      s.core.packing.orders.setStatus(s.core.db, stored()!.id, 'packing'),
    );

    s.clock.advance(60_000);
    fake.fulfilment.cancelOrder(order.id, 'Out of stock');
    expect((await fake.sendWebhook(s.target, orderChange('CANCELLED'))).status).toBe(200);
    await vi.waitFor(
      () => expect(stored()).toMatchObject({ status: 'cancelled', cancellation: { state: 'cancelled' } }),
      { timeout: 10_000 },
    );
    expect(s.core.packing.orders.count()).toBe(1);
  });
  it('a PACKAGE_UPDATE naming only its package fetches the package’s order into the pack queue', async () => {
    const fake = await fakeShop();
    const s = await station(temps.make('lastmile-refetch-package-'), fake, T0);
    await s.sync.orderPulls.whenIdle();
    const order = fake.fulfilment.addOrder({ updateTime: T0 / 1000 + 10 });
    const pkg = fake.fulfilment.packagesOf(order.id)[0]!;
    const searches = fake.log('orderSearch').length;
    s.clock.advance(20_000);

    const sent = await fake.sendWebhook(s.target, {
      type: 4,
      data: {
        package_id: pkg.id,
        package_status: 'PROCESSING',
        update_time: Math.floor(s.clock.now() / 1000),
      },
    });
    expect(sent.status).toBe(200);
    const stored = () => s.core.packing.orders.bySource('tiktok-shop:tiktok_shop', order.id);
    await vi.waitFor(() => expect(stored()?.status).toBe('to_pack'), { timeout: 10_000 });
    await vi.waitFor(() => expect(waiting(s.core).n).toBe(0), { timeout: 10_000 });
    expect(stored()?.lines.map((l) => l.packageId)).toEqual([pkg.id]);
    // Resolved through the package's detail, then the order's; no orders pull or search ran.
    expect(fake.log('packageDetail').map((r) => r.path)).toEqual([`/fulfillment/202309/packages/${pkg.id}`]);
    expect(fake.log('orders')).toHaveLength(1);
    expect(fake.log('orderSearch')).toHaveLength(searches);

    // A package the platform does not know is dropped from the queue, not retried.
    const unknown = await fake.sendWebhook(s.target, {
      type: 4,
      data: { package_id: '1150000000000000001' },
    });
    expect(unknown.status).toBe(200);
    await vi.waitFor(() => expect(fake.log('packageDetail')).toHaveLength(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(waiting(s.core).n).toBe(0), { timeout: 10_000 });
    expect(s.core.packing.orders.count()).toBe(1);
  });
});
