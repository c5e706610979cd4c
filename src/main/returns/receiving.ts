import { AppError } from '../../shared/errors';
import type { CandidateView } from '../../shared/returns/qc-views';
import {
  feedback,
  PLATFORM_DESTINATION,
  returnKey,
  type ActionOutcome,
  type Actor,
  type QcContext,
} from './qc-context';
import type { ReceiptRow } from './receipt-store';
import type { ReceiptOrderRow } from './receipt-store';
import type { ScanFacts, ScanRecords } from './scan-records';
import { recognise } from '../../shared/codes/recognise';

const CLOSED = new Set(['completed', 'cancelled']);

/**
 * Receiving a parcel: a scan finds its return order(s), the parcel opens on the bench at the
 * condition step, each return is marked received and the platform is told (`return.received`,
 * ordered before the receipt decision). Several returns of one buyer in one parcel are received
 * together; a code shared by several returns is never resolved by guessing.
 */
export class Receiving {
  private readonly returnParcel;

  constructor(
    private readonly ctx: QcContext,
    private readonly scans: ScanRecords,
  ) {
    this.returnParcel = ctx.db.prepare<[string], { parcel_id: string | null }>(
      'SELECT parcel_id FROM return_orders WHERE id = ?',
    );
  }

  /** A scan with no parcel open on the bench. Runs inside the action's transaction. */
  scanWhenIdle(scan: ScanFacts, actor: Actor): ActionOutcome {
    const { candidates, parcel } = this.ctx.lookup.findFirst(scan.keys);
    const shown = { scannedCode: scan.code };
    if (candidates.length === 0) {
      this.scans.plainScan(scan, actor, parcel);
      if (parcel) {
        return outcome(
          feedback(
            'info',
            'not_a_return',
            { carrier: parcel.carrier, status: parcel.status, direction: parcel.direction },
            { ...shown, parcel },
          ),
        );
      }
      return outcome(feedback('warning', 'unknown_code', {}, shown));
    }
    const fresh = candidates.filter((c) => this.ctx.store.receiptOfOrder(c.id) === undefined);
    if (fresh.length === 0) return this.alreadyReceived(candidates, scan.code);
    const only = fresh.length === 1 && candidates.length === 1 ? fresh[0] : undefined;
    if (only && !CLOSED.has(only.status)) return this.receive([only.id], scan, actor, only.matchedBy);
    return outcome(
      feedback('warning', 'choose_return', { count: candidates.length }, { ...shown, candidates }),
    );
  }

  /** Opens the parcel with these return orders (the clerk's choice, or the one the scan found). */
  receive(
    orderIds: readonly string[],
    scan: ScanFacts,
    actor: Actor,
    matchedBy: string | null = null,
  ): ActionOutcome {
    const { ctx } = this;
    const first = orderIds[0];
    if (first === undefined) throw new AppError('NOT_FOUND', { entity: 'return_order', id: '' });
    for (const id of orderIds) this.assertReceivable(id);
    const now = ctx.clock.now();
    const receiptId = ctx.newId();
    const scanId = this.scans.returnScan(scan, actor, first, this.returnParcel.get(first)?.parcel_id ?? null);
    ctx.store.insertReceipt({
      id: receiptId,
      station: ctx.stationId,
      kind: 'expected',
      step: 'condition',
      code: scan.code,
      scanId,
      by: actor.user.id,
      now,
    });
    for (const id of orderIds) this.addOne(receiptId, id, scan.code, actor, now);
    return {
      feedback: feedback('ok', 'received', this.whatWasReceived(receiptId, matchedBy), {
        scannedCode: scan.code,
      }),
      receiptId,
      target: first,
    };
  }

  /**
   * What the clerk has in hand, in the words of the parcel: whose return, how many units, which
   * carrier brought it — and, when an outbound label led to the return, that it did.
   */
  private whatWasReceived(
    receiptId: string,
    matchedBy: string | null,
  ): Record<string, string | number | null> {
    const { store } = this.ctx;
    const orders = store.orders(receiptId);
    const first = orders[0];
    const units = orders.reduce((n, o) => n + store.items(o.id).reduce((m, i) => m + i.quantity, 0), 0);
    return {
      count: orders.length,
      buyer: first?.buyer_name ?? null,
      units,
      carrier: first ? carrierOfOrder(first) : null,
      matchedBy,
      returnTracking: first?.return_tracking_number ?? null,
    };
  }

  /** A return code scanned while a parcel is open: another return of the same buyer joins it. */
  scanWhileOpen(receipt: ReceiptRow, scan: ScanFacts, candidates: CandidateView[]): ActionOutcome | null {
    if (candidates.length === 0) return null;
    const inThis = new Set(this.ctx.store.orders(receipt.id).map((o) => o.id));
    const shown = { scannedCode: scan.code };
    if (candidates.every((c) => inThis.has(c.id))) {
      return outcome(feedback('warning', 'already_in_parcel', { count: inThis.size }, shown), receipt.id);
    }
    const fresh = candidates.filter(
      (c) => !inThis.has(c.id) && this.ctx.store.receiptOfOrder(c.id) === undefined,
    );
    if (fresh.length === 0) return this.alreadyReceived(candidates, scan.code);
    // Adding is a question either way: the clerk confirms with Enter (same buyer) or decides (another).
    const buyers = new Set(this.ctx.store.orders(receipt.id).map((o) => o.buyer_name?.toLowerCase() ?? null));
    const sameBuyer = fresh.every((c) => c.buyerName === null || buyers.has(c.buyerName.toLowerCase()));
    return outcome(
      feedback(
        sameBuyer ? 'ok' : 'warning',
        sameBuyer ? 'choose_return' : 'other_buyer',
        { count: fresh.length },
        {
          ...shown,
          candidates: fresh,
        },
      ),
      receipt.id,
    );
  }

  /** Adds return orders to the open parcel (the clerk confirmed). */
  addToOpen(receipt: ReceiptRow, orderIds: readonly string[], code: string, actor: Actor): ActionOutcome {
    const inThis = new Set(this.ctx.store.orders(receipt.id).map((o) => o.id));
    const now = this.ctx.clock.now();
    let added = 0;
    for (const id of orderIds) {
      if (inThis.has(id)) continue;
      this.assertReceivable(id);
      this.addOne(receipt.id, id, code, actor, now);
      added++;
    }
    return {
      feedback: feedback(added > 0 ? 'ok' : 'warning', added > 0 ? 'added_order' : 'already_in_parcel', {
        count: added,
      }),
      receiptId: receipt.id,
      target: orderIds[0] ?? null,
    };
  }

  private addOne(receiptId: string, orderId: string, code: string, actor: Actor, now: number): void {
    const { ctx } = this;
    ctx.store.addOrder(receiptId, orderId, actor.user.id, now);
    const order = ctx.store.orders(receiptId).find((o) => o.id === orderId);
    if (!order) throw new AppError('NOT_FOUND', { entity: 'return_order', id: orderId });
    ctx.outbox.enqueue(ctx.db, {
      destination: PLATFORM_DESTINATION,
      orderingKey: returnKey(orderId),
      type: 'return.received',
      payload: {
        stationId: ctx.stationId,
        receiptId,
        returnOrderId: orderId,
        platformReturnId: order.platform_return_id,
        scannedCode: code,
        receivedBy: actor.user.id,
        receivedAt: now,
      },
    });
  }

  private assertReceivable(orderId: string): void {
    const prior = this.ctx.store.receiptOfOrder(orderId);
    if (prior) throw new AppError('QC_RETURN_CLOSED', { id: orderId, receiptId: prior.receipt_id });
  }

  private alreadyReceived(candidates: CandidateView[], code: string): ActionOutcome {
    const first = candidates[0];
    const prior = first ? this.ctx.store.receiptOfOrder(first.id) : undefined;
    const station = prior ? this.ctx.store.receipt(prior.receipt_id)?.station_id : undefined;
    return outcome(
      feedback(
        'warning',
        'already_received',
        {
          platformReturnId: first?.platformReturnId ?? null,
          buyer: first?.buyerName ?? null,
          at: first?.receivedAt ?? null,
          by: first?.receivedBy ?? null,
          open: prior?.status === 'open' ? 1 : 0,
          here: station === undefined || station === this.ctx.stationId ? 1 : 0,
          count: candidates.length,
        },
        { scannedCode: code, candidates },
      ),
    );
  }
}

function outcome(fb: ActionOutcome['feedback'], receiptId: string | null = null): ActionOutcome {
  return { feedback: fb, receiptId, target: null };
}

/**
 * The return parcel's carrier: the parcel row's, else what the return tracking number says (a
 * return found by its platform id still names the carrier that brought it).
 */
export function carrierOfOrder(
  order: Pick<ReceiptOrderRow, 'carrier' | 'return_tracking_number'>,
): string | null {
  if (order.carrier) return order.carrier;
  return order.return_tracking_number ? recognise(order.return_tracking_number).carrier : null;
}
