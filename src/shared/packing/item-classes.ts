import { z } from 'zod';
import type { FactSource } from '../fact-source';

/**
 * Classes of goods some carrier services refuse (dangerous goods in air or carrier terms). An
 * order line carries the classes of its item; each carrier service row says which it accepts
 * (carrier-services.ts `accepts`), and routing keeps a parcel off a line that refuses one.
 *
 * /work/shared/reference/ has no carrier's prohibited-items list (only that TikTok Shop offers a
 * HAZMAT_LABEL document), so every row here is `ours` until someone reads the carriers' lists.
 */
export const ITEM_CLASSES = ['battery', 'liquid', 'aerosol'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];

export const itemClassSchema = z.enum(ITEM_CLASSES);

export interface ItemClassRow {
  id: ItemClass;
  /** What the class covers, for supervisors and the ERP column's documentation. */
  covers: string;
  /** UN numbers the class stands for, where there are any. */
  unNumbers: readonly string[];
  source: FactSource;
}

export const ITEM_CLASS_ROWS: readonly ItemClassRow[] = [
  {
    id: 'battery',
    covers: 'lithium batteries packed with or contained in equipment (phones, power tools, toys)',
    unNumbers: ['UN3481', 'UN3091'],
    source: {
      kind: 'ours',
      ref: 'UN3481 lithium ion / UN3091 lithium metal, packed with or in equipment (UN Model Regulations); not in reference/',
    },
  },
  {
    id: 'liquid',
    covers: 'liquids in the parcel (cosmetics, drinks, oils), not flammable',
    unNumbers: [],
    source: { kind: 'ours', ref: 'carriers commonly restrict liquids; no carrier list read' },
  },
  {
    id: 'aerosol',
    covers: 'aerosol cans and pressurised sprays',
    unNumbers: ['UN1950'],
    source: {
      kind: 'ours',
      ref: 'UN1950 aerosols (UN Model Regulations); ground only at most carriers; not in reference/',
    },
  },
];

/** Parses one class word (case and spacing ignored); null when it is not a class we know. */
export function parseItemClass(word: string): ItemClass | null {
  const w = word.trim().toLowerCase();
  return (ITEM_CLASSES as readonly string[]).includes(w) ? (w as ItemClass) : null;
}

/**
 * A cell of classes joined with `|` (`battery|liquid`; empty: none) → the classes in
 * ITEM_CLASSES order, or the words that are not a class.
 */
export function parseItemClassList(
  cell: string,
): { ok: true; classes: ItemClass[] } | { ok: false; unknown: string[] } {
  const words = cell
    .split('|')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  const classes = words.map(parseItemClass);
  const unknown = words.filter((_, i) => classes[i] === null);
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, classes: ITEM_CLASSES.filter((c) => classes.includes(c)) };
}

/** The classes of a package's items, once each, in ITEM_CLASSES order. */
export function classesOf(
  lines: ReadonlyArray<{ itemClasses?: readonly ItemClass[] | undefined }>,
): ItemClass[] {
  const all = new Set(lines.flatMap((l) => l.itemClasses ?? []));
  return ITEM_CLASSES.filter((c) => all.has(c));
}

/** The package's classes the service does not take; empty: it takes them all. */
export function refusedClasses(
  service: { accepts: readonly ItemClass[] },
  classes: readonly ItemClass[],
): ItemClass[] {
  return classes.filter((c) => !service.accepts.includes(c));
}
