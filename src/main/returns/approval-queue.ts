import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type {
  ApprovalStatus,
  Disposition,
  Grade,
  OverrideReason,
  QcCategory,
  QcReason,
  ScrapReason,
} from '../../shared/returns/qc-codes';
import type { DestroyRejectReason, InsteadOfDestroy } from '../../shared/returns/supervision-codes';
import type { ApprovalItem, DecideApprovalsResult } from '../../shared/returns/supervision-views';
import type { People, SupervisionDeps } from './supervision-context';

interface ItemRow {
  id: string;
  status: ApprovalStatus;
  unit_id: number;
  decision_id: string;
  requested_by: string;
  requested_at: number;
  station_id: string;
  decided_by: string | null;
  decided_at: number | null;
  decided_via: 'station' | 'queue' | null;
  note: string | null;
  reject_reason: DestroyRejectReason | null;
  replaced_by: string | null;
  receipt_id: string;
  return_order_id: string | null;
  serial: string | null;
  sku: string | null;
  name: string | null;
  category: QcCategory;
  grade: Grade;
  reason: QcReason;
  scrap_reason: ScrapReason | null;
  suggested: Disposition;
  rule_id: string;
  rule_version: number;
  override_reason: OverrideReason | null;
  platform_return_id: string | null;
  order_id: string | null;
  unit_price: string | null;
  currency: string | null;
  batch_id: string | null;
  replaced_disposition: Disposition | null;
  replaced_location: string | null;
}

/** The approval as the queue and the batches show it; `WHERE` and `ORDER BY` are added by each query. */
export const APPROVAL_ITEM_SELECT = `
  SELECT a.id, a.status, a.unit_id, a.decision_id, a.requested_by, a.requested_at, a.station_id, a.decided_by,
         a.decided_at, a.decided_via, a.note, a.reject_reason, a.replaced_by,
         u.receipt_id, u.return_order_id, u.serial, u.sku, u.name, u.category,
         d.grade, d.reason, d.scrap_reason, d.suggested, d.rule_id, d.rule_version, d.override_reason,
         r.platform_return_id, r.order_id, i.unit_price, i.currency,
         (SELECT bi.batch_id FROM destruction_batch_items bi
           WHERE bi.decision_id = a.decision_id AND bi.removed_at IS NULL) AS batch_id,
         rd.disposition AS replaced_disposition, rd.location AS replaced_location
  FROM qc_approvals a
  JOIN qc_units u ON u.id = a.unit_id
  JOIN qc_unit_decisions d ON d.id = a.decision_id
  LEFT JOIN return_orders r ON r.id = u.return_order_id
  LEFT JOIN return_items i ON i.id = u.return_item_id
  LEFT JOIN qc_unit_decisions rd ON rd.id = a.replaced_by`;

export interface DecideInput {
  approvalIds: string[];
  decision: 'approve' | 'reject';
  rejectReason?: DestroyRejectReason | undefined;
  note?: string | undefined;
  instead?: { disposition: InsteadOfDestroy; bin?: string | undefined } | undefined;
}

const LIST_LIMIT = 300;

/**
 * The approvals queue: destroys waiting for a supervisor, with the unit, its grade, scrap reason
 * and evidence. Approving puts the unit in the station's open destruction batch. Refusing needs a
 * reason and what the unit becomes instead — the clerk has moved on, often to another parcel, so
 * the supervisor decides it there and then (a new decision with its stock movement and labels,
 * made by the supervisor, marked as their instruction); the refused decision stays, undone.
 */
export class ApprovalQueue {
  private readonly byId;
  private readonly pending;
  private readonly decided;
  private readonly setRejection;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
  ) {
    const { db } = deps;
    this.byId = db.prepare<[string], ItemRow>(`${APPROVAL_ITEM_SELECT} WHERE a.id = ?`);
    this.pending = db.prepare<[number], ItemRow>(
      `${APPROVAL_ITEM_SELECT} WHERE a.status = 'pending' ORDER BY a.requested_at, a.id LIMIT ?`,
    );
    this.decided = db.prepare<[number], ItemRow>(
      `${APPROVAL_ITEM_SELECT} WHERE a.status IN ('approved', 'rejected')
       ORDER BY a.decided_at DESC, a.id DESC LIMIT ?`,
    );
    this.setRejection = db.prepare('UPDATE qc_approvals SET reject_reason = ?, replaced_by = ? WHERE id = ?');
  }

  list(status: 'pending' | 'decided'): ApprovalItem[] {
    return (status === 'pending' ? this.pending : this.decided).all(LIST_LIMIT).map((r) => this.view(r));
  }

  get(id: string): ApprovalItem {
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'approval', id });
    return this.view(row);
  }

  /**
   * Decides every approval still pending, in the caller's transaction, and audits each; approvals
   * someone else decided meanwhile are skipped, not failed. `approver` is verified; `operator` is
   * whoever's screen it was.
   */
  decide(input: DecideInput, approver: UserView, operator: UserView): DecideApprovalsResult {
    const { qc, audit } = this.deps;
    if (input.decision === 'reject') this.checkRefusal(input);
    const decided: ApprovalItem[] = [];
    const skipped: DecideApprovalsResult['skipped'] = [];
    for (const id of new Set(input.approvalIds)) {
      const row = this.byId.get(id);
      if (!row) throw new AppError('NOT_FOUND', { entity: 'approval', id });
      if (row.status !== 'pending') {
        skipped.push({ id, status: row.status });
        continue;
      }
      const note = input.note?.trim() ? input.note.trim() : null;
      let replacedBy: string | null = null;
      if (input.decision === 'approve') {
        qc.approvals.decide(id, 'approve', approver, note);
      } else {
        replacedBy = this.refuse(row, input, approver, note);
      }
      audit.record({
        userId: approver.id,
        action: input.decision === 'approve' ? 'qc.destroy_approved' : 'qc.destroy_rejected',
        entityType: 'qc_approval',
        entityId: id,
        details: {
          unit: this.deps.qc.plates.of(row.unit_id),
          decision: row.decision_id,
          requestedBy: row.requested_by,
          operator: operator.id,
          via: 'queue',
          note,
          rejectReason: input.decision === 'reject' ? (input.rejectReason ?? null) : null,
          instead: input.decision === 'reject' ? (input.instead?.disposition ?? null) : null,
          replacedBy,
        },
      });
      decided.push(this.get(id));
    }
    return { decided, skipped };
  }

  private checkRefusal(input: DecideInput): void {
    if (!input.rejectReason) throw new AppError('QC_REJECT_REASON_REQUIRED', {});
    if (input.rejectReason === 'other' && !input.note?.trim()) {
      throw new AppError('QC_REJECT_REASON_REQUIRED', { note: true });
    }
    if (!input.instead) throw new AppError('QC_REJECT_NEEDS_DISPOSITION', {});
    if (input.instead.disposition === 'restock') {
      if (!input.instead.bin) throw new AppError('QC_REJECT_NEEDS_DISPOSITION', { bin: true });
      this.deps.qc.bins.require(input.instead.bin.trim().toUpperCase(), 'stock');
    }
  }

  /** The refused destroy is reverted and the unit decided as the supervisor says; answers the new decision. */
  private refuse(row: ItemRow, input: DecideInput, approver: UserView, note: string | null): string {
    const { qc } = this.deps;
    const decision = qc.store.decision(row.decision_id);
    if (!decision) throw new AppError('NOT_FOUND', { entity: 'decision', id: row.decision_id });
    qc.decisions.revert(decision, approver, 'rejected', note);
    const receipt = qc.store.receipt(row.receipt_id);
    const unit = qc.store.unit(row.unit_id);
    if (!receipt || !unit)
      throw new AppError('NOT_FOUND', { entity: 'unit', id: this.deps.qc.plates.of(row.unit_id) });
    const instead = input.instead as NonNullable<DecideInput['instead']>;
    unit.override_reason = 'supervisor_instruction';
    unit.chosen = instead.disposition;
    const outcome = qc.decisions.commit(
      receipt,
      unit,
      {
        disposition: instead.disposition,
        ...(instead.bin ? { bin: instead.bin.trim().toUpperCase() } : {}),
      },
      { user: approver, clientId: 'supervision' },
    );
    const replacedBy = outcome.target as string;
    this.setRejection.run(input.rejectReason ?? null, replacedBy, row.id);
    return replacedBy;
  }

  view(r: ItemRow): ApprovalItem {
    const { people } = this;
    const lp = this.deps.qc.plates.of(r.unit_id);
    const photos = this.deps.qc.store.photos('unit', lp);
    return {
      id: r.id,
      status: r.status,
      licensePlate: lp,
      decisionId: r.decision_id,
      receiptId: r.receipt_id,
      returnOrderId: r.return_order_id,
      platformReturnId: r.platform_return_id,
      orderId: r.order_id,
      sku: r.sku,
      name: r.name,
      serial: r.serial,
      category: r.category,
      grade: r.grade,
      reason: r.reason,
      scrapReason: r.scrap_reason,
      unitPrice: r.unit_price && r.currency ? { amount: r.unit_price, currency: r.currency } : null,
      suggested: { disposition: r.suggested, ruleId: r.rule_id, ruleVersion: r.rule_version },
      overrideReason: r.override_reason,
      evidence: photos.filter((p) => p.purpose === 'evidence').map(({ purpose: _p, ...ref }) => ref),
      photos,
      requestedBy: people.user(r.requested_by),
      requestedAt: r.requested_at,
      station: people.station(r.station_id),
      decidedBy: people.maybe(r.decided_by),
      decidedAt: r.decided_at,
      decidedVia: r.decided_via,
      rejectReason: r.reject_reason,
      note: r.note,
      batchId: r.batch_id,
      replacedBy:
        r.replaced_by && r.replaced_disposition
          ? {
              decisionId: r.replaced_by,
              disposition: r.replaced_disposition,
              location: r.replaced_location ?? '',
            }
          : null,
    };
  }
}

export type ApprovalItemRow = ItemRow;
