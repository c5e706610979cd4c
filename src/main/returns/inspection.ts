import { AppError } from '../../shared/errors';
import {
  SERIAL_CATEGORIES,
  gradeOf,
  nextQuestion,
  qcCategoryOf,
  type Answer,
} from '../../shared/returns/checklists';
import { suggestDisposition } from '../../shared/returns/disposition-rules';
import {
  OVERRIDE_REASONS,
  QC_REASONS,
  SCRAP_REASONS,
  qcReasonOf,
  type Disposition,
  type OverrideReason,
  type QcReason,
  type ScrapReason,
} from '../../shared/returns/qc-codes';
import type { Decisions } from './decisions';
import { ItemMatcher, matchedCount, missingCount } from './item-matching';
import { feedback, type ActionOutcome, type Actor, type QcContext } from './qc-context';
import type { ReceiptRow, UnitRow } from './receipt-store';
import type { ScanFacts } from './scan-records';

/**
 * One unit at a time, from its scan to its decision: matched / wrong / extra against the expected
 * lines, serial, checklist → grade, reason, photos, the rule table's suggestion confirmed or
 * overridden with a reason, and the disposition's own step (bin, scrap reason and evidence,
 * approval). Every answer is written at once, so a restart resumes at the very question.
 */
export class Inspection {
  private readonly matcher;

  constructor(
    private readonly ctx: QcContext,
    private readonly decisions: Decisions,
  ) {
    this.matcher = new ItemMatcher(ctx.db);
  }

  /** The unit under inspection, if any (at most one per parcel is not decided). */
  current(receiptId: string): UnitRow | undefined {
    return this.ctx.store.units(receiptId).find((u) => u.step !== 'decided');
  }

  scanItem(receipt: ReceiptRow, scan: ScanFacts, actor: Actor): ActionOutcome {
    const { code } = scan;
    const { store, clock } = this.ctx;
    const orders = store.orders(receipt.id);
    const items = orders.flatMap((o) => store.items(o.id));
    const units = store.units(receipt.id);
    const m = this.matcher.match(scan.keys, items, units);
    const now = clock.now();
    const onlyOrder = orders.length === 1 ? (orders[0]?.id ?? null) : null;
    const base =
      m.kind === 'wrong'
        ? { order: onlyOrder, item: null, sku: m.sku, name: m.name, category: qcCategoryOf(m.category) }
        : {
            order: m.item.return_order_id,
            item: m.item.id,
            sku: m.item.sku,
            name: m.item.name,
            category: qcCategoryOf(m.item.category),
          };
    const unitId = store.insertUnit({
      receipt: receipt.id,
      ...base,
      match: m.kind,
      code,
      step: SERIAL_CATEGORIES.has(base.category) ? 'serial' : 'checklist',
      by: actor.user.id,
      now,
    });
    const unit = store.unit(unitId) as UnitRow;
    // The buyer's reason is the default; a wrong item is a wrong item whatever the buyer said.
    const order = orders.find((o) => o.id === base.order);
    unit.reason = m.kind === 'wrong' ? 'wrong_item' : qcReasonOf(order?.reason ?? null);
    store.saveUnit(unit);
    for (const o of orders) if (o.status === 'received') store.setOrderStatus(o.id, 'inspecting', now);
    const lp = this.ctx.plates.of(unitId);
    const params = { name: base.name ?? code, licensePlate: lp };
    const fb =
      m.kind === 'matched'
        ? feedback('ok', 'item_matched', params, { scannedCode: code })
        : m.kind === 'extra'
          ? feedback('warning', 'item_extra', params, { scannedCode: code })
          : feedback('warning', 'item_wrong', params, { scannedCode: code });
    return { feedback: fb, receiptId: receipt.id, target: lp, undoable: 'unit_scanned' };
  }

  serial(receipt: ReceiptRow, unit: UnitRow, serial: string | null): ActionOutcome {
    this.expect(unit, 'serial');
    unit.serial = serial;
    unit.step = 'checklist';
    this.save(unit);
    return this.out(
      receipt,
      unit,
      feedback('ok', serial ? 'serial_recorded' : 'serial_skipped', { serial, name: unitName(unit) }),
    );
  }

  answer(receipt: ReceiptRow, unit: UnitRow, answer: Answer): ActionOutcome {
    this.expect(unit, 'checklist');
    const answers = this.answers(unit);
    const q = nextQuestion(unit.category, answers);
    if (!q) throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    answers[q.id] = answer;
    unit.answers = JSON.stringify(answers);
    unit.grade = gradeOf(unit.category, answers);
    if (nextQuestion(unit.category, answers) === null) unit.step = 'reason';
    this.save(unit);
    const good = answer === q.good;
    return this.out(
      receipt,
      unit,
      feedback(good ? 'ok' : 'warning', 'answered', { question: q.id, answer, grade: unit.grade }),
    );
  }

  /** Enter at the reason step keeps the preselected reason; a choice sets another. */
  reason(receipt: ReceiptRow, unit: UnitRow, reason: QcReason | null): ActionOutcome {
    this.expect(unit, 'reason');
    const chosen = reason ?? unit.reason;
    if (!chosen) throw new AppError('QC_STEP_MISMATCH', { step: 'reason', need: 'choice' });
    unit.reason = chosen;
    unit.step = 'photos';
    this.save(unit);
    return this.out(receipt, unit, feedback('ok', 'reason_set', { reason: chosen }));
  }

  reasonByIndex(receipt: ReceiptRow, unit: UnitRow, index: number): ActionOutcome {
    const reason = QC_REASONS[index];
    if (!reason) throw new AppError('QC_STEP_MISMATCH', { step: 'reason', index });
    return this.reason(receipt, unit, reason);
  }

  /** Photos are optional per unit; Enter moves on to the suggested disposition. */
  photosDone(receipt: ReceiptRow, unit: UnitRow): ActionOutcome {
    this.expect(unit, 'photos');
    this.suggest(receipt, unit);
    unit.step = 'disposition';
    this.save(unit);
    return this.out(
      receipt,
      unit,
      feedback('ok', 'photos_done', {
        name: unitName(unit),
        count: this.ctx.store.photos('unit', this.ctx.plates.of(unit.id)).length,
        grade: unit.grade,
        suggested: unit.suggested,
        rule: unit.rule_id,
      }),
    );
  }

  attachPhoto(receipt: ReceiptRow, unit: UnitRow, sha256: string, actor: Actor): ActionOutcome {
    const purpose = unit.step === 'evidence_photo' ? 'evidence' : 'item';
    if (unit.step !== 'photos' && unit.step !== 'evidence_photo') {
      throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    }
    const { store, clock, stationId } = this.ctx;
    store.linkPhoto(
      'unit',
      this.ctx.plates.of(unit.id),
      purpose,
      sha256,
      actor.user.id,
      clock.now(),
      stationId,
    );
    if (unit.step === 'evidence_photo') unit.step = 'approval';
    this.save(unit);
    return this.out(receipt, unit, feedback('ok', 'photo_attached', { purpose }));
  }

  /** Enter on the suggestion, or a disposition key: an override needs a reason next. */
  chooseDisposition(
    receipt: ReceiptRow,
    unit: UnitRow,
    disposition: Disposition | null,
    actor: Actor,
  ): ActionOutcome {
    this.expect(unit, 'disposition');
    const chosen = disposition ?? unit.suggested;
    if (!chosen) throw new AppError('QC_STEP_MISMATCH', { step: 'disposition' });
    unit.chosen = chosen;
    if (chosen !== unit.suggested) {
      unit.step = 'override_reason';
      this.save(unit);
      return this.out(
        receipt,
        unit,
        feedback('warning', 'disposition_chosen', { disposition: chosen, override: 1 }),
      );
    }
    unit.override_reason = null;
    return this.proceed(receipt, unit, actor);
  }

  overrideReason(receipt: ReceiptRow, unit: UnitRow, reason: OverrideReason, actor: Actor): ActionOutcome {
    this.expect(unit, 'override_reason');
    unit.override_reason = reason;
    return this.proceed(receipt, unit, actor);
  }

  overrideReasonByIndex(receipt: ReceiptRow, unit: UnitRow, index: number, actor: Actor): ActionOutcome {
    const reason = OVERRIDE_REASONS[index];
    if (!reason) throw new AppError('QC_STEP_MISMATCH', { step: 'override_reason', index });
    return this.overrideReason(receipt, unit, reason, actor);
  }

  scrapReason(receipt: ReceiptRow, unit: UnitRow, reason: ScrapReason): ActionOutcome {
    this.expect(unit, 'scrap_reason');
    unit.scrap_reason = reason;
    unit.step = 'evidence_photo';
    this.save(unit);
    return this.out(
      receipt,
      unit,
      feedback('ok', 'scrap_reason_set', { scrapReason: reason, name: unitName(unit) }),
    );
  }

  scrapReasonByIndex(receipt: ReceiptRow, unit: UnitRow, index: number): ActionOutcome {
    const reason = SCRAP_REASONS[index];
    if (!reason) throw new AppError('QC_STEP_MISMATCH', { step: 'scrap_reason', index });
    return this.scrapReason(receipt, unit, reason);
  }

  /** Back to the first question of this unit: the clerk saw something the answers missed. */
  reinspect(receipt: ReceiptRow, unit: UnitRow): ActionOutcome {
    if (unit.step === 'decided') throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    unit.answers = '{}';
    unit.grade = null;
    unit.suggested = null;
    unit.rule_id = null;
    unit.rule_version = null;
    unit.chosen = null;
    unit.override_reason = null;
    unit.scrap_reason = null;
    unit.step = 'checklist';
    this.save(unit);
    return this.out(receipt, unit, feedback('warning', 'reinspect', {}));
  }

  /** "No more items": every expected unit not on the bench is closed as missing. */
  closeMissing(receipt: ReceiptRow, actor: Actor): ActionOutcome {
    const { store, clock } = this.ctx;
    if (this.current(receipt.id)) throw new AppError('QC_FINISH_CURRENT_ITEM');
    const units = store.units(receipt.id);
    const now = clock.now();
    let missing = 0;
    for (const order of store.orders(receipt.id)) {
      for (const item of store.items(order.id)) {
        const left = item.quantity - matchedCount(item.id, units) - missingCount(item.id, units);
        for (let i = 0; i < left; i++) {
          store.insertUnit({
            receipt: receipt.id,
            order: order.id,
            item: item.id,
            match: 'missing',
            code: null,
            sku: item.sku,
            name: item.name,
            category: qcCategoryOf(item.category),
            step: 'decided',
            by: actor.user.id,
            now,
          });
          missing++;
        }
      }
    }
    receipt.step = 'complete';
    store.saveReceipt(receipt, now);
    return {
      feedback: feedback(missing > 0 ? 'warning' : 'ok', 'missing_closed', { count: missing }),
      receiptId: receipt.id,
      target: receipt.id,
      undoable: 'closed_missing',
    };
  }

  private proceed(receipt: ReceiptRow, unit: UnitRow, actor: Actor): ActionOutcome {
    switch (unit.chosen) {
      case 'restock':
        unit.step = 'bin';
        this.save(unit);
        return this.out(receipt, unit, feedback('ok', 'disposition_chosen', { disposition: 'restock' }));
      case 'destroy':
        unit.step = 'scrap_reason';
        this.save(unit);
        return this.out(receipt, unit, feedback('ok', 'disposition_chosen', { disposition: 'destroy' }));
      case 'refurbish':
      case 'return_to_seller':
        return this.decisions.commit(receipt, unit, { disposition: unit.chosen }, actor);
      default:
        throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
    }
  }

  private suggest(receipt: ReceiptRow, unit: UnitRow): void {
    const { store, rules } = this.ctx;
    const item = unit.return_item_id
      ? store
          .orders(receipt.id)
          .flatMap((o) => store.items(o.id))
          .find((i) => i.id === unit.return_item_id)
      : undefined;
    const set = rules.current();
    const s = suggestDisposition(set.rules, {
      grade: unit.grade ?? gradeOf(unit.category, this.answers(unit)),
      category: unit.category,
      reason: unit.reason ?? 'buyer_remorse',
      match: unit.match === 'missing' ? 'matched' : unit.match,
      unitPrice:
        item?.unit_price && item.currency ? { amount: item.unit_price, currency: item.currency } : null,
    });
    unit.suggested = s.disposition;
    unit.rule_id = s.ruleId;
    unit.rule_version = set.version;
  }

  private answers(unit: UnitRow): Record<string, Answer> {
    return JSON.parse(unit.answers) as Record<string, Answer>;
  }

  private expect(unit: UnitRow, step: UnitRow['step']): void {
    if (unit.step !== step) throw new AppError('QC_STEP_MISMATCH', { step: unit.step });
  }

  private save(unit: UnitRow): void {
    unit.updated_at = this.ctx.clock.now();
    this.ctx.store.saveUnit(unit);
  }

  private out(receipt: ReceiptRow, unit: UnitRow, fb: ActionOutcome['feedback']): ActionOutcome {
    return { feedback: fb, receiptId: receipt.id, target: this.ctx.plates.of(unit.id) };
  }
}

/** How the clerk knows the unit: its name, else its SKU, else what was scanned. */
function unitName(unit: UnitRow): string {
  return unit.name ?? unit.sku ?? unit.scanned_code ?? '';
}
