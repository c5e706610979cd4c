import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importErpCsv } from '../../src/main/packing/erp-import';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { CHROMIUM_ARGS } from '../../scripts/ensure-chromium.mjs';
import { countRows } from '../helpers/fixtures-db';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { packFeedback, packPress, packScan, packStep } from './pack-bench-page';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * Serial numbers and the photo before sealing at the packing bench, in Chromium against the
 * station server, by scanner and keys only. Chromium's fake camera (a test pattern) stands in for
 * the bench camera — only this test's browser gets those flags; a plain Chromium, which has no
 * camera, shows the clerk what to do without one.
 */

const HEADER =
  'order_ref,sku,product_name,quantity,unit_weight_g,barcode,serial_required,recipient_name,address1,city,postcode,country';
const TO = 'Pembeli,Jalan Kebun 3,Shah Alam,40000,MY';
const PHONE = '9555000000048';
const CASE = '9555000000055';

describe('serial numbers and the photo before sealing, in Chromium', () => {
  const temp = new TempDirs();
  let camera: Browser;
  let plain: Browser | null = null;
  let station: Station;
  let page: Page;
  let printer: FakePrinter;
  let posmy: FakeCarrier;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-serial-photo-'), {
      packing: { booking: httpBooking({ posmy }), timeZone: 'Asia/Kuala_Lumpur', labelRetryMs: 0 },
      beforeServe: async (core) => {
        await signInSupervisor(core, 'setup');
        const ok = async (name: string, input: unknown) => {
          const env = await core.dispatch(name, input, { clientId: 'setup' });
          if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
        };
        await ok('savePrinter', {
          profile: {
            id: 'pack-zebra',
            name: 'Pack-Zebra',
            language: 'zpl',
            model: 'Zebra ZD421',
            interface: printer.address,
            media: { widthMm: 100, heightMm: 150 },
            dpi: 203,
            fonts: [{ id: '0', scripts: ['latin'] }],
            templates: ['shipping-label', 'packing-slip'],
          },
        });
        await ok('setRoute', { country: 'MY', primary: 'posmy', backup: null });
        await ok('updateSettings', { packPhotoRequired: 'required' });
        core.packing.boxes.save({
          code: 'S2',
          name: 'Small box',
          innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
          tareGrams: 120,
        });
        const csv = [
          HEADER,
          `SN-5001,PHN-X2,Phone X2 128 GB,2,180,${PHONE},yes,${TO}`,
          `SN-5001,CASE-X2,Phone case X2,1,40,${CASE},no,${TO}`,
          `SN-5002,CASE-X2,Phone case X2,1,40,${CASE},no,${TO}`,
        ].join('\r\n');
        const report = await importErpCsv(core.db, core.packing.orders, new TextEncoder().encode(csv), {
          seller: 'acme',
          timeZone: 'Asia/Kuala_Lumpur',
        });
        if (!report.committed) throw new Error(`ERP import: ${JSON.stringify(report.errors)}`);
      },
    });
    camera = await chromium.launch({
      executablePath: inject('chromiumPath'),
      args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    page = await openStation(camera, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    await page.context().grantPermissions(['camera']);
    await page.keyboard.press('F10');
    await packStep(page, 'scan_order');
  });

  afterAll(async () => {
    await plain?.close();
    await camera?.close();
    await station?.close();
    await printer?.close();
    await posmy?.close();
    temp.cleanup();
  });

  it('asks for the serial after a serial-required item; an item scanned as the serial is refused; the serials show on the lines', async () => {
    expect(await packScan(page, 'SN-5001', SCANNER_DELAY_MS)).toBe('opened');
    await packStep(page, 'scan_item');
    const lines = page.getByTestId('pack-line');
    await expect(lines.first().getByTestId('pack-line-serials').textContent()).resolves.toContain('S/N');

    expect(await packScan(page, PHONE)).toBe('serialAsk');
    await packStep(page, 'scan_serial');
    await expect(page.getByTestId('pack-next-title').textContent()).resolves.toBe(
      'Scan the serial number of Phone X2 128 GB',
    );
    // Not counted yet: both phones still to scan.
    await expect(lines.first().getByTestId('pack-line-left').textContent()).resolves.toBe('2');

    // The case's barcode where the serial was asked: refused, the prompt stays.
    expect(await packScan(page, CASE)).toBe('PACK_SERIAL_IS_ITEM');
    await expect(packFeedback(page).textContent()).resolves.toContain(
      'is an item of this order, not a serial number',
    );
    await packStep(page, 'scan_serial');
    await screenshot(page, 'packing-serial');

    expect(await packScan(page, 'R58N91XK2QA', SCANNER_DELAY_MS)).toBe('verified');
    await expect(lines.first().getByTestId('pack-line-left').textContent()).resolves.toBe('1');
    expect(await packScan(page, PHONE)).toBe('serialAsk');
    // The same serial twice is refused.
    expect(await packScan(page, 'R58N91XK2QA', SCANNER_DELAY_MS)).toBe('PACK_SERIAL_DUPLICATE');
    expect(await packScan(page, 'R58N91XK7ZB', SCANNER_DELAY_MS)).toBe('lineDone');
    await expect(lines.first().getByTestId('pack-line-serial').allTextContents()).resolves.toEqual([
      'R58N91XK2QA',
      'R58N91XK7ZB',
    ]);
    // One more phone is not a serial prompt: the line is full.
    expect(await packScan(page, PHONE)).toBe('PACK_LINE_ALREADY_VERIFIED');
    await screenshot(page, 'packing-serial-lines');
    expect(await packScan(page, CASE)).toBe('allVerified');
  });

  it('shows the camera at the ready step, refuses to seal before the photo, C takes it and Enter seals', async () => {
    await packStep(page, 'scan_box');
    expect(await packScan(page, boxBarcode('S2'))).toBe('boxSet');
    expect(await packScan(page, '560')).toBe('routed');
    await packStep(page, 'photo');
    await page.locator('[data-testid=pack-photo][data-camera=on]').waitFor();
    // The preview plays the camera's picture.
    // A string: this file is type-checked without the DOM library.
    await page.waitForFunction(
      `(() => { const v = document.querySelector('[data-testid=pack-photo-preview]'); return v !== null && v.videoWidth > 0 && v.readyState >= 2; })()`,
    );
    expect(await packPress(page, 'Enter')).toBe('hint');
    expect(posmy.bookings()).toHaveLength(0);

    expect(await packPress(page, 'KeyC')).toBe('photoTaken');
    await page.locator('[data-testid=pack-photo][data-taken=true]').waitFor();
    await packStep(page, 'complete');
    await expect(page.getByTestId('pack-photo-state').textContent()).resolves.toMatch(
      /^Photo stored \(\d+×\d+\)$/,
    );
    await screenshot(page, 'packing-photo');

    const row = station.core.db
      .prepare<[], { sha256: string; mime_type: string; width: number }>(
        'SELECT sha256, mime_type, width FROM qc_photos',
      )
      .get();
    expect(row?.mime_type).toBe('image/jpeg');
    expect(fs.existsSync(station.core.qc.photos.pathOf(row?.sha256 ?? ''))).toBe(true);

    expect(await packPress(page, 'Enter')).toBe('packed');
    const pkg = station.core.db
      .prepare<[], { photo_sha256: string | null; serials: string }>(
        `SELECT photo_sha256, serials FROM pack_packages WHERE state = 'packed'`,
      )
      .get();
    expect(pkg?.photo_sha256).toBe(row?.sha256);
    expect(JSON.parse(pkg?.serials ?? '[]')).toEqual(['R58N91XK2QA', 'R58N91XK7ZB']);
    expect(countRows(station.core.db, 'qc_photos')).toBe(1);
  });

  it('lists the serials in the shift summary', async () => {
    await packStep(page, 'scan_order');
    await page.keyboard.press('KeyS');
    await packStep(page, 'summary');
    const row = page.getByTestId('pack-summary-serial-row');
    await row.first().waitFor();
    await expect(row.first().textContent()).resolves.toContain('R58N91XK2QA, R58N91XK7ZB');
    await page.keyboard.press('KeyP');
    await packStep(page, 'scan_order');
  });

  it('without a camera the bench says so and what to do; the photo is not taken', async () => {
    plain = await launchChromium();
    const bare = await openStation(plain, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    await bare.context().grantPermissions(['camera']);
    await bare.keyboard.press('F10');
    await packStep(bare, 'scan_order');
    expect(await packScan(bare, 'SN-5002', SCANNER_DELAY_MS)).toBe('opened');
    expect(await packScan(bare, CASE)).toBe('allVerified');
    expect(await packScan(bare, boxBarcode('S2'))).toBe('boxSet');
    expect(await packScan(bare, '180')).toBe('routed');
    await packStep(bare, 'photo');
    const problem = bare.getByTestId('pack-photo-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toMatch(
      /ask a supervisor to switch off “Photo before sealing”/,
    );
    expect(await packPress(bare, 'KeyC')).toBe('hint');
    await expect(packFeedback(bare).textContent()).resolves.toContain('No camera picture');
    await screenshot(bare, 'packing-photo-no-camera');
    expect(countRows(station.core.db, 'qc_photos')).toBe(1);
    await bare.close();
  });
});
