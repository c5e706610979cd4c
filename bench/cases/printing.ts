import path from 'node:path';
import type { PrinterProfile } from '../../src/shared/printing';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { LabelRenderer } from '../../src/main/printing/label-renderer';
import { TEMPLATES } from '../../src/main/printing/templates';
import { sendTcp } from '../../src/main/printing/transport/tcp-transport';
import { caseDir, type BenchCase } from '../context';
import { measurement, type Measurement } from '../measurement';
import { msSince, ratePerSecond, summarize } from '../stats';
import { rawSend, startPrinterSink } from '../printer-sink';

const example = TEMPLATES.find((t) => t.name === 'qc-tag')?.example as Record<string, unknown>;

function zebra(port: number): PrinterProfile {
  return {
    id: 'bench-zebra',
    name: 'bench',
    language: 'zpl',
    model: '',
    interface: `tcp://127.0.0.1:${port}`,
    media: { widthMm: 100, heightMm: 50 },
    dpi: 203,
    darkness: 15,
    offsetMm: { x: 0, y: 0 },
    fonts: [{ id: '0', scripts: ['latin'] }],
    templates: [],
    confirmWithHostStatus: false,
    enabled: true,
  };
}

/** The QC tag's data for label n of a run: a new return id (and barcode) on every label. */
type LabelData = (n: number) => Record<string, unknown>;

const THAI_ITEM = 'หูฟังไร้สายสีดำ กล่องบุบ ฝุ่นเกาะ ปู่ย่าซื้อให้';

const VARIANTS: { name: string; title: string; data: LabelData }[] = [
  {
    // The case: the template's example, whose item line mixes Latin, Thai, Chinese and
    // Vietnamese, so on a Latin-font Zebra that line is drawn by us and sent as ^GFA.
    name: 'print-qc-tag',
    title: 'QC tag, mixed-script item',
    data: (n) => ({ ...example, returnId: `RT-${n}`, barcode: `RT-${n}` }),
  },
  {
    // Everything in the printer's own font: no bitmap at all.
    name: 'print-qc-tag-latin',
    title: 'QC tag, Latin only',
    data: (n) => ({
      ...example,
      returnId: `RT-${n}`,
      barcode: `RT-${n}`,
      item: 'Wireless earbuds, black, left bud missing, case scratched',
    }),
  },
  {
    // Thai item and inspector: two lines of bitmap text per label.
    name: 'print-qc-tag-thai',
    title: 'QC tag, Thai item and inspector',
    data: (n) => ({
      ...example,
      returnId: `RT-${n}`,
      barcode: `RT-${n}`,
      item: THAI_ITEM,
      inspectedBy: 'สมชาย',
    }),
  },
];

/**
 * Render + send of a QC tag (ZPL) to a printer on 127.0.0.1, against sending the very same bytes
 * over a raw socket. Interleaved A B A B after a warm-up, so both see the same machine. The item
 * text repeats from label to label (one product, many returns) while the return id and barcode
 * are new every time; a row for information renders the Thai label with a new item text each time,
 * where nothing of its shaping can come from the cache.
 */
function qcTagCase(variant: (typeof VARIANTS)[number]): BenchCase {
  return {
    name: variant.name,
    async run(ctx) {
      const { warmup, samples } = ctx.profile.printing;
      ctx.log(`${variant.name}: ${samples} QC tags, render+send vs raw socket write of the same bytes`);
      const sink = await startPrinterSink();
      const renderer = await LabelRenderer.load();
      const profile = zebra(sink.port);
      const timed = async (data: LabelData) => {
        const ours: number[] = [];
        const render: number[] = [];
        const raw: number[] = [];
        let bytes = 0;
        for (let i = 0; i < warmup + samples; i++) {
          let start = process.hrtime.bigint();
          const rendered = await renderer.render('qc-tag', data(i), { profile });
          const r = msSince(start);
          await sendTcp('127.0.0.1', sink.port, rendered.bytes, { timeoutMs: 10_000 });
          const a = msSince(start);
          start = process.hrtime.bigint();
          await rawSend(sink.port, rendered.bytes);
          const b = msSince(start);
          if (i >= warmup) {
            ours.push(a);
            render.push(r);
            raw.push(b);
            bytes += rendered.bytes.length;
          }
        }
        return { o: summarize(ours), r: summarize(raw), render: summarize(render), bytes: bytes / samples };
      };
      const results: Measurement[] = [];
      try {
        const { o, r, render, bytes } = await timed(variant.data);
        const details = {
          samples,
          bytesPerLabel: Math.round(bytes),
          render_send: o,
          raw: r,
          render_only: render,
        };
        results.push(
          measurement({
            id: `${variant.name}.p99`,
            name: `${variant.title}: render + send, p99`,
            unit: 'ms',
            figure: o.p99,
            baseline: { name: 'raw socket write of the same bytes, p99', value: r.p99 },
            target: { on: 'ratio', op: '<=', value: 2 },
            details,
          }),
          measurement({
            id: `${variant.name}.p50`,
            name: `${variant.title}: render + send, p50`,
            unit: 'ms',
            figure: o.p50,
            baseline: { name: 'raw socket write of the same bytes, p50', value: r.p50 },
          }),
        );
        if (variant.name === 'print-qc-tag-thai') {
          const fresh = await timed((n) => ({ ...variant.data(n), item: `${THAI_ITEM} ${n}` }));
          results.push(
            measurement({
              id: `${variant.name}.new-text.p99`,
              name: `${variant.title}, new item text each label: render + send, p99`,
              unit: 'ms',
              figure: fresh.o.p99,
              baseline: { name: 'raw socket write of the same bytes, p99', value: fresh.r.p99 },
              details: { samples, render_send: fresh.o, raw: fresh.r, render_only: fresh.render },
            }),
          );
        }
      } finally {
        await sink.close();
      }
      return results;
    },
  };
}

export const printQcTagCases: readonly BenchCase[] = VARIANTS.map(qcTagCase);

/** Labels per second through the whole queue: enqueue (one transaction), worker, TCP, printed rows. */
export const printQueueRate: BenchCase = {
  name: 'print-queue-rate',
  async run(ctx) {
    const { queueJobs } = ctx.profile.printing;
    ctx.log(`print-queue-rate: ${queueJobs} QC tags through the print queue to one printer`);
    const sink = await startPrinterSink();
    // The worker starts only once the backlog is queued, so the clock measures draining it.
    const core = createCore({
      dataDir: path.join(caseDir(ctx, 'print-queue'), 'station'),
      logger: silentLogger,
      printing: { start: false, renderer: await LabelRenderer.load() },
    });
    const printing = core.printing;
    const qc = VARIANTS[0]?.data as LabelData;
    try {
      await printing.savePrinter(zebra(sink.port), { id: 'supervisor' });
      core.db
        .transaction(() => {
          for (let i = 0; i < queueJobs; i++) {
            printing.enqueue(core.db, { template: 'qc-tag', data: qc(i), requestedBy: 'bench' });
          }
        })
        .immediate();
      const start = process.hrtime.bigint();
      await printing.start();
      while (sink.jobs() < queueJobs) await new Promise((r) => setTimeout(r, 5));
      await printing.worker.idle();
      const elapsed = msSince(start);
      const printed = printing.listJobs({ statuses: ['printed'], limit: queueJobs + 1 }).length;
      if (printed !== queueJobs) throw new Error(`${printed} of ${queueJobs} jobs recorded as printed`);
      return [
        measurement({
          id: 'print-queue-rate',
          name: 'labels printed through the queue (render, send, record)',
          unit: 'labels/s',
          figure: ratePerSecond(queueJobs, elapsed),
          details: { jobs: queueJobs, elapsedMs: elapsed },
        }),
      ];
    } finally {
      await core.close();
      await sink.close();
    }
  },
};
