import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSerialScale } from '../../src/main/scales/fake-scale';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { erpLampOrder } from '../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { signInSupervisor } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

/**
 * The weigh step with the station's own scale: a Mettler Toledo behind a TCP-serial bridge (the
 * fake on 127.0.0.1), configured in the settings. The packer sees the weight move, Enter refuses
 * it while it moves, and takes it once it is steady; pulling the bridge shows "not connected".
 */

const feedback = (page: Page) => page.getByTestId('pack-feedback');
const live = (page: Page) => page.getByTestId('pack-live-weight');
const step = (page: Page, id: string) => page.locator(`[data-testid=pack-screen][data-step=${id}]`).waitFor();
const liveIs = (page: Page, state: string) =>
  page.locator(`[data-testid=pack-live-weight][data-scale=${state}]`).waitFor();

async function seqOf(page: Page): Promise<number> {
  return Number(await feedback(page).getAttribute('data-seq'));
}

/** Waits for the answer after the one numbered `seq` and returns its kind. */
async function answerAfter(page: Page, seq: number): Promise<string> {
  await page
    .locator('[data-testid=pack-feedback]:not([data-stale=true])')
    .and(page.locator(`[data-seq]:not([data-seq="${seq}"])`))
    .waitFor();
  return (await feedback(page).getAttribute('data-kind')) ?? '';
}

async function keyAndWait(page: Page, key: string, text?: string): Promise<string> {
  const before = await seqOf(page);
  if (text !== undefined) await page.keyboard.type(text);
  await page.keyboard.press(key);
  return answerAfter(page, before);
}

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
        core.packing.boxes.save({
          code: 'S2',
          name: 'Small box',
          innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
          tareGrams: 120,
        });
        await core.packing.orders.upsertMany([erpLampOrder('SO-7001', core.clock.now())]);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
    await page.keyboard.press('F10');
    await step(page, 'scan_order');
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
    expect(await keyAndWait(page, 'Enter', 'SO-7001')).toBe('opened');
    expect(await keyAndWait(page, 'Enter', '9555123400017')).toBe('allVerified');
    await step(page, 'scan_box');
    // Nothing on the scale yet.
    await liveIs(page, 'zero');
    expect(await keyAndWait(page, 'Enter', boxBarcode('S2'))).toBe('boxSet');
    await step(page, 'weigh');

    // The parcel goes on and swings.
    scale.script([
      { grams: 380, stable: false },
      { grams: 655, stable: false },
    ]);
    await live(page).and(page.locator('[data-scale=in_motion]')).filter({ hasText: '655 g' }).waitFor();
    await expect(live(page).textContent()).resolves.toMatch(/655 g.*leave the parcel still/);
    expect(await keyAndWait(page, 'Enter')).toBe('hint');
    await expect(feedback(page).textContent()).resolves.toContain('no steady weight yet');
    await screenshot(page, 'packing-scale-moving');
    await step(page, 'weigh');
    // Nothing was weighed: the screen did not send the moving weight.
    const state = await station.core.dispatch('packState', {}, { clientId: 'setup' });
    expect(state).toMatchObject({ ok: true, value: { session: { step: 'weigh', weight: null } } });
  });

  it('takes the steady weight on Enter, weighed by the station itself', async () => {
    scale.script([{ grams: 574, stable: true }]);
    await liveIs(page, 'stable');
    await expect(live(page).textContent()).resolves.toMatch(/574 g.*Enter takes it/);
    // The banner no longer says "no steady weight yet".
    await page.locator('[data-testid=pack-feedback][data-kind=scaleSteady]').waitFor();
    await screenshot(page, 'packing-scale-live');
    expect(await keyAndWait(page, 'Enter')).toBe('routed');
    await step(page, 'complete');
    const state = await station.core.dispatch('packState', {}, { clientId: 'setup' });
    expect(state).toMatchObject({
      ok: true,
      value: { session: { weight: { grams: 574, source: 'station_scale' } } },
    });
  });
});
