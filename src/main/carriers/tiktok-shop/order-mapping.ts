import { parseMoney } from '../../../shared/packing/money';
import type { OutboundOrder } from '../../../shared/packing/outbound-order';
import type { TikTokFulfilmentOrder } from './fulfillment-schemas';
import { mapOrderStatus } from './status-tables';

/**
 * A TikTok Shop order (202309 shape) as the station's OutboundOrder: every deadline (Unix seconds
 * → ms), the stage, a cancellation (cancelled, or the buyer asking to cancel), the recipient,
 * COD, and one line per order line item (TikTok lines are single units; a cancelled line of a
 * partly cancelled order is left out). The platform's status stays verbatim in `platformStatus`.
 */
export interface OrderMappingContext {
  /** `tiktok-shop:<connector name>`. */
  source: string;
  /** The shop's market if configured; else each order's recipient region. */
  region: string | undefined;
  onUnknownStatus(code: string, orderId: string): void;
}

const ms = (s: number | null | undefined) => (typeof s === 'number' && s > 0 ? s * 1000 : null);
const clip = (v: string | null | undefined, max: number) => (v ? v.slice(0, max) : null);

export function toOutboundOrder(o: TikTokFulfilmentOrder, ctx: OrderMappingContext): OutboundOrder {
  const status = mapOrderStatus(o.status);
  if (!status.known) ctx.onUnknownStatus(o.status, o.id);
  const address = o.recipient_address;
  const market = (ctx.region ?? address?.region_code ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(market))
    throw new Error(`order ${o.id} has no market (no region configured, none on the order)`);
  const district = (level: string) =>
    address?.district_info?.find((d) => d.address_level === level)?.address_name ?? null;
  const name = address?.name || [address?.first_name, address?.last_name].filter(Boolean).join(' ') || '—';
  const liveLines = (o.line_items ?? []).filter((l) => l.display_status !== 'CANCELLED');
  const lines = liveLines.length > 0 ? liveLines : (o.line_items ?? []);
  const currency = o.payment?.currency ?? null;
  const cod =
    o.is_cod && currency && o.payment?.total_amount ? parseMoney(o.payment.total_amount, currency) : null;
  const cancellation =
    o.status === 'CANCELLED'
      ? { state: 'cancelled' as const, reason: clip(o.cancel_reason, 200), at: ms(o.cancel_time) }
      : o.is_buyer_request_cancel
        ? { state: 'requested' as const, reason: null, at: ms(o.request_cancel_time) }
        : null;
  return {
    source: ctx.source,
    externalId: o.id,
    seller: null,
    market,
    stage: status.stage,
    platformStatus: o.status.slice(0, 40),
    cancellation,
    recipient: {
      name: name.slice(0, 120),
      phone: clip(address?.phone_number, 40),
      address1: clip(address?.address_line1 || address?.address_detail || address?.full_address, 200),
      address2: clip(address?.address_line2, 200),
      city: clip(district('L3') ?? district('L2'), 80),
      region: clip(district('L1'), 80),
      postcode: clip(address?.postal_code, 16),
      country: /^[A-Z]{2}$/.test(address?.region_code ?? '') ? (address?.region_code as string) : market,
    },
    cod,
    deadlines: {
      shipBy: ms(o.rts_sla_time),
      shipAutoCancel: ms(o.shipping_due_time),
      collectBy: ms(o.tts_sla_time),
      collectAutoCancel: ms(o.collection_due_time),
      deliverBy: ms(o.delivery_sla_time),
      deliverAutoCancel: ms(o.delivery_due_time),
    },
    lines: lines.map((l) => ({
      lineRef: l.id,
      sku: (l.seller_sku || l.sku_id || l.id).slice(0, 64),
      productName:
        `${l.product_name ?? l.sku_id ?? l.id}${l.sku_name && l.sku_name !== 'Default' ? ` (${l.sku_name})` : ''}`.slice(
          0,
          300,
        ),
      quantity: 1,
      unitGrams: null,
      barcode: null,
      packageId: clip(l.package_id, 64),
    })),
    shippingType: o.shipping_type === 'TIKTOK' ? 'platform' : o.shipping_type === 'SELLER' ? 'seller' : null,
    deliveryOptionId: clip(o.delivery_option_id, 64),
    service: null,
    notes: clip(o.buyer_message, 500),
    sourceUpdatedAt: o.update_time * 1000,
  };
}
