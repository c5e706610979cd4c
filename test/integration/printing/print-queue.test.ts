import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { PrinterProfileInput } from '../../../src/shared/printing';
import { silentLogger } from '../../../src/main/logger';
import { LabelRenderer } from '../../../src/main/printing/label-renderer';
import { PrintingService } from '../../../src/main/printing/printing-service';
import { createSystemTransport } from '../../../src/main/printing/transport/system-transport';
import type { PrinterTransport } from '../../../src/main/printing/transport/printer-transport';
import { seededRandom } from '../../../src/main/random';
import { makeTestCore, type TestCore } from '../../helpers/core-factory';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { ManualTimers } from '../../helpers/printing/manual-timers';
import { TempDirs } from '../../helpers/temp-dir';
import { TEMPLATES } from '../../../src/main/printing/templates';

const dirs = new TempDirs();
let renderer: LabelRenderer;
beforeAll(async () => {
  renderer = await LabelRenderer.load();
});
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

const qcExample = TEMPLATES.find((t) => t.name === 'qc-tag')!.example as Record<string, unknown>;
const qc = (n: number): Record<string, unknown> => ({
  ...qcExample,
  returnId: `RT-${n}`,
  barcode: `RT-${n}`,
  item: `Item ${n}`,
});

interface Harness extends TestCore {
  printing: PrintingService;
  timers: ManualTimers;
  sends: string[];
  settle: () => Promise<void>;
}

async function harness(
  dir: string,
  printer: FakePrinter | null,
  profile: Partial<PrinterProfileInput> = {},
): Promise<Harness> {
  // The core's own printing stays off: this harness drives one with manual timers on the same file.
  const test = makeTestCore(dir, { printing: { start: false } });
  const timers = new ManualTimers(test.clock);
  const real = createSystemTransport();
  const sends: string[] = [];
  // Counts every attempt at the source, before the printer can refuse it.
  const transport: PrinterTransport = {
    send: (address, bytes, o) => {
      sends.push(address);
      return real.send(address, bytes, o);
    },
    probe: (address, o) => real.probe(address, o),
  };
  const printing = new PrintingService({
    db: test.core.db,
    clock: test.clock,
    random: seededRandom(7),
    newId: test.core.newId,
    logger: silentLogger,
    audit: test.core.audit,
    renderer,
    transport,
    timers,
    sendTimeoutMs: 1500,
  });
  await printing.savePrinter(
    {
      id: 'zebra-1',
      name: 'QC Zebra',
      language: 'zpl',
      interface: printer?.address ?? 'tcp://127.0.0.1:1',
      media: { widthMm: 100, heightMm: 50 },
      dpi: 203,
      fonts: [{ id: '0', scripts: ['latin'] }],
      ...profile,
    },
    SUPERVISOR,
  );
  await printing.start();
  cleanups.push(async () => {
    await printing.stop();
    await test.core.close();
  });
  const settle = async (): Promise<void> => {
    await new Promise((r) => setImmediate(r));
    await printing.worker.idle();
  };
  return { ...test, printing, timers, sends, settle };
}

function enqueue(h: Harness, data: unknown, template = 'qc-tag'): string {
  return h.core.db
    .transaction(
      () => h.printing.enqueue(h.core.db, { template, data, printer: 'zebra-1', requestedBy: 'clerk' }).id,
    )
    .immediate();
}

const SUPERVISOR = { id: 'supervisor' };

const returnIdOf = (zpl: Buffer): string => /\^FD(RT-\d+)\^FS/.exec(zpl.toString('utf8'))?.[1] ?? '?';

async function startPrinter(): Promise<FakePrinter> {
  const p = await FakePrinter.start();
  cleanups.push(() => p.close());
  return p;
}

describe('print queue', () => {
  it('refuses to enqueue outside the caller’s transaction, and a rolled-back decision leaves no job', async () => {
    const h = await harness(dirs.make(), await startPrinter());
    expect(() =>
      h.printing.enqueue(h.core.db, {
        template: 'qc-tag',
        data: qc(1),
        printer: 'zebra-1',
        requestedBy: 'c',
      }),
    ).toThrow(/outside the caller transaction/);
    expect(() =>
      h.core.db.transaction(() => {
        h.printing.enqueue(h.core.db, {
          template: 'qc-tag',
          data: qc(1),
          printer: 'zebra-1',
          requestedBy: 'c',
        });
        throw new Error('the QC decision failed');
      })(),
    ).toThrow('the QC decision failed');
    expect(h.printing.listJobs()).toEqual([]);
  });

  it('refuses bad requests at enqueue with a coded error: unknown template, missing field, emoji, text too long, unknown printer', async () => {
    const h = await harness(dirs.make(), await startPrinter());
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (err) {
        return err instanceof AppError ? `${err.code} ${JSON.stringify(err.params)}` : String(err);
      }
      return 'no error';
    };
    expect(code(() => enqueue(h, qc(1), 'qc-tagg'))).toMatch(/^PRINT_TEMPLATE_UNKNOWN/);
    const { grade: _grade, ...noGrade } = qc(1);
    expect(code(() => enqueue(h, noGrade))).toMatch(/^PRINT_DATA_INVALID .*"field":"grade"/);
    expect(code(() => enqueue(h, { ...qc(1), inspectedBy: 'Som 😀' }))).toMatch(
      /^PRINT_TEXT_UNSUPPORTED_CHARACTER .*U\+1F600/,
    );
    const relabel = {
      ...(TEMPLATES.find((t) => t.name === 'parcel-relabel')!.example as object),
      recipientName: 'W'.repeat(80),
    };
    await h.printing.savePrinter(
      { ...h.printing.listPrinters()[0]!, media: { widthMm: 100, heightMm: 150 } },
      SUPERVISOR,
    );
    expect(code(() => enqueue(h, relabel, 'parcel-relabel'))).toMatch(/^PRINT_TEXT_TOO_LONG .*recipientName/);
    expect(
      code(() =>
        h.core.db.transaction(() =>
          h.printing.enqueue(h.core.db, {
            template: 'qc-tag',
            data: qc(1),
            printer: 'nope',
            requestedBy: 'c',
          }),
        )(),
      ),
    ).toMatch(/^PRINTER_UNKNOWN/);
    expect(h.printing.listJobs()).toEqual([]);
  });

  it('prints a job: the printer received exactly the stored bytes, hash recorded, printer online', async () => {
    const printer = await startPrinter();
    const h = await harness(dirs.make(), printer);
    const id = enqueue(h, qc(1));
    await printer.waitForJobs(1);
    await h.settle();
    const job = h.printing.listJobs()[0]!;
    expect(job).toMatchObject({ id, status: 'printed', attempts: 1 });
    expect(job.sha256).toBe(createHash('sha256').update(printer.jobs[0]!).digest('hex'));
    expect(returnIdOf(printer.jobs[0]!)).toBe('RT-1');
    expect(h.printing.printerStatuses()).toEqual([
      expect.objectContaining({ printerId: 'zebra-1', state: 'online', queued: 0 }),
    ]);
  });

  it('a connection dropped mid-job is not printed: the job waits, then the whole label is sent again', async () => {
    const printer = await startPrinter();
    printer.mode = { dropAfterBytes: 200 };
    const h = await harness(dirs.make(), printer);
    enqueue(h, qc(1));
    await h.settle();
    expect(printer.partial.length).toBe(1);
    let job = h.printing.listJobs()[0]!;
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.lastError?.code).toBe('PRINTER_CONNECTION_LOST');
    expect(h.printing.printerStatuses()[0]).toMatchObject({
      state: 'offline',
      lastError: 'PRINTER_CONNECTION_LOST',
      queued: 1,
    });
    printer.mode = 'accept';
    await h.timers.advance(60_000, 1000, h.settle);
    job = h.printing.listJobs()[0]!;
    expect(job.status).toBe('printed');
    expect(printer.jobs.length).toBe(1);
    expect(printer.jobs[0]!.length).toBe(job.byteLength);
    expect(printer.jobs[0]!.subarray(0, 200)).toEqual(printer.partial[0]);
  });

  it('a printer that stalls times out and is retried; a wrong address waits as unreachable', async () => {
    const printer = await startPrinter();
    printer.mode = 'stall';
    const h = await harness(dirs.make(), printer);
    enqueue(h, qc(1));
    await h.settle();
    expect(h.printing.listJobs()[0]!.lastError?.code).toBe('PRINTER_TIMEOUT');
    const wrong = await harness(dirs.make(), null);
    enqueue(wrong, qc(2));
    await wrong.settle();
    expect(wrong.printing.listJobs()[0]).toMatchObject({
      status: 'queued',
      lastError: { code: 'PRINTER_UNREACHABLE' },
    });
  });

  it('a printer unplugged for ten minutes prints its backlog in order when it returns, with no busy loop', async () => {
    const printer = await startPrinter();
    await printer.unplug();
    const h = await harness(dirs.make(), printer);
    for (let n = 1; n <= 6; n++) {
      enqueue(h, qc(n));
      await h.timers.advance(100_000, 5000, h.settle); // the clerk keeps working: a label every 100 s
    }
    const attemptsWhileOff = h.sends.length;
    // Backoff doubles to a 30 s cap: a few dozen tries in 10 minutes, never thousands.
    expect(attemptsWhileOff).toBeGreaterThan(5);
    expect(attemptsWhileOff).toBeLessThan(80);
    const jobs = h.printing.listJobs().reverse();
    expect(jobs.map((j) => j.status)).toEqual(Array(6).fill('queued'));
    // Strictly in order: only the head has been tried.
    expect(jobs.slice(1).every((j) => j.attempts === 0)).toBe(true);
    expect(h.printing.printerStatuses()[0]).toMatchObject({ state: 'offline', queued: 6 });

    await printer.plug();
    await h.timers.advance(60_000, 1000, h.settle);
    await printer.waitForJobs(6);
    expect(printer.jobs.map(returnIdOf)).toEqual(['RT-1', 'RT-2', 'RT-3', 'RT-4', 'RT-5', 'RT-6']);
    expect(h.printing.listJobs().every((j) => j.status === 'printed')).toBe(true);
    expect(h.printing.printerStatuses()[0]).toMatchObject({ state: 'online', queued: 0 });
  });

  it('a job survives a restart and prints when the station comes back', async () => {
    const dir = dirs.make();
    const printer = await startPrinter();
    await printer.unplug();
    const first = await harness(dir, printer);
    const id = enqueue(first, qc(9));
    await first.settle();
    await first.printing.stop();
    await first.core.close();
    await printer.plug();
    const second = await harness(dir, printer);
    await second.timers.advance(60_000, 1000, second.settle); // its retry time comes round
    await printer.waitForJobs(1);
    await second.settle();
    expect(second.printing.listJobs()[0]).toMatchObject({ id, status: 'printed' });
    expect(returnIdOf(printer.jobs[0]!)).toBe('RT-9');
  });

  it('reprints from history, marked as a reprint with its reason', async () => {
    const printer = await startPrinter();
    const h = await harness(dirs.make(), printer);
    const id = enqueue(h, qc(3));
    await printer.waitForJobs(1);
    const again = await h.printing.reprint(id, SUPERVISOR, 'label torn');
    expect(again).toMatchObject({ reprintOf: id, reason: 'label torn', requestedBy: 'supervisor' });
    await printer.waitForJobs(2);
    await h.settle();
    expect(h.printing.listJobs({ statuses: ['printed'] }).length).toBe(2);
    expect(printer.jobs[1]).toEqual(printer.jobs[0]);
  });

  it('a Zebra that reports paper out (~HS) gets nothing until it is ready', async () => {
    const printer = await startPrinter();
    printer.hostStatus.paperOut = true;
    const h = await harness(dirs.make(), printer, { confirmWithHostStatus: true });
    enqueue(h, qc(4));
    await h.settle();
    expect(printer.jobs.length).toBe(0);
    expect(h.printing.listJobs()[0]!.lastError).toEqual({
      code: 'PRINTER_NOT_READY',
      params: expect.objectContaining({ reason: 'paper_out' }),
    });
    printer.hostStatus.paperOut = false;
    await h.timers.advance(60_000, 1000, h.settle);
    expect(h.printing.listJobs()[0]!.status).toBe('printed');
    expect(printer.jobs.map(returnIdOf)).toEqual(['RT-4']);
    expect((await h.printing.checkStatus('zebra-1')).hostStatus).toMatchObject({
      paperOut: false,
      headOpen: false,
    });
  });
});
