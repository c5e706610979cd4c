import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Core } from '../../../src/main/core';
import type { Timers } from '../../../src/main/printing/queue/timers';
import { attachSync } from '../../../src/main/sync/attach-sync';
import type { SyncService } from '../../../src/main/sync/sync-service';
import { makeTestCore } from '../../helpers/core-factory';
import { benchCalls, readyPackPrinter } from '../../helpers/packing/pack-bench';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination } from '../../helpers/tiktok-account';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

/**
 * Platform-shipped packages at a station as it runs: sync attached with the background delivery,
 * the TikTok fake over HTTP, a TCP printer sink, a manual clock, and the label retry's 30 s timer
 * armed but never fired — a label still reaches the printer, because the ship call's delivery
 * wakes it; the parcel then goes on the manifest of the carrier the platform picked.
 */
describe('platform-shipped packages at a running station', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function station(): Promise<{
    core: Core;
    fake: FakeTikTokShop;
    sync: SyncService;
    printer: FakePrinter;
    armed: number[];
    elapsed: () => number;
  }> {
    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    const armed: number[] = [];
    const neverFires: Timers = {
      setTimeout: (_fn, ms) => {
        armed.push(ms);
        return armed.length;
      },
      clearTimeout: () => undefined,
    };
    const { core, clock } = makeTestCore(dirs.make(), {
      now: T0,
      packing: { timeZone: 'Asia/Kuala_Lumpur', labelTimers: neverFires, bookingTimeoutMs: 2_000 },
    });
    cleanups.push(() => core.close());
    const fake = await startFakeTikTokShop({ clock });
    cleanups.push(() => fake.close());
    const sync = attachSync(core, {
      destinations: [
        fakeTikTokDestination(fake, {
          region: 'MY',
          limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: 1_000 },
        }),
      ],
      startTrickle: true,
      // The orders pull runs when asked, not on its interval.
      ordersEveryMs: 3_600_000,
    });
    cleanups.push(() => sync.close());
    await readyPackPrinter(core, SUPERVISOR, printer.address, ['packing-slip', 'platform-shipping-label']);
    return { core, fake, sync, printer, armed, elapsed: () => clock.now() - T0 };
  }

  const { call, pack, refused } = benchCalls(BENCH);
  const scan = (code: string) => ({ code, source: 'scanner' });

  function addOrder(fake: FakeTikTokShop, sku: string, buyer: string) {
    const order = fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      shippingType: 'TIKTOK',
      postcode: '40000',
      buyerName: buyer,
      lines: [{ sku, name: `Item ${sku}` }],
    });
    return { id: order.id, sku, platformPackageId: fake.fulfilment.packagesOf(order.id)[0]?.id ?? '' };
  }

  async function packWhole(core: Core, order: { id: string; sku: string }) {
    await pack(core, 'packOpen', scan(order.id));
    await pack(core, 'packScanItem', scan(order.sku));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
    });
    return pack<{ state: string; carrier: string }>(core, 'packComplete');
  }

  const packageOf = (core: Core, orderRef: string) =>
    core.db
      .prepare<
        [string],
        { state: string; carrier: string; tracking_number: string | null; provider_name: string | null }
      >(
        'SELECT p.state, p.carrier, p.tracking_number, p.provider_name FROM pack_packages p JOIN outbound_orders o ON o.id = p.order_id WHERE o.external_id = ?',
      )
      .get(orderRef);

  it('prints the label once the ship event is delivered, with no retry round', async () => {
    const s = await station();
    const order = addOrder(s.fake, 'SKU-MUG', 'Nur Aisyah');
    await s.sync.orderPulls.runNow();

    const sealed = await packWhole(s.core, order);
    expect(sealed).toMatchObject({ state: 'awaiting_label', carrier: 'tiktok-platform' });

    // Slip now, label after the background delivery: two jobs, the second the platform's PDF.
    await s.printer.waitForJobs(2);
    expect(s.printer.jobs[0]?.toString('latin1')).toContain(order.id);
    expect(s.printer.jobs[1]?.toString('latin1')).toMatch(/\^GFA,/);
    const tracking = s.fake.fulfilment.getPackage(order.platformPackageId)?.tracking_number;
    expect(tracking).toBeTruthy();
    await vi.waitFor(
      () => expect(packageOf(s.core, order.id)).toMatchObject({ state: 'packed', tracking_number: tracking }),
      { timeout: 10_000 },
    );
    expect(s.fake.fulfilment.shipApplications(order.platformPackageId)).toBe(1);
    expect(s.fake.fulfilment.docDownloads()).toBe(1);
    // The 30 s retry was armed once and never ran: the delivery alone fetched the label.
    expect(s.armed).toEqual([30_000]);
    expect(s.elapsed()).toBeLessThan(30_000);
  });

  it('puts each parcel on the manifest of the carrier the platform picked; an unknown one by its name', async () => {
    const s = await station();
    const jnt = addOrder(s.fake, 'SKU-MUG', 'Nur Aisyah');
    const ninja = addOrder(s.fake, 'SKU-CAP', 'Tan Wei Ming');
    const flash = addOrder(s.fake, 'SKU-SOCKS', 'Lim Mei Ling');
    s.fake.fulfilment.setShipProvider(ninja.platformPackageId, {
      id: '7208502187360519982',
      name: 'Ninja Van',
    });
    s.fake.fulfilment.setShipProvider(flash.platformPackageId, {
      id: '7117859084333745922',
      name: 'Flash Express',
    });
    await s.sync.orderPulls.runNow();
    for (const o of [jnt, ninja, flash]) await packWhole(s.core, o);
    await s.printer.waitForJobs(6);
    await vi.waitFor(
      () =>
        expect([jnt, ninja, flash].map((o) => packageOf(s.core, o.id)?.state)).toEqual([
          'packed',
          'packed',
          'packed',
        ]),
      { timeout: 10_000 },
    );
    const tracking = (o: { platformPackageId: string }) =>
      s.fake.fulfilment.getPackage(o.platformPackageId)?.tracking_number ?? '';
    expect(packageOf(s.core, jnt.id)).toMatchObject({ carrier: 'jnt-my', provider_name: 'J&T Express' });
    expect(packageOf(s.core, ninja.id)).toMatchObject({ carrier: 'ninjavan-my', provider_name: 'Ninja Van' });
    // Flash Express has no carrier code of ours in Malaysia: it stays the platform's, named.
    expect(packageOf(s.core, flash.id)).toMatchObject({
      carrier: 'tiktok-platform',
      provider_name: 'Flash Express',
    });

    // The handover list counts each parcel under the carrier it has now.
    expect(await call(s.core, 'packDockCarriers', BENCH, {})).toEqual([
      { carrier: 'jnt-my', carrierName: 'J&T Express', parcels: 1 },
      { carrier: 'ninjavan-my', carrierName: 'Ninja Van', parcels: 1 },
      // The platform's own line names the provider on the label, so the dock knows whose driver takes it.
      { carrier: 'tiktok-platform', carrierName: 'TikTok Shop', parcels: 1, providers: ['Flash Express'] },
    ]);

    // The J&T driver: the J&T parcel goes on, the Ninja Van one and the Flash one are refused by name.
    const jntManifest = await pack<{ id: string; missing: string[] }>(s.core, 'manifestOpen', {
      carrier: 'jnt-my',
    });
    expect(jntManifest.missing).toEqual([tracking(jnt)]);
    expect(
      await pack(s.core, 'manifestScan', { manifestId: jntManifest.id, ...scan(tracking(jnt)) }),
    ).toMatchObject({ added: true, manifest: { missing: [] } });
    expect(
      await refused(s.core, 'manifestScan', { manifestId: jntManifest.id, ...scan(tracking(ninja)) }),
    ).toMatchObject({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { expected: 'J&T Express', actual: 'Ninja Van' },
    });
    expect(
      await refused(s.core, 'manifestScan', { manifestId: jntManifest.id, ...scan(tracking(flash)) }),
    ).toMatchObject({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { expected: 'J&T Express', actual: 'Flash Express' },
    });

    // The Ninja Van driver: "this is J&T, not Ninja Van".
    const ninjaManifest = await pack<{ id: string }>(s.core, 'manifestOpen', { carrier: 'ninjavan-my' });
    expect(
      await refused(s.core, 'manifestScan', { manifestId: ninjaManifest.id, ...scan(tracking(jnt)) }),
    ).toMatchObject({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { expected: 'Ninja Van', actual: 'J&T Express' },
    });
    expect(
      await pack(s.core, 'manifestScan', { manifestId: ninjaManifest.id, ...scan(tracking(ninja)) }),
    ).toMatchObject({ added: true });

    // The unknown provider's parcel goes on the platform's own manifest.
    const platformManifest = await pack<{ id: string; missing: string[] }>(s.core, 'manifestOpen', {
      carrier: 'tiktok-platform',
    });
    expect(platformManifest.missing).toEqual([tracking(flash)]);
    const onPlatform = await pack<{ added: boolean; manifest: { parcels: unknown[] } }>(
      s.core,
      'manifestScan',
      { manifestId: platformManifest.id, ...scan(tracking(flash)) },
    );
    expect(onPlatform.added).toBe(true);
    expect(onPlatform.manifest.parcels).toEqual([
      expect.objectContaining({ trackingNumber: tracking(flash), providerName: 'Flash Express' }),
    ]);
    // A carrier of ours needs no provider name: its parcels are the carrier's own.
    const open = await call<Array<{ carrier: string; parcels: Array<Record<string, unknown>> }>>(
      s.core,
      'manifestList',
      BENCH,
      { status: 'open' },
    );
    const ninjaParcels = open.find((m) => m.carrier === 'ninjavan-my')?.parcels ?? [];
    expect(ninjaParcels.map((p) => p.trackingNumber)).toEqual([tracking(ninja)]);
    expect(ninjaParcels[0]).not.toHaveProperty('providerName');

    const closed = await pack<{ handoverEvents: number; manifest: { totals: { parcels: number } } }>(
      s.core,
      'manifestClose',
      { manifestId: jntManifest.id, driverName: 'Ahmad bin Ali' },
    );
    expect(closed).toMatchObject({ handoverEvents: 1, manifest: { totals: { parcels: 1 } } });
    expect(packageOf(s.core, jnt.id)?.state).toBe('handed_over');
    expect(packageOf(s.core, ninja.id)?.state).toBe('packed');
  });
});
