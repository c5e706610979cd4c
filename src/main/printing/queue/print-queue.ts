import { createHash } from 'node:crypto';
import { AppError, type AppErrorShape, type ErrorParams } from '../../../shared/errors';
import type {
  PrintJobStatus,
  PrintJobView,
  PrinterProfile,
  PrinterState,
  PrinterStatusView,
} from '../../../shared/printing';
import type { Clock } from '../../clock';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/write';
import type { IdGenerator } from '../../ids';
import type { PrinterProfiles } from '../profiles/profile-store';
import { routePrinter } from '../profiles/printer-routing';
import { substitute } from '../layout/resolve';
import { templateNamed } from '../templates';

export interface NewPrintJob {
  template: string;
  data: unknown;
  /**
   * Printer profile id. Left out: the station's routing picks it (a printer that lists the
   * template, else one that prints any template on media of the template's kind).
   */
  printer?: string;
  /** User id (or a system name) that asked for the label. */
  requestedBy: string;
  reprintOf?: string;
  reason?: string;
  /**
   * What happens when no printer of the station prints the template: `fail` (the default) refuses
   * with PRINTER_NOT_CONFIGURED, so whoever asked knows nothing will come out; `wait` keeps the job
   * "waiting for a printer" and the first printer set up for its template prints it. A clerk's
   * decision (its QC tag, restock label…) must never be refused for a printer, so QC labels wait.
   */
  whenNoPrinter?: WhenNoPrinter;
}

export type WhenNoPrinter = 'fail' | 'wait';

export interface EnqueuedJob {
  id: string;
  seq: number;
  /**
   * The printer the job waits for (the one routing chose when none was named); UNROUTED when the
   * station has no printer for the template yet.
   */
  printerId: string;
}

/**
 * The printer id of a job no printer of the station prints yet: it waits (the banner says so) and
 * goes to the first printer set up for its template. The clerk's work is never refused for it.
 */
export const UNROUTED = '';

/** Fits a label to a printer, throwing the coded reason it cannot print (no printer needed). */
export type LabelCheck = (template: string, data: unknown, profile: PrinterProfile) => void;

/** Every column but the rendered bytes, which only the worker reads (the head of a line). */
const VIEW_COLUMNS = `seq, id, printer_id, template, data, status, attempts, next_attempt_at, length(rendered) AS rendered_length,
  rendered_sha256, last_error, requested_by, (SELECT name FROM users WHERE users.id = requested_by) AS requested_by_name,
  reprint_of, reason, created_at, updated_at, printed_at`;

export interface PrintJobRow {
  seq: number;
  id: string;
  printer_id: string;
  template: string;
  data: string;
  status: PrintJobStatus;
  attempts: number;
  next_attempt_at: number;
  /** Only on the head of a line (headOf); other reads carry rendered_length. */
  rendered?: Buffer | null;
  rendered_length?: number | null;
  rendered_sha256: string | null;
  last_error: string | null;
  requested_by: string;
  requested_by_name?: string | null;
  reprint_of: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
}

/**
 * The print queue in SQLite. `enqueue` runs inside the caller's transaction (the QC decision
 * that asks for its tag), so the decision and its label commit or roll back together; a job that
 * exists has passed every check that needs no printer (template, data, fit, symbology).
 */
export class PrintQueue {
  private readonly listeners = new Set<(printerId: string) => void>();
  private readonly insert;
  private readonly head;
  private readonly byId;
  private readonly stateUpsert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
    private readonly profiles: PrinterProfiles,
    private readonly check: LabelCheck,
  ) {
    this.insert = db.prepare(
      `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, next_attempt_at, requested_by,
                               reprint_of, reason, created_at, updated_at)
       VALUES (@id, @printer, @template, @data, 'queued', 0, @now, @requestedBy, @reprintOf, @reason, @now, @now)`,
    );
    // The head of a printer's line: its oldest unfinished job. Later jobs wait behind it.
    this.head = db.prepare<[string], PrintJobRow>(
      `SELECT * FROM print_jobs WHERE printer_id = ? AND status IN ('queued', 'sending') ORDER BY seq LIMIT 1`,
    );
    this.byId = db.prepare<[string], PrintJobRow>(`SELECT ${VIEW_COLUMNS} FROM print_jobs WHERE id = ?`);
    this.stateUpsert = db.prepare(
      `INSERT INTO printer_states (printer_id, state, last_error, since, checked_at)
       VALUES (@printerId, @state, @lastError, @now, @now)
       ON CONFLICT (printer_id) DO UPDATE SET
         since = CASE WHEN printer_states.state = excluded.state THEN printer_states.since ELSE excluded.since END,
         state = excluded.state, last_error = excluded.last_error, checked_at = excluded.checked_at`,
    );
  }

  enqueue(tx: Db, job: NewPrintJob): EnqueuedJob {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'printQueue.enqueue outside the caller transaction' });
    }
    const routed =
      job.printer === undefined
        ? routePrinter(this.profiles.list(), templateNamed(job.template))
        : this.profiles.get(job.printer);
    if (!routed) {
      if (job.whenNoPrinter === 'wait') return this.insertUnrouted(job);
      throw new AppError('PRINTER_NOT_CONFIGURED', { template: job.template });
    }
    const profile = routed;
    if (profile.templates.length > 0 && !profile.templates.includes(job.template)) {
      throw new AppError('PRINTER_TEMPLATE_NOT_ALLOWED', { printerId: profile.id, template: job.template });
    }
    // Fitting is synchronous and needs no printer: a label that cannot print is refused here, with its reason.
    this.check(job.template, job.data, profile);
    const id = this.newId();
    const info = this.insert.run({
      id,
      printer: profile.id,
      template: job.template,
      data: JSON.stringify(job.data),
      now: this.clock.now(),
      requestedBy: job.requestedBy,
      reprintOf: job.reprintOf ?? null,
      reason: job.reason ?? null,
    });
    const printer = profile.id;
    // Wake the worker after the caller's transaction has returned; an early wake would find nothing.
    if (this.listeners.size > 0) setImmediate(() => this.listeners.forEach((l) => l(printer)));
    return { id, seq: Number(info.lastInsertRowid), printerId: printer };
  }

  /** Without a printer the label cannot be fitted yet; its data is checked against the template now. */
  private insertUnrouted(job: NewPrintJob): EnqueuedJob {
    const parsed = templateNamed(job.template).schema.safeParse(job.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('PRINT_DATA_INVALID', {
        template: job.template,
        field: issue?.path.join('.') ?? '',
        issue: issue?.message ?? 'invalid',
      });
    }
    const id = this.newId();
    const info = this.insert.run({
      id,
      printer: UNROUTED,
      template: job.template,
      data: JSON.stringify(job.data),
      now: this.clock.now(),
      requestedBy: job.requestedBy,
      reprintOf: job.reprintOf ?? null,
      reason: job.reason ?? null,
    });
    return { id, seq: Number(info.lastInsertRowid), printerId: UNROUTED };
  }

  /**
   * In the caller's transaction (a printer profile saved): labels that waited for any printer go
   * to the one routing now picks for them. Answers the printers that got work.
   */
  routeWaiting(tx: Db): string[] {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'printQueue.routeWaiting outside the caller transaction' });
    }
    const waiting = this.db
      .prepare<[string], { id: string; template: string }>(
        `SELECT id, template FROM print_jobs WHERE printer_id = ? AND status = 'queued' ORDER BY seq`,
      )
      .all(UNROUTED);
    if (waiting.length === 0) return [];
    const profiles = this.profiles.list();
    const move = this.db.prepare('UPDATE print_jobs SET printer_id = ?, updated_at = ? WHERE id = ?');
    const now = this.clock.now();
    const printers = new Set<string>();
    for (const job of waiting) {
      const profile = routePrinter(profiles, templateNamed(job.template));
      if (!profile) continue;
      move.run(profile.id, now, job.id);
      printers.add(profile.id);
    }
    return [...printers];
  }

  /** The printer a template goes to when the caller names none (PRINTER_NOT_CONFIGURED if none does). */
  route(template: string): PrinterProfile {
    const profile = routePrinter(this.profiles.list(), templateNamed(template));
    if (!profile) throw new AppError('PRINTER_NOT_CONFIGURED', { template });
    return profile;
  }

  onEnqueued(listener: (printerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** In the caller's transaction: a new job with the same template and data, marked as a reprint. */
  reprint(tx: Db, jobId: string, requestedBy: string, reason: string, printerId?: string): EnqueuedJob {
    const original = this.row(jobId);
    return this.enqueue(tx, {
      template: original.template,
      data: JSON.parse(original.data) as unknown,
      printer: printerId ?? original.printer_id,
      requestedBy,
      reprintOf: original.id,
      reason,
    });
  }

  /**
   * In the caller's transaction: a job still waiting is cancelled with the reason (a voided label
   * must not come out of the printer). A job already being sent or printed is left as it is.
   */
  cancelQueued(tx: Db, jobId: string, reason: string): boolean {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'printQueue.cancelQueued outside the caller transaction' });
    }
    return (
      tx
        .prepare(
          `UPDATE print_jobs SET status = 'cancelled', reason = ?, updated_at = ? WHERE id = ? AND status = 'queued'`,
        )
        .run(reason.slice(0, 200), this.clock.now(), jobId).changes === 1
    );
  }

  headOf(printerId: string): PrintJobRow | null {
    return this.head.get(printerId) ?? null;
  }

  row(id: string): PrintJobRow {
    const row = this.byId.get(id);
    if (!row) throw new AppError('PRINT_JOB_NOT_FOUND', { jobId: id });
    return row;
  }

  get(id: string): PrintJobView {
    return toView(this.row(id));
  }

  list(filter: { printerId?: string; statuses?: PrintJobStatus[]; limit?: number } = {}): PrintJobView[] {
    const rows = this.db
      .prepare<{ printer: string | null; statuses: string; limit: number }, PrintJobRow>(
        `SELECT ${VIEW_COLUMNS} FROM print_jobs
         WHERE (@printer IS NULL OR printer_id = @printer)
           AND (json_array_length(@statuses) = 0 OR status IN (SELECT value FROM json_each(@statuses)))
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        printer: filter.printerId ?? null,
        statuses: JSON.stringify(filter.statuses ?? []),
        limit: filter.limit ?? 100,
      });
    return rows.map(toView);
  }

  /** Printers that have work waiting (for the worker at start-up). */
  printersWithWork(): string[] {
    return this.db
      .prepare<[], { printer_id: string }>(
        `SELECT DISTINCT printer_id FROM print_jobs WHERE status IN ('queued', 'sending') AND printer_id <> ''`,
      )
      .all()
      .map((r) => r.printer_id);
  }

  /**
   * A job left `sending` by a crash or a cut connection was not printed as far as we can know:
   * it goes back to the queue and is sent again in full.
   */
  recoverInterrupted(): Promise<number> {
    return writeTransaction(
      this.db,
      () =>
        this.db
          .prepare(`UPDATE print_jobs SET status = 'queued', updated_at = ? WHERE status = 'sending'`)
          .run(this.clock.now()).changes,
    );
  }

  /**
   * The attempt begins: the job is `sending` (and, on its first attempt, keeps the bytes it was
   * rendered to, so every retry sends the very same label). One commit.
   */
  beginAttempt(id: string, rendered: Buffer | null): Promise<void> {
    return writeTransaction(this.db, () => {
      const now = this.clock.now();
      if (rendered) {
        const sha = createHash('sha256').update(rendered).digest('hex');
        this.db
          .prepare('UPDATE print_jobs SET rendered = ?, rendered_sha256 = ?, updated_at = ? WHERE id = ?')
          .run(rendered, sha, now, id);
      }
      this.db
        .prepare(
          `UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
        )
        .run(now, id);
    });
  }

  /** The printer took the whole job: printed, and the printer is online. One commit. */
  markPrinted(id: string, printerId: string): Promise<void> {
    return writeTransaction(this.db, () => {
      const now = this.clock.now();
      this.db
        .prepare(
          `UPDATE print_jobs SET status = 'printed', printed_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'sending'`,
        )
        .run(now, now, id);
      this.stateUpsert.run({ printerId, state: 'online', lastError: null, now });
    });
  }

  /** Not printed; tried again at `nextAttemptAt`. With `offline`, the printer is recorded as offline. */
  markRetry(
    id: string,
    error: AppErrorShape,
    nextAttemptAt: number,
    offline?: { printerId: string },
  ): Promise<void> {
    return writeTransaction(this.db, () => {
      const now = this.clock.now();
      this.db
        .prepare(
          `UPDATE print_jobs SET status = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'sending')`,
        )
        .run(JSON.stringify(error), nextAttemptAt, now, id);
      if (offline)
        this.stateUpsert.run({ printerId: offline.printerId, state: 'offline', lastError: error.code, now });
    });
  }

  markFailed(id: string, error: AppErrorShape): Promise<void> {
    return writeTransaction(this.db, () => {
      this.db
        .prepare(`UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`)
        .run(JSON.stringify(error), this.clock.now(), id);
    });
  }

  /**
   * The printer answered a status check: it is online, and its waiting jobs are due now rather
   * than at the end of their backoff, so the backlog starts printing at once.
   */
  printerAnswered(printerId: string): Promise<void> {
    return writeTransaction(this.db, () => {
      const now = this.clock.now();
      this.stateUpsert.run({ printerId, state: 'online', lastError: null, now });
      this.db
        .prepare(
          `UPDATE print_jobs SET next_attempt_at = ?, updated_at = ? WHERE printer_id = ? AND status = 'queued' AND next_attempt_at > ?`,
        )
        .run(now, now, printerId, now);
    });
  }

  setPrinterState(printerId: string, state: PrinterState, lastError: string | null): Promise<void> {
    return writeTransaction(this.db, () => {
      this.stateUpsert.run({ printerId, state, lastError, now: this.clock.now() });
    });
  }

  /** What the clerk's offline banner reads: every printer's state and how much is waiting for it. */
  printerStatuses(printers: readonly PrinterProfile[]): PrinterStatusView[] {
    const states = new Map(
      this.db
        .prepare<
          [],
          {
            printer_id: string;
            state: PrinterState;
            last_error: string | null;
            since: number | null;
            checked_at: number | null;
          }
        >('SELECT * FROM printer_states')
        .all()
        .map((r) => [r.printer_id, r]),
    );
    const waiting = new Map(
      this.db
        .prepare<[], { printer_id: string; n: number; oldest: number }>(
          `SELECT printer_id, count(*) AS n, min(created_at) AS oldest FROM print_jobs
           WHERE status IN ('queued', 'sending') GROUP BY printer_id`,
        )
        .all()
        .map((r) => [r.printer_id, r]),
    );
    const now = this.clock.now();
    const unrouted = waiting.get(UNROUTED);
    // Labels no printer prints yet: one line of their own, so the banner can say what to do.
    const none: PrinterStatusView[] = unrouted
      ? [
          {
            printerId: UNROUTED,
            name: '',
            enabled: true,
            state: 'unknown',
            lastError: 'PRINTER_NOT_CONFIGURED',
            since: null,
            checkedAt: null,
            queued: unrouted.n,
            oldestWaitingMs: Math.max(now - unrouted.oldest, 0),
          },
        ]
      : [];
    return none.concat(
      printers.map((p) => {
        const s = states.get(p.id);
        const w = waiting.get(p.id);
        return {
          printerId: p.id,
          name: p.name,
          enabled: p.enabled,
          state: s?.state ?? 'unknown',
          lastError: s?.last_error ?? null,
          since: s?.since ?? null,
          checkedAt: s?.checked_at ?? null,
          queued: w?.n ?? 0,
          oldestWaitingMs: w ? Math.max(now - w.oldest, 0) : null,
        };
      }),
    );
  }
}

/** The value of the template's first barcode, from the job's data: what a clerk recognises it by. */
function summaryOf(row: PrintJobRow): string | null {
  try {
    const template = templateNamed(row.template);
    const barcode = template.elements.find((e) => e.kind === 'barcode');
    if (!barcode) return null;
    const value = substitute(barcode.value, JSON.parse(row.data) as Record<string, unknown>);
    return value === '' ? null : value.slice(0, 80);
  } catch {
    return null;
  }
}

function toView(row: PrintJobRow): PrintJobView {
  const lastError = row.last_error
    ? (JSON.parse(row.last_error) as { code: string; params: ErrorParams })
    : null;
  return {
    id: row.id,
    printerId: row.printer_id,
    template: row.template,
    summary: summaryOf(row),
    status: row.status,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name ?? null,
    reprintOf: row.reprint_of,
    reason: row.reason,
    lastError,
    byteLength: row.rendered_length ?? row.rendered?.length ?? null,
    sha256: row.rendered_sha256,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    printedAt: row.printed_at,
  };
}
