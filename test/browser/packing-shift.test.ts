import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteConnectorState } from '../../src/main/carriers/sqlite-state';
import { importErpCsv } from '../../src/main/packing/erp-import';
import { ManualClock } from '../../src/main/clock';
import { CIRCUIT_DOWN_SINCE_KEY } from '../../src/main/sync/circuit-memory';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { signInSupervisor } from '../helpers/session';
import { saveSmallBox } from '../helpers/packing/pack-bench';
import { TempDirs } from '../helpers/temp-dir';
import { openPackBench, packFeedback, packStep, pressAndWait, scanAndWait } from './pack-screen';
import {
  SCANNER_DELAY_MS,
  backgroundColor,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * A morning at the packing bench in Chromium against the station server, by scanner and Enter
 * only: 50 orders from a seller's ERP (some multi-item, one wrong item, one split), an offline
 * stretch where J&T is down (a packing slip at once, the label when J&T is back), one parcel on the
 * backup line while J&T's circuit has been open too long, then the J&T driver's manifest closed
 * with one parcel left behind, and the shift summary.
 */

const ORDERS = 50;
/** Orders with two lines (a mug ×2 and a plate); every 7th. */
const multi = (i: number) => i % 7 === 3;
const WRONG_AT = 2;
const SPLIT_AT = 10;
const OFFLINE = [20, 21, 22];
const FAILOVER_AT = 30;
/** The J&T parcel the driver does not get (scanned onto no manifest). */
const LEFT_BEHIND_AT = 40;

const ref = (i: number) => `SO-${String(1000 + i)}`;

/** Wednesday 2 December 2026, 10:00 in Kuala Lumpur: a working morning, so the late risk is fixed. */
const T0 = Date.UTC(2026, 11, 2, 2, 0);
/** What the packer takes per order, on the station's clock (the summary's minutes per order). */
const MINUTES_PER_ORDER = 1;

/** A time as the ERP file writes it, in Kuala Lumpur's offset. */
const klTime = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16) + '+08:00';

function erpCsv(now: number): string {
  const rows = [
    'order_ref,sku,product_name,quantity,unit_weight_g,barcode,recipient_name,address1,city,postcode,country,ship_by',
  ];
  for (let i = 0; i < ORDERS; i++) {
    // Late, at risk and on time: a deadline an hour ago, in an hour and a half, or tomorrow.
    const when = klTime(now + (i % 10 === 0 ? -3_600_000 : i % 5 === 1 ? 5_400_000 : 86_400_000));
    const order = `${ref(i)},%s,%s,%s,%s,%s,Pembeli ${i},Jalan ${i},Shah Alam,40000,MY,${when}`;
    const line = (sku: string, name: string, qty: number, grams: number, barcode: string) =>
      order
        .replace('%s', sku)
        .replace('%s', name)
        .replace('%s', String(qty))
        .replace('%s', String(grams))
        .replace('%s', barcode);
    if (multi(i) || i === SPLIT_AT) {
      rows.push(line('MUG-350', 'Ceramic mug 350 ml', 2, 300, '9555000000017'));
      rows.push(line('PLT-22', 'Dinner plate 22 cm', 1, 450, '9555000000024'));
    } else {
      rows.push(line('TEA-50', 'Jasmine tea 50 g', 1, 60, '9555000000031'));
    }
  }
  return rows.join('\r\n') + '\r\n';
}

describe('a packing shift in Chromium against the station server', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let printer: FakePrinter;
  let jnt: FakeCarrier;
  let posmy: FakeCarrier;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    printer = await FakePrinter.start();
    jnt = await FakeCarrier.start('JMY');
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-packing-'), {
      clock,
      printing: { backoff: { baseMs: 50, capMs: 200 } },
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        // The label of a parcel packed offline is fetched again every half second.
        labelRetryMs: 500,
        bookingTimeoutMs: 2_000,
      },
      beforeServe: async (core) => {
        await signInSupervisor(core, 'setup');
        const who = { clientId: 'setup' };
        const ok = async (name: string, input: unknown) => {
          const env = await core.dispatch(name, input, who);
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
        await ok('setRoute', { country: 'MY', primary: 'jnt-my', backup: 'posmy' });
        await saveSmallBox(core);
        const report = await importErpCsv(
          core.db,
          core.packing.orders,
          new TextEncoder().encode(erpCsv(core.clock.now())),
          { seller: 'acme', timeZone: 'Asia/Kuala_Lumpur' },
        );
        if (!report.committed) throw new Error(`ERP import: ${JSON.stringify(report.errors.slice(0, 3))}`);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    await openPackBench(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await printer?.close();
    await jnt?.close();
    await posmy?.close();
    temp.cleanup();
  });

  /** The sealing Enter, the package having been open for the packer's minutes. */
  function seal(): Promise<string> {
    clock.advance(MINUTES_PER_ORDER * 60_000);
    return pressAndWait(page, 'Enter');
  }

  /** Packs order i from its scan to the sealing Enter; returns the final answer's kind. */
  async function packOrder(i: number, screenshots = false): Promise<string> {
    const shot = async (name: string) => (screenshots ? screenshot(page, `packing-${name}`) : undefined);
    expect(await scanAndWait(page, ref(i), SCANNER_DELAY_MS)).toBe('opened');
    await packStep(page, 'scan_item');
    await shot('2-order-lines');
    const codes = multi(i) ? ['9555000000017', '9555000000017', '9555000000024'] : ['9555000000031'];
    for (const [n, code] of codes.entries()) {
      const kind = await scanAndWait(page, code);
      expect(['verified', 'lineDone', 'allVerified']).toContain(kind);
      if (n === 0) await shot('3-item-counted-down');
    }
    await packStep(page, 'scan_box');
    await shot('5-box');
    expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
    await packStep(page, 'weigh');
    const grams = multi(i) ? '1210' : '190';
    expect(await scanAndWait(page, grams)).toBe('routed');
    await packStep(page, 'complete');
    await shot('6-route');
    return seal();
  }

  it('lists the queue by deadline with the late and at-risk orders marked, and asks for the order first', async () => {
    const rows = page.getByTestId('pack-queue-row');
    await rows.first().waitFor();
    // Late first, then at risk, then by deadline.
    const risks = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-risk')));
    expect(risks.slice(0, 5)).toEqual(['late', 'late', 'late', 'late', 'late']);
    expect(risks.indexOf('at_risk')).toBeGreaterThan(risks.lastIndexOf('late'));
    await expect(page.getByTestId('pack-queue-risk').textContent()).resolves.toMatch(/5 late · 10 at risk/);
    await expect(page.getByTestId('pack-first').getAttribute('data-risk')).resolves.toBe('late');
    await screenshot(page, 'packing-1-queue');
    // Enter with nothing scanned says what to do, and sends nothing.
    expect(await pressAndWait(page, 'Enter')).toBe('hint');
  });

  it('packs the first orders; a wrong item is refused in red and changes no count', async () => {
    for (let i = 0; i < WRONG_AT; i++) expect(await packOrder(i)).toBe('packed');
    await printer.waitForJobs(WRONG_AT);

    expect(await scanAndWait(page, ref(WRONG_AT), SCANNER_DELAY_MS)).toBe('opened');
    const left = () => page.getByTestId('pack-line-left').allTextContents();
    const before = await left();
    expect(await scanAndWait(page, '4006381333931')).toBe('PACK_WRONG_ITEM');
    await expect(backgroundColor(packFeedback(page))).resolves.toBe('rgb(168, 32, 26)');
    await expect(packFeedback(page).textContent()).resolves.toContain('WRONG ITEM');
    expect(await left()).toEqual(before);
    await screenshot(page, 'packing-4-wrong-item');
    // The right item goes on as if nothing happened.
    expect(await scanAndWait(page, '9555000000031')).toBe('allVerified');
    expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
    expect(await scanAndWait(page, '190')).toBe('routed');
    expect(await seal()).toBe('packed');
    await screenshot(page, 'packing-7-packed');
  });

  it('splits an order: the plate goes in a second parcel, packed right after', async () => {
    // Order 3 has two mugs and a plate: its lines count down on the screenshots.
    for (let i = WRONG_AT + 1; i < SPLIT_AT; i++) expect(await packOrder(i, i === 3)).toBe('packed');
    expect(await scanAndWait(page, ref(SPLIT_AT), SCANNER_DELAY_MS)).toBe('opened');
    expect(await scanAndWait(page, '9555000000017')).toBe('verified');
    expect(await scanAndWait(page, '9555000000017')).toBe('lineDone');
    await screenshot(page, 'packing-8-before-split');
    expect(await pressAndWait(page, 'KeyX')).toBe('split');
    await packStep(page, 'scan_box');
    expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
    expect(await scanAndWait(page, '720')).toBe('routed');
    expect(await seal()).toBe('packed');
    // The second package: open it (the core may already have), scan the plate, seal.
    if (await page.locator('[data-testid=pack-screen][data-step=scan_order]').count()) {
      expect(await scanAndWait(page, ref(SPLIT_AT), SCANNER_DELAY_MS)).toBe('opened');
    }
    await expect(page.getByTestId('pack-order').textContent()).resolves.toContain('#2');
    expect(await scanAndWait(page, '9555000000024')).toBe('allVerified');
    expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
    expect(await scanAndWait(page, '570')).toBe('routed');
    expect(await seal()).toBe('packed');
  });

  it('keeps packing while J&T is down: a packing slip now, the label as soon as J&T is back', async () => {
    for (let i = SPLIT_AT + 1; i < OFFLINE[0]!; i++) expect(await packOrder(i)).toBe('packed');
    jnt.mode = 'down';
    const jobsBefore = printer.jobs.length;
    for (const i of OFFLINE) expect(await packOrder(i)).toBe('awaitingLabel');
    await screenshot(page, 'packing-9-offline');
    await printer.waitForJobs(jobsBefore + OFFLINE.length);
    const slips = printer.jobs.slice(jobsBefore).map((j) => j.toString('latin1'));
    for (const [n, i] of OFFLINE.entries()) expect(slips[n]).toContain(ref(i));
    const booked = jnt.bookings().length;
    jnt.mode = 'up';
    await printer.waitForJobs(jobsBefore + 2 * OFFLINE.length);
    expect(jnt.bookings().length).toBe(booked + OFFLINE.length);
    const labels = printer.jobs.slice(jobsBefore + OFFLINE.length).map((j) => j.toString('latin1'));
    for (const b of jnt.bookings().slice(booked))
      expect(labels.some((l) => l.includes(b.trackingNumber))).toBe(true);
  });

  it('sends one parcel on the backup line while J&T has been unreachable too long, and says so', async () => {
    for (let i = OFFLINE.at(-1)! + 1; i < FAILOVER_AT; i++) expect(await packOrder(i)).toBe('packed');
    const state = new SqliteConnectorState({
      db: station.core.db,
      clock: station.core.clock,
      destination: 'jnt-my',
    });
    state.set(CIRCUIT_DOWN_SINCE_KEY, String(station.core.clock.now() - 20 * 60_000));
    expect(await scanAndWait(page, ref(FAILOVER_AT), SCANNER_DELAY_MS)).toBe('opened');
    expect(await scanAndWait(page, '9555000000031')).toBe('allVerified');
    expect(await scanAndWait(page, boxBarcode('S2'))).toBe('boxSet');
    expect(await scanAndWait(page, '190')).toBe('routed');
    await expect(page.getByTestId('pack-route').getAttribute('data-line')).resolves.toBe('backup');
    await expect(page.getByTestId('pack-route-reason').textContent()).resolves.toContain('too long');
    await screenshot(page, 'packing-10-backup-line');
    const atPos = posmy.bookings().length;
    expect(await seal()).toBe('packed');
    expect(posmy.bookings().length).toBe(atPos + 1);
    state.set(CIRCUIT_DOWN_SINCE_KEY, '');
  });

  it('packs the rest of the 50', async () => {
    for (let i = FAILOVER_AT + 1; i < ORDERS; i++) expect(await packOrder(i)).toBe('packed');
    await packStep(page, 'scan_order');
    await expect(page.getByTestId('pack-queue').textContent()).resolves.toContain('To pack: 0');
  });

  it('hands over to the J&T driver: another carrier refused with its message, closed with one parcel missing', async () => {
    await page.keyboard.press('KeyH');
    await packStep(page, 'pick_carrier');
    const carriers = page.getByTestId('pack-carriers').locator('li');
    await carriers.first().waitFor();
    await screenshot(page, 'packing-11-pick-carrier');
    const names = await carriers.evaluateAll((els) => els.map((e) => e.getAttribute('data-carrier')));
    const jntIndex = names.indexOf('jnt-my');
    expect(jntIndex).toBeGreaterThanOrEqual(0);
    await page.keyboard.press(`Digit${jntIndex + 1}`);
    await packStep(page, 'scan_parcel');

    const jntParcels = jnt.bookings().map((b) => b.trackingNumber);
    const leftBehind = jntParcels[LEFT_BEHIND_AT - OFFLINE.length + 1] ?? jntParcels.at(-1)!;
    for (const tracking of jntParcels.filter((t) => t !== leftBehind)) {
      expect(await scanAndWait(page, tracking)).toBe('parcelAdded');
    }
    expect(await scanAndWait(page, posmy.bookings()[0]!.trackingNumber)).toBe('MANIFEST_WRONG_CARRIER');
    await expect(packFeedback(page).textContent()).resolves.toContain('not J&T');
    await screenshot(page, 'packing-12-wrong-carrier');
    // The same parcel again: said, not counted twice.
    expect(await scanAndWait(page, jntParcels[0]!)).toBe('parcelAgain');
    await expect(page.getByTestId('pack-manifest-count').textContent()).resolves.toContain(
      String(jntParcels.length - 1),
    );

    await page.keyboard.press('Enter');
    await packStep(page, 'driver');
    await page.getByTestId('pack-driver').waitFor();
    await page.keyboard.type('Ahmad bin Ismail');
    await screenshot(page, 'packing-13-driver');
    await page.keyboard.press('Enter');
    await packStep(page, 'closed');
    await expect(packFeedback(page).getAttribute('data-kind')).resolves.toBe('manifestMissing');
    await expect(page.getByTestId('pack-missing').textContent()).resolves.toContain(leftBehind);
    await screenshot(page, 'packing-14-manifest-closed');
  });

  it('shows the shift: orders, parcels, minutes per order and the late ones', async () => {
    await page.keyboard.press('KeyP');
    await packStep(page, 'scan_order');
    await page.keyboard.press('KeyS');
    await packStep(page, 'summary');
    await expect(page.getByTestId('pack-summary-orders').textContent()).resolves.toBe(String(ORDERS));
    await expect(page.getByTestId('pack-summary-parcels').textContent()).resolves.toBe(String(ORDERS + 1));
    await expect(page.getByTestId('pack-summary-minutesPerOrder').textContent()).resolves.toBe(
      MINUTES_PER_ORDER.toFixed(1),
    );
    // The five orders already late when the shift began went out late: six parcels, as SO-1010 was split.
    await expect(page.getByTestId('pack-summary-late').textContent()).resolves.toBe('6');
    await screenshot(page, 'packing-15-summary');
  });
});
