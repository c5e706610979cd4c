import type { UserView } from '../../shared/domain';
import type { PackCompleteResult, PackWeightView } from '../../shared/packing/pack-views';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { StoredOutboundOrder } from './outbound-orders';
import { isCancelled } from './pack-order-status';
import type { PackedLine } from './pack-lines';
import type { PackStepDeps } from './pack-station-deps';
import { sealedJson, verifiedOf, type PackageRow, type SessionRow } from './pack-store';

/** What a seal takes from the bench: the open package, its lines, weight and photo, all checked. */
export interface Sealing {
  order: StoredOutboundOrder;
  pkg: PackageRow;
  session: SessionRow;
  lines: PackedLine[];
  weight: PackWeightView;
  photoSha256: string | null;
}

export interface SealDeps extends PackStepDeps {
  /** Whether the order is late now, on its market's calendar. */
  late: (order: StoredOutboundOrder, now: number) => boolean;
}

/** One way a checked package is sealed (by the route's carrier, or by the platform's own). */
export interface Seal {
  /** `cancelled`: the order was cancelled meanwhile and nothing was written; the station ends the session. */
  seal(clientActionId: string, user: UserView, sealing: Sealing): Promise<PackCompleteResult | 'cancelled'>;
}

/** The sealed package's own fields, the same whichever carrier takes it. */
export function sealedFields(
  s: Sealing,
  booking: object,
  packedBy: string,
  now: number,
  late: boolean,
): Partial<PackageRow> {
  return {
    weight_grams: s.weight.grams,
    items: s.lines.reduce((n, l) => n + l.quantity, 0),
    serials: JSON.stringify(Object.values(verifiedOf(s.session)).flatMap((v) => v.serials)),
    booking: JSON.stringify(booking),
    photo_sha256: s.photoSha256,
    packed_by: packedBy,
    packed_at: now,
    late: late ? 1 : 0,
    sealed: sealedJson(s.session, s.weight),
  };
}

/**
 * The seal's audit entry and the answer kept for its action id, in the sealing transaction;
 * `details` are what this way of sealing adds to the order, state and carrier.
 */
export function recordSeal(
  o: Pick<SealDeps, 'audit' | 'store'>,
  db: Db,
  act: { clientActionId: string; user: UserView; order: StoredOutboundOrder; now: number },
  answer: PackCompleteResult,
  details: Record<string, unknown>,
): PackCompleteResult {
  o.audit.record({
    userId: act.user.id,
    action: 'pack.complete',
    entityType: 'pack_package',
    entityId: answer.packageId,
    details: { orderRef: act.order.externalId, state: answer.state, carrier: answer.carrier, ...details },
  });
  o.store.record(db, act.clientActionId, 'packComplete', answer, act.now);
  return answer;
}

/**
 * The sealing transaction: the order is read again inside it — cancelled meanwhile, nothing is
 * written and the answer is `cancelled`.
 */
export function sealIn(
  o: Pick<SealDeps, 'db' | 'orders' | 'clock'>,
  orderId: string,
  write: (db: Db, fresh: StoredOutboundOrder, now: number) => PackCompleteResult,
): Promise<PackCompleteResult | 'cancelled'> {
  return writeTransaction(o.db, (): PackCompleteResult | 'cancelled' => {
    const fresh = o.orders.get(orderId);
    if (!fresh || isCancelled(fresh)) return 'cancelled';
    return write(o.db, fresh, o.clock.now());
  });
}
