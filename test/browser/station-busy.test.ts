import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/core';
import { setWritePolicy } from '../../src/main/db/write';
import { attachStoredSync, SYNC_CONFIG_KEY } from '../../src/main/sync/attach-sync';
import { startChild, stopChild, type Child } from '../helpers/child-process';
import { countRows as rowsIn } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

const LOCKER = path.join(__dirname, '..', 'integration', 'fixtures', 'hold-write-lock.ts');

/**
 * The station when something outside it goes wrong: another program holds its database (the
 * clerk's scan is "busy, retrying" and then recorded once) and a stored sync configuration that
 * cannot be used (sync is off, the Sync screen says why, scanning works).
 */
describe('the station in Chromium when its database is busy or its sync configuration is bad', () => {
  const temp = new TempDirs();
  const lockers: Child[] = [];
  let browser: Browser;
  let station: Station;
  let page: Page;

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-browser-busy-'), {
      demoParcels: 30,
      beforeServe: async (core) => {
        // What an older version could store: within the old schema, refused by the engine at start.
        await core.settings.setRaw(SYNC_CONFIG_KEY, {
          destinations: [
            {
              name: 'hub',
              kind: 'test-carrier',
              baseUrl: 'http://127.0.0.1:9',
              credentials: { clientId: 'a', clientSecret: 'b' },
              limits: { requestTimeoutMs: 60_000 },
            },
          ],
          feeds: {},
        });
        attachStoredSync(core, { startTrickle: true });
        // The station's own wait for the lock, shortened from 5 s so "busy" shows quickly.
        setWritePolicy(core.db, { maxWaitMs: 300 });
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
  });

  afterEach(async () => {
    for (const c of lockers.splice(0)) await stopChild(c);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  it('a scan while another program holds the database shows "busy, retrying" and is recorded once when it lets go', async () => {
    const locker = startChild(process.execPath, [
      '--import',
      'tsx',
      LOCKER,
      path.join(station.dataDir, DATABASE_FILE),
    ]);
    lockers.push(locker);
    await locker.waitForLine(/^locked$/);
    const before = rowsIn(station.core.db, 'scans');

    // The Scan screen's own busy panel (F2; Returns QC is the first screen).
    await page.keyboard.press('F2');
    await page.locator('[data-testid=scan-panel][data-kind=idle]').waitFor();
    await page.keyboard.type('BUSY000000001', { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    const busy = page.locator('[data-testid=scan-panel][data-kind=busy]');
    await busy.waitFor();
    await expect(busy.textContent()).resolves.toMatch(/Station busy — retrying.*BUSY000000001/);
    await screenshot(page, 'scan-busy');

    locker.proc.stdin.write('release\n');
    await page.locator('[data-testid=scan-panel][data-kind=unknown]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('unknown-code').textContent()).resolves.toBe('BUSY000000001');
    expect(rowsIn(station.core.db, 'scans')).toBe(before + 1);
    expect(
      station.core.db.prepare("SELECT count(*) AS n FROM scans WHERE code = 'BUSY000000001'").get(),
    ).toEqual({ n: 1 });
  });

  it('the Sync screen says sync is off and why; nothing is configured to send to', async () => {
    await page.keyboard.press('F4');
    const alert = page.locator('.sync-off[role=alert]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /^Sync is off: the stored sync configuration cannot be used \(hub: requestTimeoutMs 60000 must be below 60000 .*\)\. Scanning works/,
    );
    await screenshot(page, 'sync-off');
  });
});
