import {
  platformReturnOrderSchema,
  type Money,
  type PlatformReturnItem,
  type PlatformReturnOrder,
} from '../../../shared/platform-returns';
import type { TikTokOrderDetail, TikTokReturnOrder } from './api-schemas';
import { mapReturnStatus } from './status-tables';

/**
 * A TikTok Shop return (search returns 202309) and, when fetched, its order (buyer name, unit
 * prices, country), as the station's PlatformReturnOrder. Free text is cut to the model's limits
 * rather than refused: one long reason must not stop a whole page from arriving.
 */
export interface MappingContext {
  /** The shop's market, when configured. */
  region: string | undefined;
  onUnknownStatus(code: string, returnId: string): void;
}

export function toPlatformReturnOrder(
  ret: TikTokReturnOrder,
  order: TikTokOrderDetail | undefined,
  ctx: MappingContext,
): PlatformReturnOrder {
  const status = mapReturnStatus(ret.return_status);
  if (!status.known) ctx.onUnknownStatus(ret.return_status, ret.return_id);
  const orderLines = new Map((order?.line_items ?? []).map((line) => [line.id, line]));
  const items: PlatformReturnItem[] = (ret.return_line_items ?? []).map((line) => {
    const orderLine = line.order_line_item_id ? orderLines.get(line.order_line_item_id) : undefined;
    const name = [line.product_name, line.sku_name].filter((s) => s !== null && s !== undefined && s !== '');
    return {
      platformItemId: line.order_line_item_id ?? line.return_line_item_id ?? null,
      sku: cut(nonEmpty(line.seller_sku) ?? line.sku_id, 128),
      // Neither the returns search nor the order detail carries a GTIN; the catalogue does.
      barcode: null,
      name: cut(name.join(' — '), 300),
      // TikTok Shop order lines are single units.
      quantity: 1,
      unitPrice:
        money(orderLine?.sale_price, orderLine?.currency) ??
        money(line.refund_amount?.refund_subtotal, line.refund_amount?.currency),
      category: null,
    };
  });
  const region = ctx.region ?? nonEmpty(order?.recipient_address?.region_code) ?? null;
  const candidate: PlatformReturnOrder = {
    platform: 'tiktok_shop',
    platformReturnId: ret.return_id,
    orderId: ret.order_id,
    status: status.status,
    platformStatus: cut(ret.return_status, 80),
    returnType: ret.return_type ? cut(ret.return_type, 40) : null,
    reason: textOrNull(ret.return_reason_text ?? ret.return_reason, 300),
    buyerName: textOrNull(buyerNameOf(order), 120),
    returnTrackingNumber: textOrNull(ret.return_tracking_number, 128),
    returnCarrier: carrierCodeOf(ret.return_provider_name, region),
    country: region !== null && /^[A-Z]{2}$/.test(region) ? region : null,
    nextAction: nextActionOf(ret),
    updatedAt: ret.update_time * 1000,
    items,
  };
  // Ids longer than the model allows are not cut: that would make two returns one.
  return platformReturnOrderSchema.parse(candidate);
}

/** The most urgent thing the platform waits for from the seller (earliest deadline). */
function nextActionOf(ret: TikTokReturnOrder): PlatformReturnOrder['nextAction'] {
  const actions = ret.seller_next_action_response ?? [];
  if (actions.length === 0) return null;
  const sorted = [...actions].sort(
    (a, b) => (a.deadline ?? Number.POSITIVE_INFINITY) - (b.deadline ?? Number.POSITIVE_INFINITY),
  );
  const first = sorted[0];
  if (!first) return null;
  return {
    action: cut(first.action, 80),
    deadline: first.deadline !== null && first.deadline !== undefined ? first.deadline * 1000 : null,
  };
}

function buyerNameOf(order: TikTokOrderDetail | undefined): string | null {
  const address = order?.recipient_address;
  if (!address) return null;
  const full = nonEmpty(address.name);
  if (full) return full;
  const parts = [address.first_name, address.last_name].map(nonEmpty).filter((s) => s !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

function money(amount: string | null | undefined, currency: string | null | undefined): Money | null {
  if (!amount || !currency) return null;
  return /^-?\d{1,12}(\.\d{1,4})?$/.test(amount) && /^[A-Z]{3}$/.test(currency) ? { amount, currency } : null;
}

/**
 * The return parcel's carrier as our carrier code, for the names TikTok Shop uses in our markets;
 * regional networks get the market suffix. Unknown names give null (the tracking number still
 * identifies the parcel).
 */
const CARRIER_NAMES: ReadonlyArray<[RegExp, string | ((cc: string) => string)]> = [
  [/^j\s*&\s*t/i, (cc) => `jnt-${cc}`],
  [/^ninja\s*van/i, (cc) => `ninjavan-${cc}`],
  [/^flash/i, 'flash-th'],
  [/^kerry/i, 'kerry-th'],
  [/^thailand\s*post/i, 'thailand-post'],
  [/^pos\s*malaysia/i, 'pos-malaysia'],
  [/^(ghn|giao\s*hang\s*nhanh)/i, 'ghn'],
  [/^(ghtk|giao\s*hang\s*tiet\s*kiem)/i, 'ghtk'],
  [/^viettel/i, 'viettel-post'],
  [/^royal\s*mail/i, 'royal-mail'],
  [/^evri/i, 'evri'],
  [/^yodel/i, 'yodel'],
  [/^dpd/i, 'dpd'],
  [/^ups/i, 'ups'],
  [/^usps/i, 'usps'],
  [/^fedex/i, 'fedex'],
];

export function carrierCodeOf(name: string | null | undefined, region: string | null): string | null {
  const trimmed = nonEmpty(name);
  if (!trimmed) return null;
  for (const [pattern, code] of CARRIER_NAMES) {
    if (!pattern.test(trimmed)) continue;
    if (typeof code === 'string') return code;
    return region && /^[A-Z]{2}$/.test(region) ? code(region.toLowerCase()) : null;
  }
  return null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function textOrNull(value: string | null | undefined, max: number): string | null {
  const trimmed = nonEmpty(value);
  return trimmed ? cut(trimmed, max) : null;
}

function cut(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max - 1) + '…';
}
