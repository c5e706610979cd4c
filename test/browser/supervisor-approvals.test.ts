import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/main';
import { SUPERVISOR_PIN, settleSupervisorPin } from '../helpers/session';
import { TempDirs } from '../helpers/temp-dir';
import { addBins, bench, png, uploadPhoto } from '../integration/returns/qc-fixtures';
import {
  EARBUDS,
  LIPSTICK,
  SERUM,
  pendingDestroy,
  type PendingDestroy,
} from '../integration/returns/supervision-fixtures';
import { launchChromium, openStation, screenshot, startStation, type Station } from './station-fixture';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function cliVerify(file: string, dataDir: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['certificate', 'verify', file, '--data', dataDir], {
    packageRoot: process.cwd(),
    io: { out: (c) => void (out += String(c)), err: (c) => void (out += String(c)) },
  });
  return { code, out };
}

describe('the supervisor in Chromium: approve and refuse destroys by keyboard, close the batch, download and verify its certificate', () => {
  const temp = new TempDirs();
  let browser: Browser;
  let station: Station;
  let page: Page;
  let pending: PendingDestroy[] = [];

  beforeAll(async () => {
    station = await startStation(temp.make('lastmile-supervisor-'), {
      beforeServe: async (core) => {
        addBins(core);
        // The supervisor has chosen their own PIN (the default 0000 must be changed first).
        settleSupervisorPin(core);
        await core.settings.update({ stationName: 'BKK-QC-1' });
        // Three destroys a clerk decided at the bench and left for the approvals queue.
        pending = [
          await pendingDestroy(core, LIPSTICK, { itemPhoto: true }),
          await pendingDestroy(core, SERUM),
          await pendingDestroy(core, EARBUDS, { serial: 'SN-EB-90001' }),
        ];
        // And a parcel nobody expected, in quarantine for the supervisor.
        const b = bench(core);
        await b.act({ kind: 'start_unexpected', code: 'ZZ0000000001' });
        await b.act({ kind: 'photo', sha256: await uploadPhoto(core, png(77, 8, 6)) });
        await b.act({ kind: 'note', text: 'Label torn off, two phone cases' });
        await b.scan('Q-01-01');
      },
    });
    browser = await launchChromium();
    page = await openStation(browser, station);
  });

  afterAll(async () => {
    await browser?.close();
    await station?.close();
    temp.cleanup();
  });

  const approvalStatus = (id: string) =>
    station.core.db
      .prepare<[string], { status: string; decided_by: string | null; reject_reason: string | null }>(
        'SELECT status, decided_by, reject_reason FROM qc_approvals WHERE id = ?',
      )
      .get(id);

  it('at the clerk’s screen: ticks two with Space, approves with A + the supervisor’s PIN + Enter; a wrong PIN first is refused', async () => {
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
    const rows = page.getByTestId('approvals-table').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    await page
      .getByText('At a clerk’s screen: each action asks a supervisor for their badge or PIN.')
      .waitFor();
    // The first row's evidence photo is fetched and shown.
    await page.getByTestId('approval-detail').locator(`[data-photo="${pending[0]!.evidence}"] img`).waitFor();
    await screenshot(page, 'supervisor-approvals-queue');

    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.getByTestId('approve').getByText('Approve 2 destroys').waitFor();
    // A at a clerk's screen: the supervisor prompt says what is approved; a wrong PIN is said there.
    await page.keyboard.press('a');
    const prompt = page.getByTestId('supervisor-prompt');
    await prompt.waitFor();
    await expect(page.getByTestId('approval-purpose').textContent()).resolves.toBe(
      'Approve destroying these returned units.',
    );
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await prompt.locator('[role=alert][data-error-code=BAD_PIN]').waitFor();
    expect(approvalStatus(pending[0]!.approvalId)?.status).toBe('pending');
    await screenshot(page, 'supervisor-approvals-bad-pin');
    await page.keyboard.type(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await prompt.waitFor({ state: 'detached' });
    await page.getByTestId('approvals-notice').getByText('2 destroys approved').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    for (const p of pending.slice(0, 2)) {
      expect(approvalStatus(p.approvalId)).toEqual({
        status: 'approved',
        decided_by: 'supervisor',
        reject_reason: null,
      });
    }
    const audit = station.core.db
      .prepare<[], { action: string; user_id: string }>(
        `SELECT action, user_id FROM audit_log WHERE action IN ('qc.destroy_approved', 'session.step_up_failed') ORDER BY id`,
      )
      .all();
    expect(audit.map((a) => a.action)).toEqual([
      'session.step_up_failed',
      'qc.destroy_approved',
      'qc.destroy_approved',
    ]);
    await screenshot(page, 'supervisor-approvals-approved');
  });

  it('refuses the last one with R: a reason, what it becomes instead and a note, all from the keyboard', async () => {
    await page.keyboard.press('r');
    const form = page.getByTestId('reject-form');
    await form.waitFor();
    // The reason list has the focus: ↓ picks "Can be repaired"; Tab, ↓ ↓ picks refurbish.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('reject-reason').inputValue()).toBe('repairable');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('reject-instead').inputValue()).toBe('refurbish');
    await page.keyboard.press('Tab');
    await page.keyboard.type('only the case is scratched');
    await screenshot(page, 'supervisor-reject-form');
    await page.keyboard.press('Enter');
    await page.getByTestId('supervisor-prompt').waitFor();
    await page.keyboard.type(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('approvals-notice').getByText('1 destroy refused').waitFor();
    await page.getByText('Nothing waiting for approval.').waitFor();
    const refused = pending[2]!;
    expect(approvalStatus(refused.approvalId)).toEqual({
      status: 'rejected',
      decided_by: 'supervisor',
      reject_reason: 'repairable',
    });
    // The unit was decided again, by the supervisor: a refurbish decision in force, the destroy undone.
    const decisions = station.core.db
      .prepare<[string], { disposition: string; status: string; decided_by: string }>(
        `SELECT d.disposition, d.status, d.decided_by FROM qc_unit_decisions d
         JOIN qc_approvals a ON a.unit_id = d.unit_id WHERE a.id = ? ORDER BY d.id`,
      )
      .all(refused.approvalId);
    expect(decisions).toEqual([
      expect.objectContaining({ disposition: 'destroy', status: 'undone' }),
      { disposition: 'refurbish', status: 'active', decided_by: 'supervisor' },
    ]);

    await page.locator('[data-view=decided]').click();
    await expect.poll(() => page.getByTestId('approvals-table').locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'supervisor-approvals-decided');
  });

  it('closes the open batch with its note, downloads the certificate and verifies it on screen and with lastmile certificate verify', async () => {
    await page.keyboard.press('PageDown');
    const detail = page.locator('[data-testid=batch-detail][data-status=open]');
    await detail.waitFor();
    await detail.getByTestId('batch-totals').getByText('2 units').waitFor();
    await screenshot(page, 'supervisor-batch-open');

    await page.keyboard.press('c'); // focuses the note
    await page.keyboard.type('Cage 1, collected by WasteCo, seal 0042');
    await page.keyboard.press('Enter'); // the supervisor prompt: PIN, Enter
    await page.getByTestId('supervisor-prompt').waitFor();
    await page.keyboard.type(SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    const certified = page.locator('[data-testid=batch-detail][data-status=certified]');
    await certified.waitFor({ timeout: 30_000 });
    const shownHash = (await page.getByTestId('certificate-sha256').innerText()).trim();
    const row = station.core.db
      .prepare<[], { id: string; sha256: string; pdf_sha256: string }>(
        'SELECT id, sha256, pdf_sha256 FROM destruction_certificates',
      )
      .get()!;
    expect(shownHash).toBe(row.sha256);
    await screenshot(page, 'supervisor-batch-certified');

    // The clerk's session may not take the certificate away; the supervisor signs in and may.
    await page.keyboard.press('d');
    await page.locator('[role=alert][data-error-code=FORBIDDEN]').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('label[data-user-id=supervisor]').click();
    await dialog.getByLabel('PIN').fill(SUPERVISOR_PIN);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Signed in as Supervisor: you act as yourself.').waitFor();

    // D downloads the PDF; it is the file the station issued, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('d')]);
    expect(download.suggestedFilename()).toBe(`destruction-certificate-${row.id}.pdf`);
    const pdfFile = path.join(station.dataDir, '..', `downloaded-${row.id}.pdf`);
    await download.saveAs(pdfFile);
    const bytes = fs.readFileSync(pdfFile);
    expect(sha256(bytes)).toBe(row.pdf_sha256);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('DESTRUCTION CERTIFICATE');
    expect(text).toContain(row.sha256);
    expect(text).toContain('Units destroyed: 2');
    expect(text).toContain('Note: Cage 1, collected by WasteCo, seal 0042');
    expect(text).toContain('Station: BKK-QC-1');
    for (const p of pending.slice(0, 2)) expect(text).toContain(p.licensePlate);
    expect(text).not.toContain(pending[2]!.licensePlate);
    expect(await cliVerify(pdfFile, station.dataDir)).toMatchObject({ code: 0 });

    // Verified on the screen: the file as downloaded is valid; one byte changed is not.
    await page.getByTestId('verify-file').setInputFiles(pdfFile);
    await page.locator('[data-testid=verification][data-outcome=valid]').waitFor();
    await screenshot(page, 'supervisor-certificate-valid');
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf(Buffer.from('/Subject'));
    tampered[at + 12] = tampered[at + 12] === 0x41 ? 0x42 : 0x41;
    const tamperedFile = path.join(station.dataDir, '..', 'tampered.pdf');
    fs.writeFileSync(tamperedFile, tampered);
    await page.getByTestId('verify-file').setInputFiles(tamperedFile);
    await page.locator('[data-testid=verification][data-outcome=file_altered]').waitFor();
    await page.getByText('tampered.pdf: NOT valid — the file was changed after it was issued').waitFor();
    await screenshot(page, 'supervisor-certificate-tampered');
    const cli = await cliVerify(tamperedFile, station.dataDir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('NOT valid: the file was altered after it was issued');
  });
  it('edits the disposition rules as the signed-in supervisor: a new first rule, its warnings live, saved as a version with its note', async () => {
    await page.keyboard.press('PageDown');
    const table = page.getByTestId('rules-table');
    await table.waitFor();
    await page.getByTestId('rules-version').getByText('Rule table version 0').waitFor();
    const before = await table.locator('tbody tr').count();
    const warningsBefore = await page.getByTestId('rules-warnings').locator('li').count();

    await page.keyboard.press('Insert'); // a new rule at the cursor (the top): grade D → destroy
    await expect.poll(() => table.locator('tbody tr').count()).toBe(before + 1);
    const editor = page.getByTestId('rule-editor');
    await editor.getByTestId('rule-id').fill('electronics-d-refurbish');
    await editor.locator('[data-field=categories]').getByLabel('Electronics').check();
    await editor.getByTestId('rule-then').selectOption('refurbish');
    await table.locator('tbody tr').first().getByText('electronics-d-refurbish').waitFor();
    // It now takes broken electronics from the rules below it: the analysis says so before saving.
    await expect
      .poll(() => page.getByTestId('rules-warnings').locator('li').count())
      .toBeGreaterThan(warningsBefore);
    await page
      .getByTestId('rules-warnings')
      .getByText('Rule electronics-d-refurbish comes first')
      .first()
      .waitFor();
    await page.getByTestId('rules-note').fill('WasteCo repairs broken phones now');
    await screenshot(page, 'supervisor-rules-editor');
    await page.getByTestId('rules-note').blur();
    await page.keyboard.press('Control+s');
    await page.getByTestId('rules-saved').getByText('Saved as version 1').waitFor();
    await page.getByTestId('rules-version').getByText('Rule table version 1').waitFor();

    const saved = station.core.db
      .prepare<[], { version: number; rules: string; note: string; saved_by: string }>(
        'SELECT version, rules, note, saved_by FROM qc_rule_sets ORDER BY version DESC LIMIT 1',
      )
      .get()!;
    expect(saved).toMatchObject({
      version: 1,
      note: 'WasteCo repairs broken phones now',
      saved_by: 'supervisor',
    });
    expect(JSON.parse(saved.rules)[0]).toEqual({
      id: 'electronics-d-refurbish',
      when: { grades: ['D'], categories: ['electronics'] },
      then: 'refurbish',
    });
    const audit = station.core.db
      .prepare<[], { user_id: string; entity_id: string }>(
        `SELECT user_id, entity_id FROM audit_log WHERE action = 'qc.rules_saved'`,
      )
      .all();
    expect(audit).toEqual([{ user_id: 'supervisor', entity_id: '1' }]);
    await screenshot(page, 'supervisor-rules-saved');
  });
  it('shows the QC shift per clerk, every decision with its trail, and resolves the unexpected parcel', async () => {
    await page.keyboard.press('PageDown');
    const shift = page.getByTestId('shift-table');
    await shift.locator('tr[data-clerk=clerk]').waitFor();
    await shift.locator('tr[data-clerk=total]').waitFor();
    // Clerk: four parcels (three returns and the unexpected one); two decisions in force (the
    // refused destroy was undone, its refurbish is the supervisor's).
    const clerkCells = await shift.locator('tr[data-clerk=clerk] td').allInnerTexts();
    expect(clerkCells.slice(0, 3)).toEqual(['Clerk', '4', '2']);
    const supervisorCells = await shift.locator('tr[data-clerk=supervisor] td').allInnerTexts();
    expect(supervisorCells.slice(0, 3)).toEqual(['Supervisor', '0', '1']);
    await screenshot(page, 'supervisor-shift');

    await page.keyboard.press('PageDown');
    const decisions = page.getByTestId('decisions-table').locator('tbody tr');
    // Three destroys (one undone by the refusal) and the supervisor's refurbish instead.
    await expect.poll(() => decisions.count()).toBe(4);
    await page.getByTestId('decisions-query').fill(pending[2]!.licensePlate);
    await page.getByTestId('decisions-query').press('Enter');
    await expect.poll(() => decisions.count()).toBe(2);
    const trail = page.getByTestId('decision-trail');
    await trail.getByText('Every decision of this unit').waitFor();
    await expect.poll(() => trail.locator('li').filter({ hasText: 'undone' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('trail-events').locator('tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'supervisor-decisions');

    await page.keyboard.press('PageDown');
    const exceptions = page.getByTestId('exceptions-table').locator('tbody tr');
    await expect.poll(() => exceptions.count()).toBe(1);
    const form = page.getByTestId('resolve-form');
    await form.getByRole('button', { name: 'Nobody claims it' }).click();
    await form.getByLabel('What happens to the parcel').selectOption('scrap');
    await form.getByLabel('Note (required, at least 3 characters)').fill('No claim after 30 days');
    await screenshot(page, 'supervisor-exception-form');
    await form.getByRole('button', { name: 'Resolve' }).click();
    await page.getByTestId('exception-resolved').waitFor();
    await page.getByText('Nothing in quarantine.').waitFor();
    expect(
      station.core.db
        .prepare<[], { status: string; disposal: string; resolved_by: string }>(
          'SELECT status, disposal, resolved_by FROM qc_exceptions',
        )
        .all(),
    ).toEqual([{ status: 'resolved', disposal: 'scrap', resolved_by: 'supervisor' }]);
  });
});
