import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { PackCombinable } from '../../shared/packing/pack-views';
import {
  packageCombineKey,
  tiktokOrderStream,
  type PackageCombinePayload,
  type PackageUncombinePayload,
} from '../../shared/packing/package-combine-event';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Outbox } from '../outbox/outbox';
import type { OutboxQueries } from '../outbox/outbox-queries';
import type { StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf, type PlatformShipping } from './pack-booking';
import { combinedLineKey, packageLines } from './pack-lines';
import { isCancelled, platformShipped } from './pack-order-status';
import type { PackStepDeps } from './pack-station-deps';
import {
  linesOf,
  verifiedOf,
  type CombinedOrderRow,
  type PackageLine,
  type PackageRow,
  type SessionRow,
} from './pack-store';

export interface PackCombiningOptions extends PackStepDeps {
  outbox: Pick<Outbox, 'enqueue' | 'withdrawIn'>;
  /** The combine events' state. */
  events: Pick<OutboxQueries, 'statusOf'>;
  /** The platform's combinable packages, once sync has wired the connectors. */
  platformShipping: () => PlatformShipping | null;
}

/** An order that may join the open package; `combinableId` is the platform's group, if any. */
export interface CombineCandidate {
  order: StoredOutboundOrder;
  combinableId: string | null;
}

/** An order taken back out of the open package before sealing. */
export interface TakenOut {
  orderRef: string;
  /** Its items already scanned into the box: the clerk takes them out again. */
  itemsOut: number;
  /** The platform's uncombination in the outbox (the combination was delivered), else null. */
  uncombineEventId: string | null;
}

/** Asked again when K is pressed: the bench waits this long at most before going on unconfirmed. */
const COMBINE_CHECK_MS = 3_000;

/** A platform combination the platform refused for good. */
export interface RefusedCombination {
  eventId: string;
  orderIds: string[];
  orderRefs: string[];
  reason: string;
}

/**
 * Several orders in one parcel: which orders may join the open package (ERP: our same-address
 * rule; TikTok Shop: the platform's combinable packages), joining one, and taking a combination
 * the platform refused back out.
 */
export class PackCombining {
  /**
   * The platform's last answer for the open package: what it offered, so a K pressed while it
   * cannot be asked joins an order it did offer (unconfirmed). Memory only: after a restart an
   * offline K is refused until the platform answers again.
   */
  private lastOffer: { packageId: string; orders: CombineCandidate[] } | null = null;

  constructor(private readonly o: PackCombiningOptions) {}

  /**
   * The open orders that may go into the open package: ERP orders by our same-address rule,
   * TikTok Shop orders (shipped by the platform's carrier) as the platform's combinable packages
   * say. The platform unreachable or not wired → `none` with the reason for the screen.
   */
  async combinable(): Promise<PackCombinable> {
    const session = this.o.store.session(this.o.stationId);
    const pkg = session ? this.o.store.pkg(session.package_id) : undefined;
    const order = pkg ? this.o.orders.get(pkg.order_id) : null;
    if (!pkg || !order || isCancelled(order)) return { basis: 'none', reason: 'no_session', orders: [] };
    const found = await this.candidates(order, pkg);
    return {
      basis: found.basis,
      reason: found.reason,
      orders: found.orders.map(({ order: o }) => ({
        orderId: o.id,
        orderRef: o.externalId,
        lines: o.lines.length,
        items: o.lines.reduce((n, l) => n + l.quantity, 0),
      })),
    };
  }

  /**
   * The other order joins the open package, in the caller's transaction: its lines and scans
   * are added, the weight and route are taken again; for a platform combination the
   * `package.combine` call goes to the outbox. Answers that event's id.
   */
  joinIn(
    db: Db,
    j: {
      order: StoredOutboundOrder;
      pkg: PackageRow;
      session: SessionRow;
      other: StoredOutboundOrder;
      pick: CombineCandidate;
      basis: PackCombinable['basis'];
    },
    user: UserView,
    now: number,
  ): string | null {
    const { order, pkg, session, other, pick, basis } = j;
    // Checked again inside the transaction: another bench may have opened it meanwhile.
    const fresh = this.o.orders.get(other.id);
    if (!fresh || fresh.status !== 'to_pack' || isCancelled(fresh) || !this.unopened(fresh.id)) {
      throw new AppError('PACK_COMBINE_NOT_ALLOWED', { orderRef: other.externalId });
    }
    const destination = platformDestinationOf(order);
    let combineEventId: string | null = null;
    if (basis === 'platform' && destination !== null && pick.combinableId !== null) {
      const payload: PackageCombinePayload = {
        stationId: this.o.stationId,
        packageId: pkg.id,
        platformOrderId: order.externalId,
        combinableId: pick.combinableId,
        platformOrderIds: [order.externalId, fresh.externalId],
        combinedBy: user.id,
        combinedAt: now,
      };
      // The host order's stream: its ship call, enqueued later, waits for this combination.
      combineEventId = this.o.outbox.enqueue(db, {
        destination,
        orderingKey: tiktokOrderStream(order.externalId),
        idempotencyKey: this.freshCombineKey(payload.platformOrderIds),
        type: 'package.combine',
        payload,
      }).id;
    }
    this.o.store.deleteUnopenedPackages(db, fresh.id);
    this.o.store.insertCombined(db, {
      order_id: fresh.id,
      package_id: pkg.id,
      combine_event_id: combineEventId,
      combined_by: user.id,
      combined_at: now,
    });
    const added: PackageLine[] = fresh.lines.map((l) => ({
      lineRef: l.lineRef,
      quantity: l.quantity,
      orderId: fresh.id,
    }));
    this.o.store.update(db, pkg.id, { lines: JSON.stringify([...linesOf(pkg), ...added]) });
    const verified = verifiedOf(session);
    for (const l of added) verified[combinedLineKey(fresh.id, l.lineRef)] = { count: 0, serials: [] };
    // More items in the box: the weight and the route are taken again once they are scanned.
    this.o.store.updateSession(db, this.o.stationId, {
      verified: JSON.stringify(verified),
      weight: null,
      route: null,
      step: 'verify',
    });
    this.o.orders.setStatus(db, fresh.id, 'packing');
    this.o.audit.record({
      userId: user.id,
      action: 'pack.combine',
      entityType: 'pack_package',
      entityId: pkg.id,
      details: {
        orderRef: order.externalId,
        combinedOrderRef: fresh.externalId,
        basis: basis,
        combineEventId,
      },
    });
    return combineEventId;
  }

  /**
   * Orders that may join the package. ERP: open orders of the same source, seller and market,
   * unopened, to the same address. TikTok Shop: the platform decides (combinable packages); only
   * orders its carrier takes, one combination per package, each candidate open and unopened here.
   */
  async candidates(
    order: StoredOutboundOrder,
    pkg: PackageRow,
    timeoutMs = this.o.timeoutMs(),
  ): Promise<{
    basis: PackCombinable['basis'];
    reason: PackCombinable['reason'];
    orders: CombineCandidate[];
  }> {
    if (platformDestinationOf(order) !== null) {
      // Own-carrier TikTok orders ship per order with our tracking number: not combined here.
      if (!platformShipped(order)) return { basis: 'none', reason: 'own_carrier', orders: [] };
      const shipping = this.o.platformShipping();
      if (!shipping) return { basis: 'none', reason: 'not_connected', orders: [] };
      if (this.o.store.combinedInto(pkg.id).length > 0)
        return { basis: 'platform', reason: null, orders: [] };
      let groups: Awaited<ReturnType<PlatformShipping['combinable']>>;
      try {
        groups = await shipping.combinable(order, AbortSignal.timeout(timeoutMs));
      } catch {
        return { basis: 'none', reason: 'platform_unreachable', orders: [] };
      }
      const seen = new Set<string>();
      const orders: CombineCandidate[] = [];
      for (const g of groups) {
        for (const ref of g.platformOrderIds) {
          if (ref === order.externalId || seen.has(ref)) continue;
          seen.add(ref);
          const row = this.o.db
            .prepare<[string, string], { id: string }>(
              `SELECT id FROM outbound_orders WHERE external_id = ? AND source = ? AND status = 'to_pack'
                 AND id NOT IN (SELECT order_id FROM pack_combined_orders)`,
            )
            .get(ref, order.source);
          const other = row ? this.o.orders.get(row.id) : null;
          if (other && !isCancelled(other) && platformShipped(other) && this.unopened(other.id))
            orders.push({ order: other, combinableId: g.combinableId });
        }
      }
      this.lastOffer = { packageId: pkg.id, orders };
      return { basis: 'platform', reason: null, orders };
    }
    const rows = this.o.db
      .prepare<[string, string, string, string | null], { id: string }>(
        `SELECT id FROM outbound_orders
         WHERE id != ? AND source = ? AND market = ? AND seller IS ? AND status = 'to_pack'
           AND id NOT IN (SELECT order_id FROM pack_combined_orders)
         ORDER BY created_at LIMIT 200`,
      )
      .all(order.id, order.source, order.market, order.seller);
    const key = addressKey(order.recipient);
    return {
      basis: 'same_address',
      reason: null,
      orders: rows
        .map((r) => this.o.orders.get(r.id))
        .filter(
          (o): o is StoredOutboundOrder =>
            o !== null && !isCancelled(o) && addressKey(o.recipient) === key && this.unopened(o.id),
        )
        .map((o) => ({ order: o, combinableId: null })),
    };
  }

  /**
   * The candidate K joins, asked of the platform again (a short timeout). TikTok Shop answering
   * without the order it offered before → PACK_COMBINE_DECLINED, nothing added. TikTok Shop unreachable → the
   * order it offered for this package last, unconfirmed (its combine call is checked at sealing).
   */
  async pickAtK(
    order: StoredOutboundOrder,
    pkg: PackageRow,
    other: StoredOutboundOrder,
  ): Promise<{ pick: CombineCandidate; basis: PackCombinable['basis']; confirmed: boolean }> {
    const remembered = this.lastOffer?.packageId === pkg.id ? this.lastOffer.orders : [];
    const found = await this.candidates(order, pkg, Math.min(this.o.timeoutMs(), COMBINE_CHECK_MS));
    const pick = found.orders.find((c) => c.order.id === other.id);
    if (pick) return { pick, basis: found.basis, confirmed: true };
    if (found.reason === 'platform_unreachable') {
      const earlier = remembered.find((c) => c.order.id === other.id);
      if (earlier) return { pick: earlier, basis: 'platform', confirmed: false };
    }
    // Offered for this package before and not now: the platform changed its mind (an address
    // changed, an order was split). Anything else is ours to refuse.
    const platformSaysNo =
      found.basis === 'platform' &&
      remembered.some((c) => c.order.id === other.id) &&
      other.source === order.source &&
      platformShipped(other) &&
      other.status === 'to_pack' &&
      !isCancelled(other) &&
      this.o.store.combinedInto(pkg.id).length === 0 &&
      !this.o.store.combinedOf(other.id) &&
      this.unopened(other.id);
    throw new AppError(platformSaysNo ? 'PACK_COMBINE_DECLINED' : 'PACK_COMBINE_NOT_ALLOWED', {
      orderRef: other.externalId,
    });
  }

  /** The outbox key of the package's platform combination, if it has one. */
  combineKeyOf(_order: StoredOutboundOrder, pkg: PackageRow): string | null {
    const row = this.o.store.combinedInto(pkg.id).find((r) => r.combine_event_id !== null);
    return row?.combine_event_id ? this.eventKey(row.combine_event_id) : null;
  }

  /**
   * Takes one combined order back out of the open package, in the caller's transaction: its
   * lines and scans leave, it goes back to the queue, and its platform combination is withdrawn —
   * discarded while not sent (pending, or refused for good), undone on the platform through
   * `package.uncombine` once delivered (the call on the host's stream, a wait on the leaving
   * order's). While it is being sent (in flight),
   * neither is safe: PACK_UNCOMBINE_BUSY, and the clerk presses again.
   */
  takeOutIn(
    db: Db,
    t: { order: StoredOutboundOrder; pkg: PackageRow; session: SessionRow; row: CombinedOrderRow },
    user: UserView,
    now: number,
  ): TakenOut {
    const { order, pkg, session, row } = t;
    const other = this.o.orders.get(row.order_id);
    const orderRef = other?.externalId ?? row.order_id;
    let uncombineEventId: string | null = null;
    if (row.combine_event_id !== null) {
      const eventId = row.combine_event_id;
      const state = this.o.events.statusOf(eventId);
      if (state?.status === 'in_flight') throw new AppError('PACK_UNCOMBINE_BUSY', { orderRef });
      if (state?.status === 'pending' || state?.status === 'dead') {
        this.o.outbox.withdrawIn(db, eventId, 'taken out of the parcel at the bench before sealing');
      } else if (state?.status === 'delivered') {
        const destination = platformDestinationOf(order);
        const combineKey = this.eventKey(eventId);
        if (destination === null || combineKey === null) {
          throw new AppError('INTERNAL', { reason: `combination ${eventId} has no destination or key` });
        }
        const payload: PackageUncombinePayload = {
          part: 'host',
          stationId: this.o.stationId,
          packageId: pkg.id,
          platformOrderId: order.externalId,
          combineKey,
          platformOrderIds: [orderRef],
          uncombinedBy: user.id,
          uncombinedAt: now,
        };
        uncombineEventId = this.o.outbox.enqueue(db, {
          destination,
          orderingKey: tiktokOrderStream(order.externalId),
          idempotencyKey: `tiktok-uncombine:${eventId}`,
          type: 'package.uncombine',
          payload,
        }).id;
        // The leaving order's own stream waits for the uncombination before its ship call.
        this.o.outbox.enqueue(db, {
          destination,
          orderingKey: tiktokOrderStream(orderRef),
          idempotencyKey: `tiktok-uncombine:${eventId}:leaving`,
          type: 'package.uncombine',
          payload: { ...payload, part: 'leaving' },
        });
      }
    }
    const itemsOut = this.takeOrdersOutIn(db, order, pkg, new Set([row.order_id]), session);
    this.o.audit.record({
      userId: user.id,
      action: 'pack.uncombine',
      entityType: 'pack_package',
      entityId: pkg.id,
      details: { orderRef: order.externalId, uncombinedOrderRef: orderRef, itemsOut, uncombineEventId },
    });
    return { orderRef, itemsOut, uncombineEventId };
  }

  /** The outbox key an event was enqueued with (it may since have been archived). */
  private eventKey(eventId: string): string | null {
    return (
      this.o.db
        .prepare<[string, string], string>(
          `SELECT idempotency_key FROM outbox_events WHERE id = ?
           UNION ALL SELECT idempotency_key FROM outbox_archive WHERE id = ? LIMIT 1`,
        )
        .pluck()
        .get(eventId, eventId) ?? null
    );
  }

  /**
   * The key for a new combination of these orders: the plain one the first time; after one was
   * withdrawn (its key stays taken in the outbox), the next generation, so it is sent anew.
   */
  private freshCombineKey(platformOrderIds: readonly string[]): string {
    const base = packageCombineKey(platformOrderIds);
    const n = this.o.db
      .prepare<{ base: string; head: string; len: number }, number>(
        `SELECT (SELECT count(*) FROM outbox_events
                  WHERE idempotency_key = @base OR substr(idempotency_key, 1, @len) = @head)
              + (SELECT count(*) FROM outbox_archive
                  WHERE idempotency_key = @base OR substr(idempotency_key, 1, @len) = @head)`,
      )
      .pluck()
      .get({ base, head: `${base}#`, len: base.length + 1 });
    return n === 0 || n === undefined ? base : `${base}#${String(n)}`;
  }

  /** The package's platform combination, when the platform refused it for good (a dead event). */
  refusedCombination(pkg: PackageRow): RefusedCombination | null {
    for (const row of this.o.store.combinedInto(pkg.id)) {
      if (row.combine_event_id === null) continue;
      const state = this.o.events.statusOf(row.combine_event_id);
      if (state?.status !== 'dead') continue;
      const orderIds = this.o.store
        .combinedInto(pkg.id)
        .filter((r) => r.combine_event_id === row.combine_event_id)
        .map((r) => r.order_id);
      return {
        eventId: row.combine_event_id,
        orderIds,
        orderRefs: orderIds.map((id) => this.o.orders.get(id)?.externalId ?? id),
        reason: state.lastError ?? 'refused',
      };
    }
    return null;
  }

  /**
   * Takes a refused combination back out of the open package, in one transaction: the other
   * orders' lines and scans leave it, those orders go back to the queue (their own package is
   * made again when scanned), and the dead event is discarded so the host's ship call is not
   * held behind it.
   */
  async undoCombination(pkg: PackageRow, refusal: RefusedCombination): Promise<void> {
    await writeTransaction(this.o.db, () => {
      const db = this.o.db;
      const order = this.o.orders.get(pkg.order_id);
      const session = this.o.store.sessionOfPackage(pkg.id);
      this.takeOrdersOutIn(db, order, pkg, new Set(refusal.orderIds), session);
      this.o.outbox.withdrawIn(db, refusal.eventId, `combination undone at the bench: ${refusal.reason}`);
      this.o.audit.record({
        userId: null,
        action: 'pack.combine_refused',
        entityType: 'pack_package',
        entityId: pkg.id,
        details: {
          orderRefs: refusal.orderRefs,
          eventId: refusal.eventId,
          reason: refusal.reason.slice(0, 300),
        },
      });
    });
  }

  /**
   * In the caller's transaction: these orders' lines and scans leave the package, the orders go
   * back to the queue (their own package is made again when scanned), and the open session, if
   * any, starts the smaller parcel again — weight, route and photo taken anew. Answers how many
   * scanned units the clerk takes out of the box.
   */
  private takeOrdersOutIn(
    db: Db,
    order: StoredOutboundOrder | null,
    pkg: PackageRow,
    orderIds: ReadonlySet<string>,
    session: SessionRow | undefined,
  ): number {
    const lines = linesOf(pkg).filter((l) => l.orderId === undefined || !orderIds.has(l.orderId));
    this.o.store.update(db, pkg.id, { lines: JSON.stringify(lines) });
    const unlink = db.prepare('DELETE FROM pack_combined_orders WHERE order_id = ? AND package_id = ?');
    for (const id of orderIds) {
      unlink.run(id, pkg.id);
      this.o.orders.setStatus(db, id, 'to_pack');
    }
    if (!session) return 0;
    const verified = verifiedOf(session);
    let itemsOut = 0;
    for (const key of Object.keys(verified)) {
      if (![...orderIds].some((id) => key.startsWith(`${id}:`))) continue;
      itemsOut += verified[key]?.count ?? 0;
      Reflect.deleteProperty(verified, key);
    }
    const left = order ? packageLines(this.o.orders, order, { lines: JSON.stringify(lines) }) : [];
    const allVerified = left.every((l) => (verified[l.lineRef]?.count ?? 0) >= l.quantity);
    this.o.store.updateSession(db, session.station_id, {
      verified: JSON.stringify(verified),
      weight: null,
      route: null,
      photo_sha256: null,
      step: allVerified ? 'weigh' : 'verify',
    });
    return itemsOut;
  }

  /** None of the order's packages is being packed or past it: it can still join another package. */
  private unopened(orderId: string): boolean {
    return this.o.store
      .packagesOf(orderId)
      .every((p) => p.state === 'to_pack' && !this.o.store.sessionOfPackage(p.id));
  }
}

/**
 * The same-address rule for ERP orders (ours, not a platform's): the same recipient name, phone
 * and address, compared without case, spacing or phone punctuation.
 */
function addressKey(r: StoredOutboundOrder['recipient']): string {
  const norm = (v: string | null) => (v ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return JSON.stringify([
    norm(r.name),
    (r.phone ?? '').replace(/\D/g, ''),
    norm(r.address1),
    norm(r.address2),
    norm(r.city),
    norm(r.region),
    norm(r.postcode).replace(/\s/g, ''),
    r.country,
  ]);
}
