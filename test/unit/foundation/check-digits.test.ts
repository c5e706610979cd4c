import { describe, expect, it } from 'vitest';
import {
  fedexCheckDigit,
  gs1CheckDigit,
  gs1Valid,
  mod37_36CheckCharacter,
  mod7CheckDigit,
  s10CheckDigit,
  upsCheckDigit,
} from '../../../src/shared/codes/check-digits';

// Samples from shared/reference/codes.md and the published GS1 / UPU examples.
describe('check digits', () => {
  it('S10: RB123456785GB', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
  });

  it('S10: remainder 0 gives 5, remainder 1 gives 0, else 11 − remainder', () => {
    expect(s10CheckDigit('00000000')).toBe(5); // sum 0
    expect(s10CheckDigit('10100000')).toBe(0); // 8 + 4 = 12, r = 1
    expect(s10CheckDigit('00000003')).toBe(1); // 21, r = 10
    expect(s10CheckDigit('00000100')).toBe(6); // 5, r = 5
  });

  it('S10 agrees with the rule as codes.md words it over many serials', () => {
    const weights = [8, 6, 4, 2, 3, 5, 9, 7];
    for (let n = 0; n < 100_000_000; n += 999_983) {
      const serial = String(n).padStart(8, '0');
      const r = [...serial].reduce((sum, d, i) => sum + Number(d) * (weights[i] ?? 0), 0) % 11;
      expect(s10CheckDigit(serial), serial).toBe(r === 0 ? 5 : r === 1 ? 0 : 11 - r);
    }
  });

  it('S10 refuses a serial that is not 8 digits', () => {
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
    expect(() => s10CheckDigit('1234567A')).toThrow(RangeError);
  });

  it('GS1 mod 10: GTIN-13 4006381333931, SSCC 00 340123450000000000 → 0', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('34012345000000000')).toBe(0);
    expect(gs1CheckDigit('0950110153000')).toBe(3); // GTIN-14 09501101530003
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
  });

  it('UPS 1Z: 1Z999AA10123456784', () => {
    expect(upsCheckDigit('999AA1012345678')).toBe(4);
    expect(() => upsCheckDigit('999aa1012345678')).toThrow(RangeError);
    expect(() => upsCheckDigit('999AA101234567')).toThrow(RangeError);
  });

  it('GS1 validity of a whole number', () => {
    expect(gs1Valid('4006381333931')).toBe(true);
    expect(gs1Valid('4006381333932')).toBe(false);
    expect(gs1Valid('1')).toBe(false);
    expect(gs1Valid('40063813339a1')).toBe(false);
  });

  it('DHL Express mod 7: 3318810025 (community sample)', () => {
    expect(mod7CheckDigit('331881002')).toBe(5);
    expect(mod7CheckDigit('7389105114')).toBe(6);
    expect(() => mod7CheckDigit('')).toThrow(RangeError);
  });

  it('FedEx mod 11, right-aligned: 986578788855 and the 13-digit serial of a 34-digit barcode', () => {
    expect(fedexCheckDigit('98657878885')).toBe(5);
    expect(fedexCheckDigit('0077901797269')).toBe(7);
    // 1×1 + 3×3 = 10: a remainder of 10 becomes 0.
    expect(fedexCheckDigit('00000000031')).toBe(0);
    expect(() => fedexCheckDigit('1A')).toThrow(RangeError);
  });

  it('ISO 7064 MOD 37,36 over DPD parcel data: 0081827 0998000002003 3 350 276 → C', () => {
    expect(mod37_36CheckCharacter('008182709980000020033350276')).toBe('C');
    expect(mod37_36CheckCharacter('008182709980000020045327276')).toBe('N');
    expect(() => mod37_36CheckCharacter('abc')).toThrow(RangeError);
  });

  it('MOD 37,36 catches every single-character substitution', () => {
    const data = 'MEI01';
    const check = mod37_36CheckCharacter(data);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < data.length; i++) {
      for (const ch of alphabet) {
        if (ch === data[i]) continue;
        const other = data.slice(0, i) + ch + data.slice(i + 1);
        expect(mod37_36CheckCharacter(other), other).not.toBe(check);
      }
    }
  });
});
