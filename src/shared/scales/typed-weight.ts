import type { ScaleReading } from './scale-reading';
import { parseDecimal, toGrams, type WeightUnit } from './weight-units';

/**
 * A weight typed on the keyboard when there is no scale (or it is broken): `1250`, `1250 g`,
 * `1.25kg`, `1,25 kg`, `2.5 lb`, `12 oz`. A comma is a decimal point (Vietnamese and most European
 * keyboards) — except `1,250`, which a US clerk means as 1250 and a Vietnamese one as 1.25: that is
 * refused with a request to type it unambiguously. No unit → the station's default unit.
 */
export type TypedUnit = 'g' | 'kg' | 'lb' | 'oz';

export type TypedWeightParse =
  | { ok: true; grams: number; reported: { text: string; unit: TypedUnit } }
  | {
      ok: false;
      reason: 'empty' | 'not_a_number' | 'ambiguous_comma' | 'unknown_unit' | 'not_positive' | 'too_heavy';
    };

const UNIT_WORDS: Record<string, TypedUnit> = {
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  lb: 'lb',
  lbs: 'lb',
  oz: 'oz',
};

/** More than any parcel a packing bench handles (and more than a carrier takes). */
const MAX_TYPED_GRAMS = 1_000_000;

export function parseTypedWeight(input: string, defaultUnit: TypedUnit): TypedWeightParse {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?[0-9.,]+)\s*([a-z]*)$/.exec(text);
  if (!m) return { ok: false, reason: 'not_a_number' };
  const number = m[1] ?? '';
  if (/^[+-]?\d{1,3},\d{3}$/.test(number)) return { ok: false, reason: 'ambiguous_comma' };
  if ((number.match(/[.,]/g) ?? []).length > 1) return { ok: false, reason: 'not_a_number' };
  const value = parseDecimal(number);
  if (!value) return { ok: false, reason: 'not_a_number' };
  const word = m[2] ?? '';
  const unit = word === '' ? defaultUnit : UNIT_WORDS[word];
  if (!unit) return { ok: false, reason: 'unknown_unit' };
  const grams = toGrams(value, unit);
  if (value.raw <= 0n || grams <= 0) return { ok: false, reason: 'not_positive' };
  if (grams > MAX_TYPED_GRAMS) return { ok: false, reason: 'too_heavy' };
  return { ok: true, grams, reported: { text: number.replace(',', '.'), unit } };
}

/** A typed weight is what the clerk says it is: stable by definition. */
export function typedReading(parse: Extract<TypedWeightParse, { ok: true }>, at: number): ScaleReading {
  return {
    grams: parse.grams,
    stable: true,
    overRange: false,
    underZero: false,
    reported: parse.reported,
    at,
    source: 'typed',
  };
}

export type { WeightUnit };
