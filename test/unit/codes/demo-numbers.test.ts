import { describe, expect, it } from 'vitest';
import { DEMO_CARRIERS } from '../../../src/main/demo/tracking-numbers';
import { seededRandom } from '../../../src/main/random';
import { recognise } from '../../../src/shared/codes/recognise';

/** The demo seed's destination names and the carriers the recogniser names. */
const CARRIER_OF: Record<string, string> = {
  flash: 'flash',
  jnt_th: 'jnt',
  ghn: 'ghn',
  jnt_vn: 'jnt',
  ninjavan: 'ninjavan',
  poslaju: 'poslaju',
  royalmail: 'royalmail',
  evri: 'evri',
  usps: 'usps',
  ups: 'ups',
};

describe('the demo seed’s tracking numbers', () => {
  it('maps every demo carrier', () => {
    expect(Object.keys(CARRIER_OF).sort()).toEqual(DEMO_CARRIERS.map((c) => c.name).sort());
  });

  for (const demo of DEMO_CARRIERS) {
    it(`${demo.name}: recognised as ${CARRIER_OF[demo.name]}, first unless a check digit happens to pass elsewhere`, () => {
      const random = seededRandom(7);
      let first = 0;
      for (let i = 0; i < 300; i++) {
        const code = demo.makeTracking(random);
        const r = recognise(code, { markets: [demo.country] });
        const own = r.candidates.find((c) => c.carrier === CARRIER_OF[demo.name]);
        expect(own, code).toMatchObject({ kind: 'tracking', valid: true, value: code });
        const top = r.candidates[0];
        if (top === own) first++;
        // Only a passed check digit may outrank the demo carrier's own format.
        else expect(top?.check === 'passed' && own?.check === 'none', `${code}: ${top?.format}`).toBe(true);
      }
      // A bare run of digits passes somebody's check digit now and then; never most of the time.
      expect(first).toBeGreaterThan(200);
    });
  }
});
