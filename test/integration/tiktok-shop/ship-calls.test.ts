import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../../src/main/clock';
import type { Db } from '../../../src/main/db/open';
import { silentLogger } from '../../../src/main/logger';
import type { Outbox } from '../../../src/main/outbox/outbox';
import { seededRandom } from '../../../src/main/random';
import { DeliveryEngine } from '../../../src/main/sync/delivery-engine';
import {
  packageShipKey,
  packageShipOrderingKey,
  type PackageShipPayload,
} from '../../../src/shared/packing/package-ship-event';
import { TempDirs } from '../../helpers/temp-dir';
import { countByStatus, openOutbox, statusOf } from '../fixtures/outbox-events';
import { connectTo, type Harness } from './harness';

const clock = systemClock;

/**
 * `package.ship` from the real outbox through the real delivery engine to the fake platform over
 * HTTP. The truth is the fake's: ship requests per package counted before it checks whether the
 * package was shipped already, state changes per package, and the order shipments were applied in.
 */
describe('TikTok Shop ship calls', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function scenario(options: { timeoutMs?: number } = {}) {
    const timeoutMs = options.timeoutMs ?? 2_000;
    const fake = await startFakeTikTokShop({ clock });
    cleanups.push(() => fake.close());
    const h = connectTo(fake, clock, {
      config: {
        limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: timeoutMs },
      },
    });
    const { db, outbox } = openOutbox(dirs.make(), clock);
    cleanups.push(() => {
      db.close();
    });
    const engine = new DeliveryEngine({
      db,
      clock,
      random: seededRandom(3),
      destinations: [h.connector.destination],
      logger: silentLogger,
      leaseMs: timeoutMs + 1_000,
      backoff: { baseMs: 5, capMs: 40 },
      breaker: { failureThreshold: 50, cooldownMs: 20, maxCooldownMs: 40 },
      maxMalformed: 3,
    });
    cleanups.push(() => engine.stop());
    return { fake, h, db, outbox, engine };
  }

  type S = { db: Db; outbox: Outbox; h: Harness; fake: FakeTikTokShop };

  function ship(
    s: S,
    payload: Omit<PackageShipPayload, 'stationId' | 'packedBy' | 'packedAt' | 'weightGrams' | 'orderId'>,
  ) {
    const full: PackageShipPayload = {
      stationId: '3b0f6a1e-8d4c-4f7e-9a51-1c2d3e4f5a6b',
      orderId: `OO-${payload.platformOrderId}`,
      weightGrams: 640,
      packedBy: 'packer-3',
      packedAt: clock.now(),
      ...payload,
    };
    return s.db.transaction(() =>
      s.outbox.enqueue(s.db, {
        destination: 'tiktok-th',
        orderingKey: packageShipOrderingKey(full),
        idempotencyKey: packageShipKey(full),
        type: 'package.ship',
        payload: full,
      }),
    )();
  }

  const dropOff = (packageId: string, orderId: string) => ({
    platformOrderId: orderId,
    platformPackageId: packageId,
    method: 'platform' as const,
    handover: { method: 'DROP_OFF' as const, pickupSlot: null },
    ownCarrier: null,
  });

  async function drainAll(engine: DeliveryEngine, db: Db) {
    let previous = -1;
    for (let round = 0; round < 40; round++) {
      const summary = await engine.drain({ maxWaitMs: 1_000 });
      const counts = countByStatus(db);
      const settled = (counts.delivered ?? 0) + (counts.dead ?? 0);
      if (summary.remaining === 0 || settled === previous) return summary;
      previous = settled;
    }
    throw new Error('drain made no end');
  }

  const firstPackage = (fake: FakeTikTokShop, orderId: string) =>
    fake.fulfilment.packagesOf(orderId)[0]?.id ?? '';

  it('ships with a pickup slot; the answer lost after the platform applied it: asked, not sent again, shipped once', async () => {
    const s = await scenario({ timeoutMs: 1_200 });
    const o = s.fake.fulfilment.addOrder();
    const pkg = firstPackage(s.fake, o.id);
    const slot = (await s.h.connector.fulfillment.handoverTimeSlots(pkg, AbortSignal.timeout(5_000)))
      .pickupSlots[1];
    if (!slot) throw new Error('no slot');
    s.fake.inject({ route: 'ship', kind: 'hang', afterApply: true });
    const event = ship(s, { ...dropOff(pkg, o.id), handover: { method: 'PICKUP', pickupSlot: slot } });
    await drainAll(s.engine, s.db);

    expect(statusOf(s.db, event.id).status).toBe('delivered');
    expect(s.fake.fulfilment.shipRequests(pkg)).toBe(1);
    expect(s.fake.fulfilment.shipApplications(pkg)).toBe(1);
    // The retry asked first: the package was shipped already, so no second ship call was needed.
    expect(s.fake.stats().requests.packageDetail).toBeGreaterThanOrEqual(1);
    expect(s.fake.fulfilment.shipments()).toEqual([
      expect.objectContaining({
        kind: 'ship',
        packageId: pkg,
        handoverMethod: 'PICKUP',
        pickupSlot: { start_time: slot.startTime, end_time: slot.endTime },
      }),
    ]);
    expect(s.fake.fulfilment.getOrder(o.id)?.status).toBe('AWAITING_COLLECTION');
  });

  it('a reset before the answer: resent with the same key, the platform ships once', async () => {
    const s = await scenario();
    const o = s.fake.fulfilment.addOrder();
    const pkg = firstPackage(s.fake, o.id);
    // The first request is applied and its connection reset; the engine retries the event.
    s.fake.inject({ route: 'ship', kind: 'reset', afterApply: true });
    const event = ship(s, dropOff(pkg, o.id));
    await drainAll(s.engine, s.db);
    expect(statusOf(s.db, event.id).status).toBe('delivered');
    expect(s.fake.fulfilment.shipRequests(pkg)).toBe(1);
    expect(s.fake.fulfilment.shipApplications(pkg)).toBe(1);
    expect(s.fake.fulfilment.shipments()).toHaveLength(1);
  });

  it('a refused request is sent again and then applied: requests 2, applications 1', async () => {
    const s = await scenario();
    const o = s.fake.fulfilment.addOrder();
    const pkg = firstPackage(s.fake, o.id);
    s.fake.inject({ route: 'ship', kind: 'status', status: 503 });
    const event = ship(s, dropOff(pkg, o.id));
    await drainAll(s.engine, s.db);
    expect(statusOf(s.db, event.id).status).toBe('delivered');
    expect(s.fake.fulfilment.shipRequests(pkg)).toBe(2);
    expect(s.fake.fulfilment.shipApplications(pkg)).toBe(1);
  });

  it("one order's packages ship in order, a failing first one holding the second", async () => {
    const s = await scenario();
    const o = s.fake.fulfilment.addOrder({
      lines: [
        { sku: 'A', name: 'A' },
        { sku: 'B', name: 'B' },
      ],
    });
    const [a, b] = o.line_items.map((l) => l.id) as [string, string];
    const split = await s.h.connector.fulfillment.splitOrder(
      o.id,
      [
        { id: 'g1', orderLineItemIds: [a] },
        { id: 'g2', orderLineItemIds: [b] },
      ],
      AbortSignal.timeout(5_000),
    );
    const [p1, p2] = split.map((p) => p.packageId) as [string, string];
    s.fake.inject({ route: 'ship', kind: 'status', status: 500, times: 3 });
    const e1 = ship(s, dropOff(p1, o.id));
    const e2 = ship(s, dropOff(p2, o.id));
    await drainAll(s.engine, s.db);
    expect([statusOf(s.db, e1.id).status, statusOf(s.db, e2.id).status]).toEqual(['delivered', 'delivered']);
    expect(s.fake.fulfilment.shipments().map((x) => x.packageId)).toEqual([p1, p2]);
    expect(s.fake.log('ship').map((l) => l.path.split('/')[4])).toEqual([p1, p1, p1, p1, p2]);
  });

  it('the same package cannot be queued twice: the idempotency key is unique', async () => {
    const s = await scenario();
    const o = s.fake.fulfilment.addOrder();
    const pkg = firstPackage(s.fake, o.id);
    ship(s, dropOff(pkg, o.id));
    expect(() => ship(s, dropOff(pkg, o.id))).toThrow(/UNIQUE/);
  });

  it('own carrier: a listed provider ships with our tracking number; an unlisted one is refused before any ship call', async () => {
    const s = await scenario();
    s.fake.fulfilment.setShippingProviders('DO-SELLER', [{ id: 'P-JT', name: 'J&T Express' }]);
    const good = s.fake.fulfilment.addOrder({ shippingType: 'SELLER', deliveryOptionId: 'DO-SELLER' });
    const bad = s.fake.fulfilment.addOrder({ shippingType: 'SELLER', deliveryOptionId: 'DO-SELLER' });
    const own = (orderId: string, providerId: string, trackingNumber: string) => ({
      platformOrderId: orderId,
      platformPackageId: null,
      method: 'own_carrier' as const,
      handover: null,
      ownCarrier: {
        trackingNumber,
        shippingProviderId: providerId,
        shippingProviderName: providerId,
        deliveryOptionId: 'DO-SELLER',
        orderLineItemIds: [],
      },
    });
    const e1 = ship(s, own(good.id, 'P-JT', '630012345678'));
    const e2 = ship(s, own(bad.id, 'P-USPS', '9400100000000000000000'));
    await drainAll(s.engine, s.db);
    expect(statusOf(s.db, e1.id).status).toBe('delivered');
    expect(s.fake.fulfilment.shipments()).toEqual([
      expect.objectContaining({
        kind: 'mark_shipped',
        orderIds: [good.id],
        trackingNumber: '630012345678',
        providerId: 'P-JT',
      }),
    ]);
    const dead = statusOf(s.db, e2.id);
    expect(dead.status).toBe('dead');
    expect(dead.last_error).toContain(
      "shipping provider P-USPS is not on TikTok Shop's list for delivery option DO-SELLER (listed: J&T Express P-JT)",
    );
    expect(s.fake.fulfilment.shipRequests(bad.id)).toBe(0);
    expect(s.fake.log('markShipped').map((l) => l.path)).toEqual([
      `/fulfillment/202309/orders/${good.id}/packages`,
    ]);
  });

  it('own carrier, answer lost: the resend finds our tracking number on the order and sends nothing more', async () => {
    const s = await scenario({ timeoutMs: 1_200 });
    const o = s.fake.fulfilment.addOrder({ shippingType: 'SELLER' });
    s.fake.inject({ route: 'markShipped', kind: 'hang', afterApply: true });
    const event = ship(s, {
      platformOrderId: o.id,
      platformPackageId: null,
      method: 'own_carrier',
      handover: null,
      ownCarrier: {
        trackingNumber: 'JT0001',
        shippingProviderId: '7117858858072016686',
        shippingProviderName: 'J&T Express',
        deliveryOptionId: o.delivery_option_id,
        orderLineItemIds: [],
      },
    });
    await drainAll(s.engine, s.db);
    expect(statusOf(s.db, event.id).status).toBe('delivered');
    expect(s.fake.fulfilment.shipApplications(o.id)).toBe(1);
    expect(s.fake.fulfilment.getOrder(o.id)?.line_items.map((l) => l.tracking_number)).toEqual(['JT0001']);
  });

  it('a cancelled order and a package shipped elsewhere are dead letters with the reason; nothing is shipped', async () => {
    const s = await scenario();
    const cancelled = s.fake.fulfilment.addOrder();
    const cancelledPkg = firstPackage(s.fake, cancelled.id);
    const elsewhere = s.fake.fulfilment.addOrder();
    const elsewherePkg = firstPackage(s.fake, elsewhere.id);
    s.fake.fulfilment.cancelOrder(cancelled.id);
    // Someone ships the second one in Seller Center first.
    await s.h.connector.fulfillment.shipPackage(
      elsewherePkg,
      { method: 'DROP_OFF', pickupSlot: null },
      AbortSignal.timeout(5_000),
    );
    const applied = s.fake.fulfilment.shipments().length;
    const e1 = ship(s, dropOff(cancelledPkg, cancelled.id));
    const e2 = ship(s, {
      ...dropOff(elsewherePkg, elsewhere.id),
      handover: { method: 'PICKUP', pickupSlot: { startTime: 1, endTime: 2 } },
    });
    await drainAll(s.engine, s.db);
    expect(statusOf(s.db, e1.id)).toMatchObject({ status: 'dead' });
    expect(statusOf(s.db, e1.id).last_error).toContain(`TikTok Shop refused to ship package ${cancelledPkg}`);
    expect(statusOf(s.db, e2.id).last_error).toContain(
      `package ${elsewherePkg} was already shipped outside this station (tracking TH7`,
    );
    expect(s.fake.fulfilment.shipments()).toHaveLength(applied);
  });

  it('a payload that does not fit its schema is refused at enqueue, not sent', async () => {
    const s = await scenario();
    expect(() =>
      ship(s, {
        platformOrderId: '1',
        platformPackageId: '2',
        method: 'platform',
        handover: null,
        ownCarrier: null,
      }),
    ).toThrow(/package.ship/);
    expect(() =>
      ship(s, {
        platformOrderId: '1',
        platformPackageId: '2',
        method: 'platform',
        handover: { method: 'PICKUP', pickupSlot: null },
        ownCarrier: null,
      }),
    ).toThrow(/package.ship/);
  });
});
