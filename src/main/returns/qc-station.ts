import type { QcAction } from '../../shared/calls/returns';
import { AppError } from '../../shared/errors';
import { parseCommand, type QcCommand } from '../../shared/returns/qc-commands';
import { PARCEL_CONDITIONS, type ParcelCondition } from '../../shared/returns/qc-codes';
import type { QcResult } from '../../shared/returns/qc-views';
import { normaliseScan } from '../../shared/scan-code';
import { writeTransaction } from '../db/write';
import type { ActionJournal } from './action-journal';
import { itemFits } from './item-matching';
import type { Bins } from './bins';
import type { Completion } from './completion';
import type { Decisions } from './decisions';
import type { Inspection } from './inspection';
import type { PhotoStore } from './photo-store';
import { feedback, type ActionOutcome, type Actor, type QcContext } from './qc-context';
import type { ReceiptRow, UnitRow } from './receipt-store';
import type { Receiving } from './receiving';
import { scanKeys } from './scan-keys';
import type { ScanFacts } from './scan-records';
import type { ResumeState } from './resume-state';
import type { SupervisorApproval } from './supervisor-approval';
import type { Undo } from './undo';
import type { Unexpected } from './unexpected';

export interface QcParts {
  journal: ActionJournal;
  receiving: Receiving;
  inspection: Inspection;
  decisions: Decisions;
  completion: Completion;
  unexpected: Unexpected;
  undo: Undo;
  bins: Bins;
  photos: PhotoStore;
  resume: ResumeState;
  approval: SupervisorApproval;
}

/**
 * The bench: every scan and key goes through here, is read against the step the parcel stands at
 * in the database, and is written with its journal entry in one transaction. A repeated client
 * action id answers its first result and acts no more.
 */
export class QcStation {
  constructor(
    private readonly ctx: QcContext,
    private readonly p: QcParts,
  ) {}

  state() {
    return this.p.resume.state();
  }

  async scan(
    input: { code: string; source: 'scanner' | 'keyboard'; clientActionId: string },
    actor: Actor,
  ): Promise<QcResult> {
    const replay = this.p.journal.replay(input.clientActionId);
    if (replay) return { state: this.state(), feedback: replay };
    const { code, symbology, keys } = scanKeys(input.code);
    const command = parseCommand(code);
    if (command) {
      const action = this.commandAction(command, code);
      return this.act({ action, clientActionId: input.clientActionId }, actor);
    }
    return this.run(input.clientActionId, 'scan', actor, () =>
      this.onScan({ code, keys, symbology, source: input.source }, actor),
    );
  }

  async act(input: { action: QcAction; clientActionId: string }, actor: Actor): Promise<QcResult> {
    const replay = this.p.journal.replay(input.clientActionId);
    if (replay) return { state: this.state(), feedback: replay };
    const { action } = input;
    // Verified before the transaction (a PIN check is slow on purpose); the approver is recorded with the decision.
    const approver =
      action.kind === 'approve_here' ? await this.p.approval.verify(action.authorization, actor) : null;
    return this.run(input.clientActionId, action.kind, actor, () => this.onAction(action, actor, approver));
  }

  private async run(id: string, kind: string, actor: Actor, body: () => ActionOutcome): Promise<QcResult> {
    const { ctx } = this;
    const fb = await writeTransaction(ctx.db, () => {
      const again = this.p.journal.replay(id);
      if (again) return again;
      const outcome = body();
      this.p.journal.record(
        { id, ord: ctx.newId(), kind, user: actor.user.id, station: ctx.stationId, at: ctx.clock.now() },
        outcome,
      );
      return outcome.feedback;
    });
    return { state: this.state(), feedback: fb };
  }

  private onScan(scan: ScanFacts, actor: Actor): ActionOutcome {
    const { receiving, inspection, unexpected } = this.p;
    const receipt = this.open();
    if (!receipt) return receiving.scanWhenIdle(scan, actor);
    const code = scan.code;
    switch (receipt.step) {
      case 'items': {
        const unit = inspection.current(receipt.id);
        if (unit) return this.scanForUnit(receipt, unit, code, actor);
        if (!this.expectsItem(receipt, scan.keys)) {
          const joined = receiving.scanWhileOpen(
            receipt,
            scan,
            this.ctx.lookup.findFirst(scan.keys).candidates,
          );
          if (joined) return joined;
        }
        return inspection.scanItem(receipt, scan, actor);
      }
      case 'condition': {
        const joined = receiving.scanWhileOpen(
          receipt,
          scan,
          this.ctx.lookup.findFirst(scan.keys).candidates,
        );
        if (joined) return joined;
        throw new AppError('QC_STEP_MISMATCH', { step: 'condition' });
      }
      case 'unexpected_bin':
        return unexpected.quarantine(receipt, code, actor);
      case 'condition_photo':
      case 'unexpected_photo':
        throw new AppError('QC_PHOTO_REQUIRED', { step: receipt.step });
      default:
        throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    }
  }

  private scanForUnit(receipt: ReceiptRow, unit: UnitRow, code: string, actor: Actor): ActionOutcome {
    const { inspection, decisions, bins } = this.p;
    switch (unit.step) {
      case 'serial':
        return inspection.serial(receipt, unit, code);
      case 'bin': {
        const bin = bins.require(code, 'stock');
        return decisions.commit(receipt, unit, { disposition: 'restock', bin: bin.code }, actor);
      }
      default:
        throw new AppError('QC_FINISH_CURRENT_ITEM', { step: unit.step });
    }
  }

  private onAction(action: QcAction, actor: Actor, approver: Actor['user'] | null): ActionOutcome {
    const { receiving, inspection, decisions, completion, unexpected, undo } = this.p;
    if (action.kind === 'undo') return undo.undo(actor);
    const receipt = this.open();
    switch (action.kind) {
      case 'receive': {
        const code = normaliseScan(action.code).code;
        const scan = { code, keys: [code], symbology: null, source: 'keyboard' as const };
        return receipt
          ? receiving.addToOpen(receipt, action.returnOrderIds, scan.code, actor)
          : receiving.receive(action.returnOrderIds, scan, actor);
      }
      case 'start_unexpected':
        if (receipt) throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
        return unexpected.start(normaliseScan(action.code).code, actor);
    }
    if (!receipt) throw new AppError('QC_NO_OPEN_PARCEL');
    const unit = receipt.step === 'items' ? inspection.current(receipt.id) : undefined;
    switch (action.kind) {
      case 'condition':
        return this.condition(receipt, action.condition);
      case 'photo':
        return this.photo(receipt, unit, action.sha256, actor);
      case 'note':
        return unexpected.note(receipt, action.text);
      case 'no_more_items':
        if (receipt.step !== 'items') throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
        return inspection.closeMissing(receipt, actor);
      case 'receipt_decision':
        return completion.setDecision(receipt, action.returnOrderId, action.decision, action.rejectReason);
      case 'approve_here':
      case 'later': {
        const u = this.requireUnit(unit, 'approval');
        return decisions.commit(
          receipt,
          u,
          { disposition: 'destroy', ...(approver ? { approvedBy: approver } : {}) },
          actor,
        );
      }
      case 'back':
        return inspection.reinspect(receipt, this.requireUnit(unit));
      case 'answer':
        return inspection.answer(receipt, this.requireUnit(unit), action.answer);
      case 'reason':
        return inspection.reason(receipt, this.requireUnit(unit), action.reason);
      case 'override':
        return inspection.chooseDisposition(receipt, this.requireUnit(unit), action.disposition, actor);
      case 'override_reason':
        return inspection.overrideReason(receipt, this.requireUnit(unit), action.reason, actor);
      case 'scrap_reason':
        return inspection.scrapReason(receipt, this.requireUnit(unit), action.reason);
      case 'skip':
        if (unit?.step === 'serial') return inspection.serial(receipt, unit, null);
        if (unit?.step === 'photos') return inspection.photosDone(receipt, unit);
        throw new AppError('QC_STEP_MISMATCH', { step: unit?.step ?? receipt.step });
      case 'choose':
        return this.choose(receipt, unit, action.index, actor);
      case 'confirm':
        return this.confirm(receipt, unit, actor);
    }
  }

  /** Enter with nothing typed: the one obvious next action of the step. */
  private confirm(receipt: ReceiptRow, unit: UnitRow | undefined, actor: Actor): ActionOutcome {
    const { inspection, completion } = this.p;
    switch (receipt.step) {
      case 'condition':
        return this.condition(receipt, 'intact');
      case 'complete':
        return completion.complete(receipt, actor);
      case 'items':
        break;
      case 'condition_photo':
      case 'unexpected_photo':
        throw new AppError('QC_PHOTO_REQUIRED', { step: receipt.step });
      default:
        throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    }
    if (!unit) throw new AppError('QC_STEP_MISMATCH', { step: 'items' });
    switch (unit.step) {
      case 'serial':
        return inspection.serial(receipt, unit, null);
      case 'reason':
        return inspection.reason(receipt, unit, null);
      case 'photos':
        return inspection.photosDone(receipt, unit);
      case 'disposition':
        return inspection.chooseDisposition(receipt, unit, null, actor);
      case 'evidence_photo':
        throw new AppError('QC_PHOTO_REQUIRED', { step: unit.step });
      default:
        throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    }
  }

  /** A number key (or QC-1…QC-9): the n-th option of the list the step shows. */
  private choose(receipt: ReceiptRow, unit: UnitRow | undefined, index: number, actor: Actor): ActionOutcome {
    const { inspection, completion } = this.p;
    if (receipt.step === 'condition') {
      const condition = PARCEL_CONDITIONS[index];
      if (!condition) throw new AppError('QC_STEP_MISMATCH', { step: 'condition', index });
      return this.condition(receipt, condition);
    }
    if (receipt.step === 'complete') return completion.toggle(receipt, index);
    const u = this.requireUnit(unit);
    switch (u.step) {
      case 'reason':
        return inspection.reasonByIndex(receipt, u, index);
      case 'override_reason':
        return inspection.overrideReasonByIndex(receipt, u, index, actor);
      case 'scrap_reason':
        return inspection.scrapReasonByIndex(receipt, u, index);
      default:
        throw new AppError('QC_STEP_MISMATCH', { step: u.step, index });
    }
  }

  private condition(receipt: ReceiptRow, condition: ParcelCondition): ActionOutcome {
    if (receipt.step !== 'condition' && receipt.step !== 'condition_photo') {
      throw new AppError('QC_STEP_MISMATCH', { step: receipt.step });
    }
    receipt.condition = condition;
    // Anything but intact needs a photo before the first item: the evidence of how it arrived.
    receipt.step = condition === 'intact' ? 'items' : 'condition_photo';
    this.ctx.store.saveReceipt(receipt, this.ctx.clock.now());
    return {
      feedback: feedback(condition === 'intact' ? 'ok' : 'warning', 'condition_set', { condition }),
      receiptId: receipt.id,
      target: receipt.id,
    };
  }

  private photo(receipt: ReceiptRow, unit: UnitRow | undefined, sha256: string, actor: Actor): ActionOutcome {
    const { ctx } = this;
    if (!this.p.photos.get(sha256)) throw new AppError('PHOTO_NOT_FOUND', { sha256 });
    if (receipt.step === 'condition_photo') {
      const now = ctx.clock.now();
      ctx.store.linkPhoto('receipt', receipt.id, 'condition', sha256, actor.user.id, now, ctx.stationId);
      receipt.step = 'items';
      ctx.store.saveReceipt(receipt, now);
      return {
        feedback: feedback('ok', 'photo_attached', { purpose: 'condition' }),
        receiptId: receipt.id,
        target: sha256,
      };
    }
    if (receipt.step === 'unexpected_photo' || receipt.step === 'unexpected_note') {
      return this.p.unexpected.photo(receipt, sha256, actor);
    }
    return this.p.inspection.attachPhoto(receipt, this.requireUnit(unit), sha256, actor);
  }

  private commandAction(command: QcCommand, code: string): QcAction {
    switch (command.kind) {
      case 'photo':
      case 'cancel':
      case 'toggle_decision':
      case 'start_unexpected':
        // The screen handles these (camera, its own question, the parcel it has in view).
        throw new AppError('QC_STEP_MISMATCH', { step: 'command', command: code });
      default:
        return command;
    }
  }

  private expectsItem(receipt: ReceiptRow, keys: readonly string[]): boolean {
    const { store } = this.ctx;
    const items = store.orders(receipt.id).flatMap((o) => store.items(o.id));
    return keys.some((k) => items.some((i) => itemFits(i, k)));
  }

  private requireUnit(unit: UnitRow | undefined, step?: UnitRow['step']): UnitRow {
    if (!unit) throw new AppError('QC_STEP_MISMATCH', { step: 'items' });
    if (step && unit.step !== step) throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    return unit;
  }

  private open(): ReceiptRow | undefined {
    return this.ctx.store.openReceipt(this.ctx.stationId);
  }
}
