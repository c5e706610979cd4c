import { afterEach, describe, expect, it } from 'vitest';
import { UNROUTED } from '../../../src/main/printing/queue/print-queue';
import type { Core } from '../../../src/main/core';
import type { ShiftSummary, ShiftTeam } from '../../../src/shared/returns/supervision-views';
import { TEST_EPOCH, makeTestCore, type TestCore } from '../../helpers/core-factory';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench, png, uploadPhoto } from './qc-fixtures';
import { LIPSTICK, SERUM, caller, pendingDestroy, supervisorTab } from './supervision-fixtures';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temp.cleanup();
});

const TSHIRT = {
  sku: 'SKU-TSHIRT-M-BLK',
  barcode: 'TS-0001',
  name: 'T-shirt M',
  category: 'apparel',
  price: '315',
};

const TEXTS = {
  parcels: 'Parcels',
  unexpected: 'Unexpected',
  items: 'Items',
  restock: 'Restocked',
  refurbish: 'To refurbish',
  destroy: 'To destroy',
  return_to_seller: 'Back to seller',
  overrides: 'Overrides',
  pendingApprovals: 'Awaiting approval',
  exceptions: 'Exceptions',
  undos: 'Undos',
  medianSeconds: 'Median s/item',
  p90Seconds: 'p90 s/item',
};

/** Clerk B's shift: one T-shirt restocked (undone once and decided again), one unexpected parcel. */
async function clerkBShift(core: Core, clock: TestCore['clock']): Promise<void> {
  const b = bench(core, 'tab-b');
  const ret = addReturn(core, { items: [TSHIRT] });
  await b.scan(ret.tracking);
  await b.enter();
  await b.scan(TSHIRT.barcode);
  for (const a of ['yes', 'yes', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
  await b.enter();
  await b.enter();
  clock.advance(45_000);
  await b.enter(); // restock suggested: the bin comes next
  await b.scan('A-01-01');
  clock.advance(5_000);
  expect((await b.act({ kind: 'undo' })).feedback.kind).toBe('undone');
  clock.advance(15_000);
  await b.enter();
  expect((await b.scan('A-01-02')).feedback.kind).toBe('decided');
  await b.act({ kind: 'no_more_items' });
  await b.enter();
  clock.advance(60_000);
  await b.act({ kind: 'start_unexpected', code: 'ZZ0000000001' });
  await b.act({ kind: 'photo', sha256: await uploadPhoto(core, png(41)) });
  await b.act({ kind: 'note', text: 'No label at all' });
  await b.scan('Q-01-01');
}

describe('shift summaries on a real station database', () => {
  it('counts parcels, items, dispositions, overrides, time per item, exceptions and undos per clerk', async () => {
    const t = makeTestCore(temp.make('lastmile-shift-'));
    const { core, clock } = t;
    cleanups.push(() => core.close());
    addBins(core);
    core.users.create({ id: 'somchai', name: 'Somchai', role: 'clerk', pin: '2222' });
    await core.session.signIn('tab-b', { userId: 'somchai', pin: '2222' });
    const advance = (ms: number) => clock.advance(ms);
    await pendingDestroy(core, LIPSTICK, { clientId: 'tab-a', advance });
    await pendingDestroy(core, SERUM, { clientId: 'tab-a', advance });
    await clerkBShift(core, clock);
    const window = { from: TEST_EPOCH - 3_600_000, to: clock.now() + 3_600_000 };

    const mine = await caller(core, 'tab-b').call<ShiftSummary>('qcMyShift', window);
    expect(mine).toMatchObject({
      clerk: { id: 'somchai', name: 'Somchai' },
      parcels: 2,
      unexpected: 1,
      items: 1,
      dispositions: { restock: 1, refurbish: 0, destroy: 0, return_to_seller: 0 },
      overrides: 0,
      pendingApprovals: 0,
      exceptions: 1,
      undos: 1,
      // Scanned, decided after 45 s, undone, decided again 20 s later: 65 s from the scan.
      secondsPerItem: { median: 65, p90: 65, samples: 1 },
      station: { id: core.stationId },
    });

    expect(await caller(core, 'tab-b').refused('qcShiftSummaries', window)).toBe('FORBIDDEN');
    const team = await (await supervisorTab(core)).call<ShiftTeam>('qcShiftSummaries', window);
    expect(
      team.clerks.map((c) => [c.clerk.id, c.parcels, c.items, c.dispositions.destroy, c.pendingApprovals]),
    ).toEqual([
      ['clerk', 2, 2, 2, 2],
      ['somchai', 2, 1, 0, 0],
    ]);
    expect(team.clerks[0]?.secondsPerItem).toEqual({ median: 30, p90: 30, samples: 2 });
    expect(team.total).toMatchObject({
      parcels: 4,
      items: 3,
      exceptions: 1,
      undos: 1,
      dispositions: { restock: 1, destroy: 2, refurbish: 0, return_to_seller: 0 },
      secondsPerItem: { median: 30, p90: 58, samples: 3 },
    });

    // A window before the shift has nothing; a window over 31 days is refused.
    const before = await caller(core, 'tab-b').call<ShiftSummary>('qcMyShift', {
      from: TEST_EPOCH - 5 * 3_600_000,
      to: TEST_EPOCH - 3_600_000,
    });
    expect(before).toMatchObject({
      parcels: 0,
      items: 0,
      undos: 0,
      secondsPerItem: { median: null, samples: 0 },
    });
    expect(await caller(core, 'tab-b').refused('qcMyShift', { from: 0, to: 40 * 86_400_000 })).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('prints the 80 mm slip through the print queue: one’s own, or any clerk’s for a supervisor', async () => {
    const t = makeTestCore(temp.make('lastmile-shift-print-'));
    const { core, clock } = t;
    cleanups.push(() => core.close());
    addBins(core);
    await core.printing.ready();
    core.users.create({ id: 'somchai', name: 'Somchai', role: 'clerk', pin: '2222' });
    await core.session.signIn('tab-b', { userId: 'somchai', pin: '2222' });
    await clerkBShift(core, clock);
    const request = {
      from: TEST_EPOCH - 3_600_000,
      to: clock.now() + 60_000,
      timeZone: 'Asia/Bangkok',
      texts: TEXTS,
    };
    const clerkB = caller(core, 'tab-b');
    // No printer set up yet: the slip waits in the queue for one, unrouted, and nothing is lost.
    const waiting = await clerkB.call<{ jobId: string; printerId: string }>('qcPrintShiftSummary', request);
    expect(waiting.printerId).toBe(UNROUTED);
    expect(
      core.db.prepare('SELECT printer_id, status FROM print_jobs WHERE id = ?').get(waiting.jobId),
    ).toEqual({ printer_id: UNROUTED, status: 'queued' });

    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    await core.printing.savePrinter(
      {
        id: 'receipts',
        name: 'Receipts',
        language: 'escpos-epson',
        interface: printer.address,
        media: { widthMm: 80, heightMm: null },
        dpi: 203,
        fonts: [{ id: 'A', scripts: ['latin'] }],
      },
      { id: 'supervisor' },
    );
    const printed = await clerkB.call<{ jobId: string; printerId: string }>('qcPrintShiftSummary', request);
    expect(printed.printerId).toBe('receipts');
    expect(await clerkB.refused('qcPrintShiftSummary', { ...request, clerkId: 'clerk' })).toBe('FORBIDDEN');
    const job = core.db
      .prepare<[string], { template: string; data: string }>(
        'SELECT template, data FROM print_jobs WHERE id = ?',
      )
      .get(printed.jobId)!;
    expect(job.template).toBe('shift-summary');
    const data = JSON.parse(job.data) as {
      clerk: string;
      station: string;
      shiftStart: string;
      lines: Array<{ label: string; count: number }>;
      total: number;
    };
    // 08:00 UTC is 15:00 in Bangkok: the slip prints the station's local time.
    expect(data).toMatchObject({ clerk: 'Somchai', station: 'QC-1', total: 1 });
    expect(data.shiftStart).toMatch(/^2026-01-15 15:0\d$/);
    expect(data.lines).toEqual(
      expect.arrayContaining([
        { label: 'Parcels', count: 2 },
        { label: 'Unexpected', count: 1 },
        { label: 'Restocked', count: 1 },
        { label: 'Undos', count: 1 },
        { label: 'Median s/item', count: 65 },
      ]),
    );
    // The slip reaches the receipt printer.
    await printer.waitForJobs(1);
    expect(printer.jobs[0]!.length).toBeGreaterThan(100);
    // A supervisor prints another clerk's slip.
    const bySupervisor = await (
      await supervisorTab(core)
    ).call<{ jobId: string }>('qcPrintShiftSummary', {
      ...request,
      clerkId: 'somchai',
    });
    expect(bySupervisor.jobId).not.toBe(printed.jobId);
    expect(await clerkB.refused('qcPrintShiftSummary', { ...request, timeZone: 'Mars/Olympus' })).toBe(
      'VALIDATION_FAILED',
    );
  });
});
