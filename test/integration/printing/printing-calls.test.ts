import Database from 'better-sqlite3';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../../src/main/core';
import { TEMPLATES } from '../../../src/main/printing/templates';
import { UNROUTED } from '../../../src/main/printing/queue/print-queue';
import { DEFAULT_SUPERVISOR } from '../../../src/main/session/users';
import type { PrinterProfileInput } from '../../../src/shared/printing';
import { makeTestCore } from '../../helpers/core-factory';
import { decodePng } from '../../helpers/printing/barcode-reader';
import { signInSupervisor } from '../../helpers/session';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

const qc = TEMPLATES.find((t) => t.name === 'qc-tag')!.example as Record<string, unknown>;
const SUPERVISOR_TAB = { clientId: 'tab-supervisor' };
const CLERK_TAB = { clientId: 'tab-clerk' };

async function station(): Promise<{ core: Core; printer: FakePrinter }> {
  const printer = await FakePrinter.start();
  const { core } = makeTestCore(temps.make(), { printing: { backoff: { baseMs: 20, capMs: 100 } } });
  cleanups.push(
    () => printer.close(),
    () => core.close(),
  );
  await core.printing.ready();
  await signInSupervisor(core, SUPERVISOR_TAB.clientId);
  return { core, printer };
}

const zebra = (printer: FakePrinter, over: Partial<PrinterProfileInput> = {}): PrinterProfileInput => ({
  id: 'qc-zebra',
  name: 'QC-Zebra',
  language: 'zpl',
  model: 'Zebra ZD421',
  interface: printer.address,
  media: { widthMm: 100, heightMm: 50 },
  dpi: 203,
  fonts: [{ id: '0', scripts: ['latin'] }],
  templates: ['qc-tag', 'restock-label'],
  ...over,
});

const auditRows = (core: Core) =>
  core.db
    .prepare<[], { user_id: string; action: string; entity_id: string; details: string }>(
      `SELECT user_id, action, entity_id, details FROM audit_log WHERE entity_type IN ('printer', 'print_job') ORDER BY id`,
    )
    .all();

describe('printing through the contract', () => {
  it('only a supervisor saves or deletes a printer, and each change is in the audit log with who made it', async () => {
    const { core, printer } = await station();
    const refused = await core.dispatch('savePrinter', { profile: zebra(printer) }, CLERK_TAB);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.printing.listPrinters()).toEqual([]);

    const saved = await core.dispatch('savePrinter', { profile: zebra(printer) }, SUPERVISOR_TAB);
    expect(saved).toMatchObject({ ok: true, value: { id: 'qc-zebra', darkness: 15, enabled: true } });
    await core.dispatch('savePrinter', { profile: zebra(printer, { darkness: 22 }) }, SUPERVISOR_TAB);
    const invalid = await core.dispatch(
      'savePrinter',
      { profile: zebra(printer, { interface: 'http://printer' }) },
      SUPERVISOR_TAB,
    );
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { field: 'profile.interface' } },
    });
    const unknownTemplate = await core.dispatch(
      'savePrinter',
      { profile: zebra(printer, { templates: ['qc-tagg'] }) },
      SUPERVISOR_TAB,
    );
    expect(unknownTemplate).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_PROFILE_INVALID', params: { field: 'templates.0' } },
    });
    expect(await core.dispatch('deletePrinter', { printerId: 'qc-zebra' }, CLERK_TAB)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.dispatch('deletePrinter', { printerId: 'qc-zebra' }, SUPERVISOR_TAB)).toEqual({
      ok: true,
      value: { cancelledJobs: 0 },
    });
    const audit = auditRows(core);
    expect(audit.map((a) => [a.user_id, a.action, a.entity_id])).toEqual([
      [DEFAULT_SUPERVISOR.id, 'printer.add', 'qc-zebra'],
      [DEFAULT_SUPERVISOR.id, 'printer.update', 'qc-zebra'],
      [DEFAULT_SUPERVISOR.id, 'printer.delete', 'qc-zebra'],
    ]);
    expect(JSON.parse(audit[1]!.details)).toMatchObject({
      profile: { darkness: 22 },
      before: { darkness: 15 },
    });
  });

  it('a test print reaches the printer; the status check answers; history lists it; a reprint is marked, audited and identical', async () => {
    const { core, printer } = await station();
    await core.dispatch('savePrinter', { profile: zebra(printer) }, SUPERVISOR_TAB);
    const test = await core.dispatch('testPrint', { printerId: 'qc-zebra' }, CLERK_TAB);
    expect(test).toMatchObject({
      ok: true,
      value: { template: 'qc-tag', reason: 'test print', requestedBy: 'clerk' },
    });
    await printer.waitForJobs(1);
    expect(printer.jobs[0]!.toString('utf8')).toContain('^FDRT-2026-000123^FS');

    const check = await core.dispatch('checkPrinter', { printerId: 'qc-zebra' }, CLERK_TAB);
    expect(check).toMatchObject({
      ok: true,
      value: {
        reachable: true,
        state: 'online',
        error: null,
        hostStatus: { paperOut: false, headOpen: false },
      },
    });

    const waitPrinted = async (): Promise<void> => {
      while (core.printing.listJobs({ statuses: ['queued', 'sending'] }).length > 0)
        await new Promise((r) => setTimeout(r, 10));
    };
    await waitPrinted();
    const history = await core.dispatch('listPrintJobs', { printerId: 'qc-zebra', limit: 10 }, CLERK_TAB);
    expect(history).toMatchObject({ ok: true, value: [{ status: 'printed', template: 'qc-tag' }] });
    const jobId = (history as { value: { id: string }[] }).value[0]!.id;

    expect(await core.dispatch('reprintJob', { jobId, reason: 'x' }, CLERK_TAB)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { field: 'reason' } },
    });
    const again = await core.dispatch('reprintJob', { jobId, reason: 'label torn' }, CLERK_TAB);
    expect(again).toMatchObject({
      ok: true,
      value: { reprintOf: jobId, reason: 'label torn', requestedBy: 'clerk' },
    });
    await printer.waitForJobs(2);
    expect(printer.jobs[1]).toEqual(printer.jobs[0]);
    expect(auditRows(core).at(-1)).toMatchObject({ user_id: 'clerk', action: 'print.reprint' });
  });

  it('previews a label as base64 PNG that decodes to the barcode, for a printer and for a job', async () => {
    const { core, printer } = await station();
    await core.dispatch('savePrinter', { profile: zebra(printer, { dpi: 300 }) }, SUPERVISOR_TAB);
    const preview = await core.dispatch(
      'previewLabel',
      { template: 'qc-tag', data: qc, printerId: 'qc-zebra' },
      CLERK_TAB,
    );
    expect(preview).toMatchObject({ ok: true, value: { dpi: 300, widthDots: 1181, heightDots: 591 } });
    const png = Buffer.from((preview as { value: { png: string } }).value.png, 'base64');
    expect(PNG.sync.read(png).width).toBe(1181);
    expect(await decodePng(png)).toEqual([{ format: 'Code128', text: 'RT-2026-000123' }]);

    const bad = await core.dispatch(
      'previewLabel',
      { template: 'qc-tag', data: { ...qc, grade: 'Z' } },
      CLERK_TAB,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'PRINT_DATA_INVALID', params: { field: 'grade' } },
    });

    const { id } = core.db
      .transaction(() =>
        core.printing.enqueue(core.db, { template: 'qc-tag', data: qc, requestedBy: 'clerk' }),
      )
      .immediate();
    const ofJob = await core.dispatch('previewPrintJob', { jobId: id }, CLERK_TAB);
    expect((ofJob as { value: { png: string } }).value.png).toBe(
      (preview as { value: { png: string } }).value.png,
    );
  });

  it('without a printer named, a template goes to the printer that lists it, else to one that prints anything on that kind of media', async () => {
    const { core, printer } = await station();
    const enqueue = (template: string, whenNoPrinter: 'wait' | 'fail' = 'wait') =>
      core.db
        .transaction(() =>
          core.printing.enqueue(core.db, {
            template,
            data: TEMPLATES.find((t) => t.name === template)!.example,
            requestedBy: 'clerk',
            whenNoPrinter,
          }),
        )
        .immediate();
    // No printer yet: a job that may not wait is refused, saying so, and leaves nothing behind.
    expect(() => enqueue('qc-tag', 'fail')).toThrow(/PRINTER_NOT_CONFIGURED/);
    expect(core.printing.listJobs()).toEqual([]);
    // One that waits (the clerk's decision is not refused) is shown on the banner.
    const waiting = enqueue('qc-tag');
    expect(waiting.printerId).toBe(UNROUTED);
    expect(core.printing.printerStatuses()).toEqual([
      expect.objectContaining({ printerId: UNROUTED, queued: 1, lastError: 'PRINTER_NOT_CONFIGURED' }),
    ]);
    const badData = () =>
      core.db
        .transaction(() =>
          core.printing.enqueue(core.db, {
            template: 'qc-tag',
            data: { grade: 'Z' },
            requestedBy: 'clerk',
            whenNoPrinter: 'wait',
          }),
        )
        .immediate();
    expect(badData).toThrow(/PRINT_DATA_INVALID/);
    await core.printing.savePrinter(zebra(printer, { id: 'a-any-label', name: 'Any', templates: [] }), {
      id: DEFAULT_SUPERVISOR.id,
    });
    // The first printer that prints it takes the waiting label, and prints it.
    expect(core.printing.getJob(waiting.id).printerId).toBe('a-any-label');
    await printer.waitForJobs(1);
    expect(core.printing.printerStatuses().map((s) => s.printerId)).toEqual(['a-any-label']);
    await core.printing.savePrinter(zebra(printer), { id: DEFAULT_SUPERVISOR.id });
    await core.printing.savePrinter(
      zebra(printer, {
        id: 'receipts',
        name: 'Receipts',
        language: 'escpos-epson',
        media: { widthMm: 80, heightMm: null },
        fonts: [{ id: 'A', scripts: ['latin'] }],
        templates: [],
      }),
      { id: DEFAULT_SUPERVISOR.id },
    );
    expect(enqueue('qc-tag').printerId).toBe('qc-zebra');
    expect(enqueue('license-plate').printerId).toBe('a-any-label');
    expect(enqueue('shift-summary').printerId).toBe('receipts');
  });

  it('refuses to lay out a label before printing has started, with a code a screen can show', async () => {
    const { core } = makeTestCore(temps.make(), { printing: { start: false } });
    cleanups.push(() => core.close());
    const preview = await core.dispatch('previewLabel', { template: 'qc-tag', data: qc });
    expect(preview).toEqual({ ok: false, error: { code: 'PRINTING_NOT_READY', params: {} } });
    expect(await core.dispatch('listLabelTemplates', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ name: 'qc-tag' })]),
    });
  });

  it('close() waits for the label being sent before the database closes; the interrupted job prints after a restart', async () => {
    const dir = temps.make();
    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    printer.mode = 'stall';
    const first = makeTestCore(dir, {
      printing: { sendTimeoutMs: 400, backoff: { baseMs: 20, capMs: 50 } },
    }).core;
    await first.printing.ready();
    await first.printing.savePrinter(zebra(printer), { id: DEFAULT_SUPERVISOR.id });
    first.db
      .transaction(() =>
        first.printing.enqueue(first.db, { template: 'qc-tag', data: qc, requestedBy: 'clerk' }),
      )
      .immediate();
    while (first.printing.listJobs({ statuses: ['sending'] }).length === 0)
      await new Promise((r) => setTimeout(r, 5));
    await first.close();
    // The worker finished the attempt and wrote its outcome before the database closed.
    const file = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(file.prepare('SELECT status, last_error FROM print_jobs').all()).toEqual([
      { status: 'queued', last_error: expect.stringContaining('PRINTER_TIMEOUT') },
    ]);
    file.close();
    printer.mode = 'accept';
    // The station comes back a minute later (the test clock stands still unless moved): the retry is due.
    const { core: second, clock } = makeTestCore(dir, { now: Date.now() + 60_000 });
    expect(clock.now()).toBeGreaterThan(first.clock.now());
    cleanups.push(() => second.close());
    await second.printing.ready();
    await printer.waitForJobs(1);
    while (second.printing.listJobs({ statuses: ['printed'] }).length === 0)
      await new Promise((r) => setTimeout(r, 10));
    expect(second.printing.listJobs()).toMatchObject([{ status: 'printed', attempts: 2, lastError: null }]);
  });
});
