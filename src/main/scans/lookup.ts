import type { ParcelView, ReturnOrderView } from '../../shared/domain';
import type { Db } from '../db/open';

interface ParcelRow {
  id: string;
  tracking_number: string;
  carrier: string;
  country: string;
  order_id: string | null;
  direction: ParcelView['direction'];
  status: ParcelView['status'];
}

interface ReturnRow {
  id: string;
  platform_return_id: string;
  order_id: string;
  return_tracking_number: string | null;
  status: ReturnOrderView['status'];
  reason: string | null;
}

export interface LookupResult {
  parcel: ParcelView | null;
  returnOrder: ReturnOrderView | null;
}

const RETURN_COLUMNS = 'id, platform_return_id, order_id, return_tracking_number, status, reason';
const PARCEL_COLUMNS = 'id, tracking_number, carrier, country, order_id, direction, status';

/**
 * Finds what a scanned code refers to. A dock scans the return tracking number, the platform's
 * return id or the order id; every one of them is an indexed lookup.
 */
export class CodeLookup {
  private readonly parcelByTracking;
  private readonly returnByParcel;
  private readonly returnByCode;
  private readonly openReturnByOrder;
  private readonly itemsOfReturn;
  private readonly parcelById;
  private readonly returnById;

  constructor(db: Db) {
    this.parcelByTracking = db.prepare<[string], ParcelRow>(
      `SELECT ${PARCEL_COLUMNS} FROM parcels WHERE tracking_number = ? ORDER BY direction = 'return' DESC, created_at DESC LIMIT 1`,
    );
    this.returnByParcel = db.prepare<[string], ReturnRow>(
      `SELECT ${RETURN_COLUMNS} FROM return_orders WHERE parcel_id = ? ORDER BY created_at DESC LIMIT 1`,
    );
    // Three indexed probes in priority order; UNION ALL keeps each one an index lookup.
    this.returnByCode = db.prepare<[string, string, string], ReturnRow>(
      `SELECT * FROM (
         SELECT ${RETURN_COLUMNS}, 1 AS rank, created_at FROM return_orders WHERE return_tracking_number = ?
         UNION ALL SELECT ${RETURN_COLUMNS}, 2, created_at FROM return_orders WHERE platform_return_id = ?
         UNION ALL SELECT ${RETURN_COLUMNS}, 3, created_at FROM return_orders WHERE order_id = ?
       ) ORDER BY rank, created_at DESC LIMIT 1`,
    );
    this.openReturnByOrder = db.prepare<[string], ReturnRow>(
      `SELECT ${RETURN_COLUMNS} FROM return_orders WHERE order_id = ? AND status IN ('expected', 'received', 'inspecting')
       ORDER BY created_at DESC LIMIT 1`,
    );
    this.parcelById = db.prepare<[string], ParcelRow>(`SELECT ${PARCEL_COLUMNS} FROM parcels WHERE id = ?`);
    this.returnById = db.prepare<[string], ReturnRow>(
      `SELECT ${RETURN_COLUMNS} FROM return_orders WHERE id = ?`,
    );
    this.itemsOfReturn = db.prepare<[string], ReturnOrderView['items'][number]>(
      'SELECT id, sku, name, quantity FROM return_items WHERE return_order_id = ? ORDER BY rowid',
    );
  }

  /**
   * Tries `codes` in order (the scanned code, then what the recogniser read in it) and answers
   * with the first that finds something; each is the same few index probes as `find`.
   */
  findFirst(codes: readonly string[]): LookupResult & { matched: string | null } {
    const tried = new Set<string>();
    for (const code of codes) {
      if (tried.has(code)) continue;
      tried.add(code);
      const found = this.find(code);
      if (found.parcel || found.returnOrder) return { ...found, matched: code };
    }
    return { parcel: null, returnOrder: null, matched: null };
  }

  find(code: string): LookupResult {
    const parcelRow = this.parcelByTracking.get(code);
    let returnRow = parcelRow ? this.returnByParcel.get(parcelRow.id) : undefined;
    // Buyers often send the goods back in the original box: the outbound label then leads to the
    // order's open return, which is what the dock must inspect.
    if (!returnRow && parcelRow?.order_id) returnRow = this.openReturnByOrder.get(parcelRow.order_id);
    returnRow ??= this.returnByCode.get(code, code, code);
    return {
      parcel: parcelRow ? toParcel(parcelRow) : null,
      returnOrder: returnRow ? this.toReturn(returnRow) : null,
    };
  }

  /** What an earlier scan found, by the ids it stored (a repeated request answers with it). */
  byIds(
    parcelId: string | null,
    returnOrderId: string | null,
  ): { parcel: ParcelView | null; returnOrder: ReturnOrderView | null } {
    const parcelRow = parcelId === null ? undefined : this.parcelById.get(parcelId);
    const returnRow = returnOrderId === null ? undefined : this.returnById.get(returnOrderId);
    return {
      parcel: parcelRow ? toParcel(parcelRow) : null,
      returnOrder: returnRow ? this.toReturn(returnRow) : null,
    };
  }

  private toReturn(row: ReturnRow): ReturnOrderView {
    return {
      id: row.id,
      platformReturnId: row.platform_return_id,
      orderId: row.order_id,
      returnTrackingNumber: row.return_tracking_number,
      status: row.status,
      reason: row.reason,
      items: this.itemsOfReturn.all(row.id),
    };
  }
}

function toParcel(row: ParcelRow): ParcelView {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    carrier: row.carrier,
    country: row.country,
    orderId: row.order_id,
    direction: row.direction,
    status: row.status,
  };
}
