import type { CarrierBookingRequest } from '../../../shared/carrier-booking';
import { formatMoney } from '../../../shared/packing/money';
import { bookingFailure } from '../booking-failure';
import type { Sender } from '../config-fields';
import type { CarrierBooking } from '../connector';
import type { JntCreatedOrder } from './client';

/**
 * Booking through J&T's /api/order/addOrder. `txlogisticId` (the customer's order number, which
 * J&T de-duplicates on) is derived from our reference, so a resend after a lost answer names the
 * same order. Weight in kg and sides in cm as strings, COD as `codMoney` in major units — the
 * field names are community-sourced (docs/connectors/jnt-express.md).
 *
 * Public API: jntBooking({ sender, add }); jntOrderOf(request, sender); jntTxlogisticId(reference).
 */
export function jntBooking(options: {
  sender: Sender;
  add(content: Record<string, unknown>, signal: AbortSignal): Promise<JntCreatedOrder>;
}): CarrierBooking {
  return {
    async book(request, signal) {
      try {
        const created = await options.add(jntOrderOf(request, options.sender), signal);
        return { trackingNumber: created.billCode };
      } catch (err) {
        throw bookingFailure(err, 'J&T');
      }
    },
  };
}

export function jntTxlogisticId(reference: string): string {
  return `LM${reference}`.slice(0, 50);
}

/** ISO 3166 alpha-2 → the alpha-3 J&T's `countryCode` takes (the markets we ship in). */
const ALPHA3: Readonly<Record<string, string>> = {
  MY: 'MYS',
  SG: 'SGP',
  TH: 'THA',
  VN: 'VNM',
  ID: 'IDN',
  PH: 'PHL',
};

export function jntOrderOf(request: CarrierBookingRequest, sender: Sender): Record<string, unknown> {
  const r = request.recipient;
  const cm = (mm: number) => String(Math.max(1, Math.ceil(mm / 10)));
  const cod = request.cod && request.cod.amountMinor > 0 ? request.cod : null;
  return {
    txlogisticId: jntTxlogisticId(request.reference),
    actionType: 'add',
    serviceType: '1',
    payType: 'PP_PM',
    expressType: 'EZ',
    goodsType: 'PARCEL',
    weight: (request.weightGrams / 1000).toFixed(3),
    length: cm(request.dims.lengthMm),
    width: cm(request.dims.widthMm),
    height: cm(request.dims.heightMm),
    totalQuantity: 1,
    ...(cod ? { codMoney: formatMoney(cod), codCurrency: cod.currency } : {}),
    remark: request.orderRef,
    sender: {
      name: sender.name,
      phone: sender.phone,
      countryCode: ALPHA3[sender.country] ?? sender.country,
      prov: sender.region ?? '',
      city: sender.city,
      address: [sender.address1, sender.address2].filter(Boolean).join(', '),
      postCode: sender.postcode,
    },
    receiver: {
      name: r.name,
      phone: r.phone ?? '',
      countryCode: ALPHA3[r.country] ?? r.country,
      prov: r.region ?? '',
      city: r.city ?? '',
      address: [r.address1, r.address2].filter((a) => !!a && a.trim() !== '').join(', '),
      postCode: r.postcode ?? '',
    },
  };
}
