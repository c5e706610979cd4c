import type { CarrierBookingAnswer } from '../../shared/carrier-booking';
import type { StoredOutboundOrder } from './outbound-orders';

/**
 * What the packing flow needs from carriers and platforms, injected (the station wires its
 * connectors; tests wire fakes over HTTP on 127.0.0.1). Both are called outside any transaction.
 */

/** One parcel to book with the line's carrier. */
export interface BookingRequest {
  packageId: string;
  /**
   * What the carrier de-duplicates on (bookingReferenceOf): the same for every retry of one
   * booking, new after a rebook voided the last. Absent in bookings queued before it existed.
   */
  reference?: string;
  orderRef: string;
  destination: string;
  carrier: string;
  serviceId: string;
  weightGrams: number;
  chargeableGrams: number;
  dims: { lengthMm: number; widthMm: number; heightMm: number };
  cod: { amountMinor: number; currency: string } | null;
  recipient: StoredOutboundOrder['recipient'];
}

/** What the carrier answers for a booking: the bench's view of the connectors' answer. */
export type BookedShipment = CarrierBookingAnswer;

// One error for the bench and the connectors that book for it (src/shared/carrier-booking.ts).
export { BookingError } from '../../shared/carrier-booking';

export interface PackBooking {
  /** Books the shipment; the same package id twice answers the same tracking number. */
  book(request: BookingRequest, signal: AbortSignal): Promise<BookedShipment>;
  /**
   * The carrier lines this booking books with. A route may name them as well as the sync's
   * connector accounts: a line that only books labels is still a line parcels leave on.
   */
  lines?(): readonly string[];
}

export interface PlatformProvider {
  id: string;
  name: string;
}

export interface PlatformProviders {
  /**
   * The shipping providers the platform lists for the order's delivery option, or null when no
   * platform list applies (an order from a seller's ERP). Throws when the platform cannot be asked.
   */
  list(order: StoredOutboundOrder, signal: AbortSignal): Promise<PlatformProvider[] | null>;
}

/** The platform connector an order came from: `tiktok-shop:<name>` → destination `<name>`. */
export function platformDestinationOf(order: { source: string }): string | null {
  const m = /^tiktok-shop:(.+)$/.exec(order.source);
  return m?.[1] ?? null;
}

/** How the platform's carrier takes a package: collected in a pickup slot, or dropped off. */
export interface PlatformHandover {
  method: 'PICKUP' | 'DROP_OFF';
  /** Unix seconds, as the platform gives them; null for a drop-off. */
  pickupSlot: { startTime: number; endTime: number } | null;
}

/** A platform's label for a package its own carrier takes. */
export interface PlatformLabel {
  pdf: Uint8Array;
  trackingNumber: string | null;
  /** `carrier`: our carrier code for the provider (its manifest), null when we do not know it. */
  provider: { id: string | null; name: string; carrier: string | null } | null;
}

/**
 * The platform's own carrier (a TikTok Shop order with shipping type TIKTOK): the platform picks
 * the carrier, the station tells it how the package is handed over and prints the platform's
 * label. Both calls are made outside any transaction and throw when the platform cannot be asked.
 */
export interface PlatformShipping {
  /** PICKUP in the first slot the platform offers, else DROP_OFF. */
  handover(
    order: StoredOutboundOrder,
    platformPackageId: string,
    signal: AbortSignal,
  ): Promise<PlatformHandover>;
  /**
   * The groups of orders the platform would combine into one package (combinable packages) that
   * name this order, each with every order in it.
   */
  combinable(
    order: StoredOutboundOrder,
    signal: AbortSignal,
  ): Promise<Array<{ combinableId: string; platformOrderIds: string[] }>>;
  /**
   * The order's platform package now. Combined (`combineKey`, its outbox key): the package the
   * delivered combination answered, null before it is delivered. Otherwise the one read at the
   * pull (`platformPackageId`), or the one an uncombination answered in its place.
   */
  packageNow(order: StoredOutboundOrder, platformPackageId: string, combineKey: string | null): string | null;
  /**
   * The label PDF, asked for and downloaded now (the platform's links expire), with the tracking
   * number and the shipping provider the platform picked (null when it names none).
   */
  label(order: StoredOutboundOrder, platformPackageId: string, signal: AbortSignal): Promise<PlatformLabel>;
}

/**
 * The reference a parcel is booked under: its id, then its id with the rebook count once a rebook
 * voided a label. A carrier answers a known reference with the order it already has, so a rebook
 * onto the same line would otherwise get the cancelled tracking number back.
 */
export function bookingReferenceOf(pkg: { id: string; rebooks: number }): string {
  return pkg.rebooks === 0 ? pkg.id : `${pkg.id}-R${String(pkg.rebooks)}`;
}
