import type { FactSource } from '../fact-source';

/**
 * Postcode ranges carriers surcharge as remote (out-of-area) delivery, per destination country.
 * Data: add or correct a range here. Each row names its source.
 */
export interface RemoteArea {
  country: string;
  name: string;
  /** Inclusive numeric postcode range. */
  from: number;
  to: number;
  source: FactSource;
}

const EAST_MY: FactSource = {
  kind: 'community',
  ref: 'MY courier rate cards price Sabah, Sarawak and Labuan apart from the peninsula (seller guides)',
};

export const REMOTE_AREAS: readonly RemoteArea[] = [
  { country: 'MY', name: 'Labuan', from: 87000, to: 87999, source: EAST_MY },
  { country: 'MY', name: 'Sabah', from: 88000, to: 91999, source: EAST_MY },
  { country: 'MY', name: 'Sarawak', from: 93000, to: 98999, source: EAST_MY },
];

/** The remote area a postcode lies in, or null (also for a postcode that is not a number). */
export function remoteAreaOf(
  country: string,
  postcode: string | null,
  areas: readonly RemoteArea[] = REMOTE_AREAS,
): RemoteArea | null {
  const digits = postcode?.trim() ?? '';
  if (!/^\d{3,10}$/.test(digits)) return null;
  const n = Number(digits);
  return areas.find((a) => a.country === country && n >= a.from && n <= a.to) ?? null;
}
