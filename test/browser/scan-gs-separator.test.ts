import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

const GS = '\u001d';
const SSCC = '340123450000000000';

async function waitForPanel(page: Page, kind: string): Promise<void> {
  await page.locator(`[data-testid=scan-panel][data-kind=${kind}]`).waitFor();
}

/**
 * The GS separator of GS1 strings, as real keystrokes in Chromium: F8 (some Zebra models) and
 * Ctrl+] (the ASCII control key). Before the fix a known code with a GS became "unknown" and the
 * GS showed as a blank box.
 */
describe('a GS separator from the scanner', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let tracking: string;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-browser-gs-'), {
      demoParcels: 60,
      beforeServe: (core) =>
        insertParcel(core.db, { id: 'P-SSCC', trackingNumber: SSCC, carrier: 'dhl_parcel' }),
    });
    const row = station.core.db
      .prepare<[], { t: string }>(
        'SELECT return_tracking_number AS t FROM return_orders WHERE return_tracking_number IS NOT NULL LIMIT 1',
      )
      .get();
    if (!row) throw new Error('demo data has no return');
    tracking = row.t;
    browser = await launchChromium();
    page = await openStation(browser, station);
    // The Scan screen (F2); Returns QC is the first screen.
    await page.keyboard.press('F2');
    await waitForPanel(page, 'idle');
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  const codeOfLastScan = () =>
    station.core.db
      .prepare<[], { code: string; outcome: string }>(
        'SELECT code, outcome FROM scans ORDER BY id DESC LIMIT 1',
      )
      .get();

  it('after a known return tracking number (F8 then Enter) still finds the return', async () => {
    await page.keyboard.type(tracking, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('F8');
    await page.keyboard.press('Enter');
    await waitForPanel(page, 'found');
    expect(codeOfLastScan()).toEqual({ code: tracking, outcome: 'return_order' });
  });

  it('inside a GS1 logistics label (Ctrl+]) finds the parcel by the SSCC in it', async () => {
    await page.keyboard.type(`00${SSCC}`, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Control+]');
    await page.keyboard.type('42010001', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await waitForPanel(page, 'found');
    await expect(page.getByTestId('tracking-number').textContent()).resolves.toBe(SSCC);
    expect(codeOfLastScan()).toEqual({ code: `00${SSCC}${GS}42010001`, outcome: 'parcel' });
    // The recent list shows the separator as a visible token, not as nothing.
    await page.getByTestId('recent-scans').getByText(`00${SSCC}‹GS›42010001`).waitFor();
    await screenshot(page, 'scan-gs1-sscc');
  });

  it('in a GS1 string that names nothing here is kept, recorded and shown as ‹GS›', async () => {
    await page.keyboard.type('0109501101530003', { delay: SCANNER_DELAY_MS });
    await page.keyboard.type('10LOT7', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('F8');
    await page.keyboard.type('21SN42', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await waitForPanel(page, 'unknown');
    await expect(page.getByTestId('unknown-code').textContent()).resolves.toBe(
      '010950110153000310LOT7‹GS›21SN42',
    );
    expect(codeOfLastScan()).toEqual({ code: `010950110153000310LOT7${GS}21SN42`, outcome: 'unknown' });
    await screenshot(page, 'scan-gs1-unknown');
  });
});
