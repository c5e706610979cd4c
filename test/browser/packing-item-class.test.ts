import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importErpCsv } from '../../src/main/packing/erp-import';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { packScan } from './pack-bench-page';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * A battery order at the bench in Chromium: Malaysia's main line is Ninja Van, which takes no
 * batteries, so the ready step shows the BATTERY badge, the backup line and why.
 */
const CSV = [
  'order_ref,sku,product_name,quantity,unit_weight_g,barcode,item_class,recipient_name,address1,city,postcode,country',
  'SO-BAT-1,PWR-10K,Power bank 10000 mAh,1,250,9555000000048,battery,Pembeli Satu,Jalan 1,Shah Alam,40000,MY',
].join('\r\n');

describe('an item class at the packing bench in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let ninja: FakeCarrier;
  let jnt: FakeCarrier;

  beforeAll(async () => {
    ninja = await FakeCarrier.start('NVMY');
    jnt = await FakeCarrier.start('JMY');
    station = await startStation(temp.make('lastmile-item-class-'), {
      packing: {
        booking: httpBooking({ 'ninjavan-my': ninja, 'jnt-my': jnt }),
        timeZone: 'Asia/Kuala_Lumpur',
        bookingTimeoutMs: 2_000,
      },
      beforeServe: async (core) => {
        await signInSupervisor(core, 'setup');
        const env = await core.dispatch(
          'setRoute',
          { country: 'MY', primary: 'ninjavan-my', backup: 'jnt-my' },
          { clientId: 'setup' },
        );
        if (!env.ok) throw new Error(JSON.stringify(env.error));
        core.packing.boxes.save({
          code: 'S2',
          name: 'Small box',
          innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
          tareGrams: 120,
        });
        const report = await importErpCsv(core.db, core.packing.orders, new TextEncoder().encode(CSV), {
          seller: 'acme',
          timeZone: 'Asia/Kuala_Lumpur',
        });
        if (!report.committed) throw new Error(JSON.stringify(report.errors));
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    await page.keyboard.press('F10');
    await page.locator('[data-testid=pack-screen][data-step=scan_order]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await ninja?.close();
    await jnt?.close();
    temp.cleanup();
  });

  it('shows the battery badge, the backup line and the reason at the ready step', async () => {
    expect(await packScan(page, 'SO-BAT-1', SCANNER_DELAY_MS)).toBe('opened');
    expect(await packScan(page, '9555000000048', SCANNER_DELAY_MS)).toBe('allVerified');
    expect(await packScan(page, boxBarcode('S2'), SCANNER_DELAY_MS)).toBe('boxSet');
    expect(await packScan(page, '400', SCANNER_DELAY_MS)).toBe('routed');
    await page.locator('[data-testid=pack-screen][data-step=complete]').waitFor();
    await expect(page.getByTestId('pack-item-class').allTextContents()).resolves.toEqual(['BATTERY']);
    await expect(page.getByTestId('pack-route').getAttribute('data-line')).resolves.toBe('backup');
    await expect(page.getByTestId('pack-route-reason').textContent()).resolves.toBe(
      'Ninja Van does not take batteries. This parcel goes with J&T Express instead.',
    );
    await screenshot(page, 'packing-item-class');
  });
});
