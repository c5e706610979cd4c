import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { erpLampOrder } from '../helpers/packing/erp-order';
import { FakeCarrier, httpBooking } from '../helpers/packing/fake-carrier';
import { benchCalls, readyPackPrinter, saveSmallBox } from '../helpers/packing/pack-bench';
import { FakePrinter } from '../helpers/printing/fake-printer';
import { SUPERVISOR_PIN } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { openPackBench, scanAndWait } from './pack-screen';
import {
  SCANNER_DELAY_MS,
  launchChromium,
  openStation,
  screenshot,
  startStation,
  type Station,
} from './station-fixture';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur; the three parcels are still at the dock at 18:00. */
const T0 = Date.UTC(2026, 0, 15, 8, 0);
const SETUP = { clientId: 'setup' };

/**
 * The supervisor's Cut-offs tab in Chromium, at a clerk's screen: three ERP parcels packed on J&T
 * missed the 17:00 pickup; by keyboard only one waits for the next pickup (N, Enter, PIN), one is
 * acknowledged with a note (O, note, Enter, PIN) and one is rebooked (R, Enter, PIN); then the
 * J&T cut-off is moved in the table (E, time, Enter, PIN).
 */
describe('cut-offs on the supervisor screen in Chromium', () => {
  const temp = new TempDirs();
  const clock = new ManualClock(T0);
  let browser: Browser;
  let station: Station;
  let page: Page;
  let jnt: FakeCarrier;
  let posmy: FakeCarrier;
  let printer: FakePrinter;
  const { pack, call } = benchCalls(SETUP, 'setup');
  const packages: Record<string, string> = {};

  beforeAll(async () => {
    printer = await FakePrinter.start();
    jnt = await FakeCarrier.start('JMY');
    posmy = await FakeCarrier.start('EP');
    station = await startStation(temp.make('lastmile-cutoffs-'), {
      clock,
      packing: {
        booking: httpBooking({ 'jnt-my': jnt, posmy }),
        timeZone: 'Asia/Kuala_Lumpur',
        labelRetryMs: 0,
        bookingTimeoutMs: 2_000,
      },
      beforeServe: async (core) => {
        await readyPackPrinter(core, SETUP, printer.address);
        await call(core, 'setRoute', SETUP, { country: 'MY', primary: 'jnt-my', backup: 'posmy' });
        await saveSmallBox(core);
        const refs = ['SO-CUT-101', 'SO-CUT-102', 'SO-CUT-103'];
        await core.packing.orders.upsertMany(refs.map((r) => erpLampOrder(r, T0)));
        for (const ref of refs) {
          await pack(core, 'packOpen', { code: ref, source: 'scanner' });
          await pack(core, 'packScanItem', { code: '9555123400017', source: 'scanner' });
          await pack(core, 'packWeigh', {
            reading: { kind: 'typed', text: '600 g' },
            box: { kind: 'preset', code: 'S2' },
          });
          await pack(core, 'packRoute', {});
          packages[ref] = (await pack<{ packageId: string }>(core, 'packComplete', {})).packageId;
        }
        await call(core, 'signOut', SETUP, {});
        clock.advance(2 * 3_600_000);
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station, { timezoneId: 'Asia/Kuala_Lumpur' });
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    await jnt?.close();
    await posmy?.close();
    await printer?.close();
    temp.cleanup();
  });

  const rows = () => page.getByTestId('cutoffs-table').locator('tbody tr');
  const prompt = () => page.getByTestId('supervisor-prompt');
  async function approveWithPin(): Promise<void> {
    await prompt().waitFor();
    await page.keyboard.type(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await prompt().waitFor({ state: 'detached' });
  }
  const resolution = (ref: string) =>
    station.core.db
      .prepare<[string], { action: string; note: string | null; resolved_by: string }>(
        'SELECT action, note, resolved_by FROM pack_cutoff_resolutions WHERE package_id = ? ORDER BY resolved_at DESC',
      )
      .get(packages[ref] ?? '');

  it('lists the three missed parcels and resolves them with N, O and R, each confirmed with Enter', async () => {
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
    // The last tab: one step back from the first.
    await page.keyboard.press('PageUp');
    await page.getByRole('tab', { name: 'Cut-offs', selected: true }).waitFor();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => rows().first().textContent()).toContain('SO-CUT-101');
    await expect.poll(() => rows().first().textContent()).toContain('J&T Express');
    await screenshot(page, 'supervisor-cutoffs-open');

    // First row: waits for the next pickup.
    await page.keyboard.press('n');
    await page
      .getByTestId('cutoffs-confirm')
      .getByText('SO-CUT-101 waits for the next J&T Express pickup')
      .waitFor();
    await page.keyboard.press('Enter');
    await approveWithPin();
    await page.getByTestId('cutoffs-notice').getByText('SO-CUT-101 waits for the next pickup.').waitFor();
    await expect.poll(() => resolution('SO-CUT-101')?.action).toBe('next_pickup');
    expect(resolution('SO-CUT-101')?.resolved_by).toBe('supervisor');
    await expect.poll(() => rows().count()).toBe(2);

    // Now first: acknowledged with a note; Enter with no note is refused on screen.
    await page.keyboard.press('o');
    const note = page.getByTestId('cutoffs-confirm').getByRole('textbox');
    await expect.poll(() => note.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('[role=alert][data-error-code=CUTOFF_NOTE_REQUIRED]').waitFor();
    await page.keyboard.type('Seller collects at the counter');
    await page.keyboard.press('Enter');
    await approveWithPin();
    await expect.poll(() => resolution('SO-CUT-102')?.note).toBe('Seller collects at the counter');
    await expect
      .poll(() => rows().first().getByTestId('cutoff-resolution').textContent())
      .toContain('Seller collects at the counter');

    // Down to the third: rebooked.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('r');
    await page.getByTestId('cutoffs-confirm').getByText('Void the J&T Express label of SO-CUT-103').waitFor();
    await page.keyboard.press('Enter');
    await approveWithPin();
    await expect.poll(() => resolution('SO-CUT-103')?.action).toBe('rebook');
    await expect.poll(() => rows().count()).toBe(1);
    expect(station.core.packing.station.store.pkg(packages['SO-CUT-103'] ?? '')?.state).toBe('to_pack');
    const voids = station.core.db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM outbox_events WHERE type = 'package.label_voided'",
      )
      .get();
    expect(voids?.n).toBe(1);
    await expect
      .poll(() => rows().first().getByTestId('cutoff-resolution').textContent())
      .toContain('Acknowledged');
    await screenshot(page, 'supervisor-cutoffs-resolved');
  });

  it('moves the J&T cut-off from the table: E, the time, Enter, PIN', async () => {
    await page.keyboard.press('e');
    const edit = page.getByTestId('cutoff-edit');
    await edit.waitFor();
    const time = edit.getByRole('textbox');
    await expect.poll(() => time.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await time.press('Control+a');
    await page.keyboard.type('19:30');
    await page.keyboard.press('Enter');
    await approveWithPin();
    await page.getByTestId('cutoffs-notice').waitFor();
    const override = page.getByTestId('cutoff-rows').locator('tr[data-origin=override]');
    await expect.poll(() => override.textContent()).toContain('19:30');
    await expect.poll(() => override.textContent()).toContain('Set by Supervisor');
    // 18:00 is before the new 19:30 pickup: the acknowledged parcel is no longer late.
    await page.getByTestId('cutoffs-empty').waitFor();
    await screenshot(page, 'supervisor-cutoffs-table');
  });

  it('the packer reopens the rebooked parcel at its carrier choice and reads that the old label is void', async () => {
    await openPackBench(page);
    // Weighed already: it opens and is routed again at once.
    expect(await scanAndWait(page, 'SO-CUT-103', SCANNER_DELAY_MS)).toBe('routed');
    const note = page.getByTestId('pack-rebooked');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(
      /^Rebooked after a missed cut-off: the old label JMY\w+ is void/,
    );
    await screenshot(page, 'packing-rebooked');
  });
});
