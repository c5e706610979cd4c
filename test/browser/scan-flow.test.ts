import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCallSpec } from '../../src/shared/call-spec';
import { contract } from '../../src/shared/contract';
import { TempDirs } from '../helpers/temp-dir';
import {
  SCANNER_DELAY_MS,
  backgroundColor,
  countRows,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

const UNKNOWN_CODE = 'ZZ000000001XX';

interface DemoReturn {
  id: string;
  platformReturnId: string;
  tracking: string;
  orderId: string;
}

const panel = (page: Page) => page.getByTestId('scan-panel');

async function waitForPanel(page: Page, kind: string): Promise<void> {
  await page.locator(`[data-testid=scan-panel][data-kind=${kind}]`).waitFor();
}

/** The calls a request of the page makes (`…/api/<name>`), and whether each may write. */
function callOf(url: string): { name: string; writes: boolean } | null {
  const match = /\/api\/([A-Za-z0-9_]+)$/.exec(new URL(url).pathname);
  if (!match?.[1]) return null;
  const spec = (contract as Record<string, AnyCallSpec | undefined>)[match[1]];
  return { name: match[1], writes: (spec?.effect ?? 'write') !== 'read' };
}

/**
 * Everything refused below must leave the database exactly as it was. Instead of waiting a while
 * for a stray request, it watches the page's calls: it waits until every call the action started
 * has been answered, asserts that none of them could write, then counts the rows.
 */
async function expectNothingWritten(
  station: Station,
  page: Page,
  action: () => Promise<void>,
): Promise<void> {
  const before = countRows(station.core);
  const started: string[] = [];
  const open = new Set<Request>();
  const onRequest = (request: Request) => {
    const call = callOf(request.url());
    if (!call) return;
    started.push(call.writes ? `write:${call.name}` : call.name);
    open.add(request);
  };
  const onDone = (request: Request) => void open.delete(request);
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  try {
    await action();
    await expect.poll(() => open.size, { timeout: 10_000 }).toBe(0);
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
  expect(started.filter((c) => c.startsWith('write:'))).toEqual([]);
  expect(countRows(station.core)).toEqual(before);
}

describe('scan flow in Chromium against the station server', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let dataDir: string;
  let demo: DemoReturn;

  beforeAll(async () => {
    dataDir = temp.make('lastmile-browser-');
    station = await startStation(dataDir, { demoParcels: 120 });
    const row = station.core.db
      .prepare<[], DemoReturn>(
        `SELECT id, platform_return_id AS platformReturnId, return_tracking_number AS tracking, order_id AS orderId
         FROM return_orders WHERE return_tracking_number IS NOT NULL ORDER BY id LIMIT 1`,
      )
      .get();
    if (!row) throw new Error('demo data has no return order');
    demo = row;
    browser = await launchChromium();
    page = await openStation(browser, station);
    // This file is the Scan screen's (F2); Returns QC (F1) is the first screen.
    await page.keyboard.press('F2');
    await waitForPanel(page, 'idle');
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  it('records a return scanned at scanner speed without clicking anything first', async () => {
    await screenshot(page, 'scan-ready');
    await page.keyboard.type(demo.tracking, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await waitForPanel(page, 'found');

    await expect(page.getByTestId('platform-return-id').textContent()).resolves.toBe(demo.platformReturnId);
    await expect(page.getByTestId('order-id').textContent()).resolves.toBe(demo.orderId);
    expect(await page.getByTestId('return-items').locator('li').count()).toBeGreaterThan(0);

    const scan = station.core.db
      .prepare<[string], { id: string; outcome: string; return_order_id: string }>(
        'SELECT id, outcome, return_order_id FROM scans WHERE code = ?',
      )
      .get(demo.tracking);
    expect(scan).toMatchObject({ outcome: 'return_order', return_order_id: demo.id });
    const event = station.core.db
      .prepare<[string], { type: string; status: string; destination: string }>(
        `SELECT type, status, destination FROM outbox_events WHERE json_extract(payload, '$.scanId') = ?`,
      )
      .get(scan?.id ?? '');
    expect(event).toEqual({ type: 'scan.recorded', status: 'pending', destination: 'tiktok_shop' });
    await page.getByTestId('recent-scans').getByText(demo.tracking).waitFor();
    await screenshot(page, 'scan-found');
  });

  it('flags an unknown code in amber and still records it', async () => {
    await page.keyboard.type(UNKNOWN_CODE, { delay: SCANNER_DELAY_MS });
    await page.keyboard.press('Enter');
    await waitForPanel(page, 'unknown');

    await expect(page.getByTestId('unknown-code').textContent()).resolves.toBe(UNKNOWN_CODE);
    await expect(backgroundColor(panel(page))).resolves.toBe('rgb(242, 183, 5)');
    const event = station.core.db
      .prepare<[string], { type: string; destination: string }>(
        `SELECT e.type, e.destination FROM scans s JOIN outbox_events e ON json_extract(e.payload, '$.scanId') = s.id
         WHERE s.code = ? AND s.outcome = 'unknown'`,
      )
      .get(UNKNOWN_CODE);
    expect(event).toEqual({ type: 'scan.unknown', destination: 'hub' });
    await screenshot(page, 'scan-unknown');
  });

  it('refuses a 4 KB garbage paste with a translated message and writes nothing', async () => {
    const garbage = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(0x21 + ((i * 7) % 90))).join(
      '',
    );
    await expectNothingWritten(station, page, async () => {
      // A real paste event with real clipboard data, fired where a clerk's Ctrl+V lands on an idle screen.
      await page.evaluate(`{
        const data = new DataTransfer();
        data.setData('text/plain', ${JSON.stringify(garbage)});
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      }`);
      await page.keyboard.press('Enter');
      await waitForPanel(page, 'error');
    });
    const message = page.locator('[data-error-code=SCAN_TOO_LONG]');
    await expect(message.textContent()).resolves.toBe(
      'That is not a label: 4096 characters arrived, a code has at most 128. Scan the label again.',
    );
    await expect(page.getByTestId('scan-input').inputValue()).resolves.toBe('');
    await screenshot(page, 'scan-error');
  });

  it('refuses a scanner prefix control character (Ctrl+B = STX) and writes nothing', async () => {
    await expectNothingWritten(station, page, async () => {
      await page.keyboard.press('Control+B');
      await page.keyboard.type(demo.tracking, { delay: SCANNER_DELAY_MS });
      await page.keyboard.press('Enter');
      await waitForPanel(page, 'error');
    });
    await expect(page.locator('[data-error-code=SCAN_BAD_CHARACTERS]').textContent()).resolves.toContain(
      'control character (code 2) at position 1',
    );
  });

  it('detects an active input method and asks for English/ABC, writing nothing', async () => {
    const cdp = await page.context().newCDPSession(page);
    await expectNothingWritten(station, page, async () => {
      // What Chrome reports for a key while a Chinese IME composes: key Unidentified, keyCode 229.
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        key: 'Unidentified',
        code: 'KeyR',
        windowsVirtualKeyCode: 229,
        nativeVirtualKeyCode: 229,
      });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Unidentified', code: 'KeyR' });
      await waitForPanel(page, 'ime');
    });
    await expect(panel(page).textContent()).resolves.toContain('English/ABC');
    await screenshot(page, 'scan-ime');

    // The IME then commits CJK text into the code field.
    await expectNothingWritten(station, page, async () => {
      await page.getByTestId('scan-input').focus();
      await cdp.send('Input.insertText', { text: '退货' });
      await page.locator('[data-error-code=SCAN_NOT_ASCII]').waitFor();
    });
    await expect(page.locator('[data-error-code=SCAN_NOT_ASCII]').textContent()).resolves.toBe(
      '"退" is not part of any label. Switch the keyboard\'s input method to English/ABC, then scan again.',
    );
    await cdp.detach();
  });

  it('lists both recorded scans as pending events on the Queue screen (F3)', async () => {
    await page.keyboard.press('F3');
    const table = page.getByTestId('queue-table');
    await table.getByText(UNKNOWN_CODE).waitFor();
    await table.getByText(demo.tracking, { exact: false }).waitFor();
    await expect(page.getByTestId('queue-total').textContent()).resolves.toBe('Events in this list: 2');
    await screenshot(page, 'queue');
  });

  it('still has both scans in the queue after the station restarts on the same folder', async () => {
    await page.context().close();
    await station.close();
    station = await startStation(dataDir);
    page = await openStation(browser, station);
    await page.keyboard.press('Alt+3');
    const table = page.getByTestId('queue-table');
    await table.getByText(UNKNOWN_CODE).waitFor();
    await table.getByText(demo.tracking, { exact: false }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(countRows(station.core)).toEqual({ scans: 2, events: 2 });
  });
});
