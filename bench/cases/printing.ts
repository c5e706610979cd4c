import path from 'node:path';
import type { PrinterProfile } from '../../src/shared/printing';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { LabelRenderer } from '../../src/main/printing/label-renderer';
import { PrintingService } from '../../src/main/printing/printing-service';
import { TEMPLATES } from '../../src/main/printing/templates';
import { sendTcp } from '../../src/main/printing/transport/tcp-transport';
import { cryptoRandom } from '../../src/main/random';
import { caseDir, type BenchCase } from '../context';
import { measurement } from '../measurement';
import { msSince, ratePerSecond, summarize } from '../stats';
import { rawSend, startPrinterSink } from '../printer-sink';

const example = TEMPLATES.find((t) => t.name === 'qc-tag')?.example as Record<string, unknown>;
const qc = (n: number) => ({ ...example, returnId: `RT-${n}`, barcode: `RT-${n}` });

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

/**
 * Render + send of a QC tag (ZPL, with a Thai/Chinese/Vietnamese item line rasterised to ^GFA)
 * to a printer on 127.0.0.1, against sending the very same bytes over a raw socket. Interleaved
 * A B A B after a warm-up, so both see the same machine.
 */
export const printQcTag: BenchCase = {
  name: 'print-qc-tag',
  async run(ctx) {
    const { warmup, samples } = ctx.profile.printing;
    ctx.log(`print-qc-tag: ${samples} QC tags, render+send vs raw socket write of the same bytes`);
    const sink = await startPrinterSink();
    const renderer = new LabelRenderer();
    const profile = zebra(sink.port);
    const ours: number[] = [];
    const raw: number[] = [];
    try {
      for (let i = 0; i < warmup + samples; i++) {
        // A new return id each time: no cache can hand back the previous label's bytes.
        let start = process.hrtime.bigint();
        const { bytes } = await renderer.render('qc-tag', qc(i), { profile });
        await sendTcp('127.0.0.1', sink.port, bytes, { timeoutMs: 10_000 });
        const a = msSince(start);
        start = process.hrtime.bigint();
        await rawSend(sink.port, bytes);
        const b = msSince(start);
        if (i >= warmup) {
          ours.push(a);
          raw.push(b);
        }
      }
    } finally {
      await sink.close();
    }
    const o = summarize(ours);
    const r = summarize(raw);
    return [
      measurement({
        id: 'print.qcTag.p99',
        name: 'QC tag render + send, p99',
        unit: 'ms',
        figure: o.p99,
        baseline: { name: 'raw socket write of the same bytes, p99', value: r.p99 },
        target: { on: 'ratio', op: '<=', value: 2 },
        details: { samples, render_send: o, raw: r },
      }),
      measurement({
        id: 'print.qcTag.p50',
        name: 'QC tag render + send, p50',
        unit: 'ms',
        figure: o.p50,
        baseline: { name: 'raw socket write of the same bytes, p50', value: r.p50 },
      }),
    ];
  },
};

/** Labels per second through the whole queue: enqueue (one transaction), worker, TCP, printed rows. */
export const printQueueRate: BenchCase = {
  name: 'print-queue-rate',
  async run(ctx) {
    const { queueJobs } = ctx.profile.printing;
    ctx.log(`print-queue-rate: ${queueJobs} QC tags through the print queue to one printer`);
    const sink = await startPrinterSink();
    const core = createCore({
      dataDir: path.join(caseDir(ctx, 'print-queue'), 'station'),
      logger: silentLogger,
    });
    const printing = new PrintingService({
      db: core.db,
      clock: core.clock,
      random: cryptoRandom,
      newId: core.newId,
      logger: silentLogger,
    });
    try {
      printing.upsertPrinter(zebra(sink.port));
      core.db
        .transaction(() => {
          for (let i = 0; i < queueJobs; i++) {
            printing.enqueue(core.db, {
              template: 'qc-tag',
              data: qc(i),
              printer: 'bench-zebra',
              requestedBy: 'bench',
            });
          }
        })
        .immediate();
      const start = process.hrtime.bigint();
      printing.start();
      while (sink.jobs() < queueJobs) await new Promise((r) => setTimeout(r, 5));
      await printing.worker.idle();
      const elapsed = msSince(start);
      const printed = printing.listJobs({ statuses: ['printed'], limit: queueJobs + 1 }).length;
      if (printed !== queueJobs) throw new Error(`${printed} of ${queueJobs} jobs recorded as printed`);
      return [
        measurement({
          id: 'print.queue.rate',
          name: 'labels printed through the queue (render, send, record)',
          unit: 'labels/s',
          figure: ratePerSecond(queueJobs, elapsed),
          details: { jobs: queueJobs, elapsedMs: elapsed },
        }),
      ];
    } finally {
      await printing.stop();
      await core.close();
      await sink.close();
    }
  },
};
