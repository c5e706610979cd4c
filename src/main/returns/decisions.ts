import { AppError } from '../../shared/errors';
import { faultsOf, gradeOf, type Answer } from '../../shared/returns/checklists';
import type { Disposition, Grade } from '../../shared/returns/qc-codes';
import type { UserView } from '../../shared/domain';
import type { OutboxPayload } from '../../shared/outbox-events';
import { barcodeValue, labelText, labelTime, type NewLabelJob } from './label-jobs';
import { feedback, HUB_DESTINATION, type ActionOutcome, type Actor, type QcContext } from './qc-context';
import type { DecisionRow, ReceiptRow, UnitRow } from './receipt-store';

/** Where a unit physically goes when its disposition is not a bin of its own. */
const HOLDING: Record<Exclude<Disposition, 'restock'>, string> = {
  refurbish: 'REFURBISH-BENCH',
  destroy: 'DESTROY-CAGE',
  return_to_seller: 'RETURN-TO-SELLER',
};

/** A refurbish work order is due this long after the decision. */
const WORK_ORDER_DAYS = 3;

export interface CommitOptions {
  disposition: Disposition;
  /** A restock's bin (checked to exist by the caller). */
  bin?: string;
  /** A destroy approved at the bench, by this supervisor; absent: it waits in the approvals queue. */
  approvedBy?: UserView;
}

/**
 * A unit's decision, committed in one transaction with everything it causes: the decision row
 * (who, when, which station, which rule), the work order or approval, the destruction batch entry,
 * the inventory adjustment for the hub, and the labels for the print queue. Undo (and a rejected
 * approval) reverts it the same way: the row is marked undone and a compensating adjustment sent.
 */
export class Decisions {
  private readonly insertWorkOrder;
  private readonly cancelWorkOrder;
  private readonly insertApproval;
  private readonly setApproval;
  private readonly openBatch;
  private readonly insertBatch;
  private readonly insertBatchItem;
  private readonly removeBatchItem;
  private readonly batchOf;
  private readonly eventPayload;

  constructor(private readonly ctx: QcContext) {
    const { db } = ctx;
    this.insertWorkOrder = db.prepare(
      `INSERT INTO qc_work_orders (id, unit_id, decision_id, faults, status, created_by, created_at, station_id)
       VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
    );
    this.cancelWorkOrder = db.prepare(
      `UPDATE qc_work_orders SET status = 'cancelled', closed_by = ?, closed_at = ? WHERE id = ? AND status = 'open'`,
    );
    this.insertApproval = db.prepare(
      `INSERT INTO qc_approvals (id, kind, unit_id, decision_id, status, requested_by, requested_at, station_id,
         decided_by, decided_at, decided_via)
       VALUES (@id, 'destroy', @unit, @decision, @status, @by, @now, @station, @approver, @decidedAt, @via)`,
    );
    this.setApproval = db.prepare(
      `UPDATE qc_approvals SET status = @status, decided_by = coalesce(@by, decided_by),
         decided_at = coalesce(@at, decided_at), decided_via = coalesce(@via, decided_via), note = coalesce(@note, note)
       WHERE id = @id AND status = @from`,
    );
    this.openBatch = db.prepare<[string], { id: string }>(
      `SELECT id FROM destruction_batches WHERE station_id = ? AND status = 'open'`,
    );
    this.insertBatch = db.prepare(
      `INSERT INTO destruction_batches (id, station_id, status, opened_by, opened_at) VALUES (?, ?, 'open', ?, ?)`,
    );
    this.insertBatchItem = db.prepare(
      `INSERT INTO destruction_batch_items (batch_id, unit_id, decision_id, approval_id, added_at) VALUES (?, ?, ?, ?, ?)`,
    );
    this.batchOf = db.prepare<[string], { batch_id: string; status: string }>(
      `SELECT i.batch_id, b.status FROM destruction_batch_items i JOIN destruction_batches b ON b.id = i.batch_id
       WHERE i.decision_id = ? AND i.removed_at IS NULL`,
    );
    this.removeBatchItem = db.prepare(
      `UPDATE destruction_batch_items SET removed_by = ?, removed_at = ? WHERE decision_id = ? AND removed_at IS NULL`,
    );
    this.eventPayload = db.prepare<[string], { payload: string }>(
      'SELECT payload FROM outbox_events WHERE id = ?',
    );
  }

  commit(receipt: ReceiptRow, unit: UnitRow, options: CommitOptions, actor: Actor): ActionOutcome {
    const { ctx } = this;
    const now = ctx.clock.now();
    const lp = ctx.plates.of(unit.id);
    const decisionId = ctx.newId();
    const answers = JSON.parse(unit.answers) as Record<string, Answer>;
    const grade: Grade = unit.grade ?? gradeOf(unit.category, answers);
    const reason = unit.reason ?? 'buyer_remorse';
    const { disposition } = options;
    const location = disposition === 'restock' ? (options.bin ?? '') : HOLDING[disposition];
    if (disposition === 'restock' && !options.bin) throw new AppError('QC_STEP_MISMATCH', { step: 'bin' });
    const order = unit.return_order_id
      ? ctx.store.orders(receipt.id).find((o) => o.id === unit.return_order_id)
      : undefined;

    const workOrderId = disposition === 'refurbish' ? `WO-${ctx.newId()}` : null;
    const approvalId = disposition === 'destroy' ? ctx.newId() : null;

    const adjustment = ctx.outbox.enqueue(ctx.db, {
      destination: HUB_DESTINATION,
      orderingKey: `unit:${lp}`,
      type: 'inventory.adjusted',
      payload: {
        stationId: ctx.stationId,
        adjustmentId: decisionId,
        compensates: null,
        licensePlate: lp,
        receiptId: receipt.id,
        returnOrderId: unit.return_order_id,
        platformReturnId: order?.platform_return_id ?? null,
        sku: unit.sku,
        barcode: unit.scanned_code,
        serial: unit.serial,
        quantity: 1,
        disposition,
        grade,
        location,
        workOrderId,
        decidedBy: actor.user.id,
        decidedAt: now,
      },
    });

    ctx.store.insertDecision({
      id: decisionId,
      unit_id: unit.id,
      disposition,
      grade,
      reason,
      suggested: unit.suggested ?? disposition,
      rule_id: unit.rule_id ?? '(none)',
      rule_version: unit.rule_version ?? 0,
      override_reason: unit.override_reason,
      scrap_reason: unit.scrap_reason,
      bin_code: disposition === 'restock' ? (options.bin ?? null) : null,
      location,
      work_order_id: workOrderId,
      approval_id: approvalId,
      adjustment_event_id: adjustment.id,
      decided_by: actor.user.id,
      decided_at: now,
      station_id: ctx.stationId,
    });
    // After the decision row: the work order and the approval refer to it.
    if (workOrderId) {
      this.insertWorkOrder.run(
        workOrderId,
        unit.id,
        decisionId,
        JSON.stringify(faultsOf(unit.category, answers)),
        actor.user.id,
        now,
        ctx.stationId,
      );
    }
    if (approvalId) {
      const approver = options.approvedBy ?? null;
      this.insertApproval.run({
        id: approvalId,
        unit: unit.id,
        decision: decisionId,
        status: approver ? 'approved' : 'pending',
        by: actor.user.id,
        now,
        station: ctx.stationId,
        approver: approver?.id ?? null,
        decidedAt: approver ? now : null,
        via: approver ? 'station' : null,
      });
      if (approver) this.addToBatch(unit.id, decisionId, approvalId, approver, now);
    }

    for (const job of this.labelsFor(receipt, unit, {
      disposition,
      grade,
      location,
      workOrderId,
      now,
      actor,
    })) {
      this.enqueueLabel(job);
    }

    unit.grade = grade;
    unit.reason = reason;
    unit.chosen = disposition;
    unit.decision_id = decisionId;
    unit.step = 'decided';
    unit.updated_at = now;
    ctx.store.saveUnit(unit);

    const pending = disposition === 'destroy' && !options.approvedBy;
    return {
      feedback: feedback(pending ? 'warning' : 'ok', pending ? 'pending_approval' : 'decided', {
        disposition,
        location,
        licensePlate: lp,
        approvedBy: options.approvedBy?.name ?? null,
        workOrderId,
      }),
      receiptId: receipt.id,
      target: decisionId,
      undoable: 'decided',
    };
  }

  /**
   * A label the printer cannot lay out as asked (a product name too long for the tag even at its
   * smallest type) must not cost the clerk the decision: the label goes out with the unit's
   * plate and SKU in plain ASCII instead. In a savepoint, so the first try leaves nothing behind.
   */
  private enqueueLabel(job: NewLabelJob): void {
    const { ctx } = this;
    try {
      ctx.db.transaction(() => ctx.labels.enqueue(ctx.db, job))();
    } catch (err) {
      if (!(err instanceof AppError) || !err.code.startsWith('PRINT_')) throw err;
      ctx.labels.enqueue(ctx.db, plainLabel(job));
    }
  }

  /** Approves a pending destroy (the unit joins the open destruction batch). */
  approve(
    decision: DecisionRow,
    approvalId: string,
    approver: UserView,
    via: 'station' | 'queue',
    note: string | null,
  ): void {
    const now = this.ctx.clock.now();
    const changed = this.setApproval.run({
      id: approvalId,
      from: 'pending',
      status: 'approved',
      by: approver.id,
      at: now,
      via,
      note,
    }).changes;
    if (changed !== 1) throw new AppError('QC_APPROVAL_NOT_PENDING', { id: approvalId });
    this.addToBatch(decision.unit_id, decision.id, approvalId, approver, now);
  }

  /**
   * Reverts a decision without erasing it: marked undone, a -1 adjustment naming the original,
   * its work order cancelled, its approval withdrawn or rejected, its batch entry marked removed.
   * The unit goes back to the disposition step.
   */
  revert(
    decision: DecisionRow,
    by: UserView,
    approvalOutcome: 'withdrawn' | 'rejected',
    note: string | null = null,
  ): void {
    const { ctx } = this;
    const now = ctx.clock.now();
    const batch = this.batchOf.get(decision.id);
    if (batch && batch.status !== 'open') {
      throw new AppError('QC_UNDO_TOO_LATE', { reason: 'batch_closed', batchId: batch.batch_id });
    }
    const original = this.eventPayload.get(decision.adjustment_event_id ?? '');
    if (!original) throw new AppError('INTERNAL', { reason: 'decision without its adjustment event' });
    const payload = JSON.parse(original.payload) as OutboxPayload<'inventory.adjusted'>;
    const compensationId = ctx.newId();
    const event = ctx.outbox.enqueue(ctx.db, {
      destination: HUB_DESTINATION,
      orderingKey: `unit:${payload.licensePlate}`,
      type: 'inventory.adjusted',
      payload: {
        ...payload,
        adjustmentId: compensationId,
        compensates: payload.adjustmentId,
        quantity: -1,
        decidedBy: by.id,
        decidedAt: now,
      },
    });
    if (!ctx.store.markDecisionUndone(decision.id, by.id, now, event.id)) {
      throw new AppError('QC_NOTHING_TO_UNDO', { id: decision.id });
    }
    if (decision.work_order_id) this.cancelWorkOrder.run(by.id, now, decision.work_order_id);
    if (decision.approval_id) {
      for (const from of ['pending', 'approved']) {
        this.setApproval.run({
          id: decision.approval_id,
          from,
          status: approvalOutcome,
          by: approvalOutcome === 'rejected' ? by.id : null,
          at: approvalOutcome === 'rejected' ? now : null,
          via: null,
          note,
        });
      }
    }
    if (batch) this.removeBatchItem.run(by.id, now, decision.id);
    const unit = ctx.store.unit(decision.unit_id);
    if (unit) {
      unit.decision_id = null;
      unit.chosen = null;
      unit.override_reason = null;
      unit.scrap_reason = null;
      unit.step = 'disposition';
      unit.updated_at = now;
      ctx.store.saveUnit(unit);
    }
  }

  private addToBatch(
    unitId: number,
    decisionId: string,
    approvalId: string,
    by: UserView,
    now: number,
  ): void {
    const { ctx } = this;
    let batchId = this.openBatch.get(ctx.stationId)?.id;
    if (!batchId) {
      batchId = `DB-${ctx.newId()}`;
      this.insertBatch.run(batchId, ctx.stationId, by.id, now);
    }
    this.insertBatchItem.run(batchId, unitId, decisionId, approvalId, now);
  }

  private labelsFor(
    receipt: ReceiptRow,
    unit: UnitRow,
    d: {
      disposition: Disposition;
      grade: Grade;
      location: string;
      workOrderId: string | null;
      now: number;
      actor: Actor;
    },
  ): NewLabelJob[] {
    const lp = this.ctx.plates.of(unit.id);
    const platformId =
      unit.return_order_id &&
      this.ctx.store.orders(receipt.id).find((o) => o.id === unit.return_order_id)?.platform_return_id;
    const returnId = barcodeValue(platformId) ?? barcodeValue(receipt.scanned_code) ?? lp;
    const item = labelText(unit.name ?? unit.sku ?? unit.scanned_code ?? lp, 300);
    const sku = barcodeValue(unit.sku);
    const requestedBy = d.actor.user.id;
    const jobs: NewLabelJob[] = [
      {
        template: 'license-plate',
        data: {
          lpn: lp,
          returnId,
          receivedAt: labelTime(unit.created_at),
          station: labelText(this.ctx.stationName(), 40),
        },
        requestedBy,
      },
    ];
    if (d.disposition === 'restock') {
      jobs.push({
        template: 'restock-label',
        data: { sku: sku ?? lp, bin: d.location, description: item.slice(0, 200), barcode: sku ?? lp },
        requestedBy,
      });
    } else if (d.disposition === 'refurbish' && d.workOrderId) {
      const faults = faultsOf(unit.category, JSON.parse(unit.answers) as Record<string, Answer>);
      jobs.push({
        template: 'refurbish-work-order',
        data: {
          workOrderId: d.workOrderId,
          returnId,
          item: item.slice(0, 200),
          faults: labelText(faults.length > 0 ? faults.join(', ') : (unit.reason ?? 'check'), 400),
          assignedTo: 'Refurbish bench',
          due: labelTime(d.now + WORK_ORDER_DAYS * 86_400_000).slice(0, 10),
        },
        requestedBy,
      });
    } else {
      jobs.push({
        template: 'qc-tag',
        data: {
          returnId,
          grade: d.grade,
          disposition: d.disposition,
          item,
          ...(sku ? { sku } : {}),
          inspectedBy: labelText(d.actor.user.name, 40),
          inspectedAt: labelTime(d.now),
          barcode: lp,
        },
        requestedBy,
      });
    }
    return jobs;
  }
}

/** The same label with every free text reduced to what any printer font prints. */
function plainLabel(job: NewLabelJob): NewLabelJob {
  const ascii = (v: string, max: number): string =>
    v
      .replace(/[^\x20-\x7e]/g, '')
      .trim()
      .slice(0, max) || '-';
  switch (job.template) {
    case 'qc-tag':
      return {
        ...job,
        data: {
          ...job.data,
          item: ascii(job.data.sku ?? job.data.barcode, 60),
          inspectedBy: ascii(job.data.inspectedBy, 40),
        },
      };
    case 'restock-label':
      return { ...job, data: { ...job.data, description: ascii(job.data.sku, 60) } };
    case 'refurbish-work-order':
      return {
        ...job,
        data: { ...job.data, item: ascii(job.data.item, 60), faults: ascii(job.data.faults, 120) },
      };
    case 'license-plate':
      return { ...job, data: { ...job.data, station: ascii(job.data.station, 40) } };
  }
}
