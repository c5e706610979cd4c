import type { Candidate, Recognition } from './recognise';

/** Kinds whose value can name a parcel or a return order in our tables. */
const LOOKUP_KINDS: ReadonlySet<Candidate['kind']> = new Set([
  'tracking',
  'sscc',
  'gtin',
  'return_id',
  'order_id',
]);

/** Enough for every reading of one label; each key costs a few index probes. */
export const MAX_LOOKUP_KEYS = 8;

/**
 * The values worth looking up for a recognised code, best first and without repeats: each valid
 * tracking number, SSCC, GTIN, return or order id candidate (with its other spellings), in rank
 * order. A GS1 string thus finds its parcel by the SSCC or tracking number inside it, and an
 * IMpb scanned with its 420+ZIP prefix by the number alone. Invalid candidates are left out: a
 * number whose check digit fails names nothing.
 */
export function lookupKeys(recognition: Recognition, limit = MAX_LOOKUP_KEYS): string[] {
  const keys: string[] = [];
  const push = (key: string): void => {
    if (key.length > 0 && keys.length < limit && !keys.includes(key)) keys.push(key);
  };
  for (const c of recognition.candidates) {
    if (!c.valid || c.value === null || !LOOKUP_KINDS.has(c.kind)) continue;
    push(c.value);
    for (const alternate of c.alternates) push(alternate);
  }
  return keys;
}
