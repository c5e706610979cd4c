import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock } from '../../src/main/clock';
import type { Core } from '../../src/main/core';
import { attachSync } from '../../src/main/sync/attach-sync';
import type { SyncService } from '../../src/main/sync/sync-service';
import { makeBadgeCode } from '../../src/shared/codes/badge-code';
import type { UserView } from '../../src/shared/domain';
import { commandSheet } from '../../src/shared/returns/qc-commands';
import { countRows as rowsIn } from '../helpers/fixtures-db';
import { decodePng } from '../helpers/printing/barcode-reader';
import { TempDirs } from '../helpers/temp-dir';
import { addBins, addReturn, png } from '../integration/returns/qc-fixtures';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

const CLERK = { id: 'anan', name: 'Anan', pin: '2580', badge: makeBadgeCode('2001') };
const BOSS = { id: 'mei', name: 'Mei', pin: '4826', badge: makeBadgeCode('9001') };
const EARBUDS = { sku: 'SKU-EARBUDS-W', barcode: '8850001000033', category: 'electronics', price: '1365' };
const LAMP = { sku: 'SKU-LAMP-LED', barcode: '8850001000071', category: 'electronics', price: '840' };
const TSHIRT = { sku: 'SKU-TSHIRT-M-BLK', barcode: '8850001000019', category: 'apparel', price: '250' };
const CAP = { sku: 'SKU-CAP-01', barcode: '8850001000101', category: 'apparel', price: '120' };
const UNKNOWN = 'ZZ0000000099';

/**
 * French AZERTY: what the key at each US position types. A scanner set up for the US layout sends
 * these positions; the bench reads the position (`code`), never the character (`key`).
 */
const AZERTY: Record<string, string> = {
  KeyQ: 'a',
  KeyA: 'q',
  KeyW: 'z',
  KeyZ: 'w',
  KeyM: ',',
  Digit1: '&',
  Digit2: 'é',
  Digit3: '"',
  Digit4: "'",
  Digit5: '(',
  Digit6: '-',
  Digit7: 'è',
  Digit8: '_',
  Digit9: 'ç',
  Digit0: 'à',
  Minus: ')',
};

/** The US key position a scanner presses for a character, and whether it holds Shift. */
function usKey(ch: string): { code: string; shift: boolean; vk: number } {
  if (/^[A-Z]$/.test(ch)) return { code: `Key${ch}`, shift: true, vk: ch.charCodeAt(0) };
  if (/^[a-z]$/.test(ch))
    return { code: `Key${ch.toUpperCase()}`, shift: false, vk: ch.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(ch)) return { code: `Digit${ch}`, shift: false, vk: ch.charCodeAt(0) };
  if (ch === '-') return { code: 'Minus', shift: false, vk: 189 };
  throw new Error(`no key for ${JSON.stringify(ch)} in this test`);
}

const pace = () => new Promise((resolve) => setTimeout(resolve, SCANNER_DELAY_MS));

type Variant = 'ime' | 'azerty';

/** One shift, run twice: once with a Chinese input method in the way, once on a French keyboard. */
for (const variant of ['ime', 'azerty'] as const satisfies readonly Variant[]) {
  describe(`a whole QC shift in Chromium (${variant === 'ime' ? 'an input method active' : 'AZERTY layout'})`, () => {
    const temp = new TempDirs();
    let dataDir: string;
    let browser: Browser;
    let station: Station;
    let page: Page;
    let cdp: CDPSession;
    let carrier: TestCarrier;
    let sync: SyncService | null = null;
    let shot = 0;
    // The station's clock: moved past the undo window before the push (decisions wait that long).
    const clock = new ManualClock(Date.now());
    let parcelA: ReturnType<typeof addReturn>;

    const snap = (name: string) =>
      screenshot(page, `qc-shift-${variant}-${String(++shot).padStart(2, '0')}-${name}`);

    const prepare = (core: Core): void => {
      sync = attachSync(core, {
        destinations: ['tiktok_shop', 'hub'].map((name) => ({
          name,
          kind: 'test-carrier' as const,
          baseUrl: carrier.url,
          credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
          limits: {
            requestsPerSecond: 1000,
            burst: 100,
            maxConcurrency: 2,
            maxBatchSize: 50,
            requestTimeoutMs: 2000,
          },
        })),
        feeds: { returns: [], tracking: [] },
        startTrickle: false,
        engine: { drainMaxWaitMs: 500 },
      });
    };

    async function open(): Promise<void> {
      page = await openStation(browser, station);
      cdp = await page.context().newCDPSession(page);
      await page.locator('[data-testid=next-step]').waitFor();
    }

    /** A scanner burst: every character at scanner speed, then Enter — on this variant's keyboard. */
    async function keys(text: string): Promise<void> {
      if (variant !== 'azerty') {
        await page.keyboard.type(text, { delay: SCANNER_DELAY_MS });
        await page.keyboard.press('Enter');
        return;
      }
      for (const ch of text) {
        const { code, shift, vk } = usKey(ch);
        const plain = AZERTY[code] ?? code.slice(-1).toLowerCase();
        const key = shift ? plain.toUpperCase() : plain;
        await cdp.send('Input.dispatchKeyEvent', {
          type: 'rawKeyDown',
          code,
          key,
          windowsVirtualKeyCode: vk,
          modifiers: shift ? 8 : 0,
        });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code, key, windowsVirtualKeyCode: vk });
        await pace();
      }
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        code: 'Enter',
        key: 'Enter',
        windowsVirtualKeyCode: 13,
      });
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        code: 'Enter',
        key: 'Enter',
        windowsVirtualKeyCode: 13,
      });
    }

    /** One key a clerk presses by hand (a bench shortcut). */
    async function press(letter: string): Promise<void> {
      if (variant !== 'azerty') return page.keyboard.press(letter);
      const code = letter === 'Enter' ? 'Enter' : `Key${letter.toUpperCase()}`;
      const key = letter === 'Enter' ? 'Enter' : (AZERTY[code] ?? letter.toLowerCase());
      const vk = letter === 'Enter' ? 13 : letter.toUpperCase().charCodeAt(0);
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', code, key, windowsVirtualKeyCode: vk });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code, key, windowsVirtualKeyCode: vk });
    }

    const seq = async () => Number((await page.getByTestId('feedback').getAttribute('data-seq')) ?? '0');

    /** Does something and waits for the bench's new answer (never an old one) and the step it leads to. */
    async function step(action: () => Promise<void>, expectStep: string, kind?: string): Promise<void> {
      const before = await seq();
      await action();
      await expect.poll(seq, { timeout: 15_000 }).toBeGreaterThan(before);
      const done = page.locator('[data-testid=feedback][data-stale=false]');
      await done.waitFor();
      if (kind)
        expect(
          `${await page.getByTestId('feedback').getAttribute('data-kind')}`,
          (await page.getByTestId('feedback').textContent()) ?? '',
        ).toBe(kind);
      await page.locator(`[data-testid=next-step][data-step=${expectStep}]`).waitFor();
    }

    const scan = (code: string, expectStep: string, kind?: string) =>
      step(() => keys(code), expectStep, kind);
    const enter = (expectStep: string, kind?: string) => step(() => press('Enter'), expectStep, kind);
    const answers = async (list: readonly ('Y' | 'N')[], last: string) => {
      for (const [i, a] of list.entries())
        await scan(a === 'Y' ? 'QC-YES' : 'QC-NO', i === list.length - 1 ? last : 'checklist');
    };

    async function signIn(who: typeof CLERK): Promise<void> {
      await page.getByRole('button', { name: 'Sign in' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('PIN').waitFor();
      await keys(who.badge);
      await expect(page.getByTestId('sign-in-badge').locator('strong').textContent()).resolves.toBe(
        who.badge,
      );
      await page.keyboard.type(who.pin);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await expect(page.getByTestId('operator').textContent()).resolves.toContain(who.name);
    }

    async function photo(seed: number, expectStep: string): Promise<void> {
      await step(
        () =>
          page
            .getByTestId('photo-file')
            .setInputFiles({ name: `photo-${seed}.png`, mimeType: 'image/png', buffer: png(seed, 8, 6) }),
        expectStep,
      );
    }

    beforeAll(async () => {
      dataDir = temp.make(`lastmile-qc-shift-${variant}-`);
      carrier = await startTestCarrier({ seed: 3 });
      station = await startStation(dataDir, {
        clock,
        beforeServe: async (core) => {
          addBins(core);
          await core.settings.update({ stationName: 'BKK-QC-2', qcUndoMinutes: 10 });
          core.users.create({ ...CLERK, role: 'clerk' });
          core.users.create({ ...BOSS, role: 'supervisor' });
          parcelA = addReturn(core, {
            items: [EARBUDS, LAMP, TSHIRT],
            reason: 'buyer_remorse',
            buyer: 'Nattaya S.',
          });
          // One parcel, two returns of one buyer: the same return tracking number on both.
          addReturn(core, { tracking: 'TRKMULTI0001', items: [CAP], buyer: 'Krit P.' });
          addReturn(core, {
            tracking: 'TRKMULTI0001',
            items: [{ ...CAP, sku: 'SKU-CAP-02' }],
            buyer: 'Krit P.',
          });
          prepare(core);
        },
      });
      browser = await launchChromium();
      await open();
    });

    afterAll(async () => {
      await browser?.close();
      await sync?.close();
      await station?.close();
      await carrier?.close();
      temp.cleanup();
    });

    it('signs in by badge and PIN, and Ctrl+P makes the command sheet', async () => {
      await snap('ready');
      await signIn(CLERK);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+p')]);
      expect(download.suggestedFilename()).toBe('qc-command-sheet.pdf');
      const file = path.join(dataDir, '..', `sheet-${variant}.pdf`);
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The page as a 300 dpi printer draws it: each cell's barcode reads back as its command.
      execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', file, file.replace(/\.pdf$/, '')]);
      const sheet = PNG.sync.read(fs.readFileSync(file.replace(/\.pdf$/, '.png')));
      const px = (mm: number) => Math.round((mm * 300) / 25.4);
      const codes: string[] = [];
      for (const [i] of commandSheet().entries()) {
        // The bars and their digits inside the cell's frame (a frame line reads as a bar), on white.
        const cell = new PNG({ width: px(72), height: px(26) });
        cell.data.fill(255);
        const [x, y] = [7 + (i % 3) * 66, 25 + Math.floor(i / 3) * 26];
        PNG.bitblt(sheet, cell, px(x), px(y), px(62), px(16), px(5), px(5));
        codes.push((await decodePng(PNG.sync.write(cell))).map((d) => d.text).join(','));
      }
      expect(codes).toEqual(commandSheet().map((c) => c.code));
      await snap('signed-in');
    });

    it('receives a parcel of three, restocks one into a scanned bin, undoes a mistaken scan, refurbishes one', async () => {
      await scan(parcelA.tracking, 'condition', 'received');
      // The seller's deadline is tomorrow: shown, in the warning colour.
      await expect(page.getByTestId('deadline').getAttribute('data-urgency')).resolves.toBe('soon');
      await snap('parcel-received');
      await enter('scan_item');

      if (variant === 'ime') {
        // A Chinese input method left on: its keys are refused, said so, and nothing is written.
        const before = {
          scans: rowsIn(station.core.db, 'qc_units'),
          events: rowsIn(station.core.db, 'outbox_events'),
        };
        await page.getByTestId('scan-input').focus();
        await step(async () => {
          await cdp.send('Input.imeSetComposition', { text: 'tui', selectionStart: 3, selectionEnd: 3 });
          await cdp.send('Input.dispatchKeyEvent', {
            type: 'rawKeyDown',
            key: 'Unidentified',
            code: 'KeyT',
            windowsVirtualKeyCode: 229,
            nativeVirtualKeyCode: 229,
          });
        }, 'scan_item');
        await expect(page.getByTestId('feedback').getAttribute('data-kind')).resolves.toBe('ime');
        await snap('ime-refused');
        // The input method then commits Chinese text into the code field.
        await page.getByTestId('scan-input').focus();
        await step(async () => {
          await cdp.send('Input.insertText', { text: '退货' });
        }, 'scan_item');
        await expect(page.getByTestId('feedback').getAttribute('data-recorded')).resolves.toBe('false');
        expect({
          scans: rowsIn(station.core.db, 'qc_units'),
          events: rowsIn(station.core.db, 'outbox_events'),
        }).toEqual(before);
        await snap('ime-text-refused');
      }

      await scan(EARBUDS.barcode, 'serial', 'item_matched');
      await enter('checklist');
      await answers(['Y', 'Y', 'Y', 'Y', 'N'], 'reason');
      await enter('photos');
      await enter('disposition');
      await snap('earbuds-suggestion');
      await enter('bin');
      await scan('A-01-01', 'scan_item', 'decided');
      await snap('earbuds-restocked');

      // The lamp scanned too early, then U: the unit is voided, nothing deleted.
      await scan(LAMP.barcode, 'serial', 'item_matched');
      await step(() => press('u'), 'scan_item', 'undone');
      await snap('undone');
      await scan(LAMP.barcode, 'serial', 'item_matched');
      await enter('checklist');
      await answers(['N', 'Y', 'N', 'Y', 'N'], 'reason');
      await enter('photos');
      await enter('disposition');
      await enter('scan_item', 'decided');
      await snap('lamp-refurbished');
      await scan(TSHIRT.barcode, 'checklist', 'item_matched');
      await scan('QC-YES', 'checklist');
      await snap('before-crash');
    });

    it('resumes at the exact step after the station restarts on the same data folder', async () => {
      const title = await page.getByTestId('next-title').textContent();
      expect(title).toMatch(/2/);
      await page.context().close();
      await sync?.close();
      sync = null;
      await station.close();
      station = await startStation(dataDir, { clock, beforeServe: prepare });
      await open();
      await signIn(CLERK);
      await page.locator('[data-testid=next-step][data-step=checklist]').waitFor();
      await expect(page.getByTestId('next-title').textContent()).resolves.toBe(title);
      await page.getByText('Ready: this parcel is still open — carry on where it stopped (below).').waitFor();
      await snap('resumed');
    });

    it('destroys the worn T-shirt with a scrap reason and a photo file, approved at the bench by badge and PIN', async () => {
      await answers(['N', 'Y'], 'reason');
      await enter('photos');
      await enter('disposition');
      await snap('tshirt-suggestion');
      await enter('scrap_reason');
      await scan('QC-1', 'evidence_photo');
      await page.getByTestId('photo-file').waitFor({ state: 'attached' });
      await snap('evidence-photo');
      await photo(21, 'approval');
      await keys(BOSS.badge);
      await page.getByTestId('approval-pin').waitFor();
      await snap('approval');
      await step(async () => {
        await page.keyboard.type(BOSS.pin);
        await page.keyboard.press('Enter');
      }, 'scan_item');
      await expect
        .poll(() =>
          station.core.db
            .prepare<[], { status: string; decided_by: string }>(
              "SELECT status, decided_by FROM qc_approvals WHERE status <> 'pending'",
            )
            .all(),
        )
        .toEqual([{ status: 'approved', decided_by: BOSS.id }]);
      await scan('QC-DONE', 'complete');
      await snap('complete');
      await enter('scan_parcel', 'completed');
      const units = station.core.db
        .prepare<[], { disposition: string }>(
          "SELECT disposition FROM qc_unit_decisions WHERE status = 'active' ORDER BY rowid",
        )
        .all();
      expect(units.map((u) => u.disposition)).toEqual(['restock', 'refurbish', 'destroy']);
      await snap('completed');
    });

    it('says "already received" for a second scan, quarantines an unexpected parcel, receives two returns in one parcel', async () => {
      await scan(parcelA.tracking, 'scan_parcel', 'already_received');
      await snap('already-received');

      await step(() => keys(UNKNOWN), 'scan_parcel');
      await page.locator('[data-testid=question][data-kind=unknown_code]').waitFor();
      await snap('unexpected-question');
      await enter('unexpected_photo');
      await photo(33, 'unexpected_note');
      await page.getByTestId('note-input').waitFor();
      await page.getByTestId('note-input').fill('No label inside, two phone cases');
      await step(() => page.getByTestId('note-input').press('Enter'), 'unexpected_bin');
      await snap('unexpected-bin');
      await scan('Q-01-01', 'scan_parcel');
      expect(rowsIn(station.core.db, 'qc_exceptions')).toBe(1);

      await step(() => keys('TRKMULTI0001'), 'scan_parcel', 'choose_return');
      await page.locator('[data-testid=question][data-kind=choose_return]').waitFor();
      await snap('two-returns-question');
      await enter('condition');
      await expect(page.getByTestId('order').count()).resolves.toBe(2);
      await snap('two-returns-parcel');
      await enter('scan_item');
      await scan('QC-DONE', 'complete');
      await enter('scan_parcel', 'completed');
    });

    it('the supervisor signs in by badge, closes the batch and downloads its certificate', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(BOSS);
      await page.keyboard.press('F9');
      await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
      await page.keyboard.press('PageDown');
      const open = page.locator('[data-testid=batch-detail][data-status=open]');
      await open.waitFor();
      await open.getByTestId('batch-totals').getByText('1 unit').waitFor();
      await snap('batch-open');
      await page.keyboard.press('c');
      await page.keyboard.type('Cage 2, WasteCo seal 0107');
      await page.keyboard.press('Enter');
      const certified = page.locator('[data-testid=batch-detail][data-status=certified]');
      const prompt = page.getByTestId('supervisor-prompt');
      await Promise.race([certified.waitFor({ timeout: 30_000 }), prompt.waitFor({ timeout: 30_000 })]);
      if (await prompt.isVisible()) {
        await page.keyboard.type(BOSS.pin);
        await page.keyboard.press('Enter');
      }
      await certified.waitFor({ timeout: 30_000 });
      await snap('batch-certified');
      const row = station.core.db
        .prepare<[], { id: string; pdf_sha256: string }>(
          'SELECT id, pdf_sha256 FROM destruction_certificates',
        )
        .get()!;
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('d')]);
      const file = path.join(dataDir, '..', `certificate-${variant}.pdf`);
      await download.saveAs(file);
      expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(row.pdf_sha256);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Units destroyed: 1');
      expect(text).toContain('Station: BKK-QC-2');
    });

    it('the platform (the test carrier) applies the parcel’s receipt decision exactly once', async () => {
      const boss: UserView = { id: BOSS.id, name: BOSS.name, role: 'supervisor' };
      const decision = station.core.db
        .prepare<[string], { idempotency_key: string }>(
          `SELECT idempotency_key FROM outbox_events WHERE type = 'return.receipt_decided'
             AND destination = 'tiktok_shop' AND json_extract(payload, '$.returnOrderId') = ?`,
        )
        .all(parcelA.id);
      expect(decision).toHaveLength(1);
      const key = decision[0]!.idempotency_key;
      // Held for the undo window (an undo withdraws it unsent); then it goes.
      clock.advance(11 * 60_000);
      const first = await sync!.runDaily('ui', boss);
      expect(first.errors).toEqual([]);
      // Run again: nothing is sent twice, and the carrier's store holds the decision once.
      await sync!.runDaily('ui', boss);
      expect(carrier.applications(key)).toBe(1);
      expect(carrier.applied('tiktok_shop').filter((e) => e.idempotencyKey === key)).toHaveLength(1);
      expect(
        station.core.db
          .prepare<[string], { status: string }>('SELECT status FROM outbox_events WHERE idempotency_key = ?')
          .get(key),
      ).toEqual({ status: 'delivered' });
    });
  });
}
