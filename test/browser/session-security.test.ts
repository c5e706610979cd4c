import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../src/main/clock';
import { storeDemoSyncConfig } from '../../src/main/demo/demo-sync';
import { attachStoredSync } from '../../src/main/sync/attach-sync';
import { makeBadgeCode } from '../../src/shared/codes/badge-code';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  clientIdOf,
  countRows,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/** The demo's people (src/main/demo/seed.ts): Mei is a supervisor (PIN 9999), Somchai a clerk (1111). */
const MEI_BADGE = makeBadgeCode('9001');
const SOMCHAI_BADGE = makeBadgeCode('1001');

describe('signing in, changing the PIN and approving as a supervisor, in Chromium', () => {
  const temp = new TempDirs();
  const clock = new ManualClock(Date.now());
  let browser: Browser;
  let station: Station;
  let page: Page;
  let carrier: TestCarrier | undefined;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-browser-session-'), {
      demoParcels: 40,
      clock,
      // The Sync screen needs destinations; nothing is delivered in the background.
      beforeServe: async (core) => {
        carrier = await startTestCarrier({ seed: 5 });
        storeDemoSyncConfig(core, carrier.url);
        const { configError } = attachStoredSync(core, { startTrickle: false });
        if (configError) throw new Error(configError);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await carrier?.close();
    temp.cleanup();
  });

  const dialog = () => page.getByRole('dialog');
  const operator = () => page.getByTestId('operator');
  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await operator().getByText('Clerk').waitFor();
  }

  it('says the operator is the station’s default while nobody is signed in', async () => {
    await expect(operator().textContent()).resolves.toBe('Clerk');
    await expect(page.getByTestId('operator-note').textContent()).resolves.toBe(
      'not signed in: the station’s default',
    );
  });

  it('clicking the user who is already selected leaves the focus in the PIN field (the PIN typed is kept)', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    const mei = dialog().locator('label[data-user-id=supervisor-mei]');
    await mei.waitFor();
    await expect(mei.getAttribute('data-selected')).resolves.toBe('true');
    await mei.click();
    await page.keyboard.type('9999');
    await expect(dialog().getByLabel('PIN').inputValue()).resolves.toBe('9999');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect(operator().textContent()).resolves.toBe('Mei · Supervisor');
    await expect(page.getByTestId('operator-note').textContent()).resolves.toBe(
      'signed in; signs out after 5 min idle',
    );
    await signOut();
  });

  it('a badge scanned into the open sign-in dialog fills it and puts the focus in the PIN field', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dialog().getByLabel('PIN').waitFor();
    await page.keyboard.type(MEI_BADGE, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-in-badge').locator('strong').textContent()).resolves.toBe(MEI_BADGE);
    // The dialog is still open (the scanner's Enter did not submit), the badge's digits are not the PIN.
    await expect(dialog().getByLabel('PIN').inputValue()).resolves.toBe('');
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { name?: string } } }).document.activeElement
            .name,
      ),
    ).resolves.toBe('pin');
    await screenshot(page, 'sign-in-badge');
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect(operator().textContent()).resolves.toBe('Mei · Supervisor');
    expect(station.core.session.user(await clientIdOf(page)).id).toBe('supervisor-mei');
    await signOut();
  });

  it('a badge scanned at the Scan screen is not recorded: it opens the sign-in with that badge', async () => {
    const before = countRows(station.core);
    await page.keyboard.press('F2');
    await page.locator('[data-testid=scan-panel]').waitFor();
    await page.keyboard.type(SOMCHAI_BADGE, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-in-badge').locator('strong').textContent()).resolves.toBe(
      SOMCHAI_BADGE,
    );
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect(operator().textContent()).resolves.toBe('Somchai · Clerk');
    // Nothing recorded, and no earlier result left on the panel to pass for this scan's.
    await page.locator('[data-testid=scan-panel][data-kind=idle]').waitFor();
    expect(countRows(station.core)).toEqual(before);
    await screenshot(page, 'scan-badge-signed-in');
    await signOut();
  });

  it('the default supervisor PIN 0000 must be changed before the sign-in counts', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dialog().locator('label[data-user-id=supervisor]').click();
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    const change = page.getByTestId('change-pin');
    await change.waitFor();
    await expect(change.getByRole('heading').textContent()).resolves.toBe('Choose your own PIN');
    await expect(operator().textContent()).resolves.toBe('Clerk');

    await change.getByLabel('New PIN', { exact: true }).fill('1234');
    await change.getByLabel('New PIN again').fill('1234');
    await expect(change.getByTestId('pin-rules').textContent()).resolves.toBe(
      'A run of digits (like 1234 or 9876) is too easy to guess. Choose another PIN.',
    );
    await expect(change.getByRole('button', { name: 'Save the new PIN' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'pin-change-forced');

    await change.getByLabel('New PIN', { exact: true }).fill('5827');
    await change.getByLabel('New PIN again').fill('5827');
    await change.getByRole('button', { name: 'Save the new PIN' }).click();
    await change.waitFor({ state: 'detached' });
    await expect(operator().textContent()).resolves.toBe('Supervisor');
    expect(station.core.session.user(await clientIdOf(page)).role).toBe('supervisor');
    await signOut();
  });

  it('a clerk’s screen asks a supervisor to approve a dead letter’s retry: badge and PIN, wrong PIN said', async () => {
    station.core.db
      .prepare(
        `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
           next_attempt_at, last_error, created_at, updated_at)
         VALUES ('E-DEAD-1', 'E-DEAD-1', 'flash', 'code:X', 'scan.unknown', '{"code":"ZZ404"}', 'dead', 3, 0,
           'hub: code matches no parcel', 1, 1)`,
      )
      .run();
    await page.keyboard.press('F4');
    const dead = page.locator('li.dead-letter[data-event-id=E-DEAD-1]');
    await dead.waitFor();
    await dead.getByRole('button', { name: 'Send again' }).click();
    const prompt = page.getByTestId('supervisor-prompt');
    await prompt.waitFor();
    await expect(page.getByTestId('approval-purpose').textContent()).resolves.toBe(
      'Send this failed event to the carrier again.',
    );
    await page.keyboard.type(MEI_BADGE, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('approval-badge').locator('strong').textContent()).resolves.toBe(MEI_BADGE);
    await page.keyboard.type('1212');
    await page.keyboard.press('Enter');
    await prompt.locator('[data-error-code=BAD_PIN]').waitFor();
    await screenshot(page, 'supervisor-prompt-wrong-pin');
    expect(station.core.db.prepare("SELECT status FROM outbox_events WHERE id = 'E-DEAD-1'").get()).toEqual({
      status: 'dead',
    });

    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await prompt.waitFor({ state: 'detached' });
    await dead.waitFor({ state: 'detached' });
    const row = station.core.db
      .prepare<[], { user_id: string; details: string }>(
        "SELECT user_id, details FROM audit_log WHERE action = 'outbox.retry'",
      )
      .get();
    expect(row?.user_id).toBe('clerk');
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ approvedBy: 'supervisor-mei' });
    // The approval signed nobody in.
    await expect(operator().textContent()).resolves.toBe('Clerk');
  });

  it('a supervisor left idle is signed out, and the screen says so', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dialog().locator('label[data-user-id=supervisor-mei]').click();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await operator().getByText('Mei · Supervisor').waitFor();
    clock.advance(6 * 60_000);
    const notice = page.getByTestId('session-notice');
    await notice.waitFor({ timeout: 30_000 });
    await expect(notice.locator('p').textContent()).resolves.toBe(
      'Mei was signed out after 5 minutes without activity. This screen now works as Clerk.',
    );
    await expect(operator().textContent()).resolves.toBe('Clerk');
    await screenshot(page, 'idle-signed-out');
    await notice.getByRole('button', { name: 'OK' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('five wrong PINs pause sign-in with a countdown (another tab, so this one stays usable)', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const other = await context.newPage();
    await other.goto(station.server.openUrl);
    await other.locator('[data-testid=operator]').filter({ hasNotText: '—' }).waitFor();
    await other.getByRole('button', { name: 'Sign in' }).click();
    const d = other.getByRole('dialog');
    await d.locator('label[data-user-id=clerk-linh]').click();
    for (let i = 0; i < 5; i++) {
      await other.keyboard.type('2222');
      await other.keyboard.press('Enter');
      await d.locator('[data-error-code=BAD_PIN]').waitFor();
      await expect(d.getByLabel('PIN').inputValue()).resolves.toBe('');
    }
    const message = d.locator('[data-error-code=BAD_PIN]');
    await expect(message.textContent()).resolves.toMatch(
      /^Wrong PIN\. Sign-in is paused: try again in (30|29|28) s\.$/,
    );
    await expect(d.getByRole('button', { name: 'Sign in' }).isDisabled()).resolves.toBe(true);
    const first = Number(/in (\d+) s/.exec((await message.textContent()) ?? '')?.[1]);
    await expect
      .poll(async () => Number(/in (\d+) s/.exec((await message.textContent()) ?? '')?.[1]), {
        timeout: 10_000,
      })
      .toBeLessThan(first);
    await screenshot(other, 'sign-in-locked');
    await context.close();
  });

  it('an admin makes a new station key from Settings (approved at this screen); this tab keeps working', async () => {
    const old = station.server.token;
    await page.keyboard.press('F7');
    await page.getByRole('button', { name: 'Make a new station key' }).click();
    const prompt = page.getByTestId('supervisor-prompt');
    await prompt.waitFor();
    await page.keyboard.type(makeBadgeCode('9901'), { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await page.keyboard.type('2468');
    await page.keyboard.press('Enter');
    await prompt.waitFor({ state: 'detached' });
    const link = page.getByTestId('new-station-link').locator('code');
    await link.waitFor();
    expect(station.server.token).not.toBe(old);
    await expect(link.textContent()).resolves.toBe(station.server.openUrl);
    await link.scrollIntoViewIfNeeded();
    await screenshot(page, 'station-key-rotated');
    // This tab took the new key: its next calls pass.
    await page.keyboard.press('F3');
    await page.getByTestId('queue-table').waitFor();
    await expect(page.locator('[data-error-code=UNAUTHORIZED]').count()).resolves.toBe(0);
    const audit = station.core.db
      .prepare<[], { details: string }>(
        "SELECT details FROM audit_log WHERE action = 'station.token_rotated'",
      )
      .get();
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ approvedBy: 'admin-ana', via: 'app' });
  });

  it('a station restart keeps the tab connected and says the supervisor was signed out; a rotated key says what to do', async () => {
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await dialog().locator('label[data-user-id=supervisor-mei]').click();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await operator().getByText('Mei · Supervisor').waitFor();

    const { port } = station.server;
    const dataDir = station.dataDir;
    await station.close();
    station = await startStation(dataDir, { clock, port });
    // Sign-ins live in memory: the tab, still holding the key, notices the new start by itself.
    const notice = page.getByTestId('session-notice');
    await notice.waitFor({ timeout: 30_000 });
    await expect(notice.getAttribute('data-kind')).resolves.toBe('restarted');
    await expect(operator().textContent()).resolves.toBe('Clerk');
    await screenshot(page, 'restarted-signed-out');

    // A new tab on the same address needs no link: the browser kept the key for this station.
    await page.goto(`http://127.0.0.1:${port}/`);
    await operator().getByText('Clerk').waitFor();
    await expect(page.locator('[data-error-code=UNAUTHORIZED]').count()).resolves.toBe(0);

    // An admin changed the key: the screen says exactly how to get the new link.
    station.core.stationToken.rotate();
    await page.keyboard.press('F3');
    const refused = page.locator('[data-error-code=UNAUTHORIZED]');
    await refused.waitFor({ timeout: 30_000 });
    await expect(refused.textContent()).resolves.toContain('lastmile station --print-url --data');
    await screenshot(page, 'station-key-changed');
    await page.goto(station.server.openUrl);
    await operator().getByText('Clerk').waitFor();
    await expect(page.locator('[data-error-code=UNAUTHORIZED]').count()).resolves.toBe(0);
    await expect(
      page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash),
    ).resolves.toBe('');
  });
});
