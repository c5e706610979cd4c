import { describe, expect, it } from 'vitest';
import { parseTypedWeight } from '../../../src/shared/scales/typed-weight';

describe('typed weights', () => {
  it('takes grams, kilograms, pounds and ounces, with or without a unit', () => {
    const grams = (text: string, unit: 'g' | 'kg' = 'g') => {
      const p = parseTypedWeight(text, unit);
      return p.ok ? p.grams : p.reason;
    };
    expect(grams('1250')).toBe(1250);
    expect(grams('1250 g')).toBe(1250);
    expect(grams('1.25kg')).toBe(1250);
    expect(grams('1,25 KG')).toBe(1250);
    expect(grams('1.25', 'kg')).toBe(1250);
    expect(grams('2.5 lb')).toBe(1134);
    expect(grams('12 oz')).toBe(340);
    expect(grams(' 0.7  kg ')).toBe(700);
  });

  it('refuses zero, negatives, ambiguity and nonsense with a reason', () => {
    const reason = (text: string) => {
      const p = parseTypedWeight(text, 'g');
      return p.ok ? p.grams : p.reason;
    };
    expect(reason('')).toBe('empty');
    expect(reason('0')).toBe('not_positive');
    expect(reason('-3')).toBe('not_positive');
    expect(reason('1,250')).toBe('ambiguous_comma');
    expect(reason('1.2.3')).toBe('not_a_number');
    expect(reason('abc')).toBe('not_a_number');
    expect(reason('3 stone')).toBe('unknown_unit');
    expect(reason('2000 kg')).toBe('too_heavy');
  });
});
