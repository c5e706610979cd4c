import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSerialScale } from '../../src/main/scales/fake-scale';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { erpLampOrder } from '../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { signInSupervisor } from '../helpers/session';
import { saveSmallBox } from '../helpers/packing/pack-bench';
import { TempDirs } from '../helpers/temp-dir';
import { openPackBench, packFeedback, packStep, pressAndWait } from './pack-screen';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

/**
 * The weigh step with the station's own scale: a Mettler Toledo behind a TCP-serial bridge (the
 * fake on 127.0.0.1), configured in the settings. The packer sees the weight move, Enter refuses
 * it while it moves, and takes it once it is steady; pulling the bridge shows "not connected".
 */

const live = (page: Page) => page.getByTestId('pack-live-weight');
const liveIs = (page: Page, state: string) =>
  page.locator(`[data-testid=pack-live-weight][data-scale=${state}]`).waitFor();

describe('the live scale reading at the weigh step, in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let scale: FakeSerialScale;
  let scalePort: number;
  let jnt: FakeCarrier;
  let posmy: FakeCarrier;

  beforeAll(async () => {
    scale = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 0, stable: true }] });
    scalePort = await scale.listen();
    jnt = await FakeCarrier.start('JMY');
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-packing-scale-'), {
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        stationScale: { pollMs: 100, backoff: { baseMs: 100, capMs: 400 } },
      },
      beforeServe: async (core) => {
        await signInSupervisor(core, 'setup');
        const ok = async (name: string, input: unknown) => {
          const env = await core.dispatch(name, input, { clientId: 'setup' });
          if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
        };
        await ok('updateSettings', { scaleKind: 'mt-sics', scaleAddress: `tcp://127.0.0.1:${scalePort}` });
        await ok('setRoute', { country: 'MY', primary: 'jnt-my', backup: 'posmy' });
        await saveSmallBox(core);
        await core.packing.orders.upsertMany([erpLampOrder('SO-7001', core.clock.now())]);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
    await openPackBench(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await scale?.close();
    await jnt?.close();
    await posmy?.close();
    temp.cleanup();
  });

  it('shows no reading before the weigh step, then the weight moving, and Enter waits for it', async () => {
    expect(await live(page).count()).toBe(0);
    expect(await pressAndWait(page, 'Enter', 'SO-7001')).toBe('opened');
    expect(await pressAndWait(page, 'Enter', '9555123400017')).toBe('allVerified');
    await packStep(page, 'scan_box');
    // Nothing on the scale yet.
    await liveIs(page, 'zero');
    expect(await pressAndWait(page, 'Enter', boxBarcode('S2'))).toBe('boxSet');
    await packStep(page, 'weigh');

    // The parcel goes on and swings.
    scale.script([
      { grams: 380, stable: false },
      { grams: 655, stable: false },
    ]);
    await live(page).and(page.locator('[data-scale=in_motion]')).filter({ hasText: '655 g' }).waitFor();
    await expect(live(page).textContent()).resolves.toMatch(/655 g.*leave the parcel still/);
    expect(await pressAndWait(page, 'Enter')).toBe('hint');
    await expect(packFeedback(page).textContent()).resolves.toContain('no steady weight yet');
    await screenshot(page, 'packing-scale-moving');
    await packStep(page, 'weigh');
    // Nothing was weighed: the screen did not send the moving weight.
    const state = await station.core.dispatch('packState', {}, { clientId: 'setup' });
    expect(state).toMatchObject({ ok: true, value: { session: { step: 'weigh', weight: null } } });
  });

  it('Z zeroes the scale and T takes the box as tare, from the keyboard; a swinging load is refused', async () => {
    await page.locator('[data-testid=pack-screen] [data-key=T]').waitFor();
    await page.locator('[data-testid=pack-screen] [data-key=Z]').waitFor();
    expect(await pressAndWait(page, 'KeyT')).toBe('PACK_SCALE_BUSY');
    await expect(packFeedback(page).textContent()).resolves.toContain('leave it still');

    // Dust on the platter: Z, and the scale itself reads 0.
    scale.script([{ grams: 40, stable: true }]);
    await liveIs(page, 'stable');
    expect(await pressAndWait(page, 'KeyZ')).toBe('scaleZeroed');
    expect(scale.commands).toContain('Z');
    await liveIs(page, 'zero');

    // The empty box goes on: T takes it as tare, and the scale reads 0 again.
    scale.script([{ grams: 140, stable: true }]);
    await live(page).and(page.locator('[data-scale=stable]')).filter({ hasText: '100 g' }).waitFor();
    expect(await pressAndWait(page, 'KeyT')).toBe('scaleTared');
    await expect(packFeedback(page).textContent()).resolves.toContain('Tare 100 g taken');
    await liveIs(page, 'zero');
    await screenshot(page, 'packing-scale-tare');

    // Box off, scale zeroed again for the parcel.
    scale.script([{ grams: 0, stable: true }]);
    await live(page).and(page.locator('[data-scale=negative]')).waitFor();
    expect(await pressAndWait(page, 'KeyZ')).toBe('scaleZeroed');
    await liveIs(page, 'zero');
    // The parcel goes on, still swinging: Enter waits for it, as before.
    scale.script([{ grams: 520, stable: false }]);
    await liveIs(page, 'in_motion');
    expect(await pressAndWait(page, 'Enter')).toBe('hint');
  });

  it('takes the steady weight on Enter, weighed by the station itself', async () => {
    scale.script([{ grams: 574, stable: true }]);
    await liveIs(page, 'stable');
    await expect(live(page).textContent()).resolves.toMatch(/574 g.*Enter takes it/);
    // The banner no longer says "no steady weight yet".
    await page.locator('[data-testid=pack-feedback][data-kind=scaleSteady]').waitFor();
    await screenshot(page, 'packing-scale-live');
    expect(await pressAndWait(page, 'Enter')).toBe('routed');
    await packStep(page, 'complete');
    const state = await station.core.dispatch('packState', {}, { clientId: 'setup' });
    expect(state).toMatchObject({
      ok: true,
      value: { session: { weight: { grams: 574, source: 'station_scale' } } },
    });
  });
});
