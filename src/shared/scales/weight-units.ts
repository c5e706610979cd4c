/**
 * Weights as scales report them — an integer, a decimal exponent and a unit — turned into grams
 * with integer arithmetic only. A float would turn 0.1 oz × 10 into 28.349523124999998 g and a
 * kilogram reading into 999.9999 g; here the exact value is a ratio of BigInts and is rounded
 * once, half away from zero, at the end.
 *
 * The factors are the legal definitions: 1 lb = 0.45359237 kg exactly (international yard and
 * pound agreement, 1959); 1 oz = 1/16 lb = 28.349523125 g; 1 troy ounce = 31.1034768 g;
 * 1 grain = 64.79891 mg; 1 pennyweight = 24 grains; 1 metric carat = 200 mg.
 */
export const WEIGHT_UNITS = ['mg', 'g', 'kg', 't', 'ct', 'gr', 'dwt', 'ozt', 'oz', 'lb', 'ton'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/** grams per unit as numerator / denominator (both BigInt, denominator a power of ten). */
const GRAMS_PER: Record<WeightUnit, readonly [bigint, bigint]> = {
  mg: [1n, 1000n],
  g: [1n, 1n],
  kg: [1000n, 1n],
  t: [1_000_000n, 1n],
  ct: [2n, 10n],
  gr: [6_479_891n, 100_000_000n],
  dwt: [155_517_384n, 100_000_000n],
  ozt: [311_034_768n, 10_000_000n],
  oz: [28_349_523_125n, 1_000_000_000n],
  lb: [45_359_237n, 100_000n],
  /** The US short ton, 2000 lb. */
  ton: [90_718_474n, 100n],
};

export function isWeightUnit(value: string): value is WeightUnit {
  return (WEIGHT_UNITS as readonly string[]).includes(value);
}

/** A decimal as the scale wrote it: `raw × 10^exponent` (`1.230` → raw 1230, exponent −3). */
export interface ScaledInteger {
  raw: bigint;
  exponent: number;
}

/** Rounds `num / den` to the nearest integer, halves away from zero. */
export function divideRounded(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const negative = num < 0n;
  const n = negative ? -num : num;
  const q = (2n * n + den) / (2n * den);
  return negative ? -q : q;
}

/** Rounds `num / den` up (towards +∞). */
export function divideCeil(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const q = num / den;
  return num % den > 0n ? q + 1n : q;
}

/** The exact weight in grams as a ratio `num / den`, den > 0. */
export function exactGrams(value: ScaledInteger, unit: WeightUnit): { num: bigint; den: bigint } {
  const [gn, gd] = GRAMS_PER[unit];
  let num = value.raw * gn;
  let den = gd;
  if (value.exponent >= 0) num *= 10n ** BigInt(value.exponent);
  else den *= 10n ** BigInt(-value.exponent);
  return { num, den };
}

/** The weight in whole grams, rounded once, half away from zero. */
export function toGrams(value: ScaledInteger, unit: WeightUnit): number {
  const { num, den } = exactGrams(value, unit);
  return Number(divideRounded(num, den));
}

/** The weight in whole milligrams, rounded once (for scales finer than a gram). */
export function toMilligrams(value: ScaledInteger, unit: WeightUnit): number {
  const { num, den } = exactGrams(value, unit);
  return Number(divideRounded(num * 1000n, den));
}

const DECIMAL = /^([+-])?\s*(\d*)(?:[.,](\d*))?$/;

/**
 * `"1.23"`, `"-0.50"`, `"+ 1.500"`, `".5"` → raw and exponent; null when it is not one plain
 * decimal (no thousands separators, no exponent notation). At most 12 significant digits, far
 * beyond any scale, so a garbled line cannot become an absurd number.
 */
export function parseDecimal(text: string): ScaledInteger | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  if (digits.length > 12) return null;
  const raw = BigInt(whole + fraction || '0');
  return { raw: m[1] === '-' ? -raw : raw, exponent: fraction.length === 0 ? 0 : -fraction.length };
}

/** The value as the scale would print it: raw 1230, exponent −3 → "1.230"; raw 5, exponent 2 → "500". */
export function formatScaled(value: ScaledInteger): string {
  const negative = value.raw < 0n;
  let digits = (negative ? -value.raw : value.raw).toString();
  if (value.exponent >= 0) return (negative ? '-' : '') + digits + '0'.repeat(value.exponent);
  const places = -value.exponent;
  digits = digits.padStart(places + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
