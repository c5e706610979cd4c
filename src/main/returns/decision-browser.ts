import { AppError } from '../../shared/errors';
import type { OUTBOX_STATUSES } from '../../shared/domain';
import type { Disposition, QcCategory, UnitMatch } from '../../shared/returns/qc-codes';
import type {
  AuditRow,
  DecisionPage,
  DecisionRow,
  DecisionTrail,
  TrailEvent,
} from '../../shared/returns/supervision-views';
import type { ApprovalQueue } from './approval-queue';
import type { DecisionRow as StoredDecision } from './receipt-store';
import { returnKey } from './qc-context';
import { idAtTime, type People, type SupervisionDeps } from './supervision-context';

export interface DecisionFilter {
  from?: number | undefined;
  to?: number | undefined;
  clerkId?: string | undefined;
  disposition?: Disposition | undefined;
  status?: 'active' | 'undone' | undefined;
  /** A license plate, platform return id, order id, return tracking number or receipt id. */
  query?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

/** A decision's own columns (the store's row) and what the browser joins to it. */
interface Row extends StoredDecision {
  receipt_id: string;
  return_order_id: string | null;
  serial: string | null;
  sku: string | null;
  name: string | null;
  category: QcCategory;
  match: UnitMatch;
  unit_created_at: number;
  unit_created_by: string;
  scanned_code: string | null;
  answers: string;
  platform_return_id: string | null;
  order_id: string | null;
  approval_status: 'pending' | 'approved' | 'rejected' | 'withdrawn' | null;
  approval_decided_by: string | null;
}

interface EventRow {
  id: string;
  type: string;
  destination: string;
  status: (typeof OUTBOX_STATUSES)[number];
  attempts: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  next_attempt_at: number;
  payload: string;
}

const SELECT = `
  SELECT d.*, u.receipt_id, u.return_order_id, u.serial, u.sku, u.name, u.category, u.match,
         u.created_at AS unit_created_at, u.created_by AS unit_created_by, u.scanned_code, u.answers,
         r.platform_return_id, r.order_id, a.status AS approval_status, a.decided_by AS approval_decided_by
  FROM qc_unit_decisions d JOIN qc_units u ON u.id = d.unit_id
  LEFT JOIN return_orders r ON r.id = u.return_order_id
  LEFT JOIN qc_approvals a ON a.id = d.approval_id`;

const EVENT_COLUMNS = `id, type, destination, status, attempts, last_error, created_at, delivered_at, next_attempt_at, payload`;

const DEFAULT_LIMIT = 50;
const ID_SLACK_MS = 86_400_000;
/** Receipt decisions are held for the undo window; events of a receipt are looked for this long after it. */
const RECEIPT_EVENT_TAIL_MS = 6 * 3_600_000;

/**
 * The supervisor's decision browser: every unit decision, filtered by day, clerk, disposition or
 * a number from the return, and for one decision the whole story — the unit and its parcel, the
 * photos, every earlier decision of the unit, the approval and its batch, the outbox events that
 * carry it (with their delivery status) and the audit rows — so "what happened to this return?"
 * is answered in one place.
 */
export class DecisionBrowser {
  private readonly ordersByNumber;
  private readonly receiptsOfOrder;
  private readonly unitsOfReceipt;
  private readonly decisionById;
  private readonly decisionsOfUnit;
  private readonly eventById;
  private readonly eventsByKey;
  private readonly auditOf;
  private readonly receipt;
  private readonly receiptOrders;
  private readonly batchOf;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly people: People,
    private readonly approvals: ApprovalQueue,
  ) {
    const { db } = deps;
    this.ordersByNumber = db.prepare<[string, string, string, string], { id: string }>(
      `SELECT id FROM return_orders WHERE platform_return_id = ? OR order_id = ? OR return_tracking_number = ? OR id = ?`,
    );
    this.receiptsOfOrder = db.prepare<[string], { receipt_id: string }>(
      'SELECT receipt_id FROM qc_receipt_orders WHERE return_order_id = ?',
    );
    this.unitsOfReceipt = db.prepare<[string], { id: number }>(
      'SELECT id FROM qc_units WHERE receipt_id = ?',
    );
    this.decisionById = db.prepare<[string], Row>(`${SELECT} WHERE d.id = ?`);
    this.decisionsOfUnit = db.prepare<[number], Row>(`${SELECT} WHERE d.unit_id = ? ORDER BY d.id DESC`);
    this.eventById = db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE id = ?`,
    );
    this.eventsByKey = db.prepare<[string, string, string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM outbox_events WHERE id >= ? AND id < ? AND ordering_key = ? ORDER BY seq`,
    );
    this.auditOf = db.prepare<
      [string, string],
      {
        id: number;
        at: number;
        user_id: string | null;
        station: string;
        action: string;
        entity_type: string;
        entity_id: string;
        details: string;
      }
    >(
      `SELECT id, at, user_id, station, action, entity_type, entity_id, details FROM audit_log
       WHERE entity_type = ? AND entity_id = ? ORDER BY id`,
    );
    this.receipt = db.prepare<
      [string],
      {
        id: string;
        kind: 'expected' | 'unexpected';
        status: 'open' | 'completed';
        scanned_code: string;
        condition: DecisionTrail['receipt']['condition'];
        opened_by: string;
        opened_at: number;
        completed_by: string | null;
        completed_at: number | null;
      }
    >('SELECT * FROM qc_receipts WHERE id = ?');
    this.receiptOrders = db.prepare<
      [string],
      {
        id: string;
        platform_return_id: string;
        order_id: string;
        buyer_name: string | null;
        status: string;
        decision: 'approve' | 'reject' | null;
        reject_reason: DecisionTrail['orders'][number]['rejectReason'];
      }
    >(
      `SELECT r.id, r.platform_return_id, r.order_id, r.buyer_name, r.status, o.decision, o.reject_reason
       FROM qc_receipt_orders o JOIN return_orders r ON r.id = o.return_order_id WHERE o.receipt_id = ? ORDER BY o.position`,
    );
    this.batchOf = db.prepare<
      [string],
      {
        id: string;
        status: 'open' | 'closed' | 'certified';
        certificate_id: string | null;
        closed_at: number | null;
      }
    >(
      `SELECT b.id, b.status, c.id AS certificate_id, b.closed_at FROM destruction_batch_items i
       JOIN destruction_batches b ON b.id = i.batch_id LEFT JOIN destruction_certificates c ON c.batch_id = b.id
       WHERE i.decision_id = ? ORDER BY i.added_at DESC LIMIT 1`,
    );
  }

  page(filter: DecisionFilter): DecisionPage {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const from = filter.from ?? 0;
    const to = filter.to ?? 2 ** 50;
    const where: string[] = ['d.decided_at >= @from', 'd.decided_at < @to'];
    const params: Record<string, string | number> = { from, to, limit: limit + 1 };
    const query = filter.query?.trim();
    if (query) {
      const units = this.unitsMatching(query);
      if (units.length === 0) return { rows: [], next: null };
      where.push(`d.unit_id IN (${units.map((_, i) => `@u${i}`).join(', ')})`);
      units.forEach((u, i) => (params[`u${i}`] = u));
    } else {
      // Decision ids are time-ordered: a day is a range of the primary key.
      where.push('d.id >= @lo', 'd.id < @hi');
      params.lo = idAtTime(from);
      params.hi = idAtTime(to + ID_SLACK_MS);
    }
    if (filter.before) {
      where.push('d.id < @before');
      params.before = filter.before;
    }
    if (filter.clerkId) {
      where.push('d.decided_by = @clerk');
      params.clerk = filter.clerkId;
    }
    if (filter.disposition) {
      where.push('d.disposition = @disposition');
      params.disposition = filter.disposition;
    }
    if (filter.status) {
      where.push('d.status = @status');
      params.status = filter.status;
    }
    const rows = this.deps.db
      .prepare<Record<string, string | number>, Row>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT @limit`,
      )
      .all(params);
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    return { rows: shown.map((r) => this.view(r)), next: more ? (shown.at(-1)?.id ?? null) : null };
  }

  trail(decisionId: string): DecisionTrail {
    const row = this.decisionById.get(decisionId);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'decision', id: decisionId });
    const lp = this.deps.qc.plates.of(row.unit_id);
    const history = this.decisionsOfUnit.all(row.unit_id);
    const receipt = this.receipt.get(row.receipt_id);
    if (!receipt) throw new AppError('NOT_FOUND', { entity: 'receipt', id: row.receipt_id });
    const orders = this.receiptOrders.all(receipt.id);
    const { store } = this.deps.qc;
    const photos = [
      ...store.photos('unit', lp).map((p) => ({ ...p, of: 'unit' as const })),
      ...store.photos('receipt', receipt.id).map((p) => ({ ...p, of: 'parcel' as const })),
    ];
    const approvalIds = history.flatMap((h) => (h.approval_id ? [h.approval_id] : []));
    // The unit's destroy approval, also when a later decision replaced the refused destroy.
    const approvalId = row.approval_id ?? approvalIds[0] ?? null;
    const approval = approvalId ? this.approvals.get(approvalId) : null;
    const batch = this.batchOf.get(row.id) ?? history.map((h) => this.batchOf.get(h.id)).find(Boolean);

    const events = new Map<string, EventRow>();
    const add = (e: EventRow | undefined): void => {
      if (e) events.set(e.id, e);
    };
    for (const h of history) {
      if (h.adjustment_event_id) add(this.eventById.get(h.adjustment_event_id));
      if (h.undo_event_id) add(this.eventById.get(h.undo_event_id));
    }
    const until = (receipt.completed_at ?? this.deps.clock.now()) + RECEIPT_EVENT_TAIL_MS;
    for (const o of orders) {
      for (const e of this.eventsByKey.all(
        idAtTime(receipt.opened_at - 60_000),
        idAtTime(until),
        returnKey(o.id),
      )) {
        add(e);
      }
    }
    if (batch?.closed_at) {
      for (const e of this.eventsByKey.all(
        idAtTime(batch.closed_at - 1000),
        idAtTime(batch.closed_at + ID_SLACK_MS),
        `batch:${batch.id}`,
      )) {
        add(e);
      }
    }

    const audit: AuditRow[] = [];
    const entities: Array<[string, string]> = [
      ['qc_unit_decision', row.id],
      ['qc_unit', lp],
      ['qc_receipt', receipt.id],
      ...approvalIds.map((id): [string, string] => ['qc_approval', id]),
      ...(batch ? [['destruction_batch', batch.id] as [string, string]] : []),
      ...orders.map((o): [string, string] => ['return_order', o.id]),
    ];
    for (const [type, id] of entities) {
      for (const a of this.auditOf.all(type, id)) {
        audit.push({
          id: a.id,
          at: a.at,
          user: this.people.maybe(a.user_id),
          station: a.station,
          action: a.action,
          entityType: a.entity_type,
          entityId: a.entity_id,
          details: parseDetails(a.details),
        });
      }
    }
    audit.sort((x, y) => x.id - y.id);

    return {
      decision: this.view(row),
      history: history.map((h) => this.view(h)),
      unit: {
        licensePlate: lp,
        scannedCode: row.scanned_code,
        answers: JSON.parse(row.answers) as Record<string, 'yes' | 'no'>,
        scannedBy: this.people.user(row.unit_created_by),
        scannedAt: row.unit_created_at,
      },
      receipt: {
        id: receipt.id,
        kind: receipt.kind,
        status: receipt.status,
        scannedCode: receipt.scanned_code,
        condition: receipt.condition,
        openedBy: this.people.user(receipt.opened_by),
        openedAt: receipt.opened_at,
        completedBy: this.people.maybe(receipt.completed_by),
        completedAt: receipt.completed_at,
      },
      orders: orders.map((o) => ({
        id: o.id,
        platformReturnId: o.platform_return_id,
        orderId: o.order_id,
        buyerName: o.buyer_name,
        status: o.status,
        decision: o.decision,
        rejectReason: o.reject_reason,
      })),
      photos,
      approval,
      batch: batch ? { id: batch.id, status: batch.status, certificateId: batch.certificate_id } : null,
      events: [...events.values()]
        .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1))
        .map(eventView),
      audit,
    };
  }

  /** The units a typed or scanned number refers to. */
  private unitsMatching(query: string): number[] {
    const units = new Set<number>();
    const lp = this.deps.qc.plates.unitOf(query.toUpperCase());
    if (lp !== null) units.add(lp);
    const receipts = new Set<string>([query]);
    for (const o of this.ordersByNumber.all(query, query, query, query)) {
      for (const r of this.receiptsOfOrder.all(o.id)) receipts.add(r.receipt_id);
    }
    for (const r of receipts) for (const u of this.unitsOfReceipt.all(r)) units.add(u.id);
    return [...units].slice(0, 500);
  }

  private view(r: Row): DecisionRow {
    const { people } = this;
    const lp = this.deps.qc.plates.of(r.unit_id);
    return {
      id: r.id,
      status: r.status,
      licensePlate: lp,
      receiptId: r.receipt_id,
      returnOrderId: r.return_order_id,
      platformReturnId: r.platform_return_id,
      orderId: r.order_id,
      sku: r.sku,
      name: r.name,
      serial: r.serial,
      category: r.category,
      match: r.match,
      grade: r.grade,
      reason: r.reason,
      disposition: r.disposition,
      suggested: r.suggested,
      ruleId: r.rule_id,
      ruleVersion: r.rule_version,
      overrideReason: r.override_reason,
      scrapReason: r.scrap_reason,
      location: r.location,
      binCode: r.bin_code,
      workOrderId: r.work_order_id,
      approval:
        r.approval_id && r.approval_status
          ? { id: r.approval_id, status: r.approval_status, decidedBy: people.maybe(r.approval_decided_by) }
          : null,
      decidedBy: people.user(r.decided_by),
      decidedAt: r.decided_at,
      station: people.station(r.station_id),
      undoneBy: people.maybe(r.undone_by),
      undoneAt: r.undone_at,
      photos: this.deps.qc.store.photos('unit', lp).length,
    };
  }
}

function eventView(e: EventRow): TrailEvent {
  return {
    id: e.id,
    type: e.type,
    destination: e.destination,
    status: e.status,
    attempts: e.attempts,
    lastError: e.last_error,
    createdAt: e.created_at,
    deliveredAt: e.delivered_at,
    nextAttemptAt: e.next_attempt_at,
    summary: summarise(e.type, e.payload),
  };
}

/** The facts of a payload a supervisor reads, in one line (the screen shows the type translated). */
function summarise(type: string, payload: string): string {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return '';
  }
  const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  switch (type) {
    case 'inventory.adjusted':
      return `${Number(p.quantity) > 0 ? '+1' : '−1'} ${s(p.sku) || s(p.licensePlate)} → ${s(p.location)} (${s(p.disposition)}, ${s(p.grade)})`;
    case 'return.received':
      return `${s(p.platformReturnId)} · ${s(p.scannedCode)}`;
    case 'return.receipt_decided':
      return `${s(p.platformReturnId)} · ${s(p.decision)}${p.rejectReason ? ` · ${s(p.rejectReason)}` : ''}`;
    case 'qc.destruction_certified':
      return `${s(p.certificateId)} · ${s(p.batchId)}`;
    default:
      return [p.platformReturnId, p.code, p.licensePlate].map(s).filter(Boolean).join(' · ');
  }
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
