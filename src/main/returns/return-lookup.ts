import type { ParcelView } from '../../shared/domain';
import type { BuyerReturn, CandidateView } from '../../shared/returns/qc-views';
import type { Db } from '../db/open';
import type { Plates } from './plates';

interface CandidateRow {
  id: string;
  platform_return_id: string;
  order_id: string;
  return_tracking_number: string | null;
  buyer_name: string | null;
  status: string;
  received_at: number | null;
  received_by_name: string | null;
  item_count: number;
  matched_by: string;
}

interface ParcelRow {
  id: string;
  tracking_number: string;
  carrier: string;
  country: string;
  order_id: string | null;
  direction: ParcelView['direction'];
  status: ParcelView['status'];
}

const RETURN_COLUMNS = `r.id, r.platform_return_id, r.order_id, r.return_tracking_number, r.buyer_name, r.status,
  r.received_at, (SELECT name FROM users WHERE users.id = r.received_by) AS received_by_name,
  (SELECT count(*) FROM return_items i WHERE i.return_order_id = r.id) AS item_count`;

/** Digit runs in a buyer's QR (often a URL carrying the return id), longest first. */
const DIGIT_RUNS = /\d{10,24}/g;

/**
 * Everything a code on a returned parcel can point at, as index probes: the return tracking
 * number, the platform's return id, the order id, the parcel it came in (by tracking number, the
 * buyer reusing the outbound box included), one of our license plates, or a buyer's QR carrying
 * the return id. Every return order that matches is answered — a tracking number shared by two
 * returns shows both, never one picked silently.
 */
export class ReturnLookup {
  private readonly byTracking;
  private readonly byReturnId;
  private readonly byOrder;
  private readonly parcelsByTracking;
  private readonly byParcel;
  private readonly openByOrder;
  private readonly byUnit;
  private readonly ofBuyer;
  private readonly search;

  constructor(
    db: Db,
    private readonly plates: Plates,
  ) {
    const probe = (where: string, matchedBy: string) =>
      db.prepare<[string], CandidateRow>(
        `SELECT ${RETURN_COLUMNS}, '${matchedBy}' AS matched_by FROM return_orders r WHERE ${where}`,
      );
    this.byTracking = probe('r.return_tracking_number = ?', 'return_tracking');
    this.byReturnId = probe('r.platform_return_id = ?', 'platform_return_id');
    this.byOrder = probe('r.order_id = ?', 'order_id');
    this.byParcel = probe('r.parcel_id = ?', 'return_parcel');
    this.openByOrder = probe(
      "r.order_id = ? AND r.status IN ('expected', 'received', 'inspecting')",
      'outbound_label',
    );
    this.parcelsByTracking = db.prepare<[string], ParcelRow>(
      `SELECT id, tracking_number, carrier, country, order_id, direction, status FROM parcels
       WHERE tracking_number = ? ORDER BY direction = 'return' DESC, created_at DESC`,
    );
    this.byUnit = db.prepare<[number], CandidateRow>(
      `SELECT ${RETURN_COLUMNS}, 'license_plate' AS matched_by FROM qc_units u
       JOIN return_orders r ON r.id = u.return_order_id WHERE u.id = ?`,
    );
    this.ofBuyer = db.prepare<[string], CandidateRow>(
      `SELECT ${RETURN_COLUMNS}, 'buyer' AS matched_by FROM return_orders r
       WHERE r.buyer_name = ? COLLATE NOCASE AND r.status = 'expected' ORDER BY r.created_at LIMIT 20`,
    );
    // Manual search: any part (3+ characters) of a number or a name, through the trigram index
    // (returns/004), never a scan of every return. The newest 200 matches are ranked: still
    // expected first, newest first.
    this.search = db.prepare<{ match: string }, CandidateRow>(
      `SELECT ${RETURN_COLUMNS}, 'search' AS matched_by FROM return_orders r
       WHERE r.rowid IN (SELECT rowid FROM return_search WHERE return_search MATCH @match ORDER BY rowid DESC LIMIT 200)
       ORDER BY (r.status = 'expected') DESC, r.created_at DESC LIMIT 20`,
    );
  }

  /**
   * Tries the scanned code, then what the code recogniser read in it (a tracking number inside a
   * GS1 string, an IMpb without its routing prefix…), and answers for the first that names anything.
   */
  findFirst(codes: readonly string[]): { candidates: CandidateView[]; parcel: ParcelView | null } {
    let first: { candidates: CandidateView[]; parcel: ParcelView | null } | null = null;
    for (const code of codes) {
      const found = this.find(code);
      if (found.candidates.length > 0) return found;
      first ??= found.parcel ? found : null;
    }
    return first ?? { candidates: [], parcel: null };
  }

  /** The return orders a scanned (normalised) code points at, and the parcel it named, if any. */
  find(code: string): { candidates: CandidateView[]; parcel: ParcelView | null } {
    const found = new Map<string, CandidateRow>();
    const add = (rows: CandidateRow[]): void => {
      for (const row of rows) if (!found.has(row.id)) found.set(row.id, row);
    };
    add(this.byTracking.all(code));
    add(this.byReturnId.all(code));
    const parcels = this.parcelsByTracking.all(code);
    for (const p of parcels) {
      add(this.byParcel.all(p.id));
      // The buyer sent the goods back in the original box: the outbound label leads to the open return.
      if (found.size === 0 && p.order_id) add(this.openByOrder.all(p.order_id));
    }
    if (found.size === 0) add(this.byOrder.all(code));
    if (found.size === 0) {
      const serial = this.plates.unitOf(code);
      if (serial !== null) add(this.byUnit.all(serial));
    }
    if (found.size === 0 && /[/?=]/.test(code)) {
      for (const run of code.match(DIGIT_RUNS) ?? []) {
        add(this.byReturnId.all(run).map((r) => ({ ...r, matched_by: 'buyer_qr' })));
      }
    }
    const parcel = parcels[0];
    return {
      candidates: [...found.values()].map(toCandidate),
      parcel: parcel
        ? {
            id: parcel.id,
            trackingNumber: parcel.tracking_number,
            carrier: parcel.carrier,
            country: parcel.country,
            orderId: parcel.order_id,
            direction: parcel.direction,
            status: parcel.status,
          }
        : null,
    };
  }

  /** Other returns of this buyer still expected: they may be in the same parcel. */
  otherReturnsOfBuyer(buyerName: string | null, exclude: ReadonlySet<string>): BuyerReturn[] {
    if (!buyerName) return [];
    return this.ofBuyer
      .all(buyerName)
      .filter((r) => !exclude.has(r.id))
      .map(toBuyerReturn);
  }

  searchText(query: string): CandidateView[] {
    const match = ftsQuery(query);
    if (match === null) return [];
    return this.search.all({ match }).map(toCandidate);
  }
}

/**
 * The words of a manual search as an FTS5 query: each word (3+ characters, what a trigram index
 * can find) must appear somewhere, in any order — "lan nguyen" finds "Nguyễn Thị Lan". Each is a
 * quoted string, so nothing the clerk types is FTS syntax.
 */
export function ftsQuery(query: string): string | null {
  const words = query
    .trim()
    .split(/\s+/u)
    .filter((w) => [...w].length >= 3);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ');
}

function toBuyerReturn(r: CandidateRow): BuyerReturn {
  return {
    id: r.id,
    platformReturnId: r.platform_return_id,
    orderId: r.order_id,
    returnTrackingNumber: r.return_tracking_number,
    buyerName: r.buyer_name,
    status: r.status,
    itemCount: r.item_count,
  };
}

function toCandidate(r: CandidateRow): CandidateView {
  return {
    ...toBuyerReturn(r),
    matchedBy: r.matched_by,
    receivedAt: r.received_at,
    receivedBy: r.received_by_name,
  };
}
