import type { UserView } from '../../shared/domain';
import { gradeOf, qcCategoryOf, type Answer } from '../../shared/returns/checklists';
import { qcReasonOf } from '../../shared/returns/qc-codes';
import type { QcReceiptView, QcState, QcUnitView } from '../../shared/returns/qc-views';
import type { Approvals } from './approvals';
import type { Completion } from './completion';
import { matchedCount, missingCount } from './item-matching';
import type { QcContext } from './qc-context';
import type { ReceiptRow, UnitRow } from './receipt-store';
import type { Undo } from './undo';
import { carrierOfOrder } from './receiving';

/**
 * The bench as the database holds it. The screen keeps nothing of its own between answers: after a
 * crash, a restart or a reload it asks for this and stands at the very step the parcel was left at.
 */
export class ResumeState {
  private readonly approvalOf;

  constructor(
    private readonly ctx: QcContext,
    private readonly completion: Completion,
    private readonly undo: Undo,
    private readonly approvals: Approvals,
  ) {
    this.approvalOf = ctx.db.prepare<[string], { id: string; status: string; decided_by: string | null }>(
      'SELECT id, status, decided_by FROM qc_approvals WHERE id = ?',
    );
  }

  state(): QcState {
    const { store, stationId } = this.ctx;
    const open = store.openReceipt(stationId);
    const last = open ? undefined : store.lastCompleted(stationId);
    const undo = this.undo.preview();
    return {
      receipt: open ? this.receipt(open) : null,
      lastCompleted: last && undo ? this.receipt(last) : null,
      undo,
      undoWindowMinutes: Math.round(this.ctx.undoWindowMs() / 60_000),
      pendingApprovals: this.approvals.pendingCount(),
    };
  }

  receipt(r: ReceiptRow): QcReceiptView {
    const { store, lookup } = this.ctx;
    const units = store.units(r.id);
    const orderRows = store.orders(r.id);
    const orders = orderRows.map((o) => ({
      id: o.id,
      platformReturnId: o.platform_return_id,
      orderId: o.order_id,
      returnTrackingNumber: o.return_tracking_number,
      carrier: carrierOfOrder(o),
      country: o.country,
      buyerName: o.buyer_name,
      platformStatus: o.platform_status,
      returnType: o.return_type,
      reason: o.reason,
      reasonCode: qcReasonOf(o.reason),
      nextAction: o.next_action ? { action: o.next_action, deadline: o.next_action_deadline } : null,
      status: o.status,
      items: store.items(o.id).map((i) => ({
        id: i.id,
        sku: i.sku,
        barcode: i.barcode,
        name: i.name,
        quantity: i.quantity,
        unitPrice: i.unit_price && i.currency ? { amount: i.unit_price, currency: i.currency } : null,
        category: qcCategoryOf(i.category),
        received: matchedCount(i.id, units),
        missing: missingCount(i.id, units),
      })),
    }));
    const inThis = new Set(orderRows.map((o) => o.id));
    const buyer = orderRows.find((o) => o.buyer_name)?.buyer_name ?? null;
    const current = units.find((u) => u.step !== 'decided');
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      step: r.step,
      scannedCode: r.scanned_code,
      openedBy: this.user(r.opened_by),
      openedAt: r.opened_at,
      stationId: r.station_id,
      condition: r.condition,
      photos: store.photos('receipt', r.id),
      orders,
      units: units.map((u) => this.unit(u)),
      currentUnitId: current ? this.ctx.plates.of(current.id) : null,
      otherReturnsOfBuyer: r.status === 'open' ? lookup.otherReturnsOfBuyer(buyer, inThis) : [],
      decisions:
        r.kind === 'expected' && (r.step === 'complete' || r.step === 'done')
          ? this.completion.decisions(r)
          : [],
      note: r.note,
      quarantineBin: r.quarantine_bin,
      completedAt: r.completed_at,
    };
  }

  private unit(u: UnitRow): QcUnitView {
    const { store } = this.ctx;
    const lp = this.ctx.plates.of(u.id);
    const answers = JSON.parse(u.answers) as Record<string, Answer>;
    const d = u.decision_id ? store.decision(u.decision_id) : undefined;
    const approval = d?.approval_id ? this.approvalOf.get(d.approval_id) : undefined;
    return {
      id: lp,
      seq: u.seq,
      returnOrderId: u.return_order_id,
      returnItemId: u.return_item_id,
      match: u.match,
      scannedCode: u.scanned_code,
      serial: u.serial,
      sku: u.sku,
      name: u.name,
      category: u.category,
      step: u.step,
      answers,
      grade:
        u.match === 'missing'
          ? null
          : (u.grade ?? (Object.keys(answers).length > 0 ? gradeOf(u.category, answers) : null)),
      reason: u.reason,
      suggested:
        u.suggested && u.rule_id !== null
          ? { disposition: u.suggested, ruleId: u.rule_id, ruleVersion: u.rule_version ?? 0 }
          : null,
      chosen: u.chosen,
      overrideReason: u.override_reason,
      scrapReason: u.scrap_reason,
      photos: store.photos('unit', lp),
      decision: d
        ? {
            id: d.id,
            disposition: d.disposition,
            binCode: d.bin_code,
            workOrderId: d.work_order_id,
            approval: approval
              ? {
                  id: approval.id,
                  status: approval.status as 'pending' | 'approved' | 'rejected' | 'withdrawn',
                  decidedBy: approval.decided_by ? this.user(approval.decided_by).name : null,
                }
              : null,
            decidedBy: this.user(d.decided_by),
            decidedAt: d.decided_at,
            stationId: d.station_id,
          }
        : null,
    };
  }

  private user(id: string): UserView {
    const u = this.ctx.store.user(id);
    return { id: u.id, name: u.name, role: u.role as UserView['role'] };
  }
}
