import { seededRandom, type Random } from '../../random';

/**
 * The test carrier's feeds, generated from a seed so every run (and every page boundary) sees the
 * same rows. Return orders look like TikTok Shop returns; tracking updates like a normalised
 * multi-carrier model (karrio's statuses).
 */
export const TIKTOK_RETURN_STATUSES = [
  'RETURN_OR_REFUND_REQUEST_PENDING',
  'AWAITING_BUYER_SHIP',
  'BUYER_SHIPPED_ITEM',
  'RETURN_OR_REFUND_REQUEST_SUCCESS',
  'RETURN_OR_REFUND_REQUEST_CANCEL',
  'RETURN_OR_REFUND_REQUEST_COMPLETE',
] as const;

export const TRACKING_STATUSES = [
  'pending',
  'picked_up',
  'on_hold',
  'cancelled',
  'delivered',
  'in_transit',
  'delivery_failed',
  'delivery_delayed',
  'out_for_delivery',
  'ready_for_pickup',
  'return_to_sender',
  'unknown',
] as const;

export interface WireReturnOrder {
  return_id: string;
  order_id: string;
  return_type: 'REFUND' | 'RETURN_AND_REFUND' | 'REPLACEMENT';
  return_status: (typeof TIKTOK_RETURN_STATUSES)[number];
  return_reason: string;
  return_tracking_number: string | null;
  return_provider_name: string | null;
  create_time: number;
  update_time: number;
  items: Array<{ sku_id: string; seller_sku: string; product_name: string; quantity: number }>;
}

export interface WireTrackingEvent {
  event_id: string;
  tracking_number: string;
  carrier: string;
  status: (typeof TRACKING_STATUSES)[number];
  description: string;
  occurred_at: string;
  location: string | null;
}

const REASONS = ['buyer_remorse', 'defective', 'damaged_in_transit', 'wrong_item', 'missing_parts'];
const PRODUCTS = ['Phone case', 'USB-C cable', 'Wireless earbuds', 'Yoga mat', 'LED strip', 'Water bottle'];
const CITIES = ['Bangkok', 'Kuala Lumpur', 'Manila', 'Jakarta', 'Ho Chi Minh City', 'London', 'Dallas'];
const JOURNEY: Array<(typeof TRACKING_STATUSES)[number]> = [
  'picked_up',
  'in_transit',
  'in_transit',
  'out_for_delivery',
  'delivered',
];

export class PullData {
  readonly returns: WireReturnOrder[] = [];
  readonly tracking: WireTrackingEvent[] = [];
  private readonly random: Random;
  private trackingCursor = 0;

  constructor(
    seed: number,
    private readonly baseTime: number,
    private readonly carrier: string,
  ) {
    this.random = seededRandom(seed);
  }

  addReturns(count: number, trackingNumbers: readonly string[] = []): void {
    for (let i = 0; i < count; i++) {
      const n = this.returns.length;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(this.random.next() * list.length)] as T;
      const created = Math.floor(this.baseTime / 1000) - 86_400 * 3 + n * 60;
      const tracking = trackingNumbers[n % Math.max(1, trackingNumbers.length)];
      this.returns.push({
        return_id: `RT${(4_000_000_000 + n).toString()}`,
        order_id: `57${(10_000_000_000 + n * 7).toString()}`,
        return_type: pick(['REFUND', 'RETURN_AND_REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT'] as const),
        return_status: pick(TIKTOK_RETURN_STATUSES),
        return_reason: pick(REASONS),
        return_tracking_number:
          trackingNumbers.length > 0 && tracking ? tracking : `TT${(900_000 + n).toString()}SG`,
        return_provider_name: this.carrier,
        create_time: created,
        update_time: created + 3600,
        items: Array.from({ length: 1 + Math.floor(this.random.next() * 3) }, (_, k) => ({
          sku_id: `17${(n * 10 + k).toString().padStart(8, '0')}`,
          seller_sku: `SKU-${(n % 97).toString()}-${k.toString()}`,
          product_name: pick(PRODUCTS),
          quantity: 1 + Math.floor(this.random.next() * 2),
        })),
      });
    }
  }

  /**
   * Adds `perParcel` updates for each tracking number, interleaved as a carrier would send them;
   * `status` instead of the usual journey gives every one that code (e.g. `unknown`).
   */
  addTracking(
    trackingNumbers: readonly string[],
    perParcel: number,
    status?: (typeof TRACKING_STATUSES)[number],
  ): void {
    for (let step = 0; step < perParcel; step++) {
      for (const number of trackingNumbers) {
        const k = this.trackingCursor++;
        const code = status ?? JOURNEY[Math.min(step, JOURNEY.length - 1)] ?? 'in_transit';
        const city = CITIES[Math.floor(this.random.next() * CITIES.length)] ?? null;
        this.tracking.push({
          event_id: `EV${k.toString().padStart(9, '0')}`,
          tracking_number: number,
          carrier: this.carrier,
          status: code,
          description: `${code.replace(/_/g, ' ')}${city ? ` at ${city}` : ''}`,
          occurred_at: new Date(this.baseTime - 86_400_000 * 2 + k * 60_000).toISOString(),
          location: city,
        });
      }
    }
  }
}

/** Cursors are opaque to clients: an offset, wrapped so nobody is tempted to compute one. */
export function encodeCursor(feed: string, offset: number): string {
  return Buffer.from(`${feed}:${offset.toString()}`).toString('base64url');
}

export function decodeCursor(feed: string, cursor: string | null): number | null {
  if (cursor === null || cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString();
  const [f, n] = text.split(':');
  const offset = Number(n);
  if (f !== feed || !Number.isInteger(offset) || offset < 0) return null;
  return offset;
}
