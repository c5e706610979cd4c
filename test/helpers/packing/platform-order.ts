import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';
import { erpLampOrder } from './erp-order';

/**
 * A TikTok Shop order the platform's own carrier takes (shipping type TIKTOK): the lamp order's
 * buyer and item, pulled from the `tiktok_shop` account, in platform package `packageId`.
 */
export function tiktokPlatformLampOrder(ref: string, at: number, packageId: string): OutboundOrder {
  const order = erpLampOrder(ref, at);
  return {
    ...order,
    source: 'tiktok-shop:tiktok_shop',
    seller: null,
    platformStatus: 'AWAITING_SHIPMENT',
    cod: null,
    shippingType: 'platform',
    lines: order.lines.map((l) => ({ ...l, packageId })),
  };
}
