import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Clock } from '../../src/main/clock';
import { createCore, type Core, type CorePrintingOptions } from '../../src/main/core';
import type { CorePackingOptions } from '../../src/main/packing/create-packing';
import { seedDemo } from '../../src/main/demo/seed';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import { ensureRendererBuilt } from '../../src/main/station/renderer-build';
import { startStationServer, type StationServer } from '../../src/main/station/server';
import { countRows as rowsIn } from '../helpers/fixtures-db';
import { CHROMIUM_ARGS } from '../../scripts/ensure-chromium.mjs';

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = path.join(PACKAGE_ROOT, 'test-output', 'screenshots');
/** The station screen the app is designed for. */
export const STATION_VIEWPORT = { width: 1366, height: 768 };
/** A keyboard-wedge scanner's pace between keystrokes. */
export const SCANNER_DELAY_MS = 25;

let rendererDir: Promise<string> | null = null;

/** Builds the screens once per test process (only when the sources are newer than the last build). */
export function builtRenderer(): Promise<string> {
  rendererDir ??= ensureRendererBuilt(PACKAGE_ROOT, () => {});
  return rendererDir;
}

export interface Station {
  core: Core;
  server: StationServer;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real station as `lastmile station` runs it: a core on `dataDir` and the HTTP server on
 * 127.0.0.1 serving the built renderer. `beforeServe` may attach more (e.g. sync) to the core.
 */
export async function startStation(
  dataDir: string,
  options: {
    demoParcels?: number;
    beforeServe?: (core: Core) => void | Promise<void>;
    printing?: CorePrintingOptions;
    /** The packing bench's carriers, zone and label retry (fakes on 127.0.0.1 in the tests). */
    packing?: CorePackingOptions;
    /** A ManualClock to move a supervisor's idle time forward; the system clock otherwise. */
    clock?: Clock;
    /** A fixed port, to start the station again where its open tabs expect it; a free one otherwise. */
    port?: number;
  } = {},
): Promise<Station> {
  const dir = await builtRenderer();
  const core = createCore({
    dataDir,
    logger: silentLogger,
    random: seededRandom(11),
    ...(options.printing ? { printing: options.printing } : {}),
    ...(options.packing ? { packing: options.packing } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    const empty = rowsIn(core.db, 'parcels') === 0;
    if (options.demoParcels && empty) {
      seedDemo(core.db, core.users, { seed: 42, parcels: options.demoParcels, now: core.clock.now() });
    }
    await options.beforeServe?.(core);
    await core.printing.ready();
    const server = await startStationServer({ core, rendererDir: dir, port: options.port ?? 0 });
    return {
      core,
      server,
      dataDir,
      async close() {
        await server.close();
        await core.close();
      },
    };
  } catch (err) {
    await core.close();
    throw err;
  }
}

/** The Chromium the global setup found or installed (test/browser/global-setup.ts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), args: [...CHROMIUM_ARGS] });
}

/** Opens the station's URL at the station screen size and waits until the shell knows its operator. */
export async function openStation(
  browser: Browser,
  station: Station,
  options: { timezoneId?: string; initScript?: () => void } = {},
): Promise<Page> {
  // The station PC's zone: times on screen are the clock on the warehouse wall.
  const context = await browser.newContext({
    viewport: STATION_VIEWPORT,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  // A browser API the test stands in for (a USB device), in place before the app's code runs.
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(station.server.openUrl);
  await page.locator('[data-testid=operator]').filter({ hasNotText: '—' }).waitFor();
  return page;
}

/** The station's client id of a page's tab (sign-ins belong to one tab). */
export async function clientIdOf(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    type Storage = { getItem(key: string): string | null };
    return (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.getItem('lastmile.clientId');
  });
  if (!id) throw new Error('the page has no client id yet');
  return `http:${id}`;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Rows the scan flow writes, to prove that refused input wrote nothing. */
export function countRows(core: Core): { scans: number; events: number } {
  return { scans: rowsIn(core.db, 'scans'), events: rowsIn(core.db, 'outbox_events') };
}

/** The colour a clerk sees behind an element (this file is type-checked without the DOM library). */
export function backgroundColor(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    type View = { getComputedStyle(e: unknown): { backgroundColor: string } };
    const view = (el as unknown as { ownerDocument: { defaultView: View } }).ownerDocument.defaultView;
    return view.getComputedStyle(el).backgroundColor;
  });
}
