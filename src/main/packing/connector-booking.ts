import { BookingError, carrierBookingRequestSchema } from '../../shared/carrier-booking';
import type { CarrierBooking } from '../carriers/connector';
import type { BookingRequest, PackBooking } from './pack-booking';

/** A configured connector account, as sync builds them: its name (the route line) and its booking. */
export interface BookingAccount {
  name: string;
  booking?: CarrierBooking | undefined;
}

/**
 * The bench's booking from the station's connector accounts: a route line is an account name,
 * and the parcel is booked through that account's connector, whatever its kind — the bench knows
 * carriers only through the connector shape. `lines()` are the accounts that can book. A line
 * whose account cannot book (none configured, no sender) is `offline`: the parcel is packed with
 * a packing slip and its label follows once the account can book, rather than being set aside.
 */
export function connectorBooking(accounts: () => readonly BookingAccount[]): PackBooking {
  return {
    lines: () => accounts().flatMap((a) => (a.booking ? [a.name] : [])),
    async book(request, signal) {
      const booking = accounts().find((a) => a.name === request.destination)?.booking;
      if (!booking) {
        throw new BookingError('offline', `no account "${request.destination}" that books labels`);
      }
      return booking.book(carrierRequestOf(request), signal);
    },
  };
}

/** The bench's request in the normalised model, under the reference the carrier de-duplicates on. */
export function carrierRequestOf(request: BookingRequest) {
  return carrierBookingRequestSchema.parse({
    reference: request.reference ?? request.packageId,
    orderRef: request.orderRef,
    carrier: request.carrier,
    serviceId: request.serviceId,
    weightGrams: request.weightGrams,
    dims: request.dims,
    cod: request.cod,
    recipient: request.recipient,
  });
}
