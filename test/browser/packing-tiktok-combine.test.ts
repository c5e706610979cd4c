import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../src/main/carriers/tiktok-shop/fake-server';
import { systemClock } from '../../src/main/clock';
import { tiktokPlatformShipping } from '../../src/main/packing/tiktok-platform-shipping';
import { tiktokPlatformProviders } from '../../src/main/packing/tiktok-providers';
import { connectTo, type Harness } from '../integration/tiktok-shop/harness';
import { pullOrdersInto } from '../helpers/packing/pack-bench';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * Two TikTok Shop orders of one buyer at the bench in Chromium: the platform says they may share
 * a package, so the verify step offers "K combine"; K puts the second order's item on the list.
 * With the platform unreachable, no key is offered and the screen says why.
 */
const feedback = (page: Page) => page.getByTestId('pack-feedback');

async function answered(page: Page, before: string | null): Promise<string> {
  await page
    .locator('[data-testid=pack-feedback]:not([data-stale=true])')
    .and(page.locator(`[data-seq]:not([data-seq="${before ?? ''}"])`))
    .waitFor();
  return (await feedback(page).getAttribute('data-kind')) ?? '';
}

async function scanAndWait(page: Page, code: string): Promise<string> {
  const before = await feedback(page).getAttribute('data-seq');
  await page.keyboard.type(code, { delay: SCANNER_DELAY_MS });
  await page.keyboard.press('Enter');
  return answered(page, before);
}

describe('combining TikTok Shop orders at the packing bench in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let fake: FakeTikTokShop;
  let harness: Harness | null = null;
  const orders: string[] = [];

  beforeAll(async () => {
    fake = await startFakeTikTokShop({ clock: systemClock });
    const connector = (name: string) => (name === 'tiktok-my' ? (harness?.connector ?? null) : null);
    const add = (sku: string, name: string) =>
      fake.fulfilment.addOrder({
        region: 'MY',
        currency: 'MYR',
        shippingType: 'TIKTOK',
        postcode: '40000',
        buyerName: 'Nur Aisyah',
        lines: [{ sku, name }],
      }).id;
    orders.push(add('SKU-MUG', 'Enamel mug'), add('SKU-CAP', 'Baseball cap'), add('SKU-SOCKS', 'Socks'));
    fake.fulfilment.makeCombinable([orders[0] ?? '', orders[1] ?? '']);
    harness = connectTo(fake, systemClock, {
      config: {
        region: 'MY',
        limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 2, requestTimeoutMs: 1_000 },
      },
      name: 'tiktok-my',
    });
    const ready = harness;
    station = await startStation(temp.make('lastmile-tt-combine-'), {
      packing: {
        providers: tiktokPlatformProviders(connector),
        platformShipping: tiktokPlatformShipping(connector),
        timeZone: 'Asia/Kuala_Lumpur',
        bookingTimeoutMs: 2_000,
      },
      beforeServe: async (core) => {
        await pullOrdersInto(core, ready.connector.orders, null);
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
    await fake?.close();
    temp.cleanup();
  });

  it('offers K combine for the order TikTok Shop lets share the parcel, and K adds its item', async () => {
    expect(await scanAndWait(page, orders[0] ?? '')).toBe('opened');
    const combineKey = page.locator('.hint[data-key=K]');
    await combineKey.waitFor();
    await expect(combineKey.textContent()).resolves.toBe(
      `Kcombine: order ${orders[1] ?? ''} goes in this parcel too`,
    );
    await screenshot(page, 'packing-tiktok-combine-offer');

    const before = await feedback(page).getAttribute('data-seq');
    await page.keyboard.press('K');
    expect(await answered(page, before)).toBe('combined');
    await expect(page.getByTestId('pack-next-title').textContent()).resolves.toBe('Scan the items: 2 to go');
    // Combined once: the key is gone, the other order's item is on the list.
    await expect(page.locator('.hint[data-key=K]').count()).resolves.toBe(0);
    await expect(page.getByText('Baseball cap').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'packing-tiktok-combine-done');
    const events = station.core.db
      .prepare<[], { type: string }>("SELECT type FROM outbox_events WHERE type = 'package.combine'")
      .all();
    expect(events).toHaveLength(1);

    // Put aside; the third order with the platform unreachable: no key, and the reason on screen.
    const aside = await feedback(page).getAttribute('data-seq');
    await page.keyboard.press('A');
    expect(await answered(page, aside)).toBe('released');
    fake.inject({ route: 'combinableSearch', kind: 'reset', times: 5 });
    expect(await scanAndWait(page, orders[2] ?? '')).toBe('opened');
    await page.getByTestId('pack-combine-note').waitFor();
    await expect(page.getByTestId('pack-combine-note').textContent()).resolves.toBe(
      'TikTok Shop cannot be asked now whether orders may be combined: this order is packed alone.',
    );
    await expect(page.locator('.hint[data-key=K]').count()).resolves.toBe(0);
    await screenshot(page, 'packing-tiktok-combine-unreachable');
  });
});
