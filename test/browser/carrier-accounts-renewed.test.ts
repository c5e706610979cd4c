import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../src/main/carriers/tiktok-shop/fake-server';
import { SYNC_CONFIG_KEY } from '../../src/main/sync/attach-sync';
import { addTestAdmin, settleSupervisorPin } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { fakeTikTokDestination } from '../helpers/tiktok-account';
import { recordApiAnswers, openSettings, signInTestAdmin } from './settings-screen';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

/**
 * The admin types a TikTok Shop refresh token and tests it before saving; the fake rotates it on
 * that refresh (the typed one is dead from then on). The screen says so and asks to save; the
 * Save stores the rotated token, which the page never receives.
 */
describe('Settings › Carrier accounts: a test that renews the typed token, in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let fake: FakeTikTokShop;
  let page: Page;
  let answers: string[] = [];
  const card = () => page.locator('form.account-card[data-account=tiktok_shop]');

  beforeAll(async () => {
    fake = await startFakeTikTokShop({ rotateRefreshTokens: true });
    const { refreshToken: _typedLater, ...inline } = fakeTikTokDestination(fake);
    station = await startStation(temp.make('lastmile-browser-renewed-'), {
      beforeServe: (core) => {
        settleSupervisorPin(core);
        addTestAdmin(core);
        return core.settings.setRaw(SYNC_CONFIG_KEY, { destinations: [inline], feeds: {} });
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
    answers = recordApiAnswers(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await fake?.close();
    temp.cleanup();
  });

  it('says the token was renewed, and Save keeps the renewed one', async () => {
    await openSettings(page);
    await signInTestAdmin(page);

    const typed = fake.refreshToken();
    await card()
      .getByLabel(/Refresh token/)
      .fill(typed);
    await card().getByRole('button', { name: 'Test connection' }).click();
    await card().locator('.check-result[data-reason=ok]').waitFor();
    const renewed = card().locator('.check-renewed');
    await renewed.waitFor();
    await expect(renewed.textContent()).resolves.toBe(
      'TikTok Shop renewed the Refresh token during the test: the value typed no longer works. Press Save to keep the renewed one (this station holds it until then, never shown).',
    );
    await renewed.scrollIntoViewIfNeeded();
    await screenshot(page, 'carrier-accounts-renewed');
    const rotated = fake.refreshToken();
    expect(rotated).not.toBe(typed);

    await card().getByRole('button', { name: 'Save' }).click();
    await card().getByRole('status').getByText('Saved.').waitFor();
    await card()
      .getByText(`(set, ending …${rotated.slice(-4)})`)
      .waitFor();
    const fill = await station.core.credentials.syncConfigFiller();
    const filled = fill(station.core.settings.getRaw(SYNC_CONFIG_KEY)) as {
      destinations: Array<{ refreshToken?: string }>;
    };
    expect(filled.destinations[0]?.refreshToken).toBe(rotated);

    const html = await page.content();
    expect(html).not.toContain(typed);
    expect(html).not.toContain(rotated);
    expect(answers.filter((a) => a.includes(typed) || a.includes(rotated))).toEqual([]);
  });
});
