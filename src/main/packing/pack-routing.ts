import { AppError } from '../../shared/errors';
import type { CarrierService } from '../../shared/packing/carrier-services';
import { chargeableWeight } from '../../shared/packing/chargeable-weight';
import { refusedClasses, type ItemClass } from '../../shared/packing/item-classes';
import {
  carrierName,
  carrierOfLine,
  providerIsCarrier,
  serviceForParcel,
} from '../../shared/packing/line-carriers';
import type { PackRouteView, PackWeightView, RouteOption } from '../../shared/packing/pack-views';
import { remoteAreaOf } from '../../shared/packing/remote-areas';
import type { LineResolution } from '../../shared/route-views';
import type { StoredOutboundOrder } from './outbound-orders';
import { platformDestinationOf, type PlatformProviders } from './pack-booking';
import type { StoredRoute } from './pack-store';
import { chargeableView } from './pack-weighing';

export interface RouteLines {
  resolveLine(target: { country: string; sellerId?: string | null }): LineResolution;
}

export interface RoutingDeps {
  routes: RouteLines;
  /** The platform's shipping providers per order; null: nothing is checked against a platform list. */
  providers: PlatformProviders | null;
  services: readonly CarrierService[];
  /** How long the platform's provider list may take. */
  timeoutMs: number;
}

/**
 * The route book's primary and backup line for the weighed parcel, each with its service,
 * chargeable weight and what keeps the parcel off it; the clerk's choice, else the active line,
 * else the other one when only the active one cannot take it.
 */
export async function computeRoute(
  o: RoutingDeps,
  order: StoredOutboundOrder,
  weight: PackWeightView,
  classes: readonly ItemClass[],
  choose: 'primary' | 'backup' | undefined,
): Promise<StoredRoute> {
  const country = order.recipient.country;
  let line: LineResolution;
  try {
    line = o.routes.resolveLine({ country, sellerId: order.seller });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('PACK_NO_ROUTE', { country });
    throw err;
  }
  // A platform order ships only with a provider from the platform's list: without a way to ask
  // the platform (no connector configured), nobody is listed.
  let providers: Array<{ id: string; name: string }> | null =
    platformDestinationOf(order) !== null ? [] : null;
  if (o.providers) {
    try {
      providers = await o.providers.list(order, AbortSignal.timeout(o.timeoutMs));
    } catch (err) {
      throw new AppError('TRANSPORT_FAILED', {
        reason: 'platform_providers',
        detail: String(err).slice(0, 120),
      });
    }
  }
  const option = (
    destination: string,
  ): { option: RouteOption; provider: { id: string; name: string } | null } => {
    const carrier = carrierOfLine(destination, o.services);
    const service = carrier
      ? serviceForParcel(carrier, order.market, country, order.service, o.services)
      : null;
    if (!carrier || !service)
      throw new AppError('PACK_NO_SERVICE', { carrier: destination, market: order.market });
    const chargeable = chargeableView(
      chargeableWeight({ actualGrams: weight.grams, dims: weight.dims, service }),
    );
    const provider = providers?.find((p) => providerIsCarrier(p.name, carrier)) ?? null;
    const listed = providers === null || provider !== null;
    const refused = refusedClasses(service, classes);
    return {
      provider,
      option: {
        destination,
        carrier,
        carrierName: carrierName(carrier),
        serviceId: service.id,
        serviceName: service.name,
        listed,
        chargeable,
        refusedClasses: refused,
        blockers: [
          ...(listed ? [] : (['not_listed'] as const)),
          ...(refused.length > 0 ? (['item_class_not_accepted'] as const) : []),
          ...chargeable.problems.map((p) => p.code),
        ],
      },
    };
  };
  const primary = option(line.primary);
  let backup: ReturnType<typeof option> | null = null;
  if (line.backup !== null) {
    try {
      backup = option(line.backup);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'PACK_NO_SERVICE')) throw err;
    }
  }
  const refuse = (o: RouteOption): never => {
    if (o.blockers.includes('not_listed'))
      throw new AppError('PACK_CARRIER_NOT_LISTED', { carrier: o.carrierName, market: order.market });
    const refusedClass = o.refusedClasses[0];
    if (refusedClass)
      throw new AppError('PACK_ITEM_CLASS_NOT_ACCEPTED', {
        carrier: o.carrierName,
        itemClass: refusedClass,
        service: o.serviceName,
      });
    throw new AppError('PACK_SERVICE_LIMIT', { service: o.serviceName });
  };
  let chosen: 'primary' | 'backup';
  let reason: PackRouteView['reason'];
  if (choose) {
    if (choose === 'backup' && !backup) throw new AppError('PACK_NO_BACKUP');
    const pick = choose === 'backup' ? (backup as NonNullable<typeof backup>) : primary;
    if (pick.option.blockers.length > 0) refuse(pick.option);
    chosen = choose;
    reason = 'chosen_by_clerk';
  } else {
    const active = line.active === 'backup' && backup ? backup : primary;
    const other = active === primary ? backup : primary;
    if (active.option.blockers.length === 0) {
      chosen = active === primary ? 'primary' : 'backup';
      reason = line.reason;
    } else if (other && other.option.blockers.length === 0) {
      chosen = other === primary ? 'primary' : 'backup';
      // The items themselves keep the parcel off the line: that is the reason the clerk reads.
      if (active.option.refusedClasses.length > 0) reason = 'item_class_not_accepted';
      else reason = active === primary ? 'primary_cannot_take' : line.reason;
    } else {
      return refuse(active.option);
    }
  }
  const picked = chosen === 'backup' ? (backup as NonNullable<typeof backup>) : primary;
  const area = remoteAreaOf(country, order.recipient.postcode);
  return {
    view: {
      primary: primary.option,
      backup: backup?.option ?? null,
      chosen,
      reason,
      remoteArea: { flagged: area !== null, area: area?.name ?? null },
      itemClasses: [...classes],
      country,
      postcode: order.recipient.postcode,
      cod: order.cod,
    },
    chosen: picked.option,
    provider: picked.provider,
  };
}
