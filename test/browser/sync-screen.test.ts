import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import type { UserView } from '../../src/shared/domain';
import { SqliteConnectorState } from '../../src/main/carriers/sqlite-state';
import type { Core } from '../../src/main/core';
import { CIRCUIT_DOWN_SINCE_KEY } from '../../src/main/sync/circuit-memory';
import { storeDemoSyncConfig } from '../../src/main/demo/demo-sync';
import { HUB_DESTINATION, PLATFORM_DESTINATION } from '../../src/main/scans/scan-routing';
import { attachStoredSync } from '../../src/main/sync/attach-sync';
import { TempDirs } from '../helpers/temp-dir';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

const REFUSED_CODES = ['ZZ404NOTOURS', 'ZZ405NOTOURS'];

/**
 * Wires the station to one local test carrier standing in for every carrier, the platform and the
 * hub (as `lastmile station --demo` does), with the background trickle off so the queue waits for
 * the supervisor's daily sync. Three scans wait in the queue; the hub refuses the two unknown ones for good.
 */
async function wireSync(core: Core): Promise<TestCarrier> {
  const tracked = core.db
    .prepare<[], { t: string }>('SELECT tracking_number AS t FROM parcels ORDER BY id LIMIT 20')
    .all()
    .map((r) => r.t);
  const carrier = await startTestCarrier({
    seed: 5,
    returns: 4,
    trackingNumbers: tracked,
    trackingPerParcel: 1,
    carrierName: 'demo-feed',
  });
  await storeDemoSyncConfig(core, carrier.url);
  const { configError } = attachStoredSync(core, { startTrickle: false });
  if (configError) throw new Error(configError);

  const tracking = core.db
    .prepare<[], { t: string }>('SELECT return_tracking_number AS t FROM return_orders ORDER BY id LIMIT 1')
    .get()?.t;
  await core.scans.record({ code: tracking ?? '', source: 'scanner' }, core.session.user());
  const keys: string[] = [];
  for (const code of REFUSED_CODES) {
    const refused = await core.scans.record({ code, source: 'scanner' }, core.session.user());
    keys.push(
      core.db
        .prepare<[string], { k: string }>('SELECT idempotency_key AS k FROM outbox_events WHERE id = ?')
        .get(refused.outboxEventId)?.k ?? '',
    );
  }
  carrier.rejectKeys(keys, 'hub: code matches no parcel');
  // Slow enough that a person (and the test) sees the progress bar move.
  carrier.setLatency(150);
  return carrier;
}

describe('the supervisor’s Sync screen in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let carrier: TestCarrier | undefined;
  let page: Page;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-browser-'), {
      demoParcels: 60,
      beforeServe: async (core) => {
        carrier = await wireSync(core);
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

  it('shows a clerk the queue per destination, with the supervisor actions disabled and why', async () => {
    await page.keyboard.press('F4');
    const table = page.getByTestId('destinations');
    const platform = table.locator(`tr[data-destination=${PLATFORM_DESTINATION}]`);
    const hub = table.locator(`tr[data-destination=${HUB_DESTINATION}]`);
    await platform.waitFor();
    // Columns: name, waiting, sending, delivered, failed, connection, last contact.
    await expect(platform.locator('td').allTextContents()).resolves.toEqual([
      PLATFORM_DESTINATION,
      '1',
      '0',
      '0',
      '0',
      'OK',
      'never',
    ]);
    await expect(hub.locator('td').nth(1).textContent()).resolves.toBe('2');
    // Destinations that never saw an event are folded away until asked for.
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await page.getByRole('button', { name: /Show \d+ idle/ }).click();
    await table.locator('tr[data-destination=ninjavan]').waitFor();
    await page.getByRole('button', { name: 'Hide idle' }).click();
    await expect(page.getByTestId('run-sync').isDisabled()).resolves.toBe(true);
    await page.getByText('Only a supervisor can run the sync').waitFor();
    await screenshot(page, 'sync-clerk');
  });

  it('runs the daily sync as a supervisor with a live progress bar, then shows the report and the dead letter', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Mei').click();
    await dialog.getByLabel('PIN').fill('9999');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A carrier code the station reads as "unknown" on three checkpoints: kept, and counted.
    const tracked = station.core.db
      .prepare<[], { t: string }>('SELECT tracking_number AS t FROM parcels ORDER BY id LIMIT 3')
      .all()
      .map((r) => r.t);
    carrier?.addTracking(tracked, 1, 'unknown');
    // An order the platform cancelled after its handover, as a TikTok Shop webhook notes it
    // (test/integration/tiktok-shop/webhook-order-changes.test.ts drives that path).
    station.core.db
      .prepare(
        "INSERT INTO sync_late_cancellations (account, order_id, noticed_at) VALUES ('tiktok_shop', '576461413038785752', ?)",
      )
      .run(station.core.clock.now());
    await page.getByTestId('run-sync').click();
    await page.getByTestId('sync-progress').waitFor();
    await screenshot(page, 'sync-running');
    const report = page.getByTestId('sync-reports').locator('li.report').first();
    await report.waitFor({ timeout: 45_000 });
    await expect(page.getByTestId('sync-run').getAttribute('data-running')).resolves.toBe('no');

    await expect(report.getAttribute('data-status')).resolves.toBe('attention');
    await expect(report.locator('.report-head .badge').textContent()).resolves.toBe('Needs attention');
    const dead = page.getByTestId('dead-letters').locator('li.dead-letter');
    await expect(dead.count()).resolves.toBe(2);
    for (const code of REFUSED_CODES) {
      await expect(dead.filter({ hasText: code }).textContent()).resolves.toContain('code matches no parcel');
    }

    const platform = page.locator(`tr[data-destination=${PLATFORM_DESTINATION}]`);
    await expect(platform.locator('td').nth(3).textContent()).resolves.toBe('1');
    await expect(platform.locator('td').nth(6).textContent()).resolves.not.toBe('never');
    const applied = carrier?.applied(PLATFORM_DESTINATION) ?? [];
    expect(applied.map((e) => e.type)).toEqual(['scan.recorded']);

    const unknownEvents =
      station.core.db
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM tracking_events WHERE status = 'unknown'")
        .get()?.n ?? 0;
    expect(unknownEvents).toBe(3);
    const unknown = report.getByTestId('unknown-codes');
    await expect(unknown.locator('summary').textContent()).resolves.toBe(
      `Carrier status codes read as “unknown” (${String(unknownEvents)})`,
    );
    await unknown.locator('summary').click();
    await expect(unknown.locator(`li[data-code=unknown]`).textContent()).resolves.toBe(
      `${PLATFORM_DESTINATION} · unknown · ${String(unknownEvents)} events kept`,
    );
    await screenshot(page, 'sync');

    // Open by itself: a parcel on its way that someone must stop or expect back.
    const late = report.getByTestId('late-cancellations');
    await expect(late.getAttribute('open')).resolves.not.toBeNull();
    await expect(late.locator('summary').textContent()).resolves.toBe(
      'Orders cancelled by the platform after handover (the parcel is on its way: stop it with the carrier or expect a return) (1)',
    );
    await expect(late.locator('li[data-order="576461413038785752"]').textContent()).resolves.toMatch(
      /^tiktok_shop · 576461413038785752 · cancelled \S/,
    );
    await late.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-late-cancellations');
  });

  it('lets the supervisor send one dead letter again and discard the other with a reason, both audited', async () => {
    const dead = page.getByTestId('dead-letters').locator('li.dead-letter');
    const [retried, discarded] = REFUSED_CODES.map((code) => dead.filter({ hasText: code }));
    await retried?.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => dead.count()).toBe(1);

    await discarded?.getByRole('button', { name: 'Discard' }).click();
    const confirm = page.getByRole('button', { name: 'Discard event' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByLabel(/Why discard it/).fill('label belongs to another warehouse');
    await confirm.click();
    await page.getByText('No failed events.').waitFor();

    const statuses = station.core.db
      .prepare<[], { code: string; status: string }>(
        `SELECT json_extract(payload, '$.code') AS code, status FROM outbox_events WHERE destination = 'hub' ORDER BY seq`,
      )
      .all();
    expect(statuses).toEqual([
      { code: REFUSED_CODES[0], status: 'pending' },
      { code: REFUSED_CODES[1], status: 'discarded' },
    ]);
    const audit = station.core.db
      .prepare<[], { user_id: string; action: string; details: string }>(
        `SELECT user_id, action, details FROM audit_log WHERE action LIKE 'outbox.%' ORDER BY id`,
      )
      .all();
    expect(audit.map((a) => [a.user_id, a.action])).toEqual([
      ['supervisor-mei', 'outbox.retry'],
      ['supervisor-mei', 'outbox.discard'],
    ]);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({
      reason: 'label belongs to another warehouse',
    });
  });

  it('cancels a running sync from the screen; the report says cancelled', async () => {
    carrier?.setLatency(1500);
    await page.getByTestId('run-sync').click();
    await page.getByRole('button', { name: 'Cancel sync' }).click();
    const latest = page.getByTestId('sync-reports').locator('li.report').first();
    await expect.poll(() => latest.getAttribute('data-status'), { timeout: 45_000 }).toBe('cancelled');
    await expect(page.getByTestId('sync-run').getAttribute('data-running')).resolves.toBe('no');
    carrier?.setLatency(0);
  });

  it('shows for each route which line takes new work and why: the backup once the primary has been down too long', async () => {
    const { core } = station;
    const boss = core.db
      .prepare<[], UserView>("SELECT id, name, role FROM users WHERE role = 'supervisor' LIMIT 1")
      .get() as UserView;
    await core.routes.set({ country: 'MY', primary: 'ninjavan', backup: 'poslaju' }, boss);
    await core.routes.set({ country: 'TH', primary: 'flash', backup: 'jnt_th' }, boss);
    // Ninja Van's circuit has been open for 20 minutes (the default failover delay is 15).
    const downSince = core.clock.now() - 20 * 60_000;
    new SqliteConnectorState({ db: core.db, clock: core.clock, destination: 'ninjavan' }).set(
      CIRCUIT_DOWN_SINCE_KEY,
      String(downSince),
    );
    await page.keyboard.press('F4');
    const routes = page.getByTestId('routes');
    const my = routes.locator('tr[data-route=MY] td[data-active-line]');
    await my.and(page.locator('[data-active-line=backup]')).waitFor({ timeout: 20_000 });
    await expect(my.getAttribute('data-reason')).resolves.toBe('primary_down');
    await expect(my.textContent()).resolves.toContain('The primary has been unreachable for over 15 min');
    await expect(routes.locator('tr[data-route=MY]').textContent()).resolves.toContain('unreachable since');
    const th = routes.locator('tr[data-route=TH] td[data-active-line]');
    await expect(th.getAttribute('data-active-line')).resolves.toBe('primary');
    await expect(th.textContent()).resolves.toContain('The primary line answers.');
    await page
      .getByText('New work goes to the backup line when the primary has been unreachable for 15 min')
      .waitFor();
    await screenshot(page, 'sync-routes');
  });

  it('a supervisor edits a route from the keyboard: refused lines are explained, the saved route fails over, audited', async () => {
    const { core } = station;
    const routes = page.getByTestId('routes');
    const edit = routes.getByRole('button', { name: 'Edit route TH' });
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('route-form');
    await form.getByRole('heading', { name: 'Edit route' }).waitFor();
    // The primary select has the focus: pick Ninja Van (down for 20 min), and Ninja Van as backup too.
    await expect(
      form.getByLabel('Primary line').evaluate((el) => el === el.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await form.getByLabel('Primary line').selectOption('ninjavan');
    await form.getByLabel('Backup line').selectOption('ninjavan');
    await form.getByLabel('Backup line').focus();
    await page.keyboard.press('Enter');
    const refused = form.locator('[data-error-code=ROUTE_LINES_SAME]');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toBe(
      'The backup line must be another carrier than the primary (ninjavan).',
    );
    await form.getByLabel('Backup line').selectOption('flash');
    await form.getByLabel('Backup line').focus();
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });

    // Ninja Van has been down longer than the failover delay: new TH work goes to the backup.
    const th = routes.locator('tr[data-route=TH] td[data-active-line]');
    await th.and(page.locator('[data-active-line=backup]')).waitFor({ timeout: 20_000 });
    await expect(th.getAttribute('data-reason')).resolves.toBe('primary_down');
    expect(core.routes.resolveLine({ country: 'TH' })).toMatchObject({
      primary: 'ninjavan',
      backup: 'flash',
      active: 'backup',
    });
    const audit = core.db
      .prepare<[], { user_id: string; details: string }>(
        "SELECT user_id, details FROM audit_log WHERE action = 'route.update' ORDER BY rowid DESC LIMIT 1",
      )
      .get();
    expect(audit?.user_id).toBe('supervisor-mei');
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({
      country: 'TH',
      primary: 'ninjavan',
      backup: 'flash',
      was: { primary: 'flash', backup: 'jnt_th' },
    });

    // A longer failover time (30 min > Ninja Van's 20 min down): new TH work is back on the primary.
    const minutesField = page.getByTestId('failover-form').getByLabel('Fail over after (minutes)');
    await minutesField.fill('30');
    await page.keyboard.press('Enter');
    await th.and(page.locator('[data-active-line=primary]')).waitFor({ timeout: 20_000 });
    await expect(th.getAttribute('data-reason')).resolves.toBe('primary_down_briefly');
    expect(core.routes.resolveLine({ country: 'TH' }).active).toBe('primary');
    expect(
      core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'route.failover_after'").get(),
    ).toEqual({ n: 1 });

    // A new route: the form offers the station's carrier accounts; Escape closes it unsaved.
    await routes.getByRole('button', { name: 'Add route' }).click();
    await form.getByLabel('Country (2 letters)').fill('vn');
    await form.getByLabel('Primary line').selectOption('ghn');
    await screenshot(page, 'route-editing');
    await form.getByLabel('Primary line').focus();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    // The station refuses a line that is not one of its carrier accounts (the select offers none).
    const boss = core.users.list().find((u) => u.id === 'supervisor-mei')!;
    await expect(
      core.routes.set({ country: 'VN', primary: 'dhl-vn', backup: null }, boss, { checkLines: true }),
    ).rejects.toMatchObject({ code: 'ROUTE_LINE_UNKNOWN', params: { line: 'dhl-vn' } });
  });
});
