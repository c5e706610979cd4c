/**
 * Does the parcel weigh what its verified items should? expected = box tare + Σ unit weight ×
 * quantity; the reading may differ by `absoluteGrams + relative × expected` (the relative part
 * in basis points, rounded up) before the bench warns — too light usually means an item is
 * missing, too heavy a wrong or extra one. Items whose unit weight nobody recorded make the check
 * `unknown` rather than guessing.
 */
export interface WeightTolerance {
  absoluteGrams: number;
  /** 500 = 5 %. */
  relativeBasisPoints: number;
}

/** 20 g for scale and packing-material spread, plus 5 % for the seller's unit weights. Ours; per seller data. */
export const DEFAULT_WEIGHT_TOLERANCE: WeightTolerance = { absoluteGrams: 20, relativeBasisPoints: 500 };

export interface ExpectedItem {
  sku: string;
  quantity: number;
  /** Null when the catalogue has no weight for it. */
  unitGrams: number | null;
}

export interface ExpectedWeightInput {
  items: readonly ExpectedItem[];
  tareGrams: number;
  measuredGrams: number;
  tolerance?: WeightTolerance;
}

export type ExpectedWeightCheck =
  | {
      verdict: 'ok' | 'too_light' | 'too_heavy';
      expectedGrams: number;
      measuredGrams: number;
      /** measured − expected. */
      differenceGrams: number;
      allowedGrams: number;
    }
  | { verdict: 'unknown'; measuredGrams: number; skusWithoutWeight: string[] };

export function checkExpectedWeight(input: ExpectedWeightInput): ExpectedWeightCheck {
  const tolerance = input.tolerance ?? DEFAULT_WEIGHT_TOLERANCE;
  for (const [name, v] of [
    ['tareGrams', input.tareGrams],
    ['measuredGrams', input.measuredGrams],
    ['absoluteGrams', tolerance.absoluteGrams],
    ['relativeBasisPoints', tolerance.relativeBasisPoints],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
  }
  const missing = input.items.filter((i) => i.unitGrams === null).map((i) => i.sku);
  if (missing.length > 0) {
    return {
      verdict: 'unknown',
      measuredGrams: input.measuredGrams,
      skusWithoutWeight: [...new Set(missing)],
    };
  }
  let expected = input.tareGrams;
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 0)
      throw new RangeError('quantity must be a whole number ≥ 0');
    if (!Number.isSafeInteger(item.unitGrams) || (item.unitGrams as number) < 0) {
      throw new RangeError('unitGrams must be a whole number ≥ 0');
    }
    expected += (item.unitGrams as number) * item.quantity;
  }
  const allowed = tolerance.absoluteGrams + Math.ceil((expected * tolerance.relativeBasisPoints) / 10_000);
  const difference = input.measuredGrams - expected;
  const verdict = difference < -allowed ? 'too_light' : difference > allowed ? 'too_heavy' : 'ok';
  return {
    verdict,
    expectedGrams: expected,
    measuredGrams: input.measuredGrams,
    differenceGrams: difference,
    allowedGrams: allowed,
  };
}
