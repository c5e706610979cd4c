import { divideCeil, divideRounded } from '../scales/weight-units';
import type { CarrierService } from './carrier-services';

/**
 * Chargeable weight = max(actual, volume ÷ divisor), rounded as the service rounds, in integers
 * only: volumes are mm³ BigInts, pounds are exact ratios (1 lb = 45 359 237 / 100 000 g), and each
 * rounding happens once where the carrier's rule puts it. Metric: volumetric grams = mm³ ÷ divisor
 * exactly (cm³/divisor kg = mm³/1000/divisor × 1000 g). Imperial: each side to the nearest whole
 * inch, in³ ÷ divisor up to the next pound, the actual weight up to the next pound.
 */
export interface Dimensions {
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

export interface ChargeableWeightInput {
  actualGrams: number;
  dims: Dimensions;
  service: CarrierService;
}

export type LimitProblem =
  | { code: 'too_heavy'; limitGrams: number; actualGrams: number }
  | { code: 'too_long'; limitMm: number; lengthMm: number }
  | { code: 'too_large'; limitMm: number; lengthPlusGirthMm: number };

export interface ChargeableWeight {
  service: string;
  basis: 'actual' | 'volumetric';
  actualGrams: number;
  /** Volume ÷ divisor in whole grams, rounded up; 0 when the service ignores volume at this size. */
  volumetricGrams: number;
  /** What the carrier bills, in its unit: `{ amount: '1.5', unit: 'kg' }`, `{ amount: '3', unit: 'lb' }`. */
  billed: { amount: string; unit: 'kg' | 'lb' };
  /** The billed weight in grams (pounds converted and rounded up to a whole gram). */
  chargeableGrams: number;
  problems: LimitProblem[];
}

const LB_NUM = 45_359_237n; // grams per pound × 100 000
const LB_DEN = 100_000n;

function positiveInteger(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${what} must be a positive whole number`);
  return BigInt(value);
}

export function chargeableWeight({ actualGrams, dims, service }: ChargeableWeightInput): ChargeableWeight {
  const actual = positiveInteger(actualGrams, 'actualGrams');
  const sides = [dims.lengthMm, dims.widthMm, dims.heightMm].map((v, i) =>
    positiveInteger(v, ['lengthMm', 'widthMm', 'heightMm'][i] ?? 'side'),
  );
  const [l, w, h] = sides as [bigint, bigint, bigint];
  const problems = limitProblems(actualGrams, dims, service);

  if (service.units === 'metric') {
    if (service.rounding.kind !== 'up_to_grams')
      throw new RangeError(`${service.id}: metric service rounds in grams`);
    const step = positiveInteger(service.rounding.stepGrams, 'stepGrams');
    const mm3 = l * w * h;
    const divisor = positiveInteger(service.divisor, 'divisor');
    const volumetric = divideCeil(mm3, divisor);
    const actualSteps = divideCeil(actual, step);
    const volumetricSteps = divideCeil(mm3, divisor * step);
    let steps = actualSteps >= volumetricSteps ? actualSteps : volumetricSteps;
    if (service.minChargeableGrams !== undefined) {
      const minSteps = divideCeil(BigInt(service.minChargeableGrams), step);
      if (minSteps > steps) steps = minSteps;
    }
    const grams = steps * step;
    return {
      service: service.id,
      basis: volumetricSteps > actualSteps ? 'volumetric' : 'actual',
      actualGrams,
      volumetricGrams: Number(volumetric),
      billed: { amount: kilograms(grams), unit: 'kg' },
      chargeableGrams: Number(grams),
      problems,
    };
  }

  if (service.rounding.kind !== 'up_to_pound')
    throw new RangeError(`${service.id}: imperial service rounds in pounds`);
  // Nearest whole inch per side: round(mm / 25.4) = round(10·mm / 254).
  const [li, wi, hi] = sides.map((mm) => divideRounded(mm * 10n, 254n)) as [bigint, bigint, bigint];
  const cubicInches = li * wi * hi;
  const divisor = positiveInteger(service.divisor, 'divisor');
  const counts =
    service.volumetricAboveCubicInches === undefined ||
    cubicInches > BigInt(service.volumetricAboveCubicInches);
  const dimLb = counts ? divideCeil(cubicInches, divisor) : 0n;
  const actualLb = divideCeil(actual * LB_DEN, LB_NUM);
  let lb = actualLb >= dimLb ? actualLb : dimLb;
  if (service.minChargeableGrams !== undefined) {
    const minLb = divideCeil(BigInt(service.minChargeableGrams) * LB_DEN, LB_NUM);
    if (minLb > lb) lb = minLb;
  }
  return {
    service: service.id,
    basis: dimLb > actualLb ? 'volumetric' : 'actual',
    actualGrams,
    volumetricGrams: Number(divideCeil(dimLb * LB_NUM, LB_DEN)),
    billed: { amount: lb.toString(), unit: 'lb' },
    chargeableGrams: Number(divideCeil(lb * LB_NUM, LB_DEN)),
    problems,
  };
}

/** 1500n → "1.5", 2000n → "2", 1234n → "1.234". */
function kilograms(grams: bigint): string {
  const whole = grams / 1000n;
  const rest = (grams % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return rest === '' ? whole.toString() : `${whole.toString()}.${rest}`;
}

function limitProblems(actualGrams: number, dims: Dimensions, service: CarrierService): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const sorted = [dims.lengthMm, dims.widthMm, dims.heightMm].sort((a, b) => b - a) as [
    number,
    number,
    number,
  ];
  if (service.maxActualGrams !== undefined && actualGrams > service.maxActualGrams) {
    problems.push({ code: 'too_heavy', limitGrams: service.maxActualGrams, actualGrams });
  }
  if (service.maxLengthMm !== undefined && sorted[0] > service.maxLengthMm) {
    problems.push({ code: 'too_long', limitMm: service.maxLengthMm, lengthMm: sorted[0] });
  }
  const girth = sorted[0] + 2 * (sorted[1] + sorted[2]);
  if (service.maxLengthPlusGirthMm !== undefined && girth > service.maxLengthPlusGirthMm) {
    problems.push({ code: 'too_large', limitMm: service.maxLengthPlusGirthMm, lengthPlusGirthMm: girth });
  }
  return problems;
}
