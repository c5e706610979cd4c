import { CARRIER_SERVICES, type CarrierService } from './carrier-services';

/**
 * Which carrier a route line (a configured destination: `jnt-my`, `jnt-my-kl`, `posmy`) ships
 * with, the name drivers and platforms call it, and the service it uses for a parcel. Data, so a
 * carrier is added here and in CARRIER_SERVICES, never in the packing flow.
 */
export const CARRIER_NAMES: Readonly<Record<string, string>> = {
  'jnt-my': 'J&T Express',
  posmy: 'Pos Malaysia',
  ghn: 'Giao Hàng Nhanh',
  'ninja-van': 'Ninja Van',
  'ninjavan-my': 'Ninja Van',
  ups: 'UPS',
  fedex: 'FedEx',
  usps: 'USPS',
  // Platform-shipped packages: TikTok Shop picks the carrier and prints it on its own label.
  'tiktok-platform': 'TikTok Shop',
};

export function carrierName(carrier: string): string {
  return CARRIER_NAMES[carrier] ?? carrier;
}

/**
 * The carrier of a line: the longest carrier code the destination's name is, or starts with
 * followed by `-`, `_` or `.` (`jnt-my-kl` → `jnt-my`). Null when no carrier matches.
 */
export function carrierOfLine(
  destination: string,
  services: readonly CarrierService[] = CARRIER_SERVICES,
): string | null {
  const codes = [...new Set(services.map((s) => s.carrier))].sort((a, b) => b.length - a.length);
  const name = destination.toLowerCase();
  return (
    codes.find((c) => name === c || (/^[-_.]$/.test(name.charAt(c.length)) && name.startsWith(c))) ?? null
  );
}

/**
 * The carrier's service for a parcel from `market` to `country`: the order's preferred service
 * when it is this carrier's, else the first of the carrier's services for the market and scope.
 */
export function serviceForParcel(
  carrier: string,
  market: string,
  country: string,
  preferred: string | null,
  services: readonly CarrierService[] = CARRIER_SERVICES,
): CarrierService | null {
  const mine = services.filter((s) => s.carrier === carrier && s.markets.includes(market));
  const chosen = preferred ? mine.find((s) => s.id === preferred) : undefined;
  if (chosen) return chosen;
  const scope = country === market ? 'domestic' : 'international';
  return mine.find((s) => s.scope === scope) ?? null;
}

/** Whether a platform's shipping-provider name is this carrier (names differ in case and spacing). */
export function providerIsCarrier(providerName: string, carrier: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9&]/g, '');
  return norm(providerName) === norm(carrierName(carrier));
}
