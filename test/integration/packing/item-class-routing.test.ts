import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { importErpCsv } from '../../../src/main/packing/erp-import';
import type { PackRouteView } from '../../../src/shared/packing/pack-views';
import { makeTestCore } from '../../helpers/core-factory';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { benchCalls, readyPackPrinter } from '../../helpers/packing/pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

const HEADER =
  'order_ref,sku,product_name,quantity,barcode,item_class,recipient_name,address1,city,postcode,country';
const erpRow = (ref: string, sku: string, barcode: string, itemClass: string) =>
  `${ref},${sku},${sku} item,1,${barcode},${itemClass},Siti Rahman,8 Jalan Ampang,Kuala Lumpur,50450,MY`;

/**
 * Item classes through the contract, on a real SQLite file: orders imported from an ERP CSV with
 * an item_class column, a Malaysian route whose main line (Ninja Van) takes no batteries, both
 * carriers booking over HTTP on 127.0.0.1 and labels to a TCP printer sink.
 */
describe('routing by item class', () => {
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
      printing: { backoff: { baseMs: 20, capMs: 100 } },
      packing: {
        booking: httpBooking({ 'ninjavan-my': ninja, 'jnt-my': jnt }),
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
    const report = await importErpCsv(
      core.db,
      core.packing.orders,
      new TextEncoder().encode(
        [
          HEADER,
          erpRow('ACME-BAT', 'POWERBANK', '9555123400024', 'battery'),
          erpRow('ACME-LAMP', 'LAMP', '9555123400017', ''),
          erpRow('ACME-SPRAY', 'SPRAY', '9555123400031', 'aerosol|liquid'),
        ].join('\r\n'),
      ),
      { seller: 'acme', timeZone: 'Asia/Kuala_Lumpur' },
    );
    expect(report).toMatchObject({ committed: true, orders: 3, errors: [] });
    return { core, printer, ninja, jnt };
  }

  async function weighed(core: Core, orderRef: string, barcode: string) {
    await pack(core, 'packOpen', scan(orderRef));
    await pack(core, 'packScanItem', scan(barcode));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '400 g' },
      box: { kind: 'dims', dims: { lengthMm: 200, widthMm: 150, heightMm: 80 } },
    });
  }

  it('a battery order goes on the backup line with the reason; choosing Ninja Van is refused; the label is J&T’s', async () => {
    const b = await bench();
    await weighed(b.core, 'ACME-BAT', '9555123400024');
    const routed = (await pack(b.core, 'packRoute', {})) as { route: PackRouteView };
    expect(routed.route).toMatchObject({
      chosen: 'backup',
      reason: 'item_class_not_accepted',
      itemClasses: ['battery'],
      primary: {
        carrierName: 'Ninja Van',
        refusedClasses: ['battery'],
        blockers: ['item_class_not_accepted'],
      },
      backup: { carrierName: 'J&T Express', refusedClasses: [], blockers: [] },
    });

    expect(await refused(b.core, 'packRoute', { choose: 'primary' })).toEqual({
      code: 'PACK_ITEM_CLASS_NOT_ACCEPTED',
      params: { carrier: 'Ninja Van', itemClass: 'battery', service: 'Ninja Van Malaysia — standard' },
    });
    // The refused choice changed nothing: the bench is still ready on the backup line.
    const state = (await call(b.core, 'packState', BENCH, {})) as {
      session: { step: string; route: PackRouteView };
    };
    expect(state.session).toMatchObject({ step: 'ready', route: { chosen: 'backup' } });

    expect(await pack(b.core, 'packComplete', {})).toMatchObject({
      state: 'packed',
      carrier: 'jnt-my',
      trackingNumber: 'JMY000000001',
    });
    expect(b.ninja.requests).toHaveLength(0);
    expect(b.jnt.requests.map((r) => r.carrier)).toEqual(['jnt-my']);
  });

  it('an order without classes stays on the main line; one no line takes is refused naming the carrier and class', async () => {
    const b = await bench();
    await weighed(b.core, 'ACME-LAMP', '9555123400017');
    const lamp = (await pack(b.core, 'packRoute', {})) as { route: PackRouteView };
    expect(lamp.route).toMatchObject({ chosen: 'primary', reason: 'primary_up', itemClasses: [] });
    expect(await pack(b.core, 'packComplete', {})).toMatchObject({ carrier: 'ninjavan-my' });

    await weighed(b.core, 'ACME-SPRAY', '9555123400031');
    expect(await refused(b.core, 'packRoute', {})).toEqual({
      code: 'PACK_ITEM_CLASS_NOT_ACCEPTED',
      params: { carrier: 'Ninja Van', itemClass: 'aerosol', service: 'Ninja Van Malaysia — standard' },
    });
    expect(await refused(b.core, 'packRoute', { choose: 'backup' })).toMatchObject({
      code: 'PACK_ITEM_CLASS_NOT_ACCEPTED',
      params: { carrier: 'J&T Express', itemClass: 'aerosol' },
    });
    expect(await refused(b.core, 'packComplete', {})).toMatchObject({ code: 'PACK_NOT_ROUTED' });
    expect(b.jnt.requests).toHaveLength(0);
  });
});
