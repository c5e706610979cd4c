import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ExceptionView } from '../../shared/returns/qc-views';
import type { ExceptionDisposal, ExceptionResolution } from '../../shared/returns/supervision-codes';
import { HUB_DESTINATION } from './qc-context';
import type { People, SupervisionDeps } from './supervision-context';

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
  resolved_by: string | null;
  resolved_at: number | null;
  resolution: string | null;
  resolution_kind: ExceptionResolution | null;
  matched_return_order_id: string | null;
  disposal: ExceptionDisposal | null;
  platform_return_id: string | null;
}

export type Resolution =
  | { kind: 'match'; returnOrderId: string; note?: string | undefined }
  | { kind: 'dispose'; disposal: ExceptionDisposal; note: string };

const SELECT = `
  SELECT e.id, e.receipt_id, e.code, e.quarantine_bin, e.note, e.status, e.raised_by, e.raised_at, e.station_id,
         e.resolved_by, e.resolved_at, e.resolution, e.resolution_kind, e.matched_return_order_id, e.disposal,
         r.platform_return_id
  FROM qc_exceptions e LEFT JOIN return_orders r ON r.id = e.matched_return_order_id`;

const LIST_LIMIT = 500;

/**
 * Unexpected returns waiting in quarantine, and their resolution by a supervisor: matched to a
 * return order that turned up later (the parcel then goes back to a bench, where scanning that
 * return receives it as usual), or disposed of (returned to sender, scrapped, donated) with a
 * note. Each resolution is audited and told to the hub, after the event that raised it.
 */
export class ExceptionDesk {
  private readonly byId;
  private readonly byStatus;
  private readonly all;
  private readonly orderById;
  private readonly resolve;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
  ) {
    const { db } = deps;
    this.byId = db.prepare<[string], ExceptionRow>(`${SELECT} WHERE e.id = ?`);
    this.byStatus = db.prepare<[string, number], ExceptionRow>(
      `${SELECT} WHERE e.status = ? ORDER BY e.raised_at, e.id LIMIT ?`,
    );
    this.all = db.prepare<[number], ExceptionRow>(`${SELECT} ORDER BY e.raised_at DESC, e.id DESC LIMIT ?`);
    this.orderById = db.prepare<[string], { id: string; platform_return_id: string; status: string }>(
      'SELECT id, platform_return_id, status FROM return_orders WHERE id = ?',
    );
    this.resolve = db.prepare(
      `UPDATE qc_exceptions SET status = 'resolved', resolved_by = @by, resolved_at = @at, resolution = @note,
         resolution_kind = @kind, matched_return_order_id = @order, disposal = @disposal, resolution_event_id = @event
       WHERE id = @id AND status = 'open'`,
    );
  }

  list(status?: 'open' | 'resolved'): ExceptionView[] {
    const rows = status ? this.byStatus.all(status, LIST_LIMIT) : this.all.all(LIST_LIMIT);
    return rows.map((r) => this.view(r));
  }

  get(id: string): ExceptionView {
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'exception', id });
    return this.view(row);
  }

  /** In the caller's transaction. */
  resolveOne(id: string, resolution: Resolution, by: UserView, operator: UserView): ExceptionView {
    const { db, clock, outbox, audit, qc, stationId } = this.deps;
    const row = this.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'exception', id });
    if (row.status !== 'open') throw new AppError('QC_EXCEPTION_RESOLVED', { id });
    let order: { id: string; platform_return_id: string } | null = null;
    if (resolution.kind === 'match') {
      order = this.orderById.get(resolution.returnOrderId) ?? null;
      if (!order) throw new AppError('NOT_FOUND', { entity: 'return_order', id: resolution.returnOrderId });
      // A return another parcel already brought is not this parcel's.
      const prior = qc.store.receiptOfOrder(order.id);
      if (prior) throw new AppError('QC_RETURN_CLOSED', { id: order.id, receiptId: prior.receipt_id });
    }
    const note = resolution.note?.trim() ? resolution.note.trim() : null;
    const now = clock.now();
    const kind: ExceptionResolution = resolution.kind === 'match' ? 'matched' : 'disposed';
    const disposal = resolution.kind === 'dispose' ? resolution.disposal : null;
    const event = outbox.enqueue(db, {
      destination: HUB_DESTINATION,
      orderingKey: `exception:${id}`,
      type: 'qc.exception_resolved',
      payload: {
        stationId,
        exceptionId: id,
        resolution: kind,
        returnOrderId: order?.id ?? null,
        platformReturnId: order?.platform_return_id ?? null,
        disposal,
        note,
        resolvedBy: by.id,
        resolvedAt: now,
      },
    });
    const changed = this.resolve.run({
      id,
      by: by.id,
      at: now,
      note,
      kind,
      order: order?.id ?? null,
      disposal,
      event: event.id,
    }).changes;
    if (changed !== 1) throw new AppError('QC_EXCEPTION_RESOLVED', { id });
    audit.record({
      userId: by.id,
      action: 'qc.exception_resolved',
      entityType: 'qc_exception',
      entityId: id,
      details: {
        resolution: kind,
        returnOrderId: order?.id ?? null,
        disposal,
        note,
        operator: operator.id,
        receipt: row.receipt_id,
        quarantineBin: row.quarantine_bin,
      },
    });
    return this.get(id);
  }

  private view(r: ExceptionRow): ExceptionView {
    const { people } = this;
    return {
      id: r.id,
      receiptId: r.receipt_id,
      code: r.code,
      quarantineBin: r.quarantine_bin,
      note: r.note,
      photos: this.deps.qc.store.photos('receipt', r.receipt_id).map(({ purpose: _p, ...ref }) => ref),
      status: r.status,
      raisedBy: people.user(r.raised_by),
      raisedAt: r.raised_at,
      stationId: r.station_id,
      resolution:
        r.status === 'resolved' && r.resolution_kind && r.resolved_by && r.resolved_at !== null
          ? {
              kind: r.resolution_kind,
              returnOrderId: r.matched_return_order_id,
              platformReturnId: r.platform_return_id,
              disposal: r.disposal,
              note: r.resolution,
              by: people.user(r.resolved_by),
              at: r.resolved_at,
            }
          : null,
    };
  }
}
