import { describe, expect, it } from 'vitest';
import { recognise } from '../../../src/shared/codes/recognise';
import { LABEL_CORPUS } from './fixtures/label-corpus';

describe('every code on a real label is classified correctly', () => {
  for (const label of LABEL_CORPUS) {
    describe(`${label.name} (${label.market})`, () => {
      it.each(label.codes)('$what', (code) => {
        const r = recognise(code.raw, { markets: [label.market] });
        expect(r.kind).toBe(code.kind);
        expect(r.valid).toBe(code.valid);
        if (code.carrier !== undefined) expect(r.carrier).toBe(code.carrier);
        if (code.value !== undefined) expect(r.candidates[0]?.value).toBe(code.value);
      });
    });
  }

  it('covers every carrier the issue names', () => {
    const carriers = new Set(
      LABEL_CORPUS.flatMap((l) => l.codes.map((c) => c.carrier)).filter((c): c is string => !!c),
    );
    for (const c of [
      'royalmail',
      'evri',
      'yodel',
      'dpd',
      'dhl_express',
      'dhl_ecommerce',
      'ups',
      'usps',
      'fedex',
      'yunexpress',
      'thailandpost',
      'kerry',
      'flash',
      'jnt',
      'ninjavan',
      'ghn',
      'ghtk',
      'viettelpost',
      'poslaju',
    ]) {
      expect(carriers.has(c), c).toBe(true);
    }
  });
});
