import type { Source } from './carrier-formats';

/** Ids the platforms print on packing slips and return labels. */
export interface PlatformIdRule {
  kind: 'order_id' | 'return_id';
  format: string;
  platform: string;
  name: string;
  pattern: RegExp;
  specificity: number;
  source: Source;
  note?: string;
}

/**
 * TikTok Shop: 18-digit order ids beginning with 5 (57… in every market we serve) and
 * 18–19-digit return ids beginning with 40. No check digit is known. Source: unverified — the
 * shapes seen in Seller Center exports and used by the demo seed (orders `57` + 16 digits,
 * returns `4035` + 14); correct them here if a real id disagrees.
 */
export const DEFAULT_PLATFORM_IDS: readonly PlatformIdRule[] = [
  {
    kind: 'order_id',
    format: 'tiktok-order',
    platform: 'tiktok_shop',
    name: 'TikTok Shop order id',
    pattern: /^5\d{17}$/,
    specificity: 0.3,
    source: 'unverified',
  },
  {
    kind: 'return_id',
    format: 'tiktok-return',
    platform: 'tiktok_shop',
    name: 'TikTok Shop return id',
    pattern: /^40\d{16,17}$/,
    specificity: 0.35,
    source: 'unverified',
  },
];
