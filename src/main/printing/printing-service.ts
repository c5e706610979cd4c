import type { PrintJobStatus, PrintJobView, PrinterProfile, PrinterStatusView } from '../../shared/printing';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { Random } from '../random';
import { Backoff } from '../sync/backoff';
import { LabelRenderer } from './label-renderer';
import { PrinterProfiles } from './profiles/profile-store';
import { PrintQueue, type NewPrintJob } from './queue/print-queue';
import { PrintWorker } from './queue/print-worker';
import { systemTimers, type Timers } from './queue/timers';
import { TEMPLATES, templateNamed } from './templates';
import { createSystemTransport } from './transport/system-transport';
import type { PrinterProbe, PrinterTransport } from './transport/printer-transport';

export interface PrintingOptions {
  db: Db;
  clock: Clock;
  random: Random;
  newId: IdGenerator;
  logger: Logger;
  transport?: PrinterTransport;
  timers?: Timers;
  renderer?: LabelRenderer;
  /** Retry policy for an offline printer (default 1 s doubling to 30 s, with jitter). */
  backoff?: { baseMs?: number; capMs?: number };
  sendTimeoutMs?: number;
}

export interface TemplateInfo {
  name: string;
  title: string;
  description: string;
  widthMm: number;
  heightMm: number | null;
}

/**
 * The printing capability as the handlers (and the QC service) call it. Everything is passed in
 * (database, clock, transport, timers), so it runs in a station or a hub, and under test.
 *
 *   printing.queue.enqueue(tx, { template, data, printer, requestedBy })  – inside the caller's transaction
 *   printing.listPrinters() / upsertPrinter(p) / deletePrinter(id)
 *   printing.testPrint(printerId, by) / printing.checkStatus(printerId) / printing.printerStatuses()
 *   printing.listJobs({ printerId, statuses, limit }) / printing.reprint(jobId, by, reason)
 *   printing.preview(template, data, printerId?) → PNG bytes
 */
export class PrintingService {
  readonly profiles: PrinterProfiles;
  readonly queue: PrintQueue;
  readonly renderer: LabelRenderer;
  readonly worker: PrintWorker;
  private readonly transport: PrinterTransport;

  constructor(private readonly o: PrintingOptions) {
    this.renderer = o.renderer ?? new LabelRenderer();
    this.profiles = new PrinterProfiles(o.db, o.clock);
    this.queue = new PrintQueue(o.db, o.clock, o.newId, this.profiles, this.renderer);
    this.transport = o.transport ?? createSystemTransport();
    this.worker = new PrintWorker({
      queue: this.queue,
      profiles: this.profiles,
      renderer: this.renderer,
      transport: this.transport,
      clock: o.clock,
      timers: o.timers ?? systemTimers,
      backoff: new Backoff(o.random, {
        baseMs: o.backoff?.baseMs ?? 1000,
        capMs: o.backoff?.capMs ?? 30_000,
      }),
      logger: o.logger,
      ...(o.sendTimeoutMs !== undefined ? { sendTimeoutMs: o.sendTimeoutMs } : {}),
    });
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  listTemplates(): TemplateInfo[] {
    return TEMPLATES.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      widthMm: t.size.widthMm,
      heightMm: t.size.heightMm,
    }));
  }

  exampleData(template: string): unknown {
    return templateNamed(template).example;
  }

  listPrinters(): PrinterProfile[] {
    return this.profiles.list();
  }

  upsertPrinter(input: unknown): PrinterProfile {
    const profile = this.profiles.upsert(input);
    this.worker.kick(profile.id);
    return profile;
  }

  deletePrinter(id: string): { cancelledJobs: number } {
    return this.profiles.delete(id);
  }

  /** Queues the example of a template this printer prints, marked as a test print. */
  testPrint(printerId: string, requestedBy: string): PrintJobView {
    const profile = this.profiles.get(printerId);
    const template = profile.templates[0] ?? (profile.media.heightMm === null ? 'shift-summary' : 'qc-tag');
    const { id } = this.o.db
      .transaction(() =>
        this.queue.enqueue(this.o.db, {
          template,
          data: templateNamed(template).example,
          printer: printerId,
          requestedBy,
          reason: 'test print',
        }),
      )
      .immediate();
    return this.queue.get(id);
  }

  /** Asks the printer now (TCP connect; `~HS` on a Zebra) and records what it answered. */
  async checkStatus(printerId: string): Promise<PrinterStatusView & { probe: PrinterProbe | null }> {
    const profile = this.profiles.get(printerId);
    let probe: PrinterProbe | null = null;
    try {
      probe = await this.transport.probe(profile.interface, {
        timeoutMs: 3000,
        zebraHostStatus: profile.language === 'zpl',
      });
      this.queue.setPrinterState(printerId, 'online', null);
      this.worker.kick(printerId);
    } catch (err) {
      this.queue.setPrinterState(printerId, 'offline', (err as { code?: string }).code ?? 'INTERNAL');
    }
    const [status] = this.queue.printerStatuses([printerId]);
    return { ...(status as PrinterStatusView), probe };
  }

  /** For the clerk's banner: every printer, online or not, and what waits for it. */
  printerStatuses(): PrinterStatusView[] {
    return this.queue.printerStatuses(this.profiles.list().map((p) => p.id));
  }

  listJobs(filter: { printerId?: string; statuses?: PrintJobStatus[]; limit?: number } = {}): PrintJobView[] {
    return this.queue.list(filter);
  }

  reprint(jobId: string, requestedBy: string, reason: string, printerId?: string): PrintJobView {
    return this.queue.get(this.queue.reprint(jobId, requestedBy, reason, printerId).id);
  }

  /** In the caller's transaction. */
  enqueue(tx: Db, job: NewPrintJob): { id: string; seq: number } {
    return this.queue.enqueue(tx, job);
  }

  preview(template: string, data: unknown, printerId?: string): Buffer {
    if (printerId) return this.renderer.preview(template, data, { profile: this.profiles.get(printerId) });
    return this.renderer.preview(template, data, { format: 'png' });
  }
}
