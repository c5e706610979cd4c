import { BookingError } from '../../shared/carrier-booking';
import { DeliveryError } from '../sync/destination';

/**
 * A carrier call's failure as a booking answer. Only a carrier's refusal of the request itself
 * (`rejected`: a 4xx or a business refusal) is `refused`; everything else — no answer, a timeout,
 * 5xx, 429, an answer we cannot read, our own credentials refused — is `offline`: the parcel waits
 * for its label and the same request, with the same reference, is sent again later.
 */
export function bookingFailure(err: unknown, carrierName: string): BookingError {
  if (err instanceof BookingError) return err;
  if (err instanceof DeliveryError) {
    return new BookingError(err.kind === 'rejected' ? 'refused' : 'offline', err.message);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new BookingError('offline', `${carrierName}: ${message}`);
}
