import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { UNROUTED } from '../../../src/main/printing/queue/print-queue';
import { templateNamed } from '../../../src/main/printing/templates';
import { makeTestCore } from '../../helpers/core-factory';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench } from './qc-fixtures';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temp.cleanup();
});

interface JobRow {
  id: string;
  template: string;
  printer_id: string;
  status: string;
  rendered_sha256: string | null;
}

const jobs = (core: Core) =>
  core.db
    .prepare<[], JobRow>(
      'SELECT id, template, printer_id, status, rendered_sha256 FROM print_jobs ORDER BY seq',
    )
    .all();

/**
 * whenNoPrinter: 'wait'. A clerk restocks a unit on a station with no printer at all: the decision
 * commits, its labels wait "for a printer" (not failed, not refused), and the moment a printer is
 * set up — a real TCP printer on 127.0.0.1 — they print, byte for byte what was rendered. A job
 * that may not wait is refused instead, and leaves nothing behind.
 */
describe('QC labels wait for a printer', () => {
  it('a restock decided with no printer prints its labels as soon as a printer is configured', async () => {
    const { core } = makeTestCore(temp.make());
    cleanups.push(() => core.close());
    await core.printing.ready();
    addBins(core);
    const ret = addReturn(core, {
      items: [{ sku: 'SKU-EARBUDS-W', barcode: '8850001000033', category: 'electronics', price: '1365' }],
    });
    const b = bench(core);
    await b.scan(ret.tracking);
    await b.enter(); // intact
    await b.scan('8850001000033');
    await b.enter(); // no serial
    for (const answer of ['yes', 'yes', 'yes', 'yes', 'no'] as const) await b.act({ kind: 'answer', answer });
    await b.enter(); // reason
    await b.enter(); // photos
    await b.enter(); // restock
    const decided = await b.scan('A-01-01');
    expect(decided.feedback).toMatchObject({ kind: 'decided', params: { disposition: 'restock' } });

    const waiting = jobs(core);
    expect(waiting.map((j) => j.template)).toEqual(['license-plate', 'restock-label']);
    for (const j of waiting) expect([j.printer_id, j.status]).toEqual([UNROUTED, 'queued']);
    // The print history says what they wait for: a printer, none is set up (the banner line too).
    const listed = await core.dispatch('listPrintJobs', { limit: 50 });
    if (!listed.ok) throw new Error(listed.error.code);
    expect(
      (listed.value as Array<{ printerId: string; status: string }>).map((j) => [j.printerId, j.status]),
    ).toEqual(waiting.map(() => [UNROUTED, 'queued']));
    expect(core.printing.printerStatuses()).toEqual([
      expect.objectContaining({
        printerId: UNROUTED,
        queued: waiting.length,
        lastError: 'PRINTER_NOT_CONFIGURED',
      }),
    ]);

    // A label that may not wait (the default) is refused with the reason, and nothing is queued.
    const refused = () =>
      core.db
        .transaction(() =>
          core.printing.enqueue(core.db, {
            template: 'qc-tag',
            data: templateNamed('qc-tag').example,
            requestedBy: 'clerk',
          }),
        )
        .immediate();
    expect(refused).toThrow(/PRINTER_NOT_CONFIGURED/);
    expect(jobs(core)).toHaveLength(waiting.length);

    // The printer is set up after the jobs: they go to it and print, in the order they were asked for.
    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    await core.printing.savePrinter(
      {
        id: 'qc-zebra',
        name: 'QC Zebra',
        language: 'zpl',
        interface: printer.address,
        media: { widthMm: 100, heightMm: 150 },
        dpi: 203,
      },
      { id: 'supervisor' },
    );
    await printer.waitForJobs(waiting.length);
    // The worker writes "printed" once the printer has closed its side: wait for that row, not a time.
    await expect
      .poll(() => jobs(core).map((j) => j.status), { timeout: 10_000 })
      .toEqual(waiting.map(() => 'printed'));
    const after = jobs(core);
    expect(after.map((j) => [j.id, j.printer_id, j.status])).toEqual(
      waiting.map((j) => [j.id, 'qc-zebra', 'printed']),
    );
    expect(printer.jobs.map((bytes) => createHash('sha256').update(bytes).digest('hex'))).toEqual(
      after.map((j) => j.rendered_sha256),
    );
    expect(printer.jobs.every((bytes) => /\^XA[\s\S]*\^XZ/.test(bytes.toString('latin1')))).toBe(true);
  });
});
