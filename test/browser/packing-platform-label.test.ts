import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxBarcode } from '../../src/shared/packing/box-presets';
import { readyPackPrinter, saveSmallBox } from '../helpers/packing/pack-bench';
import { tiktokPlatformLampOrder } from '../helpers/packing/platform-order';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { TempDirs } from '../helpers/temp-dir';
import { openPackBench, packStep, pressAndWait, scanAndWait } from './pack-screen';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/**
 * A package TikTok Shop's own carrier takes, at the bench in Chromium: no route after weighing,
 * the ready step says the platform prints the label and when, and after Enter the bench says the
 * same while the label waits for the platform (no TikTok Shop connector here: it stays waiting).
 */
const REF = '578123400011';
const PLATFORM_PACKAGE = '1154000000000001';
const MESSAGE = 'TikTok Shop prints this label — it follows once the platform accepts the shipment';

describe('a platform-shipped package at the packing bench in Chromium', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let printer: FakePrinter;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    station = await startStation(temp.make('lastmile-platform-label-'), {
      packing: { timeZone: 'Asia/Kuala_Lumpur', labelRetryMs: 0, bookingTimeoutMs: 2_000 },
      beforeServe: async (core) => {
        await readyPackPrinter(core, { clientId: 'setup' }, printer.address, [
          'packing-slip',
          'platform-shipping-label',
        ]);
        await saveSmallBox(core);
        await core.packing.orders.upsertMany([
          tiktokPlatformLampOrder(REF, core.clock.now(), PLATFORM_PACKAGE),
        ]);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
    await openPackBench(page);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await printer?.close();
    temp.cleanup();
  });

  it('says at the ready step and while waiting that TikTok Shop prints the label', async () => {
    expect(await scanAndWait(page, REF, SCANNER_DELAY_MS)).toBe('opened');
    expect(await scanAndWait(page, '9555123400017', SCANNER_DELAY_MS)).toBe('allVerified');
    expect(await scanAndWait(page, boxBarcode('S2'), SCANNER_DELAY_MS)).toBe('boxSet');
    // Weighed, then straight to Enter: the platform picks the carrier, so no route is asked for.
    expect(await scanAndWait(page, '560')).toBe('weighed');
    await packStep(page, 'complete');
    await expect(page.getByTestId('pack-route').getAttribute('data-line')).resolves.toBe('platform');
    await expect(page.getByTestId('pack-platform-label').textContent()).resolves.toBe(MESSAGE);
    await expect(page.getByTestId('pack-next-title').textContent()).resolves.toBe(
      'Enter: seal — the packing slip prints now',
    );
    await screenshot(page, 'packing-platform-ready');

    expect(await pressAndWait(page, 'Enter')).toBe('awaitingPlatformLabel');
    await packStep(page, 'scan_order');
    await expect(page.getByTestId('pack-feedback-title').textContent()).resolves.toBe(
      `Sealed, packing slip printed. ${MESSAGE}`,
    );
    await expect(page.getByTestId('pack-last-label').textContent()).resolves.toBe(
      `Last: ${REF} sealed. ${MESSAGE}.`,
    );
    // The packing slip is what printed; the label waits for the platform.
    await printer.waitForJobs(1);
    expect(printer.jobs[0]?.toString('latin1')).toContain(REF);
    await screenshot(page, 'packing-platform-awaiting');
  });
});
