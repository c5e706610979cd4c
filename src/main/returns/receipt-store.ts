import type {
  Disposition,
  Grade,
  OverrideReason,
  ParcelCondition,
  PhotoPurpose,
  QcCategory,
  QcReason,
  ReceiptDecision,
  ReceiptStep,
  RejectReason,
  ScrapReason,
  UnitMatch,
  UnitStep,
} from '../../shared/returns/qc-codes';
import type { PhotoRef } from '../../shared/returns/qc-views';
import type { Db } from '../db/open';

export interface ReceiptRow {
  id: string;
  station_id: string;
  kind: 'expected' | 'unexpected';
  status: 'open' | 'completed';
  step: ReceiptStep;
  scanned_code: string;
  condition: ParcelCondition | null;
  note: string | null;
  quarantine_bin: string | null;
  opened_by: string;
  opened_at: number;
  completed_by: string | null;
  completed_at: number | null;
}

export interface ReceiptOrderRow {
  id: string;
  platform: string;
  platform_return_id: string;
  order_id: string;
  return_tracking_number: string | null;
  status: string;
  reason: string | null;
  buyer_name: string | null;
  platform_status: string | null;
  return_type: string | null;
  next_action: string | null;
  next_action_deadline: number | null;
  carrier: string | null;
  country: string | null;
  position: number;
  decision: ReceiptDecision | null;
  reject_reason: RejectReason | null;
}

export interface ItemRow {
  id: string;
  return_order_id: string;
  sku: string;
  barcode: string | null;
  name: string;
  quantity: number;
  unit_price: string | null;
  currency: string | null;
  category: string | null;
}

export interface UnitRow {
  id: number;
  receipt_id: string;
  seq: number;
  status: 'active' | 'voided';
  return_order_id: string | null;
  return_item_id: string | null;
  match: UnitMatch;
  scanned_code: string | null;
  serial: string | null;
  sku: string | null;
  name: string | null;
  category: QcCategory;
  step: UnitStep;
  answers: string;
  grade: Grade | null;
  reason: QcReason | null;
  suggested: Disposition | null;
  rule_id: string | null;
  rule_version: number | null;
  chosen: Disposition | null;
  override_reason: OverrideReason | null;
  scrap_reason: ScrapReason | null;
  decision_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface DecisionRow {
  id: string;
  unit_id: number;
  disposition: Disposition;
  grade: Grade;
  reason: QcReason;
  suggested: Disposition;
  rule_id: string;
  rule_version: number;
  override_reason: OverrideReason | null;
  scrap_reason: ScrapReason | null;
  bin_code: string | null;
  location: string;
  work_order_id: string | null;
  approval_id: string | null;
  status: 'active' | 'undone';
  adjustment_event_id: string | null;
  decided_by: string;
  decided_at: number;
  station_id: string;
  undone_by: string | null;
  undone_at: number | null;
  undo_event_id: string | null;
}

export type LinkedPhoto = PhotoRef & { purpose: PhotoPurpose };

/**
 * The rows of parcels on the bench: receipts, their return orders, units and decisions. Prepared
 * once; every method runs inside the caller's transaction when it writes.
 */
export class ReceiptStore {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      open: db.prepare<[string], ReceiptRow>(
        `SELECT * FROM qc_receipts WHERE station_id = ? AND status = 'open'`,
      ),
      byId: db.prepare<[string], ReceiptRow>('SELECT * FROM qc_receipts WHERE id = ?'),
      lastCompleted: db.prepare<[string], ReceiptRow>(
        `SELECT * FROM qc_receipts WHERE station_id = ? AND completed_at IS NOT NULL
         ORDER BY completed_at DESC LIMIT 1`,
      ),
      insertReceipt: db.prepare(
        `INSERT INTO qc_receipts (id, station_id, kind, status, step, scanned_code, scan_id, opened_by, opened_at, updated_at)
         VALUES (@id, @station, @kind, 'open', @step, @code, @scanId, @by, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE qc_receipts SET status = @status, step = @step, condition = @condition, note = @note,
           quarantine_bin = @quarantine_bin, completed_by = @completed_by, completed_at = @completed_at,
           updated_at = @now WHERE id = @id`,
      ),
      orders: db.prepare<[string], ReceiptOrderRow>(
        `SELECT r.id, r.platform, r.platform_return_id, r.order_id, r.return_tracking_number, r.status, r.reason,
                r.buyer_name, r.platform_status, r.return_type, r.next_action, r.next_action_deadline,
                p.carrier, p.country, o.position, o.decision, o.reject_reason
         FROM qc_receipt_orders o JOIN return_orders r ON r.id = o.return_order_id
         LEFT JOIN parcels p ON p.id = r.parcel_id
         WHERE o.receipt_id = ? ORDER BY o.position`,
      ),
      receiptOfOrder: db.prepare<
        [string],
        { receipt_id: string; status: string; completed_at: number | null }
      >(
        `SELECT o.receipt_id, q.status, q.completed_at FROM qc_receipt_orders o
         JOIN qc_receipts q ON q.id = o.receipt_id WHERE o.return_order_id = ? ORDER BY q.opened_at DESC LIMIT 1`,
      ),
      addOrder: db.prepare(
        `INSERT INTO qc_receipt_orders (receipt_id, return_order_id, position, added_by, added_at)
         VALUES (?, ?, (SELECT count(*) FROM qc_receipt_orders WHERE receipt_id = ?), ?, ?)`,
      ),
      setOrderDecision: db.prepare(
        'UPDATE qc_receipt_orders SET decision = ?, reject_reason = ? WHERE receipt_id = ? AND return_order_id = ?',
      ),
      markReceived: db.prepare(
        `UPDATE return_orders SET status = CASE WHEN status = 'expected' THEN 'received' ELSE status END,
           received_at = coalesce(received_at, @now), received_by = coalesce(received_by, @by), updated_at = @now
         WHERE id = @id`,
      ),
      setOrderStatus: db.prepare('UPDATE return_orders SET status = ?, updated_at = ? WHERE id = ?'),
      items: db.prepare<[string], ItemRow>(
        `SELECT id, return_order_id, sku, barcode, name, quantity, unit_price, currency, category
         FROM return_items WHERE return_order_id = ? ORDER BY rowid`,
      ),
      units: db.prepare<[string], UnitRow>(
        `SELECT * FROM qc_units WHERE receipt_id = ? AND status = 'active' ORDER BY seq`,
      ),
      unit: db.prepare<[number], UnitRow>('SELECT * FROM qc_units WHERE id = ?'),
      nextSeq: db.prepare<[string], { n: number }>(
        'SELECT coalesce(max(seq), 0) + 1 AS n FROM qc_units WHERE receipt_id = ?',
      ),
      insertUnit: db.prepare(
        `INSERT INTO qc_units (receipt_id, seq, status, return_order_id, return_item_id, match, scanned_code, sku, name,
           category, step, created_by, created_at, updated_at)
         VALUES (@receipt, @seq, 'active', @order, @item, @match, @code, @sku, @name, @category, @step, @by, @now, @now)`,
      ),
      updateUnit: db.prepare(
        `UPDATE qc_units SET status = @status, serial = @serial, step = @step, answers = @answers, grade = @grade,
           reason = @reason, suggested = @suggested, rule_id = @rule_id, rule_version = @rule_version,
           chosen = @chosen, override_reason = @override_reason, scrap_reason = @scrap_reason,
           decision_id = @decision_id, updated_at = @updated_at
         WHERE id = @id`,
      ),
      insertDecision: db.prepare(
        `INSERT INTO qc_unit_decisions (id, unit_id, disposition, grade, reason, suggested, rule_id, rule_version,
           override_reason, scrap_reason, bin_code, location, work_order_id, approval_id, status,
           adjustment_event_id, decided_by, decided_at, station_id)
         VALUES (@id, @unit_id, @disposition, @grade, @reason, @suggested, @rule_id, @rule_version, @override_reason,
           @scrap_reason, @bin_code, @location, @work_order_id, @approval_id, 'active', @adjustment_event_id,
           @decided_by, @decided_at, @station_id)`,
      ),
      decision: db.prepare<[string], DecisionRow>('SELECT * FROM qc_unit_decisions WHERE id = ?'),
      undoDecision: db.prepare(
        `UPDATE qc_unit_decisions SET status = 'undone', undone_by = ?, undone_at = ?, undo_event_id = ?
         WHERE id = ? AND status = 'active'`,
      ),
      photos: db.prepare<[string, string], LinkedPhoto>(
        `SELECT p.sha256, p.mime_type AS mimeType, p.width, p.height, p.bytes, l.purpose
         FROM qc_photo_links l JOIN qc_photos p ON p.sha256 = l.sha256
         WHERE l.entity_type = ? AND l.entity_id = ? ORDER BY l.linked_at, l.sha256`,
      ),
      linkPhoto: db.prepare(
        `INSERT INTO qc_photo_links (entity_type, entity_id, purpose, sha256, linked_by, linked_at, station_id)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      userName: db.prepare<[string], { id: string; name: string; role: string }>(
        'SELECT id, name, role FROM users WHERE id = ?',
      ),
    };
  }

  openReceipt(stationId: string): ReceiptRow | undefined {
    return this.s.open.get(stationId);
  }

  receipt(id: string): ReceiptRow | undefined {
    return this.s.byId.get(id);
  }

  lastCompleted(stationId: string): ReceiptRow | undefined {
    return this.s.lastCompleted.get(stationId);
  }

  insertReceipt(r: {
    id: string;
    station: string;
    kind: ReceiptRow['kind'];
    step: ReceiptStep;
    code: string;
    scanId: string | null;
    by: string;
    now: number;
  }): void {
    this.s.insertReceipt.run(r);
  }

  saveReceipt(r: ReceiptRow, now: number): void {
    this.s.update.run({
      id: r.id,
      status: r.status,
      step: r.step,
      condition: r.condition,
      note: r.note,
      quarantine_bin: r.quarantine_bin,
      completed_by: r.completed_by,
      completed_at: r.completed_at,
      now,
    });
  }

  orders(receiptId: string): ReceiptOrderRow[] {
    return this.s.orders.all(receiptId);
  }

  /** The latest receipt a return order was received in, if any. */
  receiptOfOrder(
    orderId: string,
  ): { receipt_id: string; status: string; completed_at: number | null } | undefined {
    return this.s.receiptOfOrder.get(orderId);
  }

  addOrder(receiptId: string, orderId: string, by: string, now: number): void {
    this.s.addOrder.run(receiptId, orderId, receiptId, by, now);
    this.s.markReceived.run({ id: orderId, by, now });
  }

  setOrderDecision(
    receiptId: string,
    orderId: string,
    decision: ReceiptDecision | null,
    reason: RejectReason | null,
  ): void {
    this.s.setOrderDecision.run(decision, reason, receiptId, orderId);
  }

  setOrderStatus(orderId: string, status: string, now: number): void {
    this.s.setOrderStatus.run(status, now, orderId);
  }

  items(orderId: string): ItemRow[] {
    return this.s.items.all(orderId);
  }

  units(receiptId: string): UnitRow[] {
    return this.s.units.all(receiptId);
  }

  unit(id: number): UnitRow | undefined {
    return this.s.unit.get(id);
  }

  insertUnit(u: {
    receipt: string;
    order: string | null;
    item: string | null;
    match: UnitMatch;
    code: string | null;
    sku: string | null;
    name: string | null;
    category: QcCategory;
    step: UnitStep;
    by: string;
    now: number;
  }): number {
    const seq = this.s.nextSeq.get(u.receipt)?.n ?? 1;
    return Number(this.s.insertUnit.run({ ...u, seq }).lastInsertRowid);
  }

  saveUnit(u: UnitRow): void {
    this.s.updateUnit.run({
      id: u.id,
      status: u.status,
      serial: u.serial,
      step: u.step,
      answers: u.answers,
      grade: u.grade,
      reason: u.reason,
      suggested: u.suggested,
      rule_id: u.rule_id,
      rule_version: u.rule_version,
      chosen: u.chosen,
      override_reason: u.override_reason,
      scrap_reason: u.scrap_reason,
      decision_id: u.decision_id,
      updated_at: u.updated_at,
    });
  }

  insertDecision(d: Omit<DecisionRow, 'status' | 'undone_by' | 'undone_at' | 'undo_event_id'>): void {
    this.s.insertDecision.run(d);
  }

  decision(id: string): DecisionRow | undefined {
    return this.s.decision.get(id);
  }

  markDecisionUndone(id: string, by: string, at: number, eventId: string | null): boolean {
    return this.s.undoDecision.run(by, at, eventId, id).changes === 1;
  }

  photos(entityType: 'receipt' | 'unit', entityId: string): LinkedPhoto[] {
    return this.s.photos.all(entityType, entityId);
  }

  linkPhoto(
    entityType: 'receipt' | 'unit',
    entityId: string,
    purpose: PhotoPurpose,
    sha256: string,
    by: string,
    now: number,
    stationId: string,
  ): void {
    this.s.linkPhoto.run(entityType, entityId, purpose, sha256, by, now, stationId);
  }

  user(id: string): { id: string; name: string; role: string } {
    return this.s.userName.get(id) ?? { id, name: id, role: 'clerk' };
  }
}
