import type { Money } from '../../shared/platform-returns';
import type { BatchTotals } from '../../shared/returns/supervision-views';
import { sumByCurrency } from './decimal-sum';

export interface TotalledUnit {
  grade: string | null;
  scrapReason: string | null;
  category: string;
  unitPrice: Money | null;
  photos: ReadonlyArray<{ sha256: string }>;
}

/** A destruction batch's totals, as the screen shows them and the certificate prints them. */
export function batchTotals(units: readonly TotalledUnit[]): BatchTotals {
  const tally = (key: (u: TotalledUnit) => string | null): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const u of units) {
      const k = key(u);
      if (k !== null) out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  const priced = units.flatMap((u) => (u.unitPrice ? [u.unitPrice] : []));
  return {
    units: units.length,
    photos: new Set(units.flatMap((u) => u.photos.map((p) => p.sha256))).size,
    byScrapReason: tally((u) => u.scrapReason),
    byGrade: tally((u) => u.grade),
    byCategory: tally((u) => u.category),
    value: sumByCurrency(priced),
    unpriced: units.length - priced.length,
  };
}
