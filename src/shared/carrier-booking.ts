import { z } from 'zod';

/**
 * Booking a shipment with a carrier, in the normalised model every connector speaks: the packing
 * bench asks for a label through this shape and never learns a carrier's own fields. Grams and
 * millimetres as integers, money in minor units; `reference` is ours and stable per parcel, so a
 * carrier that de-duplicates on it books the same parcel once however often it is asked.
 */
export const carrierBookingRequestSchema = z.strictObject({
  /** Our stable id of the parcel (the pack package id): the carrier's de-duplication key. */
  reference: z.string().min(1).max(64),
  /** The seller's order number, printed by some carriers on their own label. */
  orderRef: z.string().min(1).max(120),
  /** Our carrier code of the line (e.g. `ninjavan-my`, `jnt-my`). */
  carrier: z.string().min(1).max(64),
  serviceId: z.string().min(1).max(64),
  weightGrams: z.number().int().positive(),
  dims: z.strictObject({
    lengthMm: z.number().int().positive(),
    widthMm: z.number().int().positive(),
    heightMm: z.number().int().positive(),
  }),
  cod: z
    .strictObject({ amountMinor: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) })
    .nullable(),
  recipient: z.strictObject({
    name: z.string().min(1).max(120),
    phone: z.string().max(40).nullable(),
    address1: z.string().max(200).nullable(),
    address2: z.string().max(200).nullable(),
    city: z.string().max(80).nullable(),
    region: z.string().max(80).nullable(),
    postcode: z.string().max(16).nullable(),
    country: z.string().regex(/^[A-Z]{2}$/),
  }),
});
export type CarrierBookingRequest = z.infer<typeof carrierBookingRequestSchema>;

export interface CarrierBookingAnswer {
  trackingNumber: string;
}

/**
 * Why a booking failed: `offline` (no answer, 5xx, timeout, our credentials refused — the parcel
 * waits for its label and is asked again later) or `refused` (the carrier said no to this parcel,
 * e.g. its address: asking again unchanged would be refused again).
 */
export class BookingError extends Error {
  constructor(
    readonly kind: 'offline' | 'refused',
    readonly reason: string,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'BookingError';
  }
}
