import { AppError, type AppErrorShape } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { PrinterProfile } from '../../../shared/printing';
import type { Backoff } from '../../sync/backoff';
import type { PrinterProfiles } from '../profiles/profile-store';
import type { PrinterTransport } from '../transport/printer-transport';
import { notReadyReason } from '../transport/zebra-host-status';
import type { PrintJobRow, PrintQueue } from './print-queue';
import type { Timers } from './timers';

export interface PrintWorkerOptions {
  queue: PrintQueue;
  profiles: PrinterProfiles;
  /** The bytes of a job for its printer (rendered once, on the first attempt). */
  render: (job: PrintJobRow, profile: PrinterProfile) => Promise<Buffer>;
  transport: PrinterTransport;
  clock: Clock;
  timers: Timers;
  backoff: Backoff;
  logger: Logger;
  /** Longest silence from a printer before the attempt is given up (and retried). */
  sendTimeoutMs?: number;
}

/** Errors that no retry can fix: the job is marked failed with its reason. */
const PERMANENT = new Set([
  'PRINT_TEMPLATE_UNKNOWN',
  'PRINT_DATA_INVALID',
  'PRINT_TEXT_TOO_LONG',
  'PRINT_TEXT_UNSUPPORTED_CHARACTER',
  'PRINT_BARCODE_NOT_ENCODABLE',
  'PRINT_BARCODE_TOO_LARGE',
  'PRINT_FORMAT_UNSUPPORTED',
  'PRINTER_UNKNOWN',
  'PRINTER_TEMPLATE_NOT_ALLOWED',
  'PRINTER_INTERFACE_UNSUPPORTED',
]);

/**
 * Drains the print queue, one lane per printer. A lane sends its printer's jobs strictly in
 * order: the head job blocks the ones behind it until it has printed (or failed for good), so an
 * unplugged printer prints its backlog in order when it returns. Waiting is a timer set to the
 * head's next attempt (exponential backoff with jitter), never a polling loop.
 */
export class PrintWorker {
  private readonly lanes = new Map<string, { running: boolean; again: boolean; timer: unknown }>();
  private readonly inFlight = new Set<Promise<void>>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private readonly sendTimeoutMs: number;

  constructor(private readonly o: PrintWorkerOptions) {
    this.sendTimeoutMs = o.sendTimeoutMs ?? 10_000;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const recovered = await this.o.queue.recoverInterrupted();
    if (recovered > 0) this.o.logger.warn('print jobs interrupted mid-send are queued again', { recovered });
    if (this.stopped) return;
    this.unsubscribe = this.o.queue.onEnqueued((printerId) => this.kick(printerId));
    for (const printerId of this.o.queue.printersWithWork()) this.kick(printerId);
  }

  /** Something changed for this printer (a new job, a profile edit, "retry now"): look at its line. */
  kick(printerId: string): void {
    if (this.stopped) return;
    const lane = this.lane(printerId);
    if (lane.timer !== null) {
      this.o.timers.clearTimeout(lane.timer);
      lane.timer = null;
    }
    if (lane.running) {
      lane.again = true;
      return;
    }
    lane.running = true;
    const run = this.drain(printerId)
      .catch((err: unknown) => {
        // The database refused a write (locked by another program for longer than a write waits):
        // nothing is lost, the job's row says where it stood; the line is looked at again shortly.
        this.o.logger.error('print line stopped by a database error; trying again', {
          printerId,
          code: toShape(err).code,
        });
        this.schedule(printerId, this.o.backoff.capMs);
      })
      .finally(() => {
        this.inFlight.delete(run);
        lane.running = false;
        if (lane.again && !this.stopped) {
          lane.again = false;
          this.kick(printerId);
        }
      });
    this.inFlight.add(run);
  }

  /** Resolves when no lane is sending (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    for (const lane of this.lanes.values()) if (lane.timer !== null) this.o.timers.clearTimeout(lane.timer);
    await this.idle();
  }

  private lane(printerId: string) {
    let lane = this.lanes.get(printerId);
    if (!lane) {
      lane = { running: false, again: false, timer: null };
      this.lanes.set(printerId, lane);
    }
    return lane;
  }

  private async drain(printerId: string): Promise<void> {
    const { queue, clock } = this.o;
    while (!this.stopped) {
      const job = queue.headOf(printerId);
      if (!job) return;
      const wait = job.next_attempt_at - clock.now();
      if (wait > 0) {
        this.schedule(printerId, wait);
        return;
      }
      const outcome = await this.attempt(job);
      if (outcome === 'retry-later') return;
    }
  }

  private schedule(printerId: string, ms: number): void {
    if (this.stopped) return;
    const lane = this.lane(printerId);
    if (lane.timer !== null) this.o.timers.clearTimeout(lane.timer);
    lane.timer = this.o.timers.setTimeout(() => {
      lane.timer = null;
      this.kick(printerId);
    }, ms);
  }

  private async attempt(job: PrintJobRow): Promise<'done' | 'retry-later'> {
    const { queue, profiles, transport, clock, backoff, logger } = this.o;
    let bytes = job.rendered ?? null;
    let fresh: Buffer | null = null;
    let address: string;
    let confirm = false;
    try {
      const profile = profiles.get(job.printer_id);
      address = profile.interface;
      confirm = profile.confirmWithHostStatus && profile.language === 'zpl';
      if (!profile.enabled) {
        await queue.markRetry(
          job.id,
          { code: 'PRINTER_NOT_READY', params: { printer: profile.id, reason: 'disabled' } },
          clock.now() + backoff.capMs,
        );
        this.schedule(job.printer_id, backoff.capMs);
        return 'retry-later';
      }
      // Rendered once, on the first attempt; every retry sends exactly these bytes.
      if (!bytes) bytes = fresh = await this.o.render(job, profile);
    } catch (err) {
      const shape = toShape(err);
      logger.error('print job cannot be rendered', { jobId: job.id, code: shape.code });
      await queue.markFailed(job.id, shape);
      return 'done';
    }
    await queue.beginAttempt(job.id, fresh);
    try {
      if (confirm) await this.checkReady(address);
      await transport.send(address, bytes, { timeoutMs: this.sendTimeoutMs });
      if (confirm) await this.checkReady(address);
    } catch (err) {
      const shape = toShape(err);
      if (PERMANENT.has(shape.code)) {
        await queue.markFailed(job.id, shape);
        return 'done';
      }
      const attempts = job.attempts + 1;
      const delay = Math.max(backoff.delayMs(attempts), 250);
      await queue.markRetry(job.id, shape, clock.now() + delay, { printerId: job.printer_id });
      logger.warn('printer did not take the job; it waits and is sent again', {
        jobId: job.id,
        printerId: job.printer_id,
        code: shape.code,
        attempts,
        retryInMs: delay,
      });
      this.schedule(job.printer_id, delay);
      return 'retry-later';
    }
    await queue.markPrinted(job.id, job.printer_id);
    return 'done';
  }

  private async checkReady(address: string): Promise<void> {
    const probe = await this.o.transport.probe(address, {
      timeoutMs: this.sendTimeoutMs,
      zebraHostStatus: true,
    });
    if (!probe.hostStatus)
      throw new AppError('PRINTER_NOT_READY', { printer: address, reason: 'no_status_answer' });
    const reason = notReadyReason(probe.hostStatus);
    if (reason) throw new AppError('PRINTER_NOT_READY', { printer: address, reason });
  }
}

function toShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return { code: err.code, params: err.params };
  return {
    code: 'INTERNAL',
    params: { reason: err instanceof Error ? err.message.slice(0, 200) : String(err) },
  };
}
