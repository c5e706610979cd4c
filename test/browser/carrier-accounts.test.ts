import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { SYNC_CONFIG_KEY } from '../../src/main/sync/attach-sync';
import { addTestAdmin, settleSupervisorPin } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { recordApiAnswers, openSettings, signInTestAdmin } from './settings-screen';
import {
  SCANNER_DELAY_MS,
  countRows,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

const SECRET = 'tc-browser-secret-7f3e9d1c5b';
const WRONG = 'tc-wrong-secret-000000000';

describe('Settings › Carrier accounts in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let carrier: TestCarrier;
  let page: Page;
  /** Every answer of the station's API the page received, as text. */
  let answers: string[] = [];

  const card = () => page.locator('form.account-card[data-account=flash]');

  beforeAll(async () => {
    carrier = await startTestCarrier({ credentials: { clientId: 'lastmile', clientSecret: SECRET } });
    station = await startStation(temp.make('lastmile-browser-creds-'), {
      beforeServe: (core) => {
        settleSupervisorPin(core);
        addTestAdmin(core);
        return core.settings.setRaw(SYNC_CONFIG_KEY, {
          destinations: [
            {
              name: 'flash',
              kind: 'test-carrier',
              baseUrl: carrier.url,
              credentials: { clientId: 'lastmile' },
            },
          ],
          feeds: {},
        });
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
    answers = recordApiAnswers(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await carrier?.close();
    temp.cleanup();
  });

  it('asks a clerk to sign in as an admin; shows the accounts once one is signed in', async () => {
    await openSettings(page);
    await page.getByRole('heading', { name: 'Carrier accounts' }).waitFor();
    await page.getByText('Sign in as an admin to see and change carrier accounts.').waitFor();

    await signInTestAdmin(page);

    await card().waitFor();
    await expect(card().getByRole('heading').textContent()).resolves.toBe('Local test carrier flash');
    await expect(
      card().locator('[data-field="credentials.clientSecret"]').getAttribute('data-set'),
    ).resolves.toBe('false');
    await page
      .getByText('Secrets are protected by: a key file in the data folder, readable only by this user')
      .waitFor();
  });

  it('tries a wrong secret typed at scanner pace: refused, translated, nothing stored, no scan recorded', async () => {
    const field = card().getByLabel(/Client secret/);
    await field.focus();
    await page.keyboard.type(WRONG, { delay: SCANNER_DELAY_MS });
    await card().getByRole('button', { name: 'Test connection' }).click();
    const result = card().locator('.check-result[data-reason=auth]');
    await result.waitFor();
    await expect(result.textContent()).resolves.toBe(
      'Local test carrier refused the credentials. Check them and enter them again.',
    );
    expect(station.core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
    expect(countRows(station.core).scans).toBe(0);
  });

  it('saves the right secret with Enter, shows only its last four characters, and the test passes', async () => {
    const field = card().getByLabel(/Client secret/);
    await field.fill('');
    await field.focus();
    await page.keyboard.type(SECRET, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await card().getByRole('status').getByText('Saved.').waitFor();
    await card()
      .getByText(`(set, ending …${SECRET.slice(-4)})`)
      .waitFor();
    // The typed value is gone from the field, and from the page.
    await expect(field.inputValue()).resolves.toBe('');
    expect(station.core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 1 });

    const tokensBefore = carrier.stats().requests.token;
    await card().getByRole('button', { name: 'Test connection' }).click();
    const ok = card().locator('.check-result[data-reason=ok]');
    await ok.waitFor();
    await expect(ok.textContent()).resolves.toBe(
      'Connection works: Local test carrier accepted the credentials.',
    );
    expect(carrier.stats().requests.token - tokensBefore).toBe(1);
    await ok.scrollIntoViewIfNeeded();
    await screenshot(page, 'carrier-accounts');
    const html = await page.content();
    expect(html).not.toContain(SECRET);
  });

  it('clears the account after a confirmation, with the keyboard', async () => {
    await card().getByRole('button', { name: 'Clear' }).click();
    const confirm = card().getByRole('alertdialog');
    await confirm.getByText('Clear every secret of flash?', { exact: false }).waitFor();
    // The confirmation button has the focus: Enter clears.
    await page.keyboard.press('Enter');
    await card().getByRole('status').getByText('Cleared.').waitFor();
    await expect(
      card().locator('[data-field="credentials.clientSecret"]').getAttribute('data-set'),
    ).resolves.toBe('false');
    expect(station.core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
  });

  it('in Thai: the same section, translated', async () => {
    await page.locator('[data-language=th]').click();
    await page.getByRole('heading', { name: 'บัญชีขนส่ง' }).waitFor();
    await card().getByRole('button', { name: 'ทดสอบการเชื่อมต่อ' }).click();
    const missing = card().locator('.check-result[data-reason=missing_secret]');
    await missing.waitFor();
    await missing.scrollIntoViewIfNeeded();
    await expect(missing.textContent()).resolves.toBe('ยังไม่ได้บันทึก Client secret กรอกก่อน แล้วทดสอบอีกครั้ง');
    await screenshot(page, 'carrier-accounts-th');
    await page.locator('[data-language=en]').click();
  });

  it('never received a secret in any answer from the station', () => {
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((a) => a.includes(SECRET) || a.includes(WRONG))).toEqual([]);
  });
});
