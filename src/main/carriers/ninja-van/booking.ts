import type { CarrierBookingRequest } from '../../../shared/carrier-booking';
import { formatLocalIso } from '../../../shared/calendar/local-date';
import { formatMoney } from '../../../shared/packing/money';
import type { Clock } from '../../clock';
import { bookingCode } from '../booking-reference';
import { bookingFailure } from '../booking-failure';
import type { Sender } from '../config-fields';
import type { CarrierBooking } from '../connector';
import type { CreatedOrder, NinjaVanOrder } from './orders';

/**
 * Booking through Ninja Van's order creation (POST /{cc}/4.2/orders). Both keys Ninja Van offers
 * are derived from our reference: `requested_tracking_number` (18 characters, `LM` + a hash) and
 * `reference.merchant_order_number` (the reference itself), so a resend after a lost answer names
 * the same order. Weight in kg and sides in cm as Ninja Van's parcel_job takes them; COD in the
 * currency's major units.
 *
 * Public API: ninjaVanBooking({ sender, timeZone, clock, create }); ninjaVanOrderOf(request, …).
 */
export function ninjaVanBooking(options: {
  sender: Sender;
  timeZone: string;
  clock: Clock;
  create(order: NinjaVanOrder, signal: AbortSignal): Promise<CreatedOrder>;
}): CarrierBooking {
  return {
    async book(request, signal) {
      const order = ninjaVanOrderOf(request, options.sender, options.clock.now(), options.timeZone);
      try {
        const created = await options.create(order, signal);
        return { trackingNumber: created.trackingNumber };
      } catch (err) {
        throw bookingFailure(err, 'Ninja Van');
      }
    },
  };
}

export function requestedTrackingNumber(reference: string): string {
  return bookingCode(reference, 'LM', 18);
}

export function ninjaVanOrderOf(
  request: CarrierBookingRequest,
  sender: Sender,
  now: number,
  timeZone: string,
): NinjaVanOrder {
  const r = request.recipient;
  const cm = (mm: number) => Math.max(1, Math.ceil(mm / 10));
  return {
    service_type: 'Parcel',
    service_level: 'Standard',
    requested_tracking_number: requestedTrackingNumber(request.reference),
    reference: { merchant_order_number: request.reference },
    from: {
      name: sender.name,
      phone_number: sender.phone,
      ...(sender.email ? { email: sender.email } : {}),
      address: {
        address1: sender.address1,
        address2: sender.address2 ?? '',
        city: sender.city,
        state: sender.region ?? '',
        postcode: sender.postcode,
        country: sender.country,
      },
    },
    to: {
      name: r.name,
      // Ninja Van requires a number; an order without one is refused by Ninja Van, not guessed.
      phone_number: r.phone ?? '-',
      address: {
        address1: r.address1 ?? '',
        address2: r.address2 ?? '',
        city: r.city ?? '',
        state: r.region ?? '',
        postcode: r.postcode ?? '',
        country: r.country,
      },
    },
    parcel_job: {
      is_pickup_required: false,
      delivery_start_date: formatLocalIso(now, timeZone).slice(0, 10),
      delivery_timeslot: { start_time: '09:00', end_time: '22:00', timezone: timeZone },
      dimensions: {
        weight: request.weightGrams / 1000,
        length: cm(request.dims.lengthMm),
        width: cm(request.dims.widthMm),
        height: cm(request.dims.heightMm),
      },
      ...(request.cod && request.cod.amountMinor > 0
        ? { cash_on_delivery: Number(formatMoney(request.cod)) }
        : {}),
      delivery_instructions: request.orderRef,
    },
  };
}
