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
 * With the platform unreachable, no key is offered and the screen says why. R takes a combined
 * order back out before sealing (the clerk is told which items come out of the box); K asks the
 * platform again, so an order it withdrew meanwhile is refused at once, loudly, nothing added.
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
  let combinableId = '';

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
    combinableId = fake.fulfilment.makeCombinable([orders[0] ?? '', orders[1] ?? '']);
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

  it('R takes the combined order back out; K unconfirmed offline; K refused once TikTok Shop withdrew', async () => {
    fake.clearFaults();
    const press = async (key: string): Promise<string> => {
      const before = await feedback(page).getAttribute('data-seq');
      await page.keyboard.press(key);
      return answered(page, before);
    };
    const title = () => page.getByTestId('pack-feedback-title').textContent();
    const other = orders[1] ?? '';
    expect(await press('A')).toBe('released');
    // The first order again: its parcel still holds the other order, so R is offered.
    expect(await scanAndWait(page, orders[0] ?? '')).toBe('opened');
    const uncombineKey = page.locator('.hint[data-key=R]');
    await uncombineKey.waitFor();
    await expect(uncombineKey.textContent()).resolves.toBe(`Rtake order ${other} back out of this parcel`);
    expect(await scanAndWait(page, 'SKU-CAP')).toMatch(/^(verified|lineDone)$/);

    expect(await press('R')).toBe('uncombined');
    await expect(title()).resolves.toBe(
      `Order ${other} is out of this parcel: take its 1 item out of the box`,
    );
    await expect(feedback(page).getAttribute('data-tone')).resolves.toBe('warning');
    await expect(page.getByText('Baseball cap').count()).resolves.toBe(0);
    await expect(page.getByTestId('pack-next-title').textContent()).resolves.toBe('Scan the last item');
    await screenshot(page, 'packing-tiktok-uncombined');
    const status = () =>
      station.core.db
        .prepare<[], { status: string }>(
          "SELECT status FROM outbox_events WHERE type = 'package.combine' ORDER BY seq",
        )
        .all()
        .map((r) => r.status);
    // Never sent: the combination is discarded, so it cannot reach the platform.
    expect(status()).toEqual(['discarded']);

    // Offered again. TikTok Shop cannot be asked when K is pressed: joined, and the screen says so.
    await page.locator('.hint[data-key=K]').waitFor();
    fake.inject({ route: 'combinableSearch', kind: 'reset', times: 5 });
    expect(await press('K')).toBe('combinedUnconfirmed');
    await expect(title()).resolves.toBe(
      `${other} goes in this parcel too — TikTok Shop could not confirm; checked again at sealing`,
    );
    await screenshot(page, 'packing-tiktok-combine-unconfirmed');
    fake.clearFaults();
    expect(await press('R')).toBe('uncombinedNothing');
    expect(status()).toEqual(['discarded', 'discarded']);

    // Offered again, then the buyer changes an address: K asks the platform and is refused at once.
    await page.locator('.hint[data-key=K]').waitFor();
    fake.fulfilment.withdrawCombinable(combinableId);
    expect(await press('K')).toBe('PACK_COMBINE_DECLINED');
    await expect(feedback(page).getAttribute('data-tone')).resolves.toBe('error');
    await expect(feedback(page).getByRole('alert').textContent()).resolves.toBe(
      `TikTok Shop no longer lets order ${other} share this parcel. Nothing was added: pack it on its own.`,
    );
    await expect(page.getByText('Baseball cap').count()).resolves.toBe(0);
    await expect(page.locator('.hint[data-key=K]').count()).resolves.toBe(0);
    await screenshot(page, 'packing-tiktok-combine-refused');
    expect(status()).toEqual(['discarded', 'discarded']);
  });
});
