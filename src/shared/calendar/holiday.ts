import type { FactSource } from '../fact-source';
import type { IsoDate } from './local-date';

/**
 * One public holiday as the authority dates it. Substitute days (a holiday on a weekend moved to
 * the next working day) are not listed: the market's calendar computes them from its rule, so the
 * list stays the authority's list. A day the authority fixes itself — Vietnam's Tết break, a
 * cabinet's bridge day — is listed with `fixed: true` and never moved.
 *
 * `status`: `announced` — the authority has published it; `provisional` — computed or expected
 * (a lunar or Islamic date not yet gazetted, a year not yet announced): correct it when the
 * authority publishes.
 */
export interface Holiday {
  date: IsoDate;
  name: string;
  status: 'announced' | 'provisional';
  source: FactSource;
  /** Not moved when it falls on a weekend. */
  fixed?: boolean;
}

export function holidays(
  source: FactSource,
  status: Holiday['status'],
  rows: ReadonlyArray<readonly [IsoDate, string]>,
  fixed = false,
): Holiday[] {
  return rows.map(([date, name]) => ({ date, name, status, source, ...(fixed ? { fixed } : {}) }));
}
