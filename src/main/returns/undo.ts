import { AppError } from '../../shared/errors';
import type { QcUndoView } from '../../shared/returns/qc-views';
import type { ActionJournal, JournalEntry } from './action-journal';
import type { Completion } from './completion';
import type { Decisions } from './decisions';
import { feedback, type ActionOutcome, type Actor, type QcContext } from './qc-context';
import type { ReceiptRow } from './receipt-store';

/**
 * Undo reverts the newest undoable action of the parcel on the bench (or of the parcel finished
 * last, when none is open) within the station's undo window: a unit scanned by mistake, a decision,
 * "no more items", a completion. Nothing is deleted — rows are marked, and what already went to the
 * outbox is compensated (inventory) or withdrawn while it still waits (the platform's decision).
 */
export class Undo {
  constructor(
    private readonly ctx: QcContext,
    private readonly journal: ActionJournal,
    private readonly decisions: Decisions,
    private readonly completion: Completion,
  ) {}

  /** The parcel whose stack Undo works on. */
  subject(): ReceiptRow | undefined {
    const { store, stationId } = this.ctx;
    return store.openReceipt(stationId) ?? store.lastCompleted(stationId);
  }

  /** What Undo would do now, for the screen. */
  preview(): QcUndoView | null {
    const receipt = this.subject();
    const top = receipt ? this.journal.undoable(receipt.id) : undefined;
    if (!top?.undo_kind) return null;
    const until = top.at + this.ctx.undoWindowMs();
    if (this.ctx.clock.now() > until) return null;
    return { what: top.undo_kind, target: top.target ?? '', until };
  }

  undo(actor: Actor): ActionOutcome {
    const { ctx } = this;
    const receipt = this.subject();
    const top = receipt ? this.journal.undoable(receipt.id) : undefined;
    if (!receipt || !top?.undo_kind) throw new AppError('QC_NOTHING_TO_UNDO');
    const now = ctx.clock.now();
    if (now - top.at > ctx.undoWindowMs()) {
      throw new AppError('QC_UNDO_EXPIRED', { minutes: Math.round(ctx.undoWindowMs() / 60_000) });
    }
    if (top.undo_kind !== 'completed' && receipt.status !== 'open') throw new AppError('QC_NOTHING_TO_UNDO');
    this.revert(receipt, top, actor);
    this.journal.undone(top.id, actor.user.id, now);
    return {
      feedback: feedback('warning', 'undone', { what: top.undo_kind, target: top.target }),
      receiptId: receipt.id,
      target: top.id,
    };
  }

  private revert(receipt: ReceiptRow, top: JournalEntry, actor: Actor): void {
    const { ctx } = this;
    const now = ctx.clock.now();
    switch (top.undo_kind) {
      case 'unit_scanned': {
        const unit = ctx.store.unit(ctx.plates.unitOf(top.target ?? '') ?? -1);
        if (!unit || unit.status !== 'active') throw new AppError('QC_NOTHING_TO_UNDO');
        // A decided unit's decision is above it on the stack and is undone first.
        if (unit.decision_id) throw new AppError('QC_NOTHING_TO_UNDO');
        unit.status = 'voided';
        unit.updated_at = now;
        ctx.store.saveUnit(unit);
        return;
      }
      case 'decided': {
        const decision = ctx.store.decision(top.target ?? '');
        if (!decision || decision.status !== 'active') throw new AppError('QC_NOTHING_TO_UNDO');
        this.decisions.revert(decision, actor.user, 'withdrawn');
        return;
      }
      case 'closed_missing': {
        for (const unit of ctx.store.units(receipt.id)) {
          if (unit.match !== 'missing') continue;
          unit.status = 'voided';
          unit.updated_at = now;
          ctx.store.saveUnit(unit);
        }
        receipt.step = 'items';
        ctx.store.saveReceipt(receipt, now);
        return;
      }
      case 'completed': {
        if (ctx.store.openReceipt(ctx.stationId)) throw new AppError('QC_NOTHING_TO_UNDO');
        this.completion.reopen(receipt, `withdrawn by undo at the bench (${actor.user.id})`);
        return;
      }
      default:
        throw new AppError('QC_NOTHING_TO_UNDO');
    }
  }
}
