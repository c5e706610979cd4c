import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { importErpCsv } from '../../../src/main/packing/erp-import';
import { PACK_PHOTO_MAX_BYTES } from '../../../src/shared/calls/packing';
import type { PackSession, PackShiftSummary } from '../../../src/shared/packing/pack-views';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../../helpers/packing/fake-carrier';
import { tinyJpeg } from '../../helpers/packing/tiny-jpeg';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { png } from '../returns/qc-fixtures';
import { benchCalls, readyPackPrinter, saveSmallBox } from '../../helpers/packing/pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

const HEADER =
  'order_ref,sku,product_name,quantity,barcode,serial_required,recipient_name,address1,city,postcode,country';
const ADDRESS = 'Siti Rahman,8 Jalan Ampang,Kuala Lumpur,50450,MY';

/**
 * Serial numbers and the sealing photo through the contract, on a real SQLite file and data
 * folder: an ERP file marks a line serial-required, the bench refuses a unit without its serial,
 * an item scanned as a serial, a serial twice, and a seal with one missing; the photo is stored
 * once by its hash and sealing waits for it while the station requires one.
 */
describe('packing: serial numbers and the photo before sealing', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  const { call, pack, refused } = benchCalls(BENCH, 'act');

  async function bench() {
    const printer = await FakePrinter.start();
    const posmy = await FakeCarrier.start('EP');
    const { core } = makeTestCore(dirs.make(), {
      now: T0,
      printing: { backoff: { baseMs: 20, capMs: 100 } },
      packing: { booking: httpBooking({ posmy }), timeZone: 'Asia/Kuala_Lumpur', labelRetryMs: 0 },
    });
    cleanups.push(
      () => printer.close(),
      () => posmy.close(),
      () => core.close(),
    );
    await readyPackPrinter(core, SUPERVISOR, printer.address);
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: 'posmy', backup: null });
    await saveSmallBox(core);
    return { core, posmy };
  }

  const item = (code: string, serial?: string) => ({
    code,
    source: 'scanner',
    ...(serial !== undefined ? { serial } : {}),
  });
  async function weighAndRoute(core: Core) {
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '900 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    await pack(core, 'packRoute', {});
  }
  const packageOf = (core: Core, orderRef: string) =>
    core.db
      .prepare<[string], { serials: string; photo_sha256: string | null; state: string }>(
        `SELECT p.serials, p.photo_sha256, p.state FROM pack_packages p
         JOIN outbound_orders o ON o.id = p.order_id WHERE o.external_id = ?`,
      )
      .get(orderRef);

  it('counts a serial-required unit only with its serial; an item as serial and a serial twice are refused; serials reach the package and the shift', async () => {
    const { core, posmy } = await bench();
    const csv = [
      HEADER,
      `ACME-7001,ACME-PHONE,Phone X2,2,9555123400024,yes,${ADDRESS}`,
      `ACME-7001,ACME-CASE,Phone case,1,9555123400031,,${ADDRESS}`,
    ].join('\n');
    const imported = await importErpCsv(core.db, core.packing.orders, Buffer.from(csv), {
      seller: 'acme',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    expect(imported.errors).toEqual([]);
    const bad = await importErpCsv(
      core.db,
      core.packing.orders,
      Buffer.from([HEADER, `ACME-7002,ACME-PHONE,Phone X2,1,,maybe,${ADDRESS}`].join('\n')),
      { seller: 'acme', timeZone: 'Asia/Kuala_Lumpur' },
    );
    expect(bad.errors).toMatchObject([{ line: 2, column: 'serial_required', code: 'invalid_value' }]);

    const opened = await pack<PackSession>(core, 'packOpen', { code: 'ACME-7001', source: 'scanner' });
    expect(opened.lines.map((l) => [l.sku, l.serialRequired])).toEqual([
      ['ACME-PHONE', true],
      ['ACME-CASE', false],
    ]);

    // The unit does not count without its serial: the screen asks for it.
    expect(await refused(core, 'packScanItem', item('9555123400024'))).toMatchObject({
      code: 'PACK_SERIAL_REQUIRED',
      params: { sku: 'ACME-PHONE', missing: 1 },
    });
    // The case's barcode scanned where the serial was asked for is an item, not a serial.
    expect(await refused(core, 'packScanItem', item('9555123400024', '9555123400031'))).toMatchObject({
      code: 'PACK_SERIAL_IS_ITEM',
      params: { scanned: '9555123400031' },
    });
    expect((await refused(core, 'packScanItem', item('9555123400024', 'acme-phone'))).code).toBe(
      'PACK_SERIAL_IS_ITEM',
    );
    const first = await pack<{ session: PackSession; remaining: number }>(
      core,
      'packScanItem',
      item('9555123400024', 'SN-4471-A'),
    );
    expect(first.remaining).toBe(1);
    expect(first.session.lines[0]?.serials).toEqual(['SN-4471-A']);
    expect(await refused(core, 'packScanItem', item('9555123400024', 'SN-4471-A'))).toMatchObject({
      code: 'PACK_SERIAL_DUPLICATE',
      params: { serial: 'SN-4471-A' },
    });
    await pack(core, 'packScanItem', item('ACME-PHONE', 'SN-4471-B'));
    const last = await pack<{ allVerified: boolean; session: PackSession }>(
      core,
      'packScanItem',
      item('9555123400031'),
    );
    expect(last.allVerified).toBe(true);
    expect(last.session.lines.map((l) => l.serials)).toEqual([['SN-4471-A', 'SN-4471-B'], []]);

    await weighAndRoute(core);
    const done = await pack<{ state: string; trackingNumber: string }>(core, 'packComplete', {});
    expect(done.state).toBe('packed');
    expect(JSON.parse(packageOf(core, 'ACME-7001')?.serials ?? '[]')).toEqual(['SN-4471-A', 'SN-4471-B']);
    expect(posmy.bookings()).toHaveLength(1);

    const shift = await call<PackShiftSummary>(core, 'packShiftSummary', BENCH, { scope: 'station' });
    expect(shift.serials).toEqual([
      {
        orderRef: 'ACME-7001',
        packageNo: 1,
        trackingNumber: done.trackingNumber,
        serials: ['SN-4471-A', 'SN-4471-B'],
      },
    ]);
  });

  it('refuses to seal while a serial-required unit has no serial, and books nothing', async () => {
    const { core, posmy } = await bench();
    await core.packing.orders.upsertMany([erpLampOrder('ACME-7101', T0)]);
    await pack(core, 'packOpen', { code: 'ACME-7101', source: 'scanner' });
    await pack(core, 'packScanItem', item('9555123400017'));
    await weighAndRoute(core);
    // The seller's rule changes while the lamp is on the bench (its units were counted without serials).
    core.db
      .prepare(
        `UPDATE outbound_order_lines SET serial_required = 1 WHERE order_id =
           (SELECT id FROM outbound_orders WHERE external_id = 'ACME-7101')`,
      )
      .run();
    expect(await refused(core, 'packComplete', {})).toMatchObject({
      code: 'PACK_SERIAL_REQUIRED',
      params: { sku: 'ACME-LAMP', missing: 1 },
    });
    expect(posmy.requests).toHaveLength(0);
    expect(packageOf(core, 'ACME-7101')?.state).toBe('packing');
  });

  it('stores the photo once by its SHA-256 and seals only with it while the station requires one', async () => {
    const { core, posmy } = await bench();
    await call(core, 'updateSettings', SUPERVISOR, { packPhotoRequired: 'required' });
    await core.packing.orders.upsertMany([erpLampOrder('ACME-7201', T0), erpLampOrder('ACME-7202', T0)]);
    const opened = await pack<PackSession>(core, 'packOpen', { code: 'ACME-7201', source: 'scanner' });
    expect(opened).toMatchObject({ photoRequired: true, photo: null });
    await pack(core, 'packScanItem', item('9555123400017'));
    await weighAndRoute(core);

    expect(await refused(core, 'packComplete', {})).toMatchObject({
      code: 'PACK_PHOTO_REQUIRED',
      params: { orderRef: 'ACME-7201' },
    });
    expect(posmy.requests).toHaveLength(0);

    // Only a JPEG from the camera: a PNG is refused and nothing is stored.
    expect((await refused(core, 'packPhoto', { dataBase64: png(3).toString('base64') })).code).toBe(
      'PHOTO_NOT_IMAGE',
    );
    // Over the limit: refused by the contract's size check, or by the station just past it.
    const oversize = (bytes: number) => {
      const big = Buffer.alloc(bytes, 7);
      tinyJpeg(2).copy(big);
      return big.toString('base64');
    };
    expect(
      await refused(core, 'packPhoto', { dataBase64: oversize(PACK_PHOTO_MAX_BYTES + 10) }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      params: { field: 'dataBase64' },
    });
    expect(
      await refused(core, 'packPhoto', { dataBase64: oversize(PACK_PHOTO_MAX_BYTES + 2) }),
    ).toMatchObject({
      code: 'PHOTO_TOO_LARGE',
      params: { bytes: PACK_PHOTO_MAX_BYTES + 2, max: PACK_PHOTO_MAX_BYTES },
    });
    expect(countRows(core.db, 'qc_photos')).toBe(0);
    expect(fs.existsSync(core.qc.photos.dir)).toBe(false);

    const jpeg = tinyJpeg(1, 1280, 720);
    const sha = createHash('sha256').update(jpeg).digest('hex');
    const taken = await pack<{ session: PackSession }>(core, 'packPhoto', {
      dataBase64: jpeg.toString('base64'),
    });
    expect(taken.session.photo).toEqual({ sha256: sha, width: 1280, height: 720 });
    const file = core.qc.photos.pathOf(sha);
    expect(file.startsWith(core.dataDir)).toBe(true);
    expect(fs.readFileSync(file).equals(jpeg)).toBe(true);
    const inode = fs.statSync(file).ino;
    // Taken again (the clerk pressed C twice on the same frame): one file, one row.
    await pack(core, 'packPhoto', { dataBase64: jpeg.toString('base64') });
    expect(fs.statSync(file).ino).toBe(inode);
    expect(countRows(core.db, 'qc_photos')).toBe(1);

    const done = await pack<{ state: string }>(core, 'packComplete', {});
    expect(done.state).toBe('packed');
    expect(packageOf(core, 'ACME-7201')?.photo_sha256).toBe(sha);

    // The supervisor switches the photo off: the next parcel seals without one.
    await call(core, 'updateSettings', SUPERVISOR, { packPhotoRequired: 'none' });
    const next = await pack<PackSession>(core, 'packOpen', { code: 'ACME-7202', source: 'scanner' });
    expect(next.photoRequired).toBe(false);
    await pack(core, 'packScanItem', item('9555123400017'));
    await weighAndRoute(core);
    expect((await pack<{ state: string }>(core, 'packComplete', {})).state).toBe('packed');
    expect(packageOf(core, 'ACME-7202')?.photo_sha256).toBeNull();
    expect(posmy.bookings()).toHaveLength(2);
  });
});
