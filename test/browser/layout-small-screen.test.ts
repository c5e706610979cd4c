import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importErpCsv } from '../../src/main/packing/erp-import';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { readyPackPrinter, saveSmallBox } from '../helpers/packing/pack-bench';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { TempDirs } from '../helpers/temp-dir';
import { addBins, addReturn } from '../integration/returns/qc-fixtures';
import { SMALL_SCREENS, unseen, type ScreenSize } from './fits-viewport';
import { openPackBench, packStep, pressAndWait, scanAndWait } from './pack-screen';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * Every packing step, the QC bench and the supervisor's tabs on the laptops packing tables have
 * (1366×768 and 1280×720): the big instruction and every key the step offers are wholly on
 * screen — not scrolled away, cut or covered — even with an order of many lines.
 */

const SETUP = { clientId: 'setup' };
const HEADER =
  'order_ref,sku,product_name,quantity,unit_weight_g,barcode,serial_required,item_class,recipient_name,address1,city,postcode,country,ship_by';
/** Due in a day: the order head carries its deadline too. */
const TO = `Nur Aisyah binti Abdullah,Jalan Kebun Bunga 3,Shah Alam,40000,MY,${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`;
const PHONE = '9555000000048';
/** Six more lines after the phone: a long order, whose lines must scroll, not push the keys away. */
const OTHERS = [
  ['CASE-X2', 'Phone case X2 clear silicone', '9555000000055', ''],
  ['CBL-C2', 'USB-C cable 2 m braided', '9555000000062', ''],
  ['CHG-65', 'Charger 65 W GaN two ports', '9555000000079', ''],
  // Both lines take liquids: the ready step names it and still offers the other line.
  ['CLN-100', 'Screen cleaning fluid 100 ml', '9555000000086', 'liquid'],
  ['BUD-P3', 'Wireless earbuds P3 with charging case', '9555000000093', ''],
  ['STD-AL', 'Aluminium phone stand adjustable', '9555000000109', ''],
] as const;

const RETURN_TRACKING = 'TRKLAYOUT0001';
const EARBUDS = { sku: 'SKU-EARBUDS-W', barcode: '8850001000033', category: 'electronics', price: '1365' };

const orderRef = (size: ScreenSize, n: number) => `SO-${size.width}-${n}`;

function erpCsv(): string {
  const rows = [HEADER];
  for (const size of SMALL_SCREENS) {
    const long = orderRef(size, 1);
    rows.push(`${long},PHN-X2,Phone X2 128 GB midnight black,1,180,${PHONE},yes,,${TO}`);
    for (const [sku, name, barcode, cls] of OTHERS)
      rows.push(`${long},${sku},${name},1,60,${barcode},no,${cls},${TO}`);
    // Packed while J&T is down: the bench waits for its label.
    rows.push(`${orderRef(size, 2)},CASE-X2,Phone case X2 clear silicone,1,60,${OTHERS[0][2]},no,,${TO}`);
  }
  return rows.join('\r\n') + '\r\n';
}

describe('bench screens on small laptop screens', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let printer: FakePrinter;
  let jnt: FakeCarrier;
  let posmy: FakeCarrier;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    jnt = await FakeCarrier.start('JMY');
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-layout-'), {
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
      beforeServe: async (core) => {
        await readyPackPrinter(core, SETUP, printer.address);
        const env = await core.dispatch(
          'setRoute',
          { country: 'MY', primary: 'jnt-my', backup: 'posmy' },
          SETUP,
        );
        if (!env.ok) throw new Error(`setRoute: ${JSON.stringify(env.error)}`);
        await saveSmallBox(core);
        const report = await importErpCsv(core.db, core.packing.orders, new TextEncoder().encode(erpCsv()), {
          seller: 'acme',
          timeZone: 'Asia/Kuala_Lumpur',
        });
        if (!report.committed) throw new Error(`ERP import: ${JSON.stringify(report.errors.slice(0, 3))}`);
        addBins(core);
        addReturn(core, {
          tracking: RETURN_TRACKING,
          buyer: 'Nattaya Srisuk',
          items: [
            EARBUDS,
            { sku: 'SKU-TSHIRT-M-BLK', barcode: '8850001000019', category: 'apparel', price: '250' },
          ],
        });
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await printer?.close();
    await jnt?.close();
    await posmy?.close();
    temp.cleanup();
  });

  for (const size of SMALL_SCREENS) {
    describe(`at ${size.width}×${size.height}`, () => {
      let page: Page;
      const tag = `${size.width}x${size.height}`;

      beforeAll(async () => {
        page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
        await page.setViewportSize(size);
      });

      afterAll(async () => {
        await page?.context().close();
      });

      /** The step's instruction and each of its key hints, wholly on screen; a screenshot to look at. */
      async function fits(step: string, selectors: string[]): Promise<void> {
        await screenshot(page, `layout-${tag}-${step}`);
        for (const selector of selectors) {
          expect(await unseen(page, selector), `${step}: ${selector}`).toEqual([]);
        }
      }
      const packFits = (step: string) =>
        fits(`pack-${step}`, ['[data-testid=pack-next-title]', '[data-testid=pack-next] .hints .hint']);

      it('shows the instruction and every key of every packing step, a long order included', async () => {
        await openPackBench(page);
        await packFits('1-scan-order');

        expect(await scanAndWait(page, orderRef(size, 1), SCANNER_DELAY_MS)).toBe('opened');
        await packStep(page, 'scan_item');
        await packFits('2-verify-items');

        expect(await scanAndWait(page, PHONE)).toBe('serialAsk');
        await packStep(page, 'scan_serial');
        await packFits('3-serial');
        expect(await scanAndWait(page, `R58N${size.width}QA`, SCANNER_DELAY_MS)).toBe('lineDone');
        // Started with items left: the split key joins the row.
        await packFits('3b-verify-started');

        for (const [sku, , barcode] of OTHERS.slice(0, -1)) {
          expect(await scanAndWait(page, barcode)).toBe('lineDone');
          // The line just counted is in view, however far down the long order it is.
          const line = `[data-testid=pack-line][data-sku=${sku}]`;
          await expect.poll(() => unseen(page, line, { mayScroll: true }), { message: line }).toEqual([]);
        }
        expect(await scanAndWait(page, OTHERS.at(-1)![2])).toBe('allVerified');
        await packStep(page, 'scan_box');
        await packFits('4-box');
        expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
        await packStep(page, 'weigh');
        await packFits('5-weigh');

        expect(await scanAndWait(page, '760')).toBe('routed');
        await packStep(page, 'complete');
        // Enter, the other line, put aside: the row that lost "A" off the edge.
        await packFits('6-ready');
        expect(await pressAndWait(page, 'Enter')).toBe('packed');
        await packStep(page, 'scan_order');
        await packFits('7-packed');
      });

      it('shows the keys while a parcel waits for its label', async () => {
        jnt.mode = 'down';
        try {
          expect(await scanAndWait(page, orderRef(size, 2), SCANNER_DELAY_MS)).toBe('opened');
          expect(await scanAndWait(page, OTHERS[0][2])).toBe('allVerified');
          expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
          expect(await scanAndWait(page, '190')).toBe('routed');
          expect(await pressAndWait(page, 'Enter')).toBe('awaitingLabel');
          await packStep(page, 'scan_order');
          await page.getByTestId('pack-last-label').waitFor();
          await fits('pack-8-waiting-label', [
            '[data-testid=pack-next-title]',
            '[data-testid=pack-last-label]',
            '[data-testid=pack-next] .hints .hint',
          ]);
        } finally {
          jnt.mode = 'up';
        }
      });

      it('shows every key of the handover and the shift summary', async () => {
        await page.keyboard.press('KeyH');
        await packStep(page, 'pick_carrier');
        await page.getByTestId('pack-carriers').locator('li').first().waitFor();
        await fits('pack-9-pick-carrier', [
          '[data-testid=pack-next-title]',
          '[data-testid=pack-next] .hints .hint',
          '[data-testid=pack-carriers] li',
        ]);
        const names = await page
          .getByTestId('pack-carriers')
          .locator('li')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-carrier')));
        await page.keyboard.press(`Digit${names.indexOf('jnt-my') + 1}`);
        await packStep(page, 'scan_parcel');
        const tracking = jnt.bookings().at(-1)!.trackingNumber;
        expect(await scanAndWait(page, tracking)).toBe('parcelAdded');
        await packFits('10-scan-parcel');
        await page.keyboard.press('Enter');
        await packStep(page, 'driver');
        await page.getByTestId('pack-driver').waitFor();
        await page.keyboard.type('Ahmad bin Ismail');
        await packFits('11-driver');
        await page.keyboard.press('Enter');
        await packStep(page, 'closed');
        await packFits('12-manifest-closed');
        await page.keyboard.press('KeyP');
        await packStep(page, 'scan_order');
        await page.keyboard.press('KeyS');
        await packStep(page, 'summary');
        await page.getByTestId('pack-summary-orders').waitFor();
        await packFits('13-summary');
        await page.keyboard.press('KeyP');
        await packStep(page, 'scan_order');
      });

      it('shows all eight supervisor tabs and the PgUp / PgDn hint', async () => {
        await page.keyboard.press('F9');
        await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
        await fits('supervisor-tabs', ['.tabs [role=tab]', '.tabs .tabs-hint']);
        expect(await page.locator('.tabs [role=tab]').count()).toBe(8);
      });
    });
  }

  it('keeps the big type big on a 1920×1080 monitor', async () => {
    const page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await openPackBench(page);
      await screenshot(page, 'layout-1920x1080-pack-scan-order');
      // A string: this file is type-checked without the DOM library.
      const px = (selector: string) =>
        page.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('${selector}')).fontSize)`);
      expect(await px('[data-testid=pack-next-title]')).toBeGreaterThanOrEqual(40);
      expect(await px('[data-testid=pack-next] .hints')).toBeGreaterThanOrEqual(22);
      expect(await unseen(page, '[data-testid=pack-next] .hints .hint')).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  describe('the QC bench (one parcel, each step looked at on both screens)', () => {
    let page: Page;

    beforeAll(async () => {
      page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
      await page.keyboard.press('F1');
      await page.locator('[data-testid=next-step][data-step=scan_parcel]').waitFor();
    });

    afterAll(async () => {
      await page?.context().close();
    });

    /** The bench's one parcel is station-wide: every step is looked at on each screen in turn. */
    async function fitsEverywhere(step: string, selectors: string[]): Promise<void> {
      for (const size of SMALL_SCREENS) {
        await page.setViewportSize(size);
        await screenshot(page, `layout-${size.width}x${size.height}-qc-${step}`);
        for (const selector of selectors) {
          expect(await unseen(page, selector), `${size.width}: ${step}: ${selector}`).toEqual([]);
        }
      }
    }
    const keys = ['[data-testid=next-title]', '[data-testid=next-step] .hints .hint'];
    /** A key (Enter) or a command barcode, then the step it leads to. */
    async function to(input: string, step: string): Promise<void> {
      if (input === 'Enter') await page.keyboard.press('Enter');
      else {
        await page.keyboard.type(input, { delay: SCANNER_DELAY_MS });
        await page.keyboard.press('Enter');
      }
      await page.locator(`[data-testid=next-step][data-step=${step}]`).waitFor();
    }

    it('shows the instruction, the numbered choices and every key of each step', async () => {
      await fitsEverywhere('1-scan-parcel', keys);
      await page.keyboard.type(RETURN_TRACKING, { delay: SCANNER_DELAY_MS });
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=next-step][data-step=condition]').waitFor();
      await fitsEverywhere('2-condition', [...keys, '[data-testid=options] li']);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=next-step][data-step=scan_item]').waitFor();
      await fitsEverywhere('3-scan-item', keys);
      await page.keyboard.type(EARBUDS.barcode, { delay: SCANNER_DELAY_MS });
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=next-step][data-step=serial]').waitFor();
      await fitsEverywhere('4-serial', keys);
      await to('Enter', 'checklist');
      await fitsEverywhere('5-checklist', keys);
      for (const [i, answer] of ['QC-YES', 'QC-YES', 'QC-YES', 'QC-YES', 'QC-NO'].entries()) {
        await to(answer, i === 4 ? 'reason' : 'checklist');
      }
      await fitsEverywhere('6-reason', [...keys, '[data-testid=options] li']);
      await to('Enter', 'photos');
      await fitsEverywhere('7-photos', keys);
      await to('Enter', 'disposition');
      await fitsEverywhere('8-disposition', keys);
      await to('Enter', 'bin');
      await fitsEverywhere('9-bin', keys);
    });
  });
});
