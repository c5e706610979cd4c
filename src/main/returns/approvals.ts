import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ApprovalStatus, Grade, ScrapReason } from '../../shared/returns/qc-codes';
import type { ApprovalView, ExceptionView } from '../../shared/returns/qc-views';
import type { Decisions } from './decisions';
import type { QcContext } from './qc-context';

interface ApprovalRow {
  id: string;
  status: ApprovalStatus;
  unit_id: number;
  decision_id: string;
  receipt_id: string;
  return_order_id: string | null;
  platform_return_id: string | null;
  sku: string | null;
  name: string | null;
  grade: Grade | null;
  scrap_reason: ScrapReason | null;
  requested_by: string;
  requested_at: number;
  station_id: string;
  decided_by: string | null;
  decided_at: number | null;
  batch_id: string | null;
}

const APPROVAL_SELECT = `
  SELECT a.id, a.status, a.unit_id, a.decision_id, u.receipt_id, u.return_order_id, r.platform_return_id, u.sku,
         u.name, d.grade, d.scrap_reason, a.requested_by, a.requested_at, a.station_id, a.decided_by, a.decided_at,
         (SELECT i.batch_id FROM destruction_batch_items i WHERE i.decision_id = a.decision_id AND i.removed_at IS NULL)
           AS batch_id
  FROM qc_approvals a JOIN qc_units u ON u.id = a.unit_id JOIN qc_unit_decisions d ON d.id = a.decision_id
  LEFT JOIN return_orders r ON r.id = u.return_order_id`;

/**
 * The supervisor's side of destroys: the approvals queue (pending and decided), approve — the unit
 * joins the station's open destruction batch — or reject, which reverts the decision so the unit
 * waits for another disposition. The queue screen and the certificate build on these.
 */
export class Approvals {
  private readonly list;
  private readonly listAll;
  private readonly byId;
  private readonly exceptions;
  private readonly exceptionsAll;

  constructor(
    private readonly ctx: QcContext,
    private readonly decisions: Decisions,
  ) {
    const { db } = ctx;
    this.list = db.prepare<[string], ApprovalRow>(
      `${APPROVAL_SELECT} WHERE a.status = ? ORDER BY a.requested_at LIMIT 500`,
    );
    this.listAll = db.prepare<[], ApprovalRow>(`${APPROVAL_SELECT} ORDER BY a.requested_at DESC LIMIT 500`);
    this.byId = db.prepare<[string], ApprovalRow>(`${APPROVAL_SELECT} WHERE a.id = ?`);
    const exceptionSelect = `SELECT id, receipt_id, code, quarantine_bin, note, status, raised_by, raised_at, station_id
      FROM qc_exceptions`;
    this.exceptions = db.prepare<[string], ExceptionRow>(
      `${exceptionSelect} WHERE status = ? ORDER BY raised_at LIMIT 500`,
    );
    this.exceptionsAll = db.prepare<[], ExceptionRow>(`${exceptionSelect} ORDER BY raised_at DESC LIMIT 500`);
  }

  pendingCount(): number {
    return this.ctx.db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM qc_approvals WHERE status = 'pending'")
      .get()?.n as number;
  }

  listApprovals(status?: ApprovalStatus): ApprovalView[] {
    return (status ? this.list.all(status) : this.listAll.all()).map((r) => this.view(r));
  }

  get(id: string): ApprovalView {
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'approval', id });
    return this.view(row);
  }

  /** Inside the caller's transaction; `approver` has been verified (signed in or step-up). */
  decide(id: string, decision: 'approve' | 'reject', approver: UserView, note: string | null): ApprovalView {
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'approval', id });
    if (row.status !== 'pending') throw new AppError('QC_APPROVAL_NOT_PENDING', { id, status: row.status });
    const d = this.ctx.store.decision(row.decision_id);
    if (!d) throw new AppError('NOT_FOUND', { entity: 'decision', id: row.decision_id });
    if (decision === 'approve') this.decisions.approve(d, id, approver, 'queue', note);
    else this.decisions.revert(d, approver, 'rejected', note);
    return this.get(id);
  }

  listExceptions(status?: 'open' | 'resolved'): ExceptionView[] {
    const rows = status ? this.exceptions.all(status) : this.exceptionsAll.all();
    return rows.map((r) => ({
      id: r.id,
      receiptId: r.receipt_id,
      code: r.code,
      quarantineBin: r.quarantine_bin,
      note: r.note,
      photos: this.ctx.store.photos('receipt', r.receipt_id).map(stripPurpose),
      status: r.status,
      raisedBy: this.user(r.raised_by),
      raisedAt: r.raised_at,
      stationId: r.station_id,
    }));
  }

  private view(r: ApprovalRow): ApprovalView {
    return {
      id: r.id,
      status: r.status,
      unitId: this.ctx.plates.of(r.unit_id),
      receiptId: r.receipt_id,
      returnOrderId: r.return_order_id,
      platformReturnId: r.platform_return_id,
      sku: r.sku,
      name: r.name,
      grade: r.grade,
      scrapReason: r.scrap_reason,
      evidence: this.ctx.store
        .photos('unit', this.ctx.plates.of(r.unit_id))
        .filter((p) => p.purpose === 'evidence')
        .map(stripPurpose),
      requestedBy: this.user(r.requested_by),
      requestedAt: r.requested_at,
      stationId: r.station_id,
      decidedBy: r.decided_by ? this.user(r.decided_by) : null,
      decidedAt: r.decided_at,
      batchId: r.batch_id,
    };
  }

  private user(id: string): UserView {
    const u = this.ctx.store.user(id);
    return { id: u.id, name: u.name, role: u.role as UserView['role'] };
  }
}

interface ExceptionRow {
  id: string;
  receipt_id: string;
  code: string;
  quarantine_bin: string;
  note: string;
  status: 'open' | 'resolved';
  raised_by: string;
  raised_at: number;
  station_id: string;
}

function stripPurpose<T extends { purpose: unknown }>(p: T): Omit<T, 'purpose'> {
  const { purpose: _purpose, ...rest } = p;
  return rest;
}
