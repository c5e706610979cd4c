import type { LateRisk } from '../../shared/calendar/late-risk';
import { AppError } from '../../shared/errors';
import { carrierName } from '../../shared/packing/line-carriers';
import type { PackSession } from '../../shared/packing/pack-views';
import type { PhotoStore } from '../returns/photo-store';
import type { OutboundOrderStore, StoredOutboundOrder } from './outbound-orders';
import { packageLines } from './pack-lines';
import { platformShipped } from './pack-order-status';
import { routeOf, verifiedOf, weightOf, type PackStore, type SessionRow } from './pack-store';
import { PLATFORM_CARRIER } from './platform-labels';

export interface SessionViewDeps {
  store: Pick<PackStore, 'pkg' | 'combinedInto' | 'lastRebook'>;
  orders: Pick<OutboundOrderStore, 'get'>;
  photos: Pick<PhotoStore, 'get'>;
  /** Read at each view: a supervisor may switch the photo off. */
  photoRequired: () => boolean;
  risk: (order: StoredOutboundOrder) => LateRisk;
  /** Which of a platform order's SKUs the station's list says need a serial (packageLines). */
  listedSerials?: (skus: readonly string[]) => ReadonlySet<string>;
}

/** What the bench shows of an open pack session: the order, each line's count, weight, route, photo. */
export function sessionView(o: SessionViewDeps, row: SessionRow): PackSession {
  const pkg = o.store.pkg(row.package_id);
  const order = pkg ? o.orders.get(pkg.order_id) : null;
  if (!pkg || !order) throw new AppError('PACK_NO_SESSION');
  const verified = verifiedOf(row);
  const lines = packageLines(o.orders, order, pkg, o.listedSerials).map((l) => {
    const v = verified[l.lineRef] ?? { count: 0, serials: [] };
    return {
      lineRef: l.lineRef,
      sku: l.sku,
      productName: l.productName,
      barcode: l.barcode,
      quantity: l.quantity,
      verified: v.count,
      remaining: Math.max(0, l.quantity - v.count),
      serials: v.serials,
      serialRequired: l.serialRequired === true,
      unitGrams: l.unitGrams,
    };
  });
  return {
    sessionId: row.id,
    packageId: pkg.id,
    packageNo: pkg.package_no,
    orderId: order.id,
    orderRef: order.externalId,
    source: order.source,
    seller: order.seller,
    market: order.market,
    recipient: {
      name: order.recipient.name,
      city: order.recipient.city,
      postcode: order.recipient.postcode,
      country: order.recipient.country,
    },
    cod: order.cod,
    notes: order.notes,
    step: row.step,
    lines,
    allVerified: lines.every((l) => l.remaining === 0),
    weight: weightOf(row),
    route: routeOf(row)?.view ?? null,
    risk: o.risk(order),
    photoRequired: o.photoRequired(),
    photo: (() => {
      const ref = row.photo_sha256 ? o.photos.get(row.photo_sha256) : null;
      return ref ? { sha256: ref.sha256, width: ref.width, height: ref.height } : null;
    })(),
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    combined: o.store.combinedInto(pkg.id).map((c) => ({
      orderId: c.order_id,
      orderRef: o.orders.get(c.order_id)?.externalId ?? '',
    })),
    platformLabel: platformShipped(order) ? carrierName(PLATFORM_CARRIER) : null,
    // Only while it is routed again: once sealed on its new line the rebook is history.
    rebooked: pkg.state === 'to_pack' || pkg.state === 'packing' ? o.store.lastRebook(pkg.id) : null,
  };
}
