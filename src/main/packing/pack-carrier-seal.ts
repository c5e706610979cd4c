import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { PackCompleteResult } from '../../shared/packing/pack-views';
import {
  BookingError,
  bookingReferenceOf,
  platformDestinationOf,
  type BookingRequest,
  type PackBooking,
} from './pack-booking';
import type { PackLabels } from './pack-labels';
import { recordSeal, sealedFields, sealIn, type Seal, type SealDeps, type Sealing } from './pack-sealing';
import { routeOf, type PackageRow, type PendingBooking } from './pack-store';

export interface CarrierSealOptions extends SealDeps {
  labels: Pick<PackLabels, 'shipIn' | 'awaitLabelIn'>;
  /** The booking with the line's carrier; null: every package waits for its label. */
  booking: () => PackBooking | null;
}

/**
 * Sealing a package on the route's carrier: the shipment is booked, then ONE transaction writes
 * the package's new state, the ship call and the label; with the carrier offline the package
 * waits for its label (a packing slip prints now).
 */
export class CarrierSeal implements Seal {
  constructor(private readonly o: CarrierSealOptions) {}

  async seal(
    clientActionId: string,
    user: UserView,
    sealing: Sealing,
  ): Promise<PackCompleteResult | 'cancelled'> {
    const { order, pkg, session, weight } = sealing;
    const route = routeOf(session);
    if (!route) throw new AppError('PACK_NOT_ROUTED');
    const platform = platformDestinationOf(order);
    if (platform !== null && route.provider === null) {
      throw new AppError('PACK_CARRIER_NOT_LISTED', {
        carrier: route.chosen.carrierName,
        market: order.market,
      });
    }
    const request: BookingRequest = {
      packageId: pkg.id,
      reference: bookingReferenceOf(pkg),
      orderRef: order.externalId,
      destination: route.chosen.destination,
      carrier: route.chosen.carrier,
      serviceId: route.chosen.serviceId,
      weightGrams: weight.grams,
      chargeableGrams: route.chosen.chargeable.chargeableGrams,
      dims: weight.dims,
      cod: order.cod,
      recipient: order.recipient,
    };
    const pending: PendingBooking = {
      request,
      provider: route.provider,
      serviceName: route.chosen.serviceName,
      packedBy: user.id,
    };
    let tracking: string | null = null;
    const booking = this.o.booking();
    if (booking) {
      try {
        tracking = (await booking.book(request, AbortSignal.timeout(this.o.timeoutMs()))).trackingNumber;
      } catch (err) {
        if (err instanceof BookingError && err.kind === 'refused') {
          throw new AppError('PACK_LABEL_REFUSED', {
            carrier: route.chosen.carrierName,
            reason: err.reason.slice(0, 200),
          });
        }
        // Offline, timed out, or a failure we cannot read: the clerk is not held up; the label follows.
        tracking = null;
      }
    }
    return sealIn(this.o, order.id, (db, fresh, now) => {
      this.o.store.update(db, pkg.id, {
        carrier: route.chosen.carrier,
        destination: route.chosen.destination,
        service_id: route.chosen.serviceId,
        provider_id: route.provider?.id ?? null,
        chargeable_grams: route.chosen.chargeable.chargeableGrams,
        ...sealedFields(sealing, pending, user.id, now, this.o.late(fresh, now)),
      });
      this.o.store.deleteSession(db, this.o.stationId);
      const result =
        tracking === null
          ? this.o.labels.awaitLabelIn(db, fresh, pkg, pending)
          : this.o.labels.shipIn(db, fresh, this.o.store.pkg(pkg.id) as PackageRow, pending, tracking);
      return recordSeal(this.o, db, { clientActionId, user, order: fresh, now }, result, {
        trackingNumber: tracking,
      });
    });
  }
}
