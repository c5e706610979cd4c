import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hidScaleReport, type HidReportSpec } from '../../src/main/scales/fake-scale';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { erpLampOrder } from '../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { saveSmallBox } from '../helpers/packing/pack-bench';
import { signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { openPackBench, packFeedback, packStep, pressAndWait } from './pack-screen';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

/**
 * A USB HID POS scale plugged into the packing PC itself, read by the screen through WebHID when
 * the station has no scale of its own. Chromium's WebHID needs a real device, so the page gets a
 * stand-in `navigator.hid` whose one device is a scale (usage page 0x8D) streaming the report
 * bytes the test sets — the same bytes a real scale sends, parsed by the app's own code.
 */
function fakeWebHid(): void {
  type Listener = (event: unknown) => void;
  const reports: Listener[] = [];
  const disconnects: Listener[] = [];
  let granted = false;
  let streaming: number[] | null = null;
  const device = {
    opened: false,
    productName: 'Bench scale 15 kg',
    collections: [{ usagePage: 0x8d, usage: 0x20 }],
    open() {
      device.opened = true;
      return Promise.resolve();
    },
    addEventListener(type: string, listener: Listener) {
      if (type === 'inputreport') reports.push(listener);
    },
  };
  const hid = {
    getDevices: () => Promise.resolve(granted ? [device] : []),
    requestDevice(options: { filters: Array<{ usagePage: number }> }) {
      granted = options.filters.some((f) => f.usagePage === 0x8d);
      return Promise.resolve(granted ? [device] : []);
    },
    addEventListener(type: string, listener: Listener) {
      if (type === 'disconnect') disconnects.push(listener);
    },
  };
  const nav = (globalThis as unknown as { navigator: object }).navigator;
  Object.defineProperty(nav, 'hid', { value: hid, configurable: true });
  // A scale streams its weight a few times a second while it is plugged in.
  setInterval(() => {
    if (!streaming || !device.opened) return;
    const bytes = new Uint8Array(streaming);
    const event = { reportId: bytes[0], data: new DataView(bytes.buffer, 1) };
    for (const listener of reports) listener(event);
  }, 100);
  (globalThis as unknown as { fakeHid: unknown }).fakeHid = {
    stream(bytes: number[]) {
      streaming = bytes;
    },
    unplug() {
      device.opened = false;
      for (const listener of disconnects) listener({ device });
    },
  };
}

const live = (page: Page) => page.getByTestId('pack-live-weight');
const liveIs = (page: Page, state: string) =>
  page.locator(`[data-testid=pack-live-weight][data-scale=${state}]`).waitFor();
const keyShown = (page: Page, key: string) => page.locator(`[data-testid=pack-screen] [data-key=${key}]`);

async function stream(page: Page, spec: HidReportSpec): Promise<void> {
  const bytes = [...hidScaleReport(spec)];
  await page.evaluate(
    (b) => (globalThis as unknown as { fakeHid: { stream(b: number[]): void } }).fakeHid.stream(b),
    bytes,
  );
}

describe('a USB scale read by the packing screen through WebHID, in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let jnt: FakeCarrier;
  let posmy: FakeCarrier;

  beforeAll(async () => {
    jnt = await FakeCarrier.start('JMY');
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-packing-webhid-'), {
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
      },
      beforeServe: async (core) => {
        await signInSupervisor(core, 'setup');
        const env = await core.dispatch(
          'setRoute',
          { country: 'MY', primary: 'jnt-my', backup: 'posmy' },
          { clientId: 'setup' },
        );
        if (!env.ok) throw new Error(JSON.stringify(env.error));
        await saveSmallBox(core);
        await core.packing.orders.upsertMany([erpLampOrder('SO-7101', core.clock.now())]);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { initScript: fakeWebHid });
    await openPackBench(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await jnt?.close();
    await posmy?.close();
    temp.cleanup();
  });

  it('U connects the scale at the weigh step; a moving weight is not taken, unplugging shows U again', async () => {
    expect(await pressAndWait(page, 'Enter', 'SO-7101')).toBe('opened');
    expect(await pressAndWait(page, 'Enter', '9555123400017')).toBe('allVerified');
    expect(await pressAndWait(page, 'Enter', boxBarcode('S2'))).toBe('boxSet');
    await packStep(page, 'weigh');
    // The station has no scale: the screen offers the USB one.
    await keyShown(page, 'U').waitFor();
    expect(await live(page).count()).toBe(0);
    expect(await pressAndWait(page, 'KeyU')).toBe('usbScaleConnected');
    await expect(packFeedback(page).textContent()).resolves.toContain('Bench scale 15 kg');
    await expect(keyShown(page, 'U').count()).resolves.toBe(0);

    await stream(page, { status: 'in_motion', unit: 'g', raw: 612, withReportId: true });
    await live(page).and(page.locator('[data-scale=in_motion]')).filter({ hasText: '612 g' }).waitFor();
    expect(await pressAndWait(page, 'Enter')).toBe('hint');

    await page.evaluate(() => (globalThis as unknown as { fakeHid: { unplug(): void } }).fakeHid.unplug());
    await keyShown(page, 'U').waitFor();
    await live(page).waitFor({ state: 'detached' });
  });

  it('takes the weight once the scale has held it still, as a scale reading the station checks', async () => {
    expect(await pressAndWait(page, 'KeyU')).toBe('usbScaleConnected');
    // 0.581 kg, reported as raw 581 with exponent −3.
    await stream(page, { status: 'stable', unit: 'kg', exponent: -3, raw: 581, withReportId: true });
    await liveIs(page, 'stable');
    await expect(live(page).textContent()).resolves.toMatch(/581 g/);
    await screenshot(page, 'packing-webhid-scale');
    expect(await pressAndWait(page, 'Enter')).toBe('routed');
    await packStep(page, 'complete');
    const state = await station.core.dispatch('packState', {}, { clientId: 'setup' });
    expect(state).toMatchObject({
      ok: true,
      value: { session: { weight: { grams: 581, source: 'scale' } } },
    });
  });
});
