import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Core } from '../../../src/main/core';
import { writeTransaction } from '../../../src/main/db/write';
import { tiktokPlatformProviders } from '../../../src/main/packing/tiktok-providers';
import type { PackCombinable, PackSession } from '../../../src/shared/packing/pack-views';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { makeTestCore } from '../../helpers/core-factory';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { connectTo, never, type Harness } from '../tiktok-shop/harness';
import { benchCalls, readyPackPrinter, saveSmallBox } from '../../helpers/packing/pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'combine-bench' };
const SUPERVISOR = { clientId: 'combine-supervisor' };

/**
 * Combining orders of one buyer into one parcel, through the contract on a real SQLite file: ERP
 * orders by our same-address rule, carriers booking over HTTP on 127.0.0.1, and the fake platform
 * the TikTok Shop orders of the queue come from.
 */
describe('combining orders at the pack station', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function bench() {
    const printer = await FakePrinter.start();
    const jnt = await FakeCarrier.start('JMY');
    const posmy = await FakeCarrier.start('EP');
    let h: Harness | null = null;
    const { core, clock } = makeTestCore(dirs.make(), {
      now: T0,
      printing: { backoff: { baseMs: 20, capMs: 100 } },
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        providers: tiktokPlatformProviders((name) => (name === 'tiktok-my' ? (h?.connector ?? null) : null)),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
    });
    const fake = await startFakeTikTokShop({ clock });
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
      () => fake.close(),
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
    const pull = async () => {
      const page = await (h as Harness).connector.orders.pull(null, never);
      await writeTransaction(core.db, () => page.items.map((o) => core.packing.orders.upsertIn(core.db, o)));
    };
    return { core, clock, printer, jnt, posmy, fake, h, pull };
  }

  const { id, call, pack, refused } = benchCalls(BENCH, 'cmb');
  const scan = (code: string) => ({ code, source: 'scanner' });
  const orderIdOf = (core: Core, ref: string) =>
    core.db.prepare<[string], { id: string }>('SELECT id FROM outbound_orders WHERE external_id = ?').get(ref)
      ?.id ?? '';
  const statusOf = (core: Core, ref: string) => core.packing.orders.get(orderIdOf(core, ref))?.status;
  async function sealRest(core: Core, codes: string[]) {
    for (const code of codes) await pack(core, 'packScanItem', scan(code));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '1100 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(core, 'packRoute', {});
    return pack(core, 'packComplete', {}) as Promise<{ state: string; trackingNumber: string | null }>;
  }

  it('an ERP order combined by mistake is taken back out before sealing: each order packs and books on its own', async () => {
    const b = await bench();
    await b.core.packing.orders.upsertMany([erpLampOrder('ACME-2101', T0), erpLampOrder('ACME-2102', T0)]);
    await pack(b.core, 'packOpen', scan('ACME-2101'));
    await pack(b.core, 'packCombine', { orderId: orderIdOf(b.core, 'ACME-2102') });
    await pack(b.core, 'packScanItem', scan('9555123400017'));
    await pack(b.core, 'packScanItem', scan('9555123400017'));
    const out = (await pack(b.core, 'packUncombine', { orderId: orderIdOf(b.core, 'ACME-2102') })) as {
      session: PackSession;
      orderRef: string;
      itemsOut: number;
      uncombineEventId: string | null;
    };
    // No platform to tell: the lamp scanned for the other order comes out of the box.
    expect(out).toMatchObject({ orderRef: 'ACME-2102', itemsOut: 1, uncombineEventId: null });
    expect(out.session).toMatchObject({ step: 'weigh', combined: [] });
    expect(out.session.lines.map((l) => [l.sku, l.verified])).toEqual([['ACME-LAMP', 1]]);
    expect(statusOf(b.core, 'ACME-2102')).toBe('to_pack');
    expect(((await call(b.core, 'packCombinable', BENCH, {})) as PackCombinable).orders).toEqual([
      { orderId: orderIdOf(b.core, 'ACME-2102'), orderRef: 'ACME-2102', lines: 1, items: 1 },
    ]);
    expect(await refused(b.core, 'packUncombine', { orderId: orderIdOf(b.core, 'ACME-2102') })).toMatchObject(
      {
        code: 'PACK_UNCOMBINE_NOT_ALLOWED',
        params: { orderRef: 'ACME-2102' },
      },
    );
    expect(await sealRest(b.core, [])).toMatchObject({ state: 'packed' });
    await pack(b.core, 'packOpen', scan('ACME-2102'));
    expect(await sealRest(b.core, ['9555123400017'])).toMatchObject({ state: 'packed' });
    expect(b.posmy.bookings()).toHaveLength(2);
    expect([statusOf(b.core, 'ACME-2101'), statusOf(b.core, 'ACME-2102')]).toEqual(['packed', 'packed']);
  });

  it('two ERP orders to the same address: one parcel, one booking, both orders packed and handed over', async () => {
    const b = await bench();
    const other = { ...erpLampOrder('ACME-2002', T0) };
    // Same buyer, the address typed with other spacing and case: still the same address.
    other.recipient = { ...other.recipient, address1: '8  jalan AMPANG ' };
    await b.core.packing.orders.upsertMany([
      erpLampOrder('ACME-2001', T0),
      other,
      erpLampOrder('ACME-2003', T0, { postcode: '50088' }),
      erpLampOrder('BETA-2004', T0, { seller: 'beta' }),
    ]);

    const opened = (await pack(b.core, 'packOpen', scan('ACME-2001'))) as PackSession;
    expect(opened.combined).toEqual([]);
    // Another postcode, another seller: not the same parcel.
    const offer = (await call(b.core, 'packCombinable', BENCH, {})) as PackCombinable;
    expect(offer).toEqual({
      basis: 'same_address',
      reason: null,
      orders: [{ orderId: orderIdOf(b.core, 'ACME-2002'), orderRef: 'ACME-2002', lines: 1, items: 1 }],
    });
    expect(await refused(b.core, 'packCombine', { orderId: orderIdOf(b.core, 'ACME-2003') })).toMatchObject({
      code: 'PACK_COMBINE_NOT_ALLOWED',
      params: { orderRef: 'ACME-2003' },
    });

    await pack(b.core, 'packScanItem', scan('9555123400017'));
    const actionId = id();
    const input = { orderId: orderIdOf(b.core, 'ACME-2002'), clientActionId: actionId };
    const combined = (await call(b.core, 'packCombine', BENCH, input)) as {
      session: PackSession;
      combineEventId: string | null;
    };
    // The same action again answers the same, and combines once.
    expect(await call(b.core, 'packCombine', BENCH, input)).toEqual(combined);
    expect(combined.combineEventId).toBeNull();
    expect(combined.session).toMatchObject({
      step: 'verify',
      combined: [{ orderRef: 'ACME-2002' }],
      allVerified: false,
    });
    expect(combined.session.lines.map((l) => [l.sku, l.quantity, l.verified])).toEqual([
      ['ACME-LAMP', 1, 1],
      ['ACME-LAMP', 1, 0],
    ]);
    expect(statusOf(b.core, 'ACME-2002')).toBe('packing');
    expect(((await call(b.core, 'packCombinable', BENCH, {})) as PackCombinable).orders).toEqual([]);
    expect((await refused(b.core, 'packSplit', { lines: [{ lineRef: '1', quantity: 1 }] })).code).toBe(
      'PACK_SPLIT_NOT_ALLOWED',
    );

    // Put aside and scanned again by the other order: the same combined parcel comes back.
    await pack(b.core, 'packRelease', {});
    expect([statusOf(b.core, 'ACME-2001'), statusOf(b.core, 'ACME-2002')]).toEqual(['to_pack', 'to_pack']);
    const again = (await pack(b.core, 'packOpen', scan('ACME-2002'))) as PackSession;
    expect(again).toMatchObject({ orderRef: 'ACME-2001', combined: [{ orderRef: 'ACME-2002' }] });
    expect(again.lines).toHaveLength(2);

    const done = await sealRest(b.core, ['9555123400017', '9555123400017']);
    expect(done).toMatchObject({ state: 'packed', trackingNumber: 'EP000000001' });
    expect(b.posmy.bookings()).toHaveLength(1);
    expect(b.posmy.requests[0]).toMatchObject({ weightGrams: 1100 });
    expect([statusOf(b.core, 'ACME-2001'), statusOf(b.core, 'ACME-2002')]).toEqual(['packed', 'packed']);
    expect(
      b.core.db
        .prepare<[], { n: number }>('SELECT count(*) AS n FROM pack_packages WHERE packed_at IS NOT NULL')
        .get()?.n,
    ).toBe(1);
    expect(await call(b.core, 'packShiftSummary', BENCH, { scope: 'station' })).toMatchObject({
      orders: 2,
      parcels: 1,
      items: 2,
    });

    // Handed over: both orders leave with the one parcel.
    const manifest = (await pack(b.core, 'manifestOpen', { carrier: 'posmy' })) as { id: string };
    await pack(b.core, 'manifestScan', { manifestId: manifest.id, ...scan('EP000000001') });
    await pack(b.core, 'manifestClose', { manifestId: manifest.id, driverName: 'Ahmad bin Ali' });
    expect([statusOf(b.core, 'ACME-2001'), statusOf(b.core, 'ACME-2002')]).toEqual([
      'handed_over',
      'handed_over',
    ]);
  });
});
