import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { startStationServer } from '../../../src/main/station/server';
import { attachSync } from '../../../src/main/sync/attach-sync';
import { makeTestCore } from '../../helpers/core-factory';
import { benchCalls } from '../../helpers/packing/pack-bench';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

const T0 = Date.UTC(2026, 5, 5, 9, 0);
const BENCH = { clientId: 'order-changes-bench' };
const SOURCE = 'tiktok-shop:tiktok_shop';

/**
 * What a TikTok Shop order webhook says (cancelled) is applied in the notification's own
 * transaction, before any refetch: a real station server, the real fake platform sending signed
 * notifications over HTTP, the real bench refusing, rows read from the SQLite file.
 */
describe('TikTok Shop order changes from webhooks', () => {
  const temps = new TempDirs();
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    temps.cleanup();
  });
  const { pack, refused } = benchCalls(BENCH, 'chg');
  const scan = (code: string) => ({ code, source: 'scanner' });

  async function station() {
    let clock: ManualClock | null = null;
    const fake: FakeTikTokShop = await startFakeTikTokShop({ clock: { now: () => clock?.now() ?? T0 } });
    closers.push(() => fake.close());
    const made = makeTestCore(temps.make('lastmile-order-changes-'), { now: T0 });
    clock = made.clock;
    const core = made.core;
    const sync = attachSync(core, {
      destinations: [fakeTikTokDestination(fake, { region: 'TH' })],
      feeds: { returns: ['tiktok_shop'], orders: ['tiktok_shop'] },
      ordersEveryMs: 24 * 3600_000,
      startTrickle: true,
      refetch: { backoff: { baseMs: 3_600_000, capMs: 3_600_000 } },
    });
    const server = await startStationServer({
      core,
      rendererDir: temps.make('lastmile-empty-renderer-'),
      port: 0,
      token: 'order-changes-token',
      webhooks: () => core.sync?.webhooks,
      maxWebhookBytes: 16 * 1024,
    });
    closers.push(
      () => core.close(),
      () => server.close(),
    );
    await sync.orderPulls.whenIdle();
    const target = `${server.url}webhooks/tiktok-shop/tiktok_shop`;
    const stored = (orderId: string) => core.packing.orders.bySource(SOURCE, orderId);

    /** An order brought in by its ORDER_STATUS_CHANGE (the refetch), as the bench sees it. */
    const arrive = async () => {
      const order = fake.fulfilment.addOrder({ updateTime: Math.floor(made.clock.now() / 1000) });
      made.clock.advance(10_000);
      const sent = await fake.sendWebhook(target, {
        type: 1,
        data: { order_id: order.id, order_status: 'AWAITING_SHIPMENT' },
      });
      expect(sent.status).toBe(200);
      await vi.waitFor(() => expect(stored(order.id)?.status).toBe('to_pack'), { timeout: 10_000 });
      await vi.waitFor(() => expect(count(core, 'SELECT count(*) AS n FROM webhook_refetch')).toBe(0), {
        timeout: 10_000,
      });
      return order;
    };
    /** The platform cancels it; its order detail cannot be fetched, so only the webhook can apply. */
    const cancelNotice = (orderId: string, id: string) => {
      made.clock.advance(60_000);
      fake.fulfilment.cancelOrder(orderId, 'Buyer cancelled');
      fake.inject({ route: 'orders', kind: 'status', status: 503, times: 1_000 });
      return { type: 11, id, data: { order_id: orderId, cancel_status: 'CANCELLATION_COMPLETED' } };
    };
    return { core, sync, clock: made.clock, fake, target, stored, arrive, cancelNotice };
  }

  const count = (core: Core, sql: string, ...params: string[]) =>
    (core.db.prepare(sql).get(...params) as { n: number }).n;
  const audits = (core: Core, action: string) =>
    count(core, 'SELECT count(*) AS n FROM audit_log WHERE action = ?', action);

  it('a cancellation of an order being packed stops the bench at once; a replay applies nothing twice', async () => {
    const s = await station();
    const order = await s.arrive();
    await pack(s.core, 'packOpen', scan(order.id));
    expect(s.stored(order.id)?.status).toBe('packing');

    const notice = s.cancelNotice(order.id, 'tts-cancel-1');
    const sent = await s.fake.sendWebhook(s.target, notice);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({
      ok: true,
      duplicate: false,
      orders: [{ orderId: order.id, outcome: 'cancelled' }],
    });
    // Applied by the notification itself: the order detail was never served (503), and it is
    // cancelled as the answer arrives.
    expect(s.stored(order.id)).toMatchObject({ status: 'cancelled', cancellation: { state: 'cancelled' } });

    // The bench's next step is refused with the translated cancellation refusal.
    expect(await refused(s.core, 'packScanItem', scan('SKU-TEE-M'))).toMatchObject({
      code: 'PACK_ORDER_CANCELLED',
      params: { orderRef: order.id },
    });
    expect(audits(s.core, 'pack.cancelled_by_platform')).toBe(1);

    // The same notification again (same bytes, same tts_notification_id): nothing is applied.
    const before = s.stored(order.id)!;
    s.clock.advance(5_000);
    const again = await s.fake.sendWebhook(s.target, notice, { rawBody: sent.rawBody });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({
      ok: true,
      id: 'tts-cancel-1',
      duplicate: true,
      tracking: 0,
      returns: 0,
    });
    expect(s.stored(order.id)?.updatedAt).toBe(before.updatedAt);
    expect(
      count(s.core, "SELECT count(*) AS n FROM webhook_notifications WHERE notification_id = 'tts-cancel-1'"),
    ).toBe(1);
    expect(count(s.core, 'SELECT count(*) AS n FROM webhook_refetch')).toBe(1);
  });

  it('an order already handed over is not un-shipped: the cancellation is recorded and reported', async () => {
    const s = await station();
    const order = await s.arrive();
    const id = s.stored(order.id)!.id;
    await writeTransaction(s.core.db, () => s.core.packing.orders.setStatus(s.core.db, id, 'handed_over'));

    const notice = s.cancelNotice(order.id, 'tts-cancel-late');
    const sent = await s.fake.sendWebhook(s.target, notice);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({
      orders: [{ orderId: order.id, outcome: 'after_handover' }],
    });
    expect(s.stored(order.id)).toMatchObject({
      status: 'handed_over',
      cancellation: { state: 'cancelled' },
    });
    expect(audits(s.core, 'order.cancelled_after_handover')).toBe(1);

    const again = await s.fake.sendWebhook(s.target, notice, { rawBody: sent.rawBody });
    expect(JSON.parse(again.body)).toMatchObject({ ok: true, duplicate: true });
    expect(audits(s.core, 'order.cancelled_after_handover')).toBe(1);
    expect(s.stored(order.id)?.status).toBe('handed_over');

    // The next daily report lists it once, for the supervisor; the one after does not repeat it.
    const supervisor = s.core.users.list().find((u) => u.role === 'supervisor')!;
    const report = await s.sync.runDaily('cli', supervisor);
    expect(report.lateCancellations).toEqual([
      { account: 'tiktok_shop', orderId: order.id, noticedAt: expect.any(Number) as number },
    ]);
    const next = await s.sync.runDaily('cli', supervisor);
    expect(next.lateCancellations).toEqual([]);
  });

  it('a buyer’s cancellation request is recorded on the order, which stays packable until it goes through', async () => {
    const s = await station();
    const order = await s.arrive();
    s.clock.advance(30_000);
    // The platform's order says so too, so the refetch that follows agrees with the webhook.
    s.fake.fulfilment.requestCancel(order.id);
    const sent = await s.fake.sendWebhook(s.target, {
      type: 11,
      data: {
        order_id: order.id,
        cancel_status: 'CANCELLATION_REQUEST_PENDING',
        cancellations_role: 'BUYER',
      },
    });
    expect(JSON.parse(sent.body)).toMatchObject({
      orders: [{ orderId: order.id, outcome: 'cancel_requested' }],
    });
    expect(s.stored(order.id)).toMatchObject({ status: 'to_pack', cancellation: { state: 'requested' } });
    await pack(s.core, 'packOpen', scan(order.id));
    expect(s.stored(order.id)?.status).toBe('packing');

    // An order this station never stored: nothing to apply; its refetch brings it whole.
    const other = await s.fake.sendWebhook(s.target, {
      type: 1,
      data: { order_id: '5789999999', order_status: 'CANCELLED' },
    });
    expect(JSON.parse(other.body)).toMatchObject({
      orders: [{ orderId: '5789999999', outcome: 'not_here' }],
    });
  });

  it('when applying fails the whole notification rolls back, the sender is told to send again, and the resend applies', async () => {
    const s = await station();
    const order = await s.arrive();
    const notice = s.cancelNotice(order.id, 'tts-cancel-fails');
    // A real write failure inside the notification's transaction, on the order's row.
    s.core.db.exec(
      `CREATE TEMP TRIGGER refuse_order_update BEFORE UPDATE ON outbound_orders
       BEGIN SELECT RAISE(ABORT, 'disk refused the order'); END`,
    );
    const sent = await s.fake.sendWebhook(s.target, notice);
    expect(sent.status).toBe(503);
    expect(JSON.parse(sent.body)).toMatchObject({ ok: false, error: 'not_stored' });
    expect(s.stored(order.id)).toMatchObject({ status: 'to_pack', cancellation: null });
    expect(
      count(
        s.core,
        "SELECT count(*) AS n FROM webhook_notifications WHERE notification_id = 'tts-cancel-fails'",
      ),
    ).toBe(0);
    expect(count(s.core, 'SELECT count(*) AS n FROM webhook_refetch')).toBe(0);

    s.core.db.exec('DROP TRIGGER refuse_order_update');
    const resent = await s.fake.sendWebhook(s.target, notice, { rawBody: sent.rawBody });
    expect(resent.status).toBe(200);
    expect(JSON.parse(resent.body)).toMatchObject({
      duplicate: false,
      orders: [{ orderId: order.id, outcome: 'cancelled' }],
    });
    expect(s.stored(order.id)?.status).toBe('cancelled');
    expect(
      count(
        s.core,
        "SELECT count(*) AS n FROM webhook_notifications WHERE notification_id = 'tts-cancel-fails'",
      ),
    ).toBe(1);
  });
});
