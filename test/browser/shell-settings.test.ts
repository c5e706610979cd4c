import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  clientIdOf,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

describe('shell, sign-in and settings in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-browser-'), { demoParcels: 40 });
    browser = await launchChromium();
    page = await openStation(browser, station);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  it('shows the station and the operator in the header and the key of every screen on its button', async () => {
    await expect(page.getByTestId('station-name').textContent()).resolves.toBe('QC-1');
    await expect(page.getByTestId('operator').textContent()).resolves.toBe('Clerk');
    const labels = await page.locator('nav button').allTextContents();
    // Returns QC comes first: it is where a clerk spends the shift.
    expect(labels).toEqual([
      'F1Returns QC',
      'F2Scan',
      'F3Queue',
      'F4Sync',
      'F6Printers',
      'F7Settings',
      'F9Approvals',
      'F10Packing',
    ]);
    await page.locator('[data-testid=next-step][data-step=scan_parcel]').waitFor();
    await page.keyboard.press('F7');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.keyboard.press('Alt+2');
    await page.locator('[data-testid=scan-panel][data-kind=idle]').waitFor();
    await page.keyboard.press('Alt+1');
    await page.locator('[data-testid=next-step][data-step=scan_parcel]').waitFor();
  });

  it('signs a supervisor in with a PIN, refusing a wrong PIN with a translated message', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Mei').waitFor();
    await screenshot(page, 'sign-in');

    await dialog.getByText('Mei').click();
    await dialog.getByLabel('PIN').fill('1234');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.locator('[data-error-code=BAD_PIN]').textContent()).resolves.toBe(
      'Wrong PIN. 4 more tries before sign-in pauses.',
    );
    expect(station.core.session.user(await clientIdOf(page)).role).toBe('clerk');

    await dialog.getByLabel('PIN').fill('9999');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('operator').textContent()).resolves.toBe('Mei · Supervisor');
    expect(station.core.session.user(await clientIdOf(page)).id).toBe('supervisor-mei');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('operator').getByText('Clerk').waitFor();
    expect(station.core.session.user(await clientIdOf(page)).role).toBe('clerk');
  });

  it('does not let scanner keys leak into the PIN field or record scans while the dialog is open', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('PIN').waitFor();
    await page.keyboard.type('4321', { delay: SCANNER_DELAY_MS });
    await expect(dialog.getByLabel('PIN').inputValue()).resolves.toBe('4321');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(station.core.db.prepare('SELECT count(*) AS n FROM scans').get()).toEqual({ n: 0 });
  });

  it('records a scan made while another screen is open and brings up the Returns QC screen to show it', async () => {
    // An outbound parcel (the demo's parcels are deliveries): not a return, said in its own colour.
    const tracking = station.core.db
      .prepare<[], { t: string }>(
        "SELECT tracking_number AS t FROM parcels WHERE direction = 'outbound' ORDER BY id LIMIT 1",
      )
      .get()?.t;
    expect(tracking).toBeTruthy();
    await page.keyboard.press('F3');
    await page.getByTestId('queue-table').waitFor();
    await page.keyboard.type(tracking ?? '', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    const feedback = page.locator('[data-testid=feedback][data-kind=not_a_return]');
    await feedback.waitFor();
    await expect(feedback.getAttribute('data-recorded')).resolves.toBe('true');
    await expect(feedback.getByTestId('scanned-code').textContent()).resolves.toBe(`Scanned: ${tracking}`);
    await expect(page.locator('nav button[aria-current=page]').textContent()).resolves.toBe('F1Returns QC');
    // Credited to the station's default clerk: nobody is signed in at this tab.
    await expect
      .poll(() => station.core.db.prepare('SELECT code, user_id FROM scans').all(), { timeout: 30_000 })
      .toEqual([{ code: tracking, user_id: 'clerk' }]);
  });

  it('saves station settings and switches the whole screen to Chinese at once', async () => {
    await page.keyboard.press('F7');
    await page.getByLabel('Station name').fill('Dock 3');
    await page.getByLabel(/Flag parcels/).fill('72');
    await page.getByRole('button', { name: 'Save' }).click();
    // The station name and the tracking alarm are a supervisor's: one approves at the clerk's screen.
    const prompt = page.getByTestId('supervisor-prompt');
    await prompt.waitFor();
    await prompt.locator('label[data-user-id=supervisor-mei]').click();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await prompt.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Saved.').waitFor();
    await expect(page.getByTestId('station-name').textContent()).resolves.toBe('Dock 3');
    expect(station.core.settings.get()).toMatchObject({ stationName: 'Dock 3', staleTrackingHours: 72 });
    await screenshot(page, 'settings');

    await page.getByLabel(/Flag parcels/).fill('abc');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-error-code=VALIDATION_FAILED]').waitFor();
    expect(station.core.settings.get().staleTrackingHours).toBe(72);

    await page.locator('[data-language=zh-CN]').click();
    await page.locator('nav').getByText('扫描').waitFor();
    await expect(page.locator('nav button').allTextContents()).resolves.toEqual([
      'F1退货质检',
      'F2扫描',
      'F3队列',
      'F4同步',
      'F6打印机',
      'F7设置',
      'F9审批',
      'F10打包',
    ]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    expect(station.core.settings.get().language).toBe('zh-CN');

    await page.keyboard.press('F2');
    await page.keyboard.type('ZZ999', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=scan-panel][data-kind=unknown]').getByText('未知编码').waitFor();
    await page.keyboard.press('Control+B');
    await page.keyboard.type('123456', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-error-code=SCAN_BAD_CHARACTERS]').textContent()).resolves.toBe(
      '扫描内容的第 1 位含有控制字符（代码 2）。请检查扫描枪的前缀/后缀设置，然后重新扫描。',
    );
    await screenshot(page, 'scan-error-zh-CN');
  });

  it('keeps the language after a reload, since it is a station setting', async () => {
    await page.reload();
    await page.locator('nav').getByText('扫描').waitFor();
    await page.keyboard.press('F7');
    await page.locator('[data-language=en]').click();
    await page.locator('nav').getByText('Scan').waitFor();
  });
});
