import { describe, expect, it } from 'vitest';
import { recognise } from '../../../src/shared/codes/recognise';
import { boxBarcode, boxPresetSchema, parseBoxBarcode } from '../../../src/shared/packing/box-presets';
import { checkExpectedWeight } from '../../../src/shared/packing/expected-weight';
import { mod37_36CheckCharacter } from '../../../src/shared/codes/check-digits';

describe('box preset barcodes', () => {
  it('carry a MOD 37,36 check character and read back', () => {
    const code = boxBarcode('s2');
    expect(code).toBe(`BOX-S2-${mod37_36CheckCharacter('S2')}`);
    expect(parseBoxBarcode(code)).toEqual({ ok: true, code: 'S2' });
    expect(parseBoxBarcode(` ${code.toLowerCase()} `)).toEqual({ ok: true, code: 'S2' });
  });

  it('refuses a misread check character and what is not a box code', () => {
    const good = boxBarcode('M10');
    const wrong = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    expect(parseBoxBarcode(wrong)).toMatchObject({
      ok: false,
      reason: 'check_failed',
      expected: good.at(-1),
    });
    expect(parseBoxBarcode('BOX-')).toEqual({ ok: false, reason: 'not_a_box_code' });
    expect(parseBoxBarcode('BADGE-MEI01-0')).toEqual({ ok: false, reason: 'not_a_box_code' });
    expect(() => boxBarcode('TOO-LONG-CODE')).toThrow(RangeError);
  });

  it('the recogniser knows them as boxes, check digit and all', () => {
    const good = recognise(boxBarcode('L1'));
    expect(good).toMatchObject({ kind: 'box', valid: true });
    expect(good.candidates[0]).toMatchObject({ format: 'own-box', check: 'passed' });
    const bad = boxBarcode('L1').slice(0, -1) + 'Z';
    expect(recognise(bad).candidates.find((c) => c.format === 'own-box')).toMatchObject({
      check: 'failed',
      valid: false,
    });
  });

  it('validates presets', () => {
    const preset = boxPresetSchema.parse({
      code: 'S2',
      name: 'Small',
      innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
      tareGrams: 85,
    });
    expect(preset.active).toBe(true);
    expect(boxPresetSchema.safeParse({ ...preset, code: 's-2' }).success).toBe(false);
    expect(boxPresetSchema.safeParse({ ...preset, tareGrams: -1 }).success).toBe(false);
  });
});

describe('expected weight', () => {
  const items = [
    { sku: 'TEE', quantity: 2, unitGrams: 180 },
    { sku: 'CAP', quantity: 1, unitGrams: 95 },
  ];
  // expected 85 + 360 + 95 = 540; allowed 20 + ceil(540 × 5 %) = 47

  it('is ok within the tolerance, on both sides', () => {
    expect(checkExpectedWeight({ items, tareGrams: 85, measuredGrams: 587 })).toEqual({
      verdict: 'ok',
      expectedGrams: 540,
      measuredGrams: 587,
      differenceGrams: 47,
      allowedGrams: 47,
    });
    expect(checkExpectedWeight({ items, tareGrams: 85, measuredGrams: 493 }).verdict).toBe('ok');
  });

  it('warns too light (a missing item) and too heavy (a wrong one)', () => {
    expect(checkExpectedWeight({ items, tareGrams: 85, measuredGrams: 360 })).toMatchObject({
      verdict: 'too_light',
      differenceGrams: -180,
    });
    expect(checkExpectedWeight({ items, tareGrams: 85, measuredGrams: 588 }).verdict).toBe('too_heavy');
    expect(
      checkExpectedWeight({
        items,
        tareGrams: 85,
        measuredGrams: 560,
        tolerance: { absoluteGrams: 5, relativeBasisPoints: 0 },
      }).verdict,
    ).toBe('too_heavy');
  });

  it('is unknown when an item has no recorded weight', () => {
    expect(
      checkExpectedWeight({
        items: [...items, { sku: 'MUG', quantity: 1, unitGrams: null }],
        tareGrams: 85,
        measuredGrams: 900,
      }),
    ).toEqual({
      verdict: 'unknown',
      measuredGrams: 900,
      skusWithoutWeight: ['MUG'],
    });
  });
});
