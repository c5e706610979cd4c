import { AppError } from '../../shared/errors';
import type {
  LabelPreview,
  LabelTemplateInfo,
  PrintJobStatus,
  PrintJobView,
  PrinterCheck,
  PrinterProfile,
  PrinterStatusView,
} from '../../shared/printing';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { Random } from '../random';
import { Backoff } from '../sync/backoff';
import { LabelRenderer } from './label-renderer';
import { testTemplateFor } from './profiles/printer-routing';
import { PrinterProfiles, parseProfile } from './profiles/profile-store';
import { PrintQueue, type EnqueuedJob, type NewPrintJob } from './queue/print-queue';
import { PrintWorker } from './queue/print-worker';
import { systemTimers, type Timers } from './queue/timers';
import { TEMPLATES, templateNamed } from './templates';
import { createSystemTransport } from './transport/system-transport';
import type { PrinterTransport } from './transport/printer-transport';

export interface PrintingOptions {
  db: Db;
  clock: Clock;
  random: Random;
  newId: IdGenerator;
  logger: Logger;
  /** Profile changes and reprints are written to the station's audit log, in their transaction. */
  audit: AuditLog;
  transport?: PrinterTransport;
  timers?: Timers;
  /** A renderer already loaded (tests share one); otherwise start() loads it. */
  renderer?: LabelRenderer;
  /**
   * Whether start() also starts the worker that sends jobs to printers. One process per station
   * folder sends (the app); a CLI sync run on the same folder must not, or both would print.
   */
  worker?: boolean;
  /** Retry policy for an offline printer (default 1 s doubling to 30 s, with jitter). */
  backoff?: { baseMs?: number; capMs?: number };
  sendTimeoutMs?: number;
}

/** Who asks: the operator of the calling screen (or a system name for automatic labels). */
export interface Requester {
  id: string;
}

/**
 * The printing capability as the handlers (and the QC service) call it. Everything is passed in
 * (database, clock, transport, timers), so it runs in a station or a hub, and under test.
 *
 *   printing.enqueue(tx, { template, data, printer?, requestedBy })  – inside the caller's transaction
 *   printing.listPrinters() / savePrinter(p, by) / deletePrinter(id, by)
 *   printing.testPrint(printerId, by) / checkStatus(printerId) / printerStatuses()
 *   printing.listJobs({ printerId, statuses, limit }) / reprint(jobId, by, reason)
 *   printing.preview(template, data, printerId?) / previewJob(jobId) → PNG as base64
 *
 * `start()` loads the shaper (HarfBuzz is asynchronous to load, once) and starts the worker;
 * until it has resolved, calls that lay out a label throw PRINTING_NOT_READY.
 */
export class PrintingService {
  readonly profiles: PrinterProfiles;
  readonly queue: PrintQueue;
  readonly worker: PrintWorker;
  private readonly transport: PrinterTransport;
  private loaded: LabelRenderer | null;
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly o: PrintingOptions) {
    this.loaded = o.renderer ?? null;
    this.profiles = new PrinterProfiles(o.db, o.clock);
    this.queue = new PrintQueue(o.db, o.clock, o.newId, this.profiles, (template, data, profile) => {
      this.renderer.layout(template, data, { profile });
    });
    this.transport = o.transport ?? createSystemTransport();
    this.worker = new PrintWorker({
      queue: this.queue,
      profiles: this.profiles,
      render: async (job, profile) =>
        (
          await this.renderer.render(
            job.template,
            JSON.parse(job.data) as unknown,
            { profile },
            new Date(job.created_at),
          )
        ).bytes,
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

  /** Loads the renderer (once) and, unless told not to, starts sending. Safe to call again. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      this.loaded ??= await LabelRenderer.load();
      if (this.o.worker !== false && !this.stopped) await this.worker.start();
    })();
    return this.starting;
  }

  /** Resolves when labels can be laid out (start() has loaded the renderer). */
  ready(): Promise<void> {
    return this.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => {});
    await this.worker.stop();
  }

  get renderer(): LabelRenderer {
    if (!this.loaded) throw new AppError('PRINTING_NOT_READY', {});
    return this.loaded;
  }

  listTemplates(): LabelTemplateInfo[] {
    return TEMPLATES.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      widthMm: t.size.widthMm,
      heightMm: t.size.heightMm,
    }));
  }

  exampleData(template: string): Record<string, unknown> {
    return templateNamed(template).example as Record<string, unknown>;
  }

  listPrinters(): PrinterProfile[] {
    return this.profiles.list();
  }

  getPrinter(id: string): PrinterProfile {
    return this.profiles.get(id);
  }

  /** Adds or replaces a printer profile; audited, and the printer's line is looked at again. */
  async savePrinter(input: unknown, by: Requester): Promise<PrinterProfile> {
    const parsed = parseProfile(input);
    parsed.templates.forEach((name, i) => {
      if (!TEMPLATES.some((t) => t.name === name)) {
        throw new AppError('PRINTER_PROFILE_INVALID', {
          field: `templates.${i}`,
          issue: `no template "${name}"`,
        });
      }
    });
    const { profile, routed } = await writeTransaction(this.o.db, () => {
      const { profile: saved, before } = this.profiles.upsert(parsed);
      this.o.audit.record({
        userId: by.id,
        action: before ? 'printer.update' : 'printer.add',
        entityType: 'printer',
        entityId: saved.id,
        details: { profile: saved, ...(before ? { before } : {}) },
      });
      // Labels that waited for any printer go to this one (or another) now that one prints them.
      return { profile: saved, routed: this.queue.routeWaiting(this.o.db) };
    });
    for (const id of new Set([profile.id, ...routed])) this.worker.kick(id);
    return profile;
  }

  /** Removes a printer and cancels what waited for it; audited. */
  deletePrinter(id: string, by: Requester): Promise<{ cancelledJobs: number }> {
    return writeTransaction(this.o.db, () => {
      const { profile, cancelledJobs } = this.profiles.delete(id);
      this.o.audit.record({
        userId: by.id,
        action: 'printer.delete',
        entityType: 'printer',
        entityId: id,
        details: { profile, cancelledJobs },
      });
      return { cancelledJobs };
    });
  }

  /** Queues the example of a template this printer prints, on media it has, marked as a test print. */
  async testPrint(printerId: string, by: Requester): Promise<PrintJobView> {
    const profile = this.profiles.get(printerId);
    const template = testTemplateFor(profile, TEMPLATES);
    if (!template) throw new AppError('PRINTER_TEMPLATE_NOT_ALLOWED', { printerId, template: '(any)' });
    const { id } = await writeTransaction(this.o.db, () =>
      this.queue.enqueue(this.o.db, {
        template,
        data: templateNamed(template).example,
        printer: printerId,
        requestedBy: by.id,
        reason: 'test print',
      }),
    );
    return this.queue.get(id);
  }

  /**
   * Asks the printer now (TCP connect; `~HS` on a Zebra) and records the answer. A printer that
   * answers gets its waiting labels sent at once instead of at the end of their backoff.
   */
  async checkStatus(printerId: string): Promise<PrinterCheck> {
    const profile = this.profiles.get(printerId);
    let reachable = false;
    let error: PrinterCheck['error'] = null;
    let hostStatus: PrinterCheck['hostStatus'] = null;
    try {
      const probe = await this.transport.probe(profile.interface, {
        timeoutMs: 3000,
        zebraHostStatus: profile.language === 'zpl',
      });
      reachable = probe.reachable;
      hostStatus = probe.hostStatus ?? null;
      await this.queue.printerAnswered(printerId);
      this.worker.kick(printerId);
    } catch (err) {
      error =
        err instanceof AppError
          ? { code: err.code, params: err.params }
          : { code: 'INTERNAL', params: { reason: String(err).slice(0, 200) } };
      await this.queue.setPrinterState(printerId, 'offline', error.code);
    }
    const [status] = this.queue.printerStatuses([profile]);
    return { ...(status as PrinterStatusView), reachable, error, hostStatus };
  }

  /** For the clerk's banner: every printer, online or not, and what waits for it. */
  printerStatuses(): PrinterStatusView[] {
    return this.queue.printerStatuses(this.profiles.list());
  }

  listJobs(filter: { printerId?: string; statuses?: PrintJobStatus[]; limit?: number } = {}): PrintJobView[] {
    return this.queue.list(filter);
  }

  getJob(jobId: string): PrintJobView {
    return this.queue.get(jobId);
  }

  /** The same label again, as a new job marked as a reprint of `jobId`, with its reason; audited. */
  async reprint(jobId: string, by: Requester, reason: string, printerId?: string): Promise<PrintJobView> {
    const { id } = await writeTransaction(this.o.db, () => {
      const job = this.queue.reprint(this.o.db, jobId, by.id, reason, printerId);
      this.o.audit.record({
        userId: by.id,
        action: 'print.reprint',
        entityType: 'print_job',
        entityId: job.id,
        details: { reprintOf: jobId, reason, printerId: job.printerId },
      });
      return job;
    });
    return this.queue.get(id);
  }

  /**
   * In the caller's transaction: the QC decision and its label commit (or roll back) together.
   * Without `printer`, the station's routing picks one for the template.
   */
  enqueue(tx: Db, job: NewPrintJob): EnqueuedJob {
    return this.queue.enqueue(tx, job);
  }

  cancelQueued(tx: Db, jobId: string, reason: string): boolean {
    return this.queue.cancelQueued(tx, jobId, reason);
  }

  /** The label as the given printer would print it (a bare 203 dpi drawing without one). */
  async preview(template: string, data: unknown, printerId?: string): Promise<LabelPreview> {
    const target = printerId
      ? { profile: this.profiles.get(printerId) }
      : ({ format: 'png', dpi: 203 } as const);
    const layout = await this.renderer.drawnLayout(template, data, target);
    return {
      png: this.renderer.png(layout).toString('base64'),
      widthDots: layout.widthDots,
      heightDots: layout.heightDots,
      dpi: layout.dpi,
      notes: layout.notes,
    };
  }

  /** What a job printed (or will print): its template and data on its printer. */
  previewJob(jobId: string): Promise<LabelPreview> {
    const job = this.queue.row(jobId);
    const printer = this.profiles.find(job.printer_id);
    return this.preview(job.template, JSON.parse(job.data) as unknown, printer ? printer.id : undefined);
  }
}
