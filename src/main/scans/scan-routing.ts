import type { ParcelView, ReturnOrderView, ScanResult } from '../../shared/domain';

export interface ScanRoute {
  destination: string;
  orderingKey: string;
  type: 'scan.recorded' | 'scan.unknown';
}

/** The platform that owns return orders; its adapter receives "package received" for them. */
export const PLATFORM_DESTINATION = 'tiktok_shop';
/** Unknown codes go to the warehouse hub, where a supervisor matches them to a parcel later. */
export const HUB_DESTINATION = 'hub';

/**
 * Where a scan's event goes and what it is ordered with. A return is told to the platform, a
 * parcel to its carrier; events of one parcel (or one unknown code) stay in order.
 */
export function routeScan(
  outcome: ScanResult['outcome'],
  parcel: ParcelView | null,
  returnOrder: ReturnOrderView | null,
  code: string,
): ScanRoute {
  if (returnOrder) {
    return {
      destination: PLATFORM_DESTINATION,
      orderingKey: `return:${returnOrder.id}`,
      type: 'scan.recorded',
    };
  }
  if (parcel && outcome === 'parcel') {
    return { destination: parcel.carrier, orderingKey: `parcel:${parcel.id}`, type: 'scan.recorded' };
  }
  return { destination: HUB_DESTINATION, orderingKey: `code:${code}`, type: 'scan.unknown' };
}
