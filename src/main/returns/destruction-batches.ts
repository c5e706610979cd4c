import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { BatchDetail, BatchSummary } from '../../shared/returns/supervision-views';
import { writeTransaction } from '../db/write';
import { HUB_DESTINATION } from './qc-context';
import { APPROVAL_ITEM_SELECT, type ApprovalItemRow, type ApprovalQueue } from './approval-queue';
import { batchTotals } from './batch-totals';
import type { DestructionCertificates } from './destruction-certificates';
import { isoTime, type People, type SupervisionDeps } from './supervision-context';
import type { CertificateContent } from '../../shared/returns/destruction-certificate';

interface BatchRow {
  id: string;
  station_id: string;
  status: 'open' | 'closed' | 'certified';
  opened_by: string;
  opened_at: number;
  number: string | null;
  closed_by: string | null;
  closed_at: number | null;
  note: string | null;
  label_job_id: string | null;
  label_error: string | null;
}

/** Label problems that must not stop a batch from closing: the label can be printed later. */
const LABEL_LATER = new Set([
  'PRINTER_NOT_CONFIGURED',
  'PRINTING_NOT_READY',
  'PRINTER_UNKNOWN',
  'PRINTER_TEMPLATE_NOT_ALLOWED',
]);

const LIST_LIMIT = 100;

/**
 * Destruction batches: approved destroys collect in the station's one open batch; a supervisor
 * closes it (audited), which issues its certificate, tells the hub, and prints the batch label
 * for the cage through the print queue.
 */
export class DestructionBatches {
  private readonly byId;
  private readonly all;
  private readonly items;
  private readonly closeBatch;
  private readonly setLabel;
  private readonly numbersOfYear;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
    private readonly approvals: ApprovalQueue,
    private readonly certificates: DestructionCertificates,
  ) {
    const { db } = deps;
    this.byId = db.prepare<[string], BatchRow>('SELECT * FROM destruction_batches WHERE id = ?');
    this.all = db.prepare<[number], BatchRow>(
      `SELECT * FROM destruction_batches ORDER BY status = 'open' DESC, opened_at DESC LIMIT ?`,
    );
    this.items = db.prepare<[string], ApprovalItemRow>(
      `${APPROVAL_ITEM_SELECT}
       JOIN destruction_batch_items bi2 ON bi2.approval_id = a.id AND bi2.removed_at IS NULL
       WHERE bi2.batch_id = ? ORDER BY bi2.added_at, a.id`,
    );
    this.closeBatch = db.prepare(
      `UPDATE destruction_batches SET status = 'closed', closed_by = @by, closed_at = @at, note = @note, number = @number
       WHERE id = @id AND status = 'open'`,
    );
    this.numbersOfYear = db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM destruction_batches WHERE station_id = ? AND number LIKE ? || '%'`,
    );
    this.setLabel = db.prepare(
      'UPDATE destruction_batches SET label_job_id = ?, label_error = ? WHERE id = ?',
    );
  }

  list(): BatchSummary[] {
    return this.all.all(LIST_LIMIT).map((row) => {
      const { items: _items, labelError: _labelError, ...summary } = this.view(row);
      return summary;
    });
  }

  detail(id: string): BatchDetail {
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'destruction_batch', id });
    return this.view(row);
  }

  /**
   * Closes an open batch and issues its certificate. `closedBy` is the verified supervisor;
   * `operator` whoever's screen it was; `alsoInTransaction` commits with the close (the caller's
   * journal of the request). Resolves once the PDF is written.
   */
  async close(
    id: string,
    note: string | null,
    closedBy: UserView,
    operator: UserView,
    alsoInTransaction: () => void = () => {},
  ): Promise<BatchDetail> {
    const { db, clock, newId, outbox, audit } = this.deps;
    await writeTransaction(db, () => {
      const batch = this.byId.get(id);
      if (!batch) throw new AppError('NOT_FOUND', { entity: 'destruction_batch', id });
      if (batch.status !== 'open') throw new AppError('QC_BATCH_NOT_OPEN', { id, status: batch.status });
      const items = this.items.all(id).map((r) => this.approvals.view(r));
      if (items.length === 0) throw new AppError('QC_BATCH_EMPTY', { id });
      const now = clock.now();
      const prefix = `DB-${new Date(now).getUTCFullYear()}-`;
      const number = `${prefix}${String((this.numbersOfYear.get(this.deps.stationId, prefix)?.n ?? 0) + 1).padStart(4, '0')}`;
      this.closeBatch.run({ id, by: closedBy.id, at: now, note, number });
      const content = this.certificates.content({
        certificateId: `DC-${newId()}`,
        batch,
        batchNumber: number,
        items,
        closedBy,
        operator,
        closedAt: now,
        note,
      });
      const { sha256 } = this.certificates.record(content, closedBy, now);
      outbox.enqueue(db, {
        destination: HUB_DESTINATION,
        orderingKey: `batch:${id}`,
        type: 'qc.destruction_certified',
        payload: {
          stationId: this.deps.stationId,
          batchId: id,
          certificateId: content.certificateId,
          sha256,
          units: content.items.map((i) => ({
            licensePlate: i.licensePlate,
            decisionId: i.decisionId,
            sku: i.sku,
            serial: i.serial,
          })),
          closedBy: closedBy.id,
          closedAt: now,
        },
      });
      audit.record({
        userId: closedBy.id,
        action: 'qc.batch_closed',
        entityType: 'destruction_batch',
        entityId: id,
        details: {
          certificate: content.certificateId,
          sha256,
          units: items.length,
          operator: operator.id,
          note,
        },
      });
      this.queueLabel(id, content, closedBy);
      alsoInTransaction();
    });
    await this.certificates.issue(id);
    return this.detail(id);
  }

  /** The batch label again (a label lost, no printer at closing time), through the print queue. */
  async printLabel(
    id: string,
    by: UserView,
    printerId?: string,
  ): Promise<{ jobId: string; printerId: string }> {
    return writeTransaction(this.deps.db, () => {
      const batch = this.byId.get(id);
      if (!batch) throw new AppError('NOT_FOUND', { entity: 'destruction_batch', id });
      const row = this.certificates.row(id);
      if (batch.status === 'open' || !row)
        throw new AppError('QC_BATCH_NOT_OPEN', { id, status: batch.status });
      const content = JSON.parse(row.content) as CertificateContent;
      const job = this.deps.labels.enqueue(this.deps.db, {
        template: 'destruction-batch',
        data: labelData(content),
        requestedBy: by.id,
        ...(printerId ? { printer: printerId } : {}),
      });
      this.setLabel.run(job.id, null, id);
      return { jobId: job.id, printerId: job.printerId };
    });
  }

  /** Inside the closing transaction; a label that cannot be queued now is recorded, not fatal. */
  private queueLabel(id: string, content: CertificateContent, by: UserView): void {
    const { db, labels } = this.deps;
    try {
      // A nested transaction is a savepoint: a refused label leaves nothing of itself behind.
      const job = db.transaction(() =>
        labels.enqueue(db, { template: 'destruction-batch', data: labelData(content), requestedBy: by.id }),
      )();
      this.setLabel.run(job.id, null, id);
    } catch (err) {
      if (!(err instanceof AppError) || !LABEL_LATER.has(err.code)) throw err;
      this.setLabel.run(null, JSON.stringify(err.toJSON()), id);
    }
  }

  private view(row: BatchRow): BatchDetail {
    const { people } = this;
    const items = this.items.all(row.id).map((r) => this.approvals.view(r));
    const cert = this.certificates.row(row.id);
    const label = row.label_job_id ? this.deps.labels.jobStatus(row.label_job_id) : null;
    return {
      id: row.id,
      number: row.number,
      status: row.status,
      station: people.station(row.station_id),
      openedBy: people.user(row.opened_by),
      openedAt: row.opened_at,
      closedBy: people.maybe(row.closed_by),
      closedAt: row.closed_at,
      note: row.note,
      totals: batchTotals(items),
      certificate: cert ? this.certificates.ref(cert) : null,
      label: row.label_job_id && label ? { jobId: row.label_job_id, ...label } : null,
      items,
      labelError: row.label_error
        ? (JSON.parse(row.label_error) as { code: string; params: Record<string, unknown> })
        : null,
    };
  }
}

const SCRAP_WORDS = (code: string): string => code.replace(/_/g, ' ');

/** The cage label: the batch id (as the certificate names it), why, how many, when, who approved. */
function labelData(content: CertificateContent): Record<string, unknown> {
  const reasons = Object.entries(content.totals.byScrapReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${SCRAP_WORDS(reason)} ${n}`)
    .join(', ');
  return {
    batchId: content.batchNumber,
    reason: `${reasons} · ${content.certificateId}`.slice(0, 200),
    unitCount: content.totals.units,
    createdAt: isoTime(Date.parse(content.closedAt)).slice(0, 16).replace('T', ' '),
    approvedBy: content.closedBy.name.slice(0, 40),
  };
}
