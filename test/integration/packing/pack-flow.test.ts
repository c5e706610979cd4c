import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { tiktokPlatformProviders } from '../../../src/main/packing/tiktok-providers';
import { FakeHidScale } from '../../../src/main/scales/fake-scale';
import { HidPosScale } from '../../../src/main/scales/hid-pos-scale';
import { ScaleMonitor } from '../../../src/main/scales/scale-monitor';
import { systemClock } from '../../../src/main/clock';
import { boxBarcode } from '../../../src/shared/packing/box-presets';
import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { makeTestCore } from '../../helpers/core-factory';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { connectTo, type Harness } from '../tiktok-shop/harness';
import {
  benchCalls,
  packDeliveryEngine,
  pullOrdersInto,
  readyPackPrinter,
  saveSmallBox,
} from '../../helpers/packing/pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

/**
 * The packing flow through the contract, on a real SQLite file: TikTok Shop orders pulled from the
 * fake platform, the fake HID scale behind a ScaleMonitor, carriers booking over HTTP on
 * 127.0.0.1, labels to a TCP printer sink, ship calls delivered by the real delivery engine to
 * the fake platform — whose store says what it received, how often and in which order.
 */
describe('packing flow', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function bench(options: { dataDir?: string; fake?: FakeTikTokShop } = {}) {
    const dataDir = options.dataDir ?? dirs.make();
    const printer = await FakePrinter.start();
    const jnt = await FakeCarrier.start('JMY');
    const posmy = await FakeCarrier.start('EP');
    const device = new FakeHidScale();
    const scale = new HidPosScale({ id: 'bench-scale', device, clock: systemClock });
    const monitor = new ScaleMonitor({
      scale,
      clock: systemClock,
      policy: { minConsecutive: 3, minStableMs: 0, unpluggedAfterMs: 600_000 },
    });
    let h: Harness | null = null;
    const { core, clock } = makeTestCore(dataDir, {
      now: T0,
      printing: { backoff: { baseMs: 20, capMs: 100 } },
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        providers: tiktokPlatformProviders((name) => (name === 'tiktok-my' ? (h?.connector ?? null) : null)),
        scale: () => monitor.snapshot(),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
    });
    const ownFake = !options.fake;
    const fake = options.fake ?? (await startFakeTikTokShop({ clock }));
    h = connectTo(fake, clock, {
      config: {
        region: 'MY',
        limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: 2_000 },
      },
      name: 'tiktok-my',
    });
    cleanups.push(
      () => printer.close(),
      () => jnt.close(),
      () => posmy.close(),
      ...(ownFake ? [() => fake.close()] : []),
      () => monitor.stop(),
      () => scale.close(),
      () => core.close(),
    );
    await readyPackPrinter(core, SUPERVISOR, printer.address);
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: 'jnt-my', backup: 'posmy' });
    await call(core, 'setRoute', SUPERVISOR, {
      country: 'MY',
      sellerId: 'acme',
      primary: 'posmy',
      backup: null,
    });
    await saveSmallBox(core);
    let cursor: string | null = null;
    const pull = async () => {
      cursor = await pullOrdersInto(core, (h as Harness).connector.orders, cursor);
    };
    const engine = packDeliveryEngine(core, clock, h.connector.destination);
    cleanups.push(() => engine.stop());
    return { core, clock, printer, jnt, posmy, fake, device, monitor, h, pull, engine, dataDir };
  }

  const { call, pack, refused } = benchCalls(BENCH, 'act');

  const scan = (code: string) => ({ code, source: 'scanner' });
  const stable = (device: FakeHidScale, grams: number) => {
    for (let i = 0; i < 3; i++) device.send({ status: 'stable', unit: 'g', raw: grams });
  };

  function myOrder(fake: FakeTikTokShop, lines: Array<{ sku: string; name: string }>, buyer = 'Nur Aisyah') {
    return fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      shippingType: 'SELLER',
      postcode: '40000',
      buyerName: buyer,
      lines,
    });
  }

  it('packs, weighs, routes and labels; offline → slip then label; cancelled refused; every ship call once and in order', async () => {
    const b = await bench();
    const a = myOrder(b.fake, [
      { sku: 'SKU-TEE-M', name: 'Cotton tee' },
      { sku: 'SKU-TEE-M', name: 'Cotton tee' },
      { sku: 'SKU-CAP', name: 'Cap' },
    ]);
    const o2 = myOrder(b.fake, [{ sku: 'SKU-MUG', name: 'Mug' }], 'Tan Wei Ming');
    const o3 = myOrder(b.fake, [{ sku: 'SKU-SOCKS', name: 'Socks' }], 'Lim Mei Ling');
    await b.pull();

    const queue = (await call(b.core, 'packQueue', BENCH, {})) as {
      items: Array<{ orderRef: string }>;
      totals: { orders: number };
    };
    expect(queue.totals.orders).toBe(3);

    // Order A: three lines (two of one SKU), a wrong item, one too many, a serial.
    const opened = (await pack(b.core, 'packOpen', scan(a.id))) as {
      orderRef: string;
      step: string;
      lines: unknown[];
    };
    expect(opened).toMatchObject({ orderRef: a.id, step: 'verify' });
    expect(await refused(b.core, 'packScanItem', scan('SKU-MUG'))).toMatchObject({
      code: 'PACK_WRONG_ITEM',
      params: { scanned: 'SKU-MUG', orderRef: a.id },
    });
    expect(
      await refused(b.core, 'packWeigh', {
        reading: { kind: 'station_scale' },
        box: { kind: 'preset', code: 'S2' },
      }),
    ).toMatchObject({
      code: 'PACK_LINES_NOT_VERIFIED',
      params: { remaining: 3 },
    });
    for (const sku of ['SKU-TEE-M', 'SKU-TEE-M', 'SKU-CAP']) {
      await pack(b.core, 'packScanItem', {
        ...scan(sku),
        ...(sku === 'SKU-CAP' ? { serial: 'CAP-0001' } : {}),
      });
    }
    expect(await refused(b.core, 'packScanItem', scan('SKU-CAP'))).toMatchObject({
      code: 'PACK_LINE_ALREADY_VERIFIED',
    });

    // Weighing: in motion and a zero are refused; an unknown box too; then the stable weight.
    b.device.send({ status: 'in_motion', unit: 'g', raw: 700 });
    const box = { kind: 'preset', code: boxBarcode('S2') };
    expect((await refused(b.core, 'packWeigh', { reading: { kind: 'station_scale' }, box })).code).toBe(
      'PACK_WEIGHT_UNSTABLE',
    );
    expect((await refused(b.core, 'packWeigh', { reading: { kind: 'typed', text: '0 g' }, box })).code).toBe(
      'PACK_WEIGHT_ZERO',
    );
    expect(
      (
        await refused(b.core, 'packWeigh', {
          reading: { kind: 'scale', grams: 70_000, stable: true, overRange: true, underZero: false },
          box,
        })
      ).code,
    ).toBe('PACK_WEIGHT_OVER_RANGE');
    expect(
      (
        await refused(b.core, 'packWeigh', {
          reading: { kind: 'typed', text: '850 g' },
          box: { kind: 'preset', code: 'XL9' },
        })
      ).code,
    ).toBe('BOX_PRESET_UNKNOWN');
    stable(b.device, 742);
    const weighed = (await pack(b.core, 'packWeigh', { reading: { kind: 'station_scale' }, box })) as {
      weight: { grams: number; source: string; box: { code: string }; tareGrams: number };
    };
    expect(weighed.weight).toMatchObject({
      grams: 742,
      source: 'station_scale',
      box: { code: 'S2' },
      tareGrams: 120,
    });

    // Route: J&T is on the platform's list, Pos Malaysia is not — it cannot be chosen.
    expect(await refused(b.core, 'packRoute', { choose: 'backup' })).toMatchObject({
      code: 'PACK_CARRIER_NOT_LISTED',
      params: { carrier: 'Pos Malaysia', market: 'MY' },
    });
    const routed = (await pack(b.core, 'packRoute', {})) as {
      route: {
        chosen: string;
        reason: string;
        primary: { carrier: string; listed: boolean; chargeable: { chargeableGrams: number } };
        backup: { listed: boolean; blockers: string[] };
        remoteArea: { flagged: boolean };
      };
    };
    expect(routed.route).toMatchObject({
      chosen: 'primary',
      reason: 'primary_up',
      primary: { carrier: 'jnt-my', listed: true, chargeable: { chargeableGrams: 1000 } },
      backup: { listed: false, blockers: ['not_listed'] },
      remoteArea: { flagged: false },
    });
    const doneA = (await pack(b.core, 'packComplete', {})) as {
      state: string;
      trackingNumber: string;
      shipEventId: string;
      printJobs: Array<{ kind: string }>;
    };
    expect(doneA).toMatchObject({
      state: 'packed',
      trackingNumber: 'JMY000000001',
      printJobs: [{ kind: 'label' }],
    });
    await b.printer.waitForJobs(1);
    expect(b.printer.jobs[0]?.toString('latin1')).toContain('JMY000000001');

    // Order 2 with J&T offline: the clerk is not held up — a packing slip now, the label later.
    await pack(b.core, 'packOpen', scan(o2.id));
    await pack(b.core, 'packScanItem', scan('SKU-MUG'));
    await pack(b.core, 'packWeigh', { reading: { kind: 'typed', text: '0,41 kg' }, box });
    await pack(b.core, 'packRoute', {});
    b.jnt.mode = 'down';
    const done2 = (await pack(b.core, 'packComplete', {})) as {
      state: string;
      trackingNumber: null;
      printJobs: Array<{ kind: string }>;
    };
    expect(done2).toMatchObject({
      state: 'awaiting_label',
      trackingNumber: null,
      printJobs: [{ kind: 'packing_slip' }],
    });
    await b.printer.waitForJobs(2);
    expect(b.printer.jobs[1]?.toString('latin1')).toContain(o2.id);

    // Order 3 is cancelled by the platform while it is packed: refused at complete, nothing shipped.
    await pack(b.core, 'packOpen', scan(o3.id));
    await pack(b.core, 'packScanItem', scan('SKU-SOCKS'));
    await pack(b.core, 'packWeigh', { reading: { kind: 'typed', text: '120' }, box });
    await pack(b.core, 'packRoute', {});
    b.clock.advance(60_000);
    b.fake.fulfilment.cancelOrder(o3.id, 'Buyer cancelled');
    await b.pull();
    expect(await refused(b.core, 'packComplete', {})).toMatchObject({
      code: 'PACK_ORDER_CANCELLED',
      params: { orderRef: o3.id },
    });
    expect(((await call(b.core, 'packState', BENCH, {})) as { session: unknown }).session).toBeNull();

    // The carrier is back: the waiting label is booked, its ship call queued, the label printed.
    b.jnt.mode = 'up';
    expect(await b.core.packing.station.retryLabels()).toBe(1);
    await b.printer.waitForJobs(3);
    expect(b.printer.jobs[2]?.toString('latin1')).toContain('JMY000000002');

    // Delivery: the platform receives each ship call once, in the order the parcels were packed.
    for (let round = 0; round < 20; round++) {
      const summary = await b.engine.drain({ maxWaitMs: 1_000 });
      if (summary.remaining === 0) break;
    }
    const shipments = b.fake.fulfilment.shipments();
    expect(shipments.map((s) => [s.orderIds[0], s.trackingNumber])).toEqual([
      [a.id, 'JMY000000001'],
      [o2.id, 'JMY000000002'],
    ]);
    expect(
      b.fake.fulfilment.shipRequests(a.id) +
        b.fake.fulfilment.shipRequests(b.fake.fulfilment.packagesOf(a.id)[0]?.id ?? ''),
    ).toBe(1);
    expect(shipments.some((s) => s.orderIds.includes(o3.id))).toBe(false);
    // Booked once per package at the carrier, however often asked.
    expect(b.jnt.bookings().map((x) => x.trackingNumber)).toEqual(['JMY000000001', 'JMY000000002']);

    const summary = (await call(b.core, 'packShiftSummary', BENCH, { scope: 'station' })) as Record<
      string,
      unknown
    >;
    expect(summary).toMatchObject({ orders: 2, parcels: 2, items: 4, awaitingLabel: 0, wrongItemScans: 1 });
  });

  async function packWhole(
    b: Awaited<ReturnType<typeof bench>>,
    orderRef: string,
    skus: string[],
  ): Promise<{ trackingNumber: string | null; state: string }> {
    await pack(b.core, 'packOpen', scan(orderRef));
    for (const sku of skus) await pack(b.core, 'packScanItem', scan(sku));
    await pack(b.core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(b.core, 'packRoute', {});
    return pack(b.core, 'packComplete', {});
  }

  const erpOrder = (ref: string): OutboundOrder => erpLampOrder(ref, T0);

  it('hands over at the dock: another carrier and a handed-over parcel refused, close → PDF, CSV, handover events; cut-off exceptions', async () => {
    const b = await bench();
    const a = myOrder(b.fake, [{ sku: 'SKU-TEE-M', name: 'Cotton tee' }]);
    const c = myOrder(b.fake, [{ sku: 'SKU-CAP', name: 'Cap' }], 'Tan Wei Ming');
    await b.pull();
    await b.core.packing.orders.upsertMany([erpOrder('ACME-1001')]);
    const packedA = await packWhole(b, a.id, ['SKU-TEE-M']);
    const packedC = await packWhole(b, c.id, ['SKU-CAP']);
    // The seller's own route sends its parcels with Pos Malaysia; its lamp scans by its barcode.
    const erp = await packWhole(b, 'ACME-1001', ['9555123400017']);
    expect([packedA.trackingNumber, packedC.trackingNumber, erp.trackingNumber]).toEqual([
      'JMY000000001',
      'JMY000000002',
      'EP000000001',
    ]);

    const manifest = (await pack(b.core, 'manifestOpen', { carrier: 'jnt-my' })) as {
      id: string;
      missing: string[];
    };
    expect(manifest.missing).toEqual(['JMY000000001', 'JMY000000002']);
    const first = (await pack(b.core, 'manifestScan', {
      manifestId: manifest.id,
      ...scan('jmy000000001'),
    })) as {
      added: boolean;
      manifest: { missing: string[] };
    };
    expect(first).toMatchObject({ added: true, manifest: { missing: ['JMY000000002'] } });
    expect(
      await pack(b.core, 'manifestScan', { manifestId: manifest.id, ...scan('JMY000000001') }),
    ).toMatchObject({
      added: false,
    });
    expect(
      await refused(b.core, 'manifestScan', { manifestId: manifest.id, ...scan('EP000000001') }),
    ).toMatchObject({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { trackingNumber: 'EP000000001', expected: 'J&T Express', actual: 'Pos Malaysia' },
    });
    expect((await refused(b.core, 'manifestScan', { manifestId: manifest.id, ...scan('NV123') })).code).toBe(
      'PACK_PARCEL_UNKNOWN',
    );
    expect((await refused(b.core, 'manifestClose', { manifestId: manifest.id, driverName: '  ' })).code).toBe(
      'MANIFEST_DRIVER_REQUIRED',
    );
    const closed = (await pack(b.core, 'manifestClose', {
      manifestId: manifest.id,
      driverName: 'Ahmad bin Ali',
    })) as {
      pdfBase64: string;
      csv: string;
      handoverEvents: number;
      manifest: { status: string; missing: string[]; totals: { parcels: number } };
    };
    expect(closed).toMatchObject({
      handoverEvents: 1,
      manifest: { status: 'closed', missing: ['JMY000000002'], totals: { parcels: 1 } },
    });
    expect(Buffer.from(closed.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(closed.csv).toContain('JMY000000001');
    expect(closed.csv).toContain('Ahmad bin Ali');
    const handovers = b.core.db
      .prepare<[], { destination: string; payload: string }>(
        "SELECT destination, payload FROM outbox_events WHERE type = 'package.handed_over'",
      )
      .all();
    expect(
      handovers.map((h) => [
        h.destination,
        (JSON.parse(h.payload) as { trackingNumber: string }).trackingNumber,
      ]),
    ).toEqual([['jnt-my', 'JMY000000001']]);
    expect(
      b.core.packing.orders.get(b.core.packing.station.store.byTracking('JMY000000001')?.order_id ?? '')
        ?.status,
    ).toBe('handed_over');

    // The next pickup's manifest refuses the parcel that already left.
    const next = (await pack(b.core, 'manifestOpen', { carrier: 'jnt-my' })) as { id: string };
    expect(next.id).not.toBe(manifest.id);
    expect(
      await refused(b.core, 'manifestScan', { manifestId: next.id, ...scan('JMY000000001') }),
    ).toMatchObject({
      code: 'MANIFEST_PARCEL_HANDED_OVER',
      params: { trackingNumber: 'JMY000000001', manifestId: manifest.id },
    });

    // 16:00: before the 17:00 cut-off nothing is late; at 18:00 the two parcels still here are.
    expect(await call(b.core, 'packCutoffExceptions', BENCH, {})).toEqual([]);
    b.clock.advance(2 * 3_600_000);
    const late = (await call(b.core, 'packCutoffExceptions', BENCH, {})) as unknown as Array<{
      trackingNumber: string;
      packageId: string;
      rebookable: boolean;
    }>;
    expect(late.map((x) => x.trackingNumber).sort()).toEqual(['EP000000001', 'JMY000000002']);
    // The TikTok parcel's tracking number is with the platform (its ship call): no rebook, nothing shipped twice.
    const shipped = late.find((x) => x.trackingNumber === 'JMY000000002');
    expect(shipped?.rebookable).toBe(false);
    await signInSupervisor(b.core, SUPERVISOR.clientId);
    const rebook = await b.core.dispatch(
      'packCutoffResolve',
      { packageId: shipped?.packageId ?? '', action: 'rebook', clientActionId: 'flow-rebook-1' },
      SUPERVISOR,
    );
    expect(rebook.ok ? null : rebook.error.code).toBe('CUTOFF_REBOOK_NOT_ALLOWED');
  });

  it('a split package and a session half-verified survive a restart', async () => {
    const dataDir = dirs.make();
    const first = await bench({ dataDir });
    const o = myOrder(first.fake, [
      { sku: 'SKU-TEE-M', name: 'Cotton tee' },
      { sku: 'SKU-CAP', name: 'Cap' },
    ]);
    await first.pull();
    const opened = (await pack(first.core, 'packOpen', scan(o.id))) as {
      lines: Array<{ lineRef: string; sku: string }>;
    };
    const cap = opened.lines.find((l) => l.sku === 'SKU-CAP')?.lineRef ?? '';
    expect(
      (
        await refused(first.core, 'packSplit', {
          lines: opened.lines.map((l) => ({ lineRef: l.lineRef, quantity: 1 })),
        })
      ).code,
    ).toBe('PACK_SPLIT_INVALID');
    const split = (await pack(first.core, 'packSplit', { lines: [{ lineRef: cap, quantity: 1 }] })) as {
      session: { lines: Array<{ sku: string }> };
      newPackage: { packageNo: number };
    };
    expect(split.session.lines.map((l) => l.sku)).toEqual(['SKU-TEE-M']);
    expect(split.newPackage.packageNo).toBe(2);
    await pack(first.core, 'packScanItem', scan('SKU-TEE-M'));
    await first.core.close();

    const again = await bench({ dataDir, fake: first.fake });
    const state = (await call(again.core, 'packState', BENCH, {})) as unknown as {
      session: { orderRef: string; step: string; packageNo: number; allVerified: boolean };
    };
    expect(state.session).toMatchObject({ orderRef: o.id, step: 'weigh', packageNo: 1, allVerified: true });
    // An open package keeps the station from restarting under the packer (the updater asks).
    expect(again.core.activity.current().parcelOpen).toBe(true);
    await pack(again.core, 'packWeigh', {
      reading: { kind: 'typed', text: '300 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(again.core, 'packRoute', {});
    await pack(again.core, 'packComplete', {});
    // The second package is next for the same order.
    const second = (await pack(again.core, 'packOpen', scan(o.id))) as {
      packageNo: number;
      lines: Array<{ sku: string }>;
    };
    expect(second).toMatchObject({ packageNo: 2, lines: [{ sku: 'SKU-CAP' }] });
  });

  it('a label the carrier refuses is told to the clerk and nothing ships; a Sabah address is flagged remote', async () => {
    const b = await bench();
    const o = b.fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      shippingType: 'SELLER',
      postcode: '88100',
      buyerName: 'Mohd Faizal bin Abdul Rahman Shah Al-Haj Tuan Syed Abdullah',
      lines: [{ sku: 'SKU-TEE-M', name: 'Cotton tee' }],
    });
    await b.pull();
    await pack(b.core, 'packOpen', scan(o.id));
    await pack(b.core, 'packScanItem', scan('SKU-TEE-M'));
    await pack(b.core, 'packWeigh', {
      reading: { kind: 'typed', text: '1,2 kg' },
      box: { kind: 'preset', code: 'S2' },
    });
    const routed = (await pack(b.core, 'packRoute', {})) as {
      route: { remoteArea: { flagged: boolean; area: string } };
    };
    expect(routed.route.remoteArea).toEqual({ flagged: true, area: 'Sabah' });
    b.jnt.mode = { refuse: 'postcode not served' };
    expect(await refused(b.core, 'packComplete', {})).toMatchObject({
      code: 'PACK_LABEL_REFUSED',
      params: { carrier: 'J&T Express', reason: 'postcode not served' },
    });
    const state = (await call(b.core, 'packState', BENCH, {})) as unknown as { session: { step: string } };
    expect(state.session.step).toBe('ready');
    expect(
      b.core.db.prepare("SELECT count(*) AS n FROM outbox_events WHERE type = 'package.ship'").get(),
    ).toEqual({
      n: 0,
    });
    // The carrier takes it after all: the long name still gets a label.
    b.jnt.mode = 'up';
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({
      state: 'packed',
      trackingNumber: 'JMY000000001',
    });
    await b.printer.waitForJobs(1);
    expect(b.printer.jobs[0]?.toString('latin1')).toContain('JMY000000001');
  });

  it('the primary line down long enough: new parcels go to the backup line, with the reason', async () => {
    const b = await bench();
    const order = { ...erpOrder('ERP-2001'), source: 'erp:shop', seller: null };
    await b.core.packing.orders.upsertMany([order]);
    // J&T's circuit has been open for three hours (the delivery engine's circuit memory).
    b.core.db
      .prepare('INSERT INTO connector_state (destination, key, value, updated_at) VALUES (?, ?, ?, ?)')
      .run('jnt-my', 'circuit.downSince', String(T0 - 3 * 3_600_000), T0);
    await pack(b.core, 'packOpen', scan('ERP-2001'));
    await pack(b.core, 'packScanItem', scan('9555123400017'));
    await pack(b.core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    const routed = (await pack(b.core, 'packRoute', {})) as { route: { chosen: string; reason: string } };
    expect(routed.route).toMatchObject({ chosen: 'backup', reason: 'primary_down' });
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({
      state: 'packed',
      carrier: 'posmy',
      destination: 'posmy',
      trackingNumber: 'EP000000001',
      shipEventId: null,
    });
    expect(b.jnt.requests).toHaveLength(0);
  });

  it('an order cancelled while its parcel waits for the label is never booked or shipped', async () => {
    const b = await bench();
    const o = myOrder(b.fake, [{ sku: 'SKU-MUG', name: 'Mug' }]);
    await b.pull();
    b.jnt.mode = 'down';
    expect(await packWhole(b, o.id, ['SKU-MUG'])).toMatchObject({ state: 'awaiting_label' });
    b.clock.advance(60_000);
    b.fake.fulfilment.cancelOrder(o.id, 'Buyer cancelled');
    await b.pull();
    b.jnt.mode = 'up';
    expect(await b.core.packing.station.retryLabels()).toBe(0);
    expect(b.jnt.requests).toHaveLength(0);
    expect(b.core.db.prepare('SELECT state FROM pack_packages').all()).toEqual([{ state: 'cancelled' }]);
    expect(
      b.core.db.prepare("SELECT count(*) AS n FROM outbox_events WHERE type = 'package.ship'").get(),
    ).toEqual({
      n: 0,
    });
  });
});
