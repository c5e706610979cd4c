import { describe, expect, it } from 'vitest';
import type { LastmileApi } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';
import {
  printerProfileSchema,
  type PrintJobView,
  type PrinterStatusView,
} from '../../../src/shared/printing';
import { bannerLines, WAITING_NOTICE_MS } from '../../../src/renderer/src/features/printers/printer-banner';
import { createPrintersStore } from '../../../src/renderer/src/features/printers/printers-store';
import {
  draftOf,
  idFromName,
  newDraft,
  profileFromDraft,
  withLanguage,
} from '../../../src/renderer/src/features/printers/profile-draft';

const status = (patch: Partial<PrinterStatusView>): PrinterStatusView => ({
  printerId: 'p',
  name: 'P',
  enabled: true,
  state: 'online',
  lastError: null,
  since: null,
  checkedAt: null,
  queued: 0,
  oldestWaitingMs: null,
  ...patch,
});

describe('printer banner', () => {
  it('names an offline printer and what waits for it; nothing for a printer that prints', () => {
    expect(
      bannerLines([
        status({ printerId: 'a', name: 'Receipts', queued: 2, oldestWaitingMs: 1000 }),
        status({ printerId: 'b', name: 'QC-Zebra', state: 'offline', queued: 3, oldestWaitingMs: 60_000 }),
        status({ printerId: 'c', name: 'Spare', state: 'unknown' }),
      ]),
    ).toEqual([{ kind: 'offline', printerId: 'b', name: 'QC-Zebra', count: 3 }]);
  });

  it('tells about labels stuck on a switched-off printer, or waiting long on one not known to be offline', () => {
    expect(
      bannerLines([
        status({ printerId: 'w', name: 'B', queued: 1, oldestWaitingMs: WAITING_NOTICE_MS }),
        status({
          printerId: 'd',
          name: 'A',
          enabled: false,
          state: 'offline',
          queued: 4,
          oldestWaitingMs: 5,
        }),
        status({ printerId: 'e', name: 'C', enabled: false, queued: 0 }),
      ]).map((l) => `${l.kind}:${l.printerId}:${l.count}`),
    ).toEqual(['disabled:d:4', 'waiting:w:1']);
  });
});

describe('printer profile draft', () => {
  it('starts a new printer as a 100×50 mm Zebra; switching to Epson takes the receipt roll and font A unless edited', () => {
    const zebra = newDraft();
    expect(zebra).toMatchObject({ language: 'zpl', widthMm: '100', heightMm: '50', fonts: [{ id: '0' }] });
    const epson = withLanguage(zebra, 'escpos-epson');
    expect(epson).toMatchObject({ widthMm: '80', heightMm: '', fonts: [{ id: 'A', scripts: ['latin'] }] });
    const edited = withLanguage({ ...zebra, widthMm: '60' }, 'escpos-epson');
    expect(edited.widthMm).toBe('60');
    const existing = draftOf(
      printerProfileSchema.parse(
        profileFromDraft({ ...zebra, name: 'QC', interface: 'tcp://10.0.0.5:9100' }),
      ),
    );
    expect(withLanguage(existing, 'escpos-star')).toMatchObject({
      language: 'escpos-star',
      widthMm: '100',
      heightMm: '50',
    });
  });

  it('makes the id from the name, and turns every typed field into what the contract checks', () => {
    expect(idFromName('QC Zebra #2 — Dock 3')).toBe('qc-zebra-2-dock-3');
    const profile = profileFromDraft({
      ...newDraft(),
      name: ' QC-Zebra ',
      interface: ' tcp://192.168.1.50:9100 ',
      heightMm: '',
      darkness: '22',
      offsetXmm: '1,5',
      fonts: [
        { id: 'E:NOTOTHAI.TTF', scripts: ['thai'] },
        { id: '', scripts: [] },
      ],
    });
    expect(profile).toMatchObject({
      id: 'qc-zebra',
      name: 'QC-Zebra',
      interface: 'tcp://192.168.1.50:9100',
      media: { widthMm: 100, heightMm: null },
      darkness: 22,
      offsetMm: { x: 1.5, y: 0 },
      fonts: [{ id: 'E:NOTOTHAI.TTF', scripts: ['thai'] }],
    });
    expect(printerProfileSchema.safeParse(profile).success).toBe(true);
    // A number half typed goes as NaN, which the contract refuses naming the field; never a silent 0.
    const bad = printerProfileSchema.safeParse(
      profileFromDraft({ ...newDraft(), name: 'x', interface: 'tcp://10.0.0.5', darkness: '1x' }),
    );
    expect(bad.success ? null : bad.error.issues[0]?.path).toEqual(['darkness']);
  });
});

/** An API with only the printing calls, over a list the test controls. */
function fakeApi() {
  const calls: string[] = [];
  const jobs: PrintJobView[] = [];
  const job = (patch: Partial<PrintJobView>): PrintJobView => ({
    id: `job-${jobs.length + 1}`,
    printerId: 'qc-zebra',
    template: 'qc-tag',
    summary: 'RT-1',
    status: 'queued',
    attempts: 0,
    requestedBy: 'clerk',
    requestedByName: 'Clerk',
    reprintOf: null,
    reason: null,
    lastError: null,
    byteLength: null,
    sha256: null,
    createdAt: 1,
    nextAttemptAt: 1,
    printedAt: null,
    ...patch,
  });
  let profiles: unknown[] = [];
  const api = {
    listPrinters: async () => profiles,
    printerStatuses: async () => [],
    listLabelTemplates: async () => [
      { name: 'qc-tag', title: 'QC tag', description: '', widthMm: 100, heightMm: 50 },
    ],
    listPrintJobs: async (input: { printerId?: string }) => {
      calls.push(`listPrintJobs ${input.printerId ?? '*'}`);
      return [...jobs].reverse();
    },
    savePrinter: async ({ profile }: { profile: unknown }) => {
      const parsed = printerProfileSchema.parse(profile);
      profiles = [parsed];
      calls.push(`savePrinter ${parsed.id}`);
      return parsed;
    },
    testPrint: async () => {
      const j = job({ reason: 'test print' });
      jobs.push(j);
      return j;
    },
    previewPrintJob: async () => ({ png: 'iVBOR', widthDots: 812, heightDots: 406, dpi: 203, notes: [] }),
    reprintJob: async ({ jobId, reason }: { jobId: string; reason: string }) => {
      calls.push(`reprint ${jobId} ${reason}`);
      const j = job({ reprintOf: jobId, reason });
      jobs.push(j);
      return j;
    },
    checkPrinter: async () => {
      throw new AppError('PRINTER_UNREACHABLE', { printer: '10.0.0.5:9100', reason: 'ECONNREFUSED' });
    },
  };
  return { api: api as unknown as LastmileApi, calls, jobs };
}

describe('printers store', () => {
  it('saves a new printer, opens it, follows its test print until printed, and shows the label it printed', async () => {
    const { api, calls, jobs } = fakeApi();
    const store = createPrintersStore({ api });
    await store.getState().load();
    store.getState().addPrinter();
    store.getState().edit({ name: 'QC Zebra', interface: 'tcp://10.0.0.5:9100' });
    await store.getState().save();
    expect(store.getState()).toMatchObject({
      selectedId: 'qc-zebra',
      notice: { kind: 'saved' },
      actionError: null,
    });
    expect(calls).toContain('savePrinter qc-zebra');
    await store.getState().testPrint();
    expect(store.getState().testJob).toMatchObject({ status: 'queued', reason: 'test print' });
    expect(store.getState().testPreview).toMatchObject({ widthDots: 812 });
    jobs[0] = { ...jobs[0]!, status: 'printed', printedAt: 5 };
    await store.getState().refreshHistory();
    expect(store.getState().testJob).toMatchObject({ status: 'printed', printedAt: 5 });
  });

  it('a failed status check shows the coded reason; a reprint needs a reason the contract accepts', async () => {
    const { api, calls } = fakeApi();
    const store = createPrintersStore({ api });
    await store.getState().load();
    store.getState().addPrinter();
    store.getState().edit({ name: 'QC Zebra', interface: 'tcp://10.0.0.5:9100' });
    await store.getState().save();
    await store.getState().checkStatus();
    expect(store.getState().actionError).toEqual({
      code: 'PRINTER_UNREACHABLE',
      params: { printer: '10.0.0.5:9100', reason: 'ECONNREFUSED' },
    });
    await store.getState().testPrint();
    store.getState().beginReprint('job-1');
    store.getState().editReprintReason('no');
    await store.getState().confirmReprint();
    expect(calls.filter((c) => c.startsWith('reprint'))).toEqual([]);
    store.getState().editReprintReason('label torn');
    await store.getState().confirmReprint();
    expect(calls.filter((c) => c.startsWith('reprint'))).toEqual(['reprint job-1 label torn']);
    expect(store.getState().reprint).toBeNull();
  });

  it('polls the printer states for the banner until stopped', async () => {
    const { api } = fakeApi();
    let polls = 0;
    const counting = { ...api, printerStatuses: async () => (polls++, []) } as unknown as LastmileApi;
    const ticks: (() => void)[] = [];
    const store = createPrintersStore({
      api: counting,
      timers: {
        setInterval: ((fn: () => void) => (ticks.push(fn), ticks.length)) as unknown as typeof setInterval,
        clearInterval: ((id: number) => void (ticks[id - 1] = () => {})) as unknown as typeof clearInterval,
      },
    });
    const stop = store.getState().startStatusPolling();
    ticks[0]!();
    ticks[0]!();
    expect(polls).toBe(3);
    stop();
    ticks[0]!();
    expect(polls).toBe(3);
  });
});
