import { describe, expect, it } from 'vitest';
import { batchTotals } from '../../../src/main/returns/batch-totals';
import { sumByCurrency } from '../../../src/main/returns/decimal-sum';

describe('exact money sums per currency', () => {
  it('adds decimal strings without float error, one sum per currency in alphabetical order', () => {
    // 0.1 + 0.2 as floats is 0.30000000000000004; ten of 0.1 is 0.9999999999999999.
    const tenths = Array.from({ length: 10 }, () => ({ amount: '0.1', currency: 'USD' }));
    expect(
      sumByCurrency([
        { amount: '0.1', currency: 'THB' },
        { amount: '0.2', currency: 'THB' },
        ...tenths,
        { amount: '1999.99', currency: 'MYR' },
        { amount: '0.01', currency: 'MYR' },
      ]),
    ).toEqual([
      { amount: '2000', currency: 'MYR' },
      { amount: '0.3', currency: 'THB' },
      { amount: '1', currency: 'USD' },
    ]);
  });

  it('keeps four decimals, handles negatives and amounts beyond 2^53', () => {
    expect(
      sumByCurrency([
        { amount: '9007199254740993', currency: 'VND' },
        { amount: '9007199254740993', currency: 'VND' },
        { amount: '1.2345', currency: 'CNY' },
        { amount: '-2.5', currency: 'CNY' },
        { amount: '-0.05', currency: 'SGD' },
      ]),
    ).toEqual([
      { amount: '-1.2655', currency: 'CNY' },
      { amount: '-0.05', currency: 'SGD' },
      { amount: '18014398509481986', currency: 'VND' },
    ]);
    expect(sumByCurrency([])).toEqual([]);
  });
});

describe('a destruction batch’s totals', () => {
  it('counts units by reason, grade and category, photos once by hash, and unpriced units', () => {
    const totals = batchTotals([
      {
        grade: 'D',
        scrapReason: 'hygiene',
        category: 'beauty',
        unitPrice: { amount: '199.50', currency: 'THB' },
        photos: [{ sha256: 'a' }, { sha256: 'b' }],
      },
      {
        grade: 'D',
        scrapReason: 'broken_beyond_repair',
        category: 'electronics',
        unitPrice: { amount: '0.50', currency: 'THB' },
        photos: [{ sha256: 'b' }],
      },
      { grade: 'C', scrapReason: 'hygiene', category: 'beauty', unitPrice: null, photos: [] },
    ]);
    expect(totals).toEqual({
      units: 3,
      photos: 2,
      byScrapReason: { hygiene: 2, broken_beyond_repair: 1 },
      byGrade: { D: 2, C: 1 },
      byCategory: { beauty: 2, electronics: 1 },
      value: [{ amount: '200', currency: 'THB' }],
      unpriced: 1,
    });
  });
});
