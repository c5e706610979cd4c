import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/main/printing/templates';
import { decodePng } from '../helpers/printing/barcode-reader';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { zplToPng } from '../helpers/printing/zpl-image';
import { TempDirs } from '../helpers/temp-dir';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

const qcExample = TEMPLATES.find((t) => t.name === 'qc-tag')!.example as Record<string, unknown>;
const returnIdOf = (zpl: Buffer): string => /\^FD(RT-[\w-]+)\^FS/.exec(zpl.toString('utf8'))?.[1] ?? '?';

async function signInSupervisor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Mei').click();
  await dialog.getByLabel('PIN').fill('9999');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('printers in Chromium: add a Zebra, test print, unplug, plug back', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let printer: FakePrinter;

  beforeAll(async () => {
    printer = await FakePrinter.start();
    station = await startStation(temp.make('lastmile-printers-'), {
      demoParcels: 20,
      // An unplugged printer is retried within a second, so the test waits on seconds, not the 30 s cap.
      printing: { backoff: { baseMs: 200, capMs: 1000 }, sendTimeoutMs: 3000 },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await printer?.close();
    temp.cleanup();
  });

  it('a supervisor adds the Zebra from the keyboard-reachable form; a test print reaches it and decodes', async () => {
    await signInSupervisor(page);
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: 'Printers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add printer' }).click();
    await page.getByLabel('Name (shown to clerks)').fill('QC-Zebra');
    await page.getByLabel('Model (e.g. Zebra ZD421, Epson TM-T88VI)').fill('Zebra ZD421');
    await page.getByLabel('Connection').fill(printer.address);
    await page.getByLabel('QC tag').check();
    await screenshot(page, 'printers-add-form');
    await page.getByLabel('Name (shown to clerks)').press('Enter'); // the form submits from the keyboard
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(station.core.printing.listPrinters()).toMatchObject([
      {
        id: 'qc-zebra',
        name: 'QC-Zebra',
        language: 'zpl',
        interface: printer.address,
        media: { widthMm: 100, heightMm: 50 },
        templates: ['qc-tag'],
      },
    ]);
    const audit = station.core.db
      .prepare<[], { user_id: string; action: string }>(
        `SELECT user_id, action FROM audit_log WHERE entity_type = 'printer'`,
      )
      .all();
    expect(audit).toEqual([{ user_id: 'supervisor-mei', action: 'printer.add' }]);

    await page.getByRole('button', { name: 'Test print' }).click();
    await printer.waitForJobs(1);
    const zpl = printer.jobs[0]!;
    const printed = await zplToPng(zpl.toString('utf8'), 100, 50, 203);
    expect(await decodePng(printed)).toEqual([{ format: 'Code128', text: 'RT-2026-000123' }]);
    await page.locator('[data-testid=test-result][data-status=printed]').waitFor();
    await page.getByTestId('label-preview').locator('img').waitFor();
    const previewPng = await page
      .getByTestId('label-preview')
      .locator('img')
      .evaluate((img) => (img as unknown as { src: string }).src.replace('data:image/png;base64,', ''));
    expect(await decodePng(Buffer.from(previewPng, 'base64'))).toEqual([
      { format: 'Code128', text: 'RT-2026-000123' },
    ]);

    await page.getByRole('button', { name: 'Check status' }).click();
    await page.locator('[data-testid=check-result][data-state=online]').getByText('ready').waitFor();
    await screenshot(page, 'printers-test-print');
  });

  it('unplugged: the clerk sees the banner on every screen and keeps working; plugged back, the backlog prints in order and the banner goes', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await printer.unplug();
    // Three QC decisions, each asking for its tag in its own transaction, as the QC station does:
    // no printer named, the routing sends QC tags to the printer that lists them.
    for (const n of [1, 2, 3]) {
      station.core.db
        .transaction(() =>
          station.core.printing.enqueue(station.core.db, {
            template: 'qc-tag',
            data: { ...qcExample, returnId: `RT-B${n}`, barcode: `RT-B${n}` },
            requestedBy: 'clerk',
          }),
        )
        .immediate();
    }
    // Returns QC (F1), the clerk's screen.
    await page.keyboard.press('F1');
    const banner = page.getByTestId('printer-banner').locator('.printer-banner-offline');
    await banner
      .getByText(
        'Label printer QC-Zebra offline — 3 labels waiting; keep working, they print when it is back.',
      )
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'printer-offline-banner-qc');
    await page.keyboard.press('F3');
    await page.getByTestId('queue-table').waitFor();
    expect(await banner.isVisible()).toBe(true);
    await screenshot(page, 'printer-offline-banner-queue');
    expect(printer.jobs.length).toBe(1);

    await printer.plug();
    await printer.waitForJobs(4, 30_000);
    expect(printer.jobs.slice(1).map(returnIdOf)).toEqual(['RT-B1', 'RT-B2', 'RT-B3']);
    await page
      .getByTestId('printer-banner')
      .locator('.printer-banner')
      .waitFor({ state: 'detached', timeout: 20_000 });
    expect(station.core.printing.listJobs({ statuses: ['queued', 'sending'] })).toEqual([]);
    await screenshot(page, 'printer-back-no-banner');
  });

  it('print history: shows every label with its status, previews one, reprints it with a reason (keyboard only)', async () => {
    await page.keyboard.press('F6');
    await page.locator('[data-printer-id=qc-zebra]').click();
    const rows = page.getByTestId('print-history').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByTestId('print-history').locator('tbody tr[data-status=printed]').count()).toBe(4);

    const oldest = station.core.printing.listJobs({ printerId: 'qc-zebra' }).at(-2)!; // RT-B1
    const row = page.locator(`tr[data-job-id="${oldest.id}"]`);
    await row.getByRole('button', { name: 'Show label' }).click();
    await page.getByRole('dialog', { name: 'The label as printed' }).getByTestId('label-preview').waitFor();
    await screenshot(page, 'print-history-preview');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).press('Enter');

    await row.getByRole('button', { name: 'Reprint' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('label torn');
    await page.keyboard.press('Enter');
    await printer.waitForJobs(5, 20_000);
    expect(returnIdOf(printer.jobs[4]!)).toBe('RT-B1');
    expect(printer.jobs[4]).toEqual(printer.jobs[1]);
    await page.locator('tbody tr', { hasText: 'Reprint: label torn' }).waitFor();
    const reprint = station.core.printing.listJobs({ printerId: 'qc-zebra', limit: 1 })[0]!;
    expect(reprint).toMatchObject({ reprintOf: oldest.id, reason: 'label torn', requestedBy: 'clerk' });
    await screenshot(page, 'print-history-reprint');
  });
});
