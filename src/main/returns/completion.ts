import { AppError } from '../../shared/errors';
import type { ReceiptDecision, RejectReason } from '../../shared/returns/qc-codes';
import { suggestReceiptDecision } from '../../shared/returns/receipt-decision';
import type { QcReceiptDecisionView } from '../../shared/returns/qc-views';
import {
  feedback,
  PLATFORM_DESTINATION,
  returnKey,
  type ActionOutcome,
  type Actor,
  type QcContext,
} from './qc-context';
import type { LinkedPhoto, ReceiptRow } from './receipt-store';

/**
 * The platform's names for our reject reasons (TikTok Shop's reject-reasons list). A station may
 * store its own map under the settings key `qc.rejectReasonNames` when its shop's list differs.
 */
export const DEFAULT_REJECT_REASON_NAMES: Record<RejectReason, string> = {
  not_item_sold: 'reverse_reject_request_reason_1',
  used_or_damaged: 'reverse_reject_request_reason_2',
  items_missing: 'reverse_reject_request_reason_3',
  empty_box: 'reverse_reject_request_reason_3',
};

/** The platform takes at most this many evidence images per decision. */
const MAX_IMAGES = 9;

/**
 * Completing a parcel: one receipt decision per return order for the platform (approve / reject
 * with reason and photo references), committed with the receipt's completion. The decision is held
 * back from delivery until the undo window has passed, so an undo within it can still withdraw it.
 */
export class Completion {
  private readonly holdEvent;
  private readonly withdrawEvent;
  private readonly decisionEvents;

  constructor(
    private readonly ctx: QcContext,
    private readonly reasonNames: () => Record<RejectReason, string>,
  ) {
    this.holdEvent = ctx.db.prepare('UPDATE outbox_events SET next_attempt_at = ? WHERE id = ?');
    this.withdrawEvent = ctx.db.prepare(
      `UPDATE outbox_events SET status = 'discarded', last_error = ?, updated_at = ? WHERE id = ? AND status = 'pending'`,
    );
    this.decisionEvents = ctx.db.prepare<[string], { id: string; status: string }>(
      `SELECT id, status FROM outbox_events WHERE ordering_key = ? AND type = 'return.receipt_decided'
       ORDER BY seq DESC LIMIT 1`,
    );
  }

  /** Each return's decision as it stands: the clerk's choice, else the suggestion. */
  decisions(receipt: ReceiptRow): QcReceiptDecisionView[] {
    const { store } = this.ctx;
    const units = store.units(receipt.id);
    return store.orders(receipt.id).map((order) => {
      const suggested = suggestReceiptDecision(
        receipt.condition,
        units.filter((u) => u.return_order_id === order.id),
      );
      const decision = order.decision ?? suggested.decision;
      const rejectReason =
        decision === 'approve'
          ? null
          : ((order.decision ? order.reject_reason : suggested.rejectReason) ?? 'used_or_damaged');
      return {
        returnOrderId: order.id,
        decision,
        rejectReason,
        suggested,
        images: decision === 'reject' ? this.images(receipt, order.id).length : 0,
      };
    });
  }

  setDecision(
    receipt: ReceiptRow,
    orderId: string,
    decision: ReceiptDecision,
    rejectReason: RejectReason | null,
  ): ActionOutcome {
    if (receipt.step !== 'complete') throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    if (!this.ctx.store.orders(receipt.id).some((o) => o.id === orderId)) {
      throw new AppError('NOT_FOUND', { entity: 'return_order', id: orderId });
    }
    const reason = decision === 'reject' ? (rejectReason ?? 'used_or_damaged') : null;
    this.ctx.store.setOrderDecision(receipt.id, orderId, decision, reason);
    return {
      feedback: feedback(decision === 'approve' ? 'ok' : 'warning', 'decision_set', { decision, reason }),
      receiptId: receipt.id,
      target: orderId,
    };
  }

  /** Flips the first (or only) return's decision: one key at a one-return bench. */
  toggle(receipt: ReceiptRow, index: number): ActionOutcome {
    const current = this.decisions(receipt)[index];
    if (!current) throw new AppError('QC_STEP_MISMATCH', { step: receipt.step, index });
    const next = current.decision === 'approve' ? 'reject' : 'approve';
    return this.setDecision(
      receipt,
      current.returnOrderId,
      next,
      next === 'reject' ? (current.suggested.rejectReason ?? 'used_or_damaged') : null,
    );
  }

  complete(receipt: ReceiptRow, actor: Actor): ActionOutcome {
    const { ctx } = this;
    if (receipt.step !== 'complete') throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    const units = ctx.store.units(receipt.id);
    if (units.some((u) => u.step !== 'decided')) throw new AppError('QC_ITEMS_UNDECIDED');
    const now = ctx.clock.now();
    const holdUntil = now + ctx.undoWindowMs();
    const names = this.reasonNames();
    const orders = ctx.store.orders(receipt.id);
    for (const d of this.decisions(receipt)) {
      const order = orders.find((o) => o.id === d.returnOrderId);
      if (!order) continue;
      const images = d.decision === 'reject' ? this.images(receipt, order.id) : [];
      const event = ctx.outbox.enqueue(ctx.db, {
        destination: PLATFORM_DESTINATION,
        orderingKey: returnKey(order.id),
        type: 'return.receipt_decided',
        payload: {
          stationId: ctx.stationId,
          returnOrderId: order.id,
          platformReturnId: order.platform_return_id,
          decision: d.decision,
          rejectReason: d.rejectReason ? names[d.rejectReason] : null,
          comment: d.rejectReason ? `QC ${receipt.id}: ${d.rejectReason}` : null,
          images: images.map((p) => ({
            sha256: p.sha256,
            mimeType: p.mimeType,
            width: p.width,
            height: p.height,
          })),
          decidedBy: actor.user.id,
          decidedAt: now,
        },
      });
      if (holdUntil > now) this.holdEvent.run(holdUntil, event.id);
      ctx.store.setOrderDecision(receipt.id, order.id, d.decision, d.rejectReason);
      ctx.store.setOrderStatus(order.id, 'completed', now);
    }
    receipt.status = 'completed';
    receipt.step = 'done';
    receipt.completed_by = actor.user.id;
    receipt.completed_at = now;
    ctx.store.saveReceipt(receipt, now);
    return {
      feedback: feedback('ok', 'completed', { orders: orders.length, units: units.length }),
      receiptId: receipt.id,
      target: receipt.id,
      undoable: 'completed',
    };
  }

  /**
   * Reopens a completed parcel at its completion step. Its receipt decisions are withdrawn while
   * they wait in the outbox; one the platform may already have makes the undo impossible.
   */
  reopen(receipt: ReceiptRow, reason: string): void {
    const { ctx } = this;
    const now = ctx.clock.now();
    for (const order of ctx.store.orders(receipt.id)) {
      const event = this.decisionEvents.get(returnKey(order.id));
      if (!event) continue;
      if (event.status !== 'pending' || this.withdrawEvent.run(reason, now, event.id).changes !== 1) {
        throw new AppError('QC_UNDO_TOO_LATE', { reason: 'decision_sent', returnOrderId: order.id });
      }
      ctx.store.setOrderStatus(order.id, 'inspecting', now);
    }
    receipt.status = 'open';
    receipt.step = 'complete';
    receipt.completed_by = null;
    receipt.completed_at = null;
    ctx.store.saveReceipt(receipt, now);
  }

  /** Evidence for a rejection: the parcel's condition photos, then the photos of this return's units. */
  private images(receipt: ReceiptRow, orderId: string): LinkedPhoto[] {
    const { store } = this.ctx;
    const photos = [...store.photos('receipt', receipt.id)];
    for (const u of store.units(receipt.id)) {
      if (u.return_order_id === orderId) photos.push(...store.photos('unit', this.ctx.plates.of(u.id)));
    }
    const seen = new Set<string>();
    return photos.filter((p) => !seen.has(p.sha256) && seen.add(p.sha256)).slice(0, MAX_IMAGES);
  }
}
