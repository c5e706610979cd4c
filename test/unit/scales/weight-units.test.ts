import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divideCeil,
  divideRounded,
  formatScaled,
  parseDecimal,
  toGrams,
  toMilligrams,
} from '../../../src/shared/scales/weight-units';

describe('weight units', () => {
  it('converts the legal definitions exactly', () => {
    expect(toGrams({ raw: 1n, exponent: 0 }, 'lb')).toBe(454); // 453.59237
    expect(toMilligrams({ raw: 1n, exponent: 0 }, 'lb')).toBe(453_592);
    expect(toMilligrams({ raw: 1n, exponent: 0 }, 'oz')).toBe(28_350); // 28.349523125
    expect(toGrams({ raw: 1000n, exponent: -1 }, 'oz')).toBe(2835); // 100.0 oz = 2834.9523125 g
    expect(toGrams({ raw: 16n, exponent: 0 }, 'oz')).toBe(toGrams({ raw: 1n, exponent: 0 }, 'lb'));
    expect(toGrams({ raw: 1230n, exponent: -3 }, 'kg')).toBe(1230);
    expect(toGrams({ raw: 5n, exponent: 2 }, 'g')).toBe(500);
    expect(toGrams({ raw: 1500n, exponent: 0 }, 'mg')).toBe(2); // 1.5 g rounds half away from zero
    expect(toGrams({ raw: -1500n, exponent: 0 }, 'mg')).toBe(-2);
    expect(toGrams({ raw: 1n, exponent: 0 }, 'ozt')).toBe(31);
    expect(toMilligrams({ raw: 1n, exponent: 0 }, 'gr')).toBe(65);
  });

  it('has no float drift: 0.1 unit added n times is n tenths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65_535 }), (n) => {
        expect(toGrams({ raw: BigInt(n), exponent: -1 }, 'kg')).toBe(n * 100);
        // Exact reference in BigInt nanograms: n × 0.1 oz = n × 2834952312.5 ng.
        const ng = BigInt(n) * 28_349_523_125n;
        expect(toGrams({ raw: BigInt(n), exponent: -1 }, 'oz')).toBe(
          Number(divideRounded(ng, 10_000_000_000n)),
        );
      }),
    );
  });

  it('rounds and ceils ratios of integers', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(divideCeil(4n, 2n)).toBe(2n);
    expect(divideCeil(5n, 2n)).toBe(3n);
    expect(divideCeil(-5n, 2n)).toBe(-2n);
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('parses plain decimals and refuses anything else', () => {
    expect(parseDecimal('1.23')).toEqual({ raw: 123n, exponent: -2 });
    expect(parseDecimal('-0.50')).toEqual({ raw: -50n, exponent: -2 });
    expect(parseDecimal('+ 1.500')).toEqual({ raw: 1500n, exponent: -3 });
    expect(parseDecimal('.5')).toEqual({ raw: 5n, exponent: -1 });
    expect(parseDecimal('1,25')).toEqual({ raw: 125n, exponent: -2 });
    expect(parseDecimal('12')).toEqual({ raw: 12n, exponent: 0 });
    for (const bad of ['', '.', '1e3', '1.2.3', 'abc', '1 000', '1234567890123']) {
      expect(parseDecimal(bad), bad).toBeNull();
    }
  });

  it('formats what it parses back to the same text', () => {
    for (const text of ['1.23', '-0.50', '0.005', '12', '100.0']) {
      expect(formatScaled(parseDecimal(text) ?? { raw: 0n, exponent: 0 })).toBe(text);
    }
    expect(formatScaled({ raw: 5n, exponent: 2 })).toBe('500');
  });
});
