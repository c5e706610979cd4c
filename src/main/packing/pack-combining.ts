import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { PackCombinable } from '../../shared/packing/pack-views';
import {
  packageCombineKey,
  tiktokOrderStream,
  type PackageCombinePayload,
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
import { linesOf, verifiedOf, type PackageLine, type PackageRow, type SessionRow } from './pack-store';

export interface PackCombiningOptions extends PackStepDeps {
  outbox: Pick<Outbox, 'enqueue'>;
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
        idempotencyKey: packageCombineKey(payload.platformOrderIds),
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
        groups = await shipping.combinable(order, AbortSignal.timeout(this.o.timeoutMs()));
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

  /** The outbox key of the package's platform combination, if it has one. */
  combineKeyOf(order: StoredOutboundOrder, pkg: PackageRow): string | null {
    const rows = this.o.store.combinedInto(pkg.id).filter((r) => r.combine_event_id !== null);
    if (rows.length === 0) return null;
    return packageCombineKey([
      order.externalId,
      ...rows.map((r) => this.o.orders.get(r.order_id)?.externalId ?? r.order_id),
    ]);
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
      const now = this.o.clock.now();
      const gone = new Set(refusal.orderIds);
      const lines = linesOf(pkg).filter((l) => l.orderId === undefined || !gone.has(l.orderId));
      this.o.store.update(db, pkg.id, { lines: JSON.stringify(lines) });
      db.prepare('DELETE FROM pack_combined_orders WHERE package_id = ? AND combine_event_id = ?').run(
        pkg.id,
        refusal.eventId,
      );
      for (const id of refusal.orderIds) this.o.orders.setStatus(db, id, 'to_pack');
      const session = this.o.store.sessionOfPackage(pkg.id);
      if (session) {
        const verified = verifiedOf(session);
        for (const key of Object.keys(verified))
          if (refusal.orderIds.some((id) => key.startsWith(`${id}:`))) Reflect.deleteProperty(verified, key);
        const order = this.o.orders.get(pkg.order_id);
        const left = order ? packageLines(this.o.orders, order, { lines: JSON.stringify(lines) }) : [];
        const allVerified = left.every((l) => (verified[l.lineRef]?.count ?? 0) >= l.quantity);
        this.o.store.updateSession(db, session.station_id, {
          verified: JSON.stringify(verified),
          weight: null,
          route: null,
          photo_sha256: null,
          step: allVerified ? 'weigh' : 'verify',
        });
      }
      db.prepare(
        `UPDATE outbox_events SET status = 'discarded', last_error = ?, updated_at = ? WHERE id = ? AND status = 'dead'`,
      ).run(`combination undone at the bench: ${refusal.reason}`.slice(0, 500), now, refusal.eventId);
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
