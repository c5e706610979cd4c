import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { PackRouteView } from '../../../src/shared/packing/pack-views';
import { makeTestCore } from '../../helpers/core-factory';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { benchCalls, readyPackPrinter } from '../../helpers/packing/pack-bench';
import { tiktokPlatformLampOrder } from '../../helpers/packing/platform-order';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };
const LAMP_BARCODE = '9555123400017';

/**
 * The supervisor's SKU → item class list through the contract, on a real SQLite file: a TikTok
 * Shop order (seller-shipped, its lines naming no class) whose SKU the list calls a battery goes
 * on the backup line, as an ERP line tagged battery does; an ERP line keeps its own (none) even
 * for a listed SKU. Carriers book over HTTP on 127.0.0.1, labels go to a TCP printer sink.
 */
describe('SKU item classes for TikTok-pulled lines', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  const { call, pack, refused } = benchCalls(BENCH, 'act');
  const scan = (code: string) => ({ code, source: 'scanner' });

  async function bench() {
    const printer = await FakePrinter.start();
    const ninja = await FakeCarrier.start('NVMY');
    const jnt = await FakeCarrier.start('JMY');
    const { core } = makeTestCore(dirs.make(), {
      now: T0,
      packing: {
        booking: httpBooking({ 'ninjavan-my': ninja, 'jnt-my': jnt }),
        // The platform lists both carriers for the order's delivery option.
        providers: {
          list: async (order) =>
            order.source.startsWith('tiktok-shop:')
              ? [
                  { id: '7208502187360519982', name: 'Ninja Van' },
                  { id: '7117858858072016686', name: 'J&T Express' },
                ]
              : null,
        },
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
    });
    cleanups.push(
      () => printer.close(),
      () => ninja.close(),
      () => jnt.close(),
      () => core.close(),
    );
    await readyPackPrinter(core, SUPERVISOR, printer.address);
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: 'ninjavan-my', backup: 'jnt-my' });
    await core.packing.orders.upsertMany([
      {
        ...tiktokPlatformLampOrder('578000000001', T0, '1154000000000001'),
        shippingType: 'seller',
        deliveryOptionId: 'DO-STD',
      },
      erpLampOrder('ACME-LAMP', T0),
    ]);
    return { core, ninja, jnt };
  }

  async function routed(core: Core, orderRef: string): Promise<PackRouteView> {
    await pack(core, 'packOpen', scan(orderRef));
    await pack(core, 'packScanItem', scan(LAMP_BARCODE));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '500 g' },
      box: { kind: 'dims', dims: { lengthMm: 200, widthMm: 150, heightMm: 80 } },
    });
    return (await pack<{ route: PackRouteView }>(core, 'packRoute', {})).route;
  }

  it('a supervisor imports the list (all or nothing); a listed battery SKU routes a TikTok line to the backup line', async () => {
    const b = await bench();
    const csv = (rows: string[]) => ['SKU,Item Class', ...rows].join('\r\n');

    expect(
      (await b.core.dispatch('packSkuClassesImport', { csv: csv(['ACME-LAMP,battery']) }, BENCH)) as {
        ok: boolean;
        error?: { code: string };
      },
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // One bad row: nothing is stored, every problem has its line.
    expect(
      await call(b.core, 'packSkuClassesImport', SUPERVISOR, {
        csv: csv(['ACME-LAMP,battery', 'ACME-MUG,glass', 'ACME-LAMP,liquid']),
      }),
    ).toEqual({
      committed: false,
      skus: 1,
      errors: [
        expect.objectContaining({ line: 3, column: 'item_class', code: 'invalid_value' }),
        expect.objectContaining({ line: 4, column: 'sku', code: 'duplicate_sku' }),
      ],
    });
    expect(b.core.db.prepare('SELECT count(*) AS n FROM pack_sku_item_classes').get()).toEqual({ n: 0 });
    expect(
      await call(b.core, 'packSkuClassesImport', SUPERVISOR, {
        csv: csv(['ACME-LAMP,battery', 'ACME-MUG,']),
      }),
    ).toEqual({ committed: true, skus: 2, errors: [] });

    const tiktok = await routed(b.core, '578000000001');
    expect(tiktok).toMatchObject({
      chosen: 'backup',
      reason: 'item_class_not_accepted',
      itemClasses: ['battery'],
      primary: { carrierName: 'Ninja Van', refusedClasses: ['battery'] },
      backup: { carrierName: 'J&T Express', listed: true, blockers: [] },
    });
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({ state: 'packed', carrier: 'jnt-my' });

    // The ERP line says what it is itself (no class): the list does not override it.
    const erp = await routed(b.core, 'ACME-LAMP');
    expect(erp).toMatchObject({ chosen: 'primary', itemClasses: [] });
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({ carrier: 'ninjavan-my' });
  });

  it('a SKU the list marks serial-required asks the packer for each unit’s serial on a TikTok line only', async () => {
    const b = await bench();
    const csv = (rows: string[]) => ['sku,item_class,serial_required', ...rows].join('\r\n');
    expect(
      await call(b.core, 'packSkuClassesImport', SUPERVISOR, { csv: csv(['ACME-LAMP,,maybe']) }),
    ).toEqual({
      committed: false,
      skus: 0,
      errors: [expect.objectContaining({ line: 2, column: 'serial_required', code: 'invalid_value' })],
    });
    expect(await call(b.core, 'packSkuClassesImport', SUPERVISOR, { csv: csv(['ACME-LAMP,,yes']) })).toEqual({
      committed: true,
      skus: 1,
      errors: [],
    });

    const opened = await pack<{ lines: Array<{ serialRequired: boolean }> }>(
      b.core,
      'packOpen',
      scan('578000000001'),
    );
    expect(opened.lines.map((l) => l.serialRequired)).toEqual([true]);
    // Not counted without its serial, and the seal waits for it.
    expect(await refused(b.core, 'packScanItem', scan(LAMP_BARCODE))).toMatchObject({
      code: 'PACK_SERIAL_REQUIRED',
    });
    await pack(b.core, 'packScanItem', { ...scan(LAMP_BARCODE), serial: 'LMP-0001' });
    await pack(b.core, 'packWeigh', {
      reading: { kind: 'typed', text: '500 g' },
      box: { kind: 'dims', dims: { lengthMm: 200, widthMm: 150, heightMm: 80 } },
    });
    await pack(b.core, 'packRoute', {});
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({ state: 'packed' });
    const summary = await call<{ serials: Array<{ orderRef: string; serials: string[] }> }>(
      b.core,
      'packShiftSummary',
      BENCH,
      { scope: 'station' },
    );
    expect(summary.serials).toEqual([
      expect.objectContaining({ orderRef: '578000000001', serials: ['LMP-0001'] }),
    ]);

    // The ERP order of the same SKU says itself that it needs none.
    const erp = await pack<{ lines: Array<{ serialRequired: boolean }> }>(
      b.core,
      'packOpen',
      scan('ACME-LAMP'),
    );
    expect(erp.lines.map((l) => l.serialRequired)).toEqual([false]);
    await pack(b.core, 'packScanItem', scan(LAMP_BARCODE));
  });
});
