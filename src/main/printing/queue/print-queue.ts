import { createHash } from 'node:crypto';
import { AppError, type AppErrorShape, type ErrorParams } from '../../../shared/errors';
import type { PrintJobStatus, PrintJobView, PrinterState, PrinterStatusView } from '../../../shared/printing';
import type { Clock } from '../../clock';
import type { Db } from '../../db/open';
import type { IdGenerator } from '../../ids';
import type { LabelRenderer } from '../label-renderer';
import type { PrinterProfiles } from '../profiles/profile-store';

export interface NewPrintJob {
  template: string;
  data: unknown;
  /** Printer profile id. */
  printer: string;
  /** User id (or a system name) that asked for the label. */
  requestedBy: string;
  reprintOf?: string;
  reason?: string;
}

export interface PrintJobRow {
  seq: number;
  id: string;
  printer_id: string;
  template: string;
  data: string;
  status: PrintJobStatus;
  attempts: number;
  next_attempt_at: number;
  rendered: Buffer | null;
  rendered_sha256: string | null;
  last_error: string | null;
  requested_by: string;
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
    private readonly renderer: LabelRenderer,
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
    this.byId = db.prepare<[string], PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?');
    this.stateUpsert = db.prepare(
      `INSERT INTO printer_states (printer_id, state, last_error, since, checked_at)
       VALUES (@printerId, @state, @lastError, @now, @now)
       ON CONFLICT (printer_id) DO UPDATE SET
         since = CASE WHEN printer_states.state = excluded.state THEN printer_states.since ELSE excluded.since END,
         state = excluded.state, last_error = excluded.last_error, checked_at = excluded.checked_at`,
    );
  }

  enqueue(tx: Db, job: NewPrintJob): { id: string; seq: number } {
    if (tx !== this.db || !tx.inTransaction) {
      throw new AppError('INTERNAL', { reason: 'printQueue.enqueue outside the caller transaction' });
    }
    const profile = this.profiles.get(job.printer);
    if (profile.templates.length > 0 && !profile.templates.includes(job.template)) {
      throw new AppError('PRINTER_TEMPLATE_NOT_ALLOWED', { printerId: profile.id, template: job.template });
    }
    // Fitting is synchronous and needs no printer: a label that cannot print is refused here, with its reason.
    this.renderer.layout(job.template, job.data, { profile });
    const id = this.newId();
    const info = this.insert.run({
      id,
      printer: job.printer,
      template: job.template,
      data: JSON.stringify(job.data),
      now: this.clock.now(),
      requestedBy: job.requestedBy,
      reprintOf: job.reprintOf ?? null,
      reason: job.reason ?? null,
    });
    const printer = job.printer;
    // Wake the worker after the caller's transaction has returned; an early wake would find nothing.
    if (this.listeners.size > 0) setImmediate(() => this.listeners.forEach((l) => l(printer)));
    return { id, seq: Number(info.lastInsertRowid) };
  }

  onEnqueued(listener: (printerId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new job with the same template and data, marked as a reprint of `jobId`. */
  reprint(
    jobId: string,
    requestedBy: string,
    reason: string,
    printerId?: string,
  ): { id: string; seq: number } {
    const original = this.row(jobId);
    return this.db
      .transaction(() =>
        this.enqueue(this.db, {
          template: original.template,
          data: JSON.parse(original.data) as unknown,
          printer: printerId ?? original.printer_id,
          requestedBy,
          reprintOf: original.id,
          reason,
        }),
      )
      .immediate();
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
        `SELECT * FROM print_jobs
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
        `SELECT DISTINCT printer_id FROM print_jobs WHERE status IN ('queued', 'sending')`,
      )
      .all()
      .map((r) => r.printer_id);
  }

  /**
   * A job left `sending` by a crash or a cut connection was not printed as far as we can know:
   * it goes back to the queue and is sent again in full.
   */
  recoverInterrupted(): number {
    return this.db
      .prepare(`UPDATE print_jobs SET status = 'queued', updated_at = ? WHERE status = 'sending'`)
      .run(this.clock.now()).changes;
  }

  saveRendered(id: string, bytes: Buffer): string {
    const sha = createHash('sha256').update(bytes).digest('hex');
    this.db
      .prepare('UPDATE print_jobs SET rendered = ?, rendered_sha256 = ?, updated_at = ? WHERE id = ?')
      .run(bytes, sha, this.clock.now(), id);
    return sha;
  }

  markSending(id: string): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
      )
      .run(this.clock.now(), id);
  }

  markPrinted(id: string): void {
    const now = this.clock.now();
    this.db
      .prepare(
        `UPDATE print_jobs SET status = 'printed', printed_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'sending'`,
      )
      .run(now, now, id);
  }

  markRetry(id: string, error: AppErrorShape, nextAttemptAt: number): void {
    this.db
      .prepare(
        `UPDATE print_jobs SET status = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'sending')`,
      )
      .run(JSON.stringify(error), nextAttemptAt, this.clock.now(), id);
  }

  markFailed(id: string, error: AppErrorShape): void {
    this.db
      .prepare(`UPDATE print_jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`)
      .run(JSON.stringify(error), this.clock.now(), id);
  }

  cancel(id: string, reason: string): PrintJobView {
    const row = this.row(id);
    if (row.status === 'queued') {
      this.db
        .prepare(
          `UPDATE print_jobs SET status = 'cancelled', reason = ?, updated_at = ? WHERE id = ? AND status = 'queued'`,
        )
        .run(reason, this.clock.now(), id);
    }
    return this.get(id);
  }

  setPrinterState(printerId: string, state: PrinterState, lastError: string | null): void {
    this.stateUpsert.run({ printerId, state, lastError, now: this.clock.now() });
  }

  /** What the clerk's offline banner reads: every printer's state and how much is waiting for it. */
  printerStatuses(printerIds: string[]): PrinterStatusView[] {
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
        .prepare<[], { printer_id: string; n: number }>(
          `SELECT printer_id, count(*) AS n FROM print_jobs WHERE status IN ('queued', 'sending') GROUP BY printer_id`,
        )
        .all()
        .map((r) => [r.printer_id, r.n]),
    );
    return printerIds.map((id) => {
      const s = states.get(id);
      return {
        printerId: id,
        state: s?.state ?? 'unknown',
        lastError: s?.last_error ?? null,
        since: s?.since ?? null,
        checkedAt: s?.checked_at ?? null,
        queued: waiting.get(id) ?? 0,
      };
    });
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
    status: row.status,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    reprintOf: row.reprint_of,
    reason: row.reason,
    lastError,
    byteLength: row.rendered ? row.rendered.length : null,
    sha256: row.rendered_sha256,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    printedAt: row.printed_at,
  };
}
