import Database from 'better-sqlite3';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { startStationServer, type StationServer } from '../../src/main/station/server';
import { openStationCore, type StationCore } from '../../src/main/station/station-core';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  builtRenderer,
  launchChromium,
  screenshot,
  STATION_VIEWPORT,
} from './station-fixture';

const CODE = 'ZZ000000777XX';

describe('the screens while the station’s core process restarts', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: StationCore;
  let server: StationServer;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = temp.make('lastmile-browser-restart-');
    station = await openStationCore({
      dataDir,
      logger: silentLogger,
      mode: 'core-process',
      // A slow restart and a short wait, so a call made meanwhile answers CORE_RESTARTING.
      supervisor: {
        restart: { delaysMs: [4_000], maxCrashes: 5, windowMs: 60_000 },
        client: { waitForCoreMs: 200 },
      },
    });
    server = await startStationServer({ core: station, rendererDir: await builtRenderer(), port: 0 });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: STATION_VIEWPORT });
    page = await context.newPage();
    await page.goto(server.openUrl);
    await page.locator('[data-testid=operator]').filter({ hasNotText: '—' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await station?.close();
    temp.cleanup();
  });

  it('shows "restarting, nothing you confirmed is lost", then records the scan once the core is back', async () => {
    const supervisor = station.supervisor!;
    // The Scan screen (Returns QC is the first screen).
    await page.keyboard.press('F2');
    await page.locator('[data-testid=scan-panel]').waitFor();
    expect(await page.getByTestId('core-status').count()).toBe(0);
    process.kill(supervisor.pid()!, 'SIGKILL');
    await expect.poll(() => supervisor.status().state, { timeout: 10_000 }).toBe('restarting');

    await page.keyboard.type(CODE, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    const banner = page.getByTestId('core-status');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/restarting — nothing you confirmed is lost/);
    await screenshot(page, 'core-restarting');

    // The scan never reached the dead core, so the screen sends it again with its client scan id,
    // and it lands once, on the Scan screen where it was made, as an unknown code.
    await page
      .getByTestId('recent-scans')
      .locator('li[data-outcome=unknown]')
      .filter({ hasText: CODE })
      .waitFor({ timeout: 60_000 });
    await banner.waitFor({ state: 'detached' });
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM scans WHERE code = ?').get(CODE)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(supervisor.status()).toMatchObject({ state: 'running', generation: 2 });
  }, 120_000);
});
