import type { Db } from '../db/open';
import type { ItemRow, UnitRow } from './receipt-store';

/** EAN-8/UPC-A/EAN-13/GTIN-14 as one 14-digit GTIN, so a UPC-A scan matches its EAN-13 record. */
export function asGtin14(code: string): string | null {
  return /^\d{8}$|^\d{12,14}$/.test(code) ? code.padStart(14, '0') : null;
}

/** Whether a scanned value names this line: its SKU, its barcode, or the same GTIN spelled longer. */
export function itemFits(item: ItemRow, code: string): boolean {
  if (item.sku.toUpperCase() === code) return true;
  if (!item.barcode) return false;
  if (item.barcode.toUpperCase() === code) return true;
  const scanned = asGtin14(code);
  return scanned !== null && scanned === asGtin14(item.barcode);
}

export type ItemMatch =
  | { kind: 'matched' | 'extra'; item: ItemRow }
  | { kind: 'wrong'; sku: string | null; name: string | null; category: string | null };

/**
 * What a scanned item is, against the lines the parcel's returns expect: a line with units still
 * to come (matched), a line already complete (extra), or nothing expected (wrong). A wrong item is
 * still named when any return of this station knows the barcode or SKU.
 */
export class ItemMatcher {
  private readonly known;

  constructor(db: Db) {
    this.known = db.prepare<[string, string], { sku: string; name: string; category: string | null }>(
      `SELECT sku, name, category FROM return_items WHERE barcode = ? OR sku = ? LIMIT 1`,
    );
  }

  /** `keys`: the scanned code first, then what the code recogniser read in it (a GTIN inside a GS1 string). */
  match(keys: readonly string[], items: readonly ItemRow[], units: readonly UnitRow[]): ItemMatch {
    const fitting = items.filter((i) => keys.some((k) => itemFits(i, k)));
    for (const item of fitting) {
      if (matchedCount(item.id, units) < item.quantity) return { kind: 'matched', item };
    }
    const first = fitting[0];
    if (first) return { kind: 'extra', item: first };
    let other: { sku: string; name: string; category: string | null } | undefined;
    for (const k of keys) other ??= this.known.get(k, k);
    return {
      kind: 'wrong',
      sku: other?.sku ?? null,
      name: other?.name ?? null,
      category: other?.category ?? null,
    };
  }
}

export function matchedCount(itemId: string, units: readonly UnitRow[]): number {
  return units.filter((u) => u.return_item_id === itemId && u.match === 'matched').length;
}

export function missingCount(itemId: string, units: readonly UnitRow[]): number {
  return units.filter((u) => u.return_item_id === itemId && u.match === 'missing').length;
}
