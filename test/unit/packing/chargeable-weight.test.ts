import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARRIER_SERVICES,
  carrierService,
  type CarrierService,
} from '../../../src/shared/packing/carrier-services';
import { chargeableWeight } from '../../../src/shared/packing/chargeable-weight';

const service = (id: string): CarrierService => {
  const s = carrierService(id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
};
const dims = (l: number, w: number, h: number) => ({ lengthMm: l, widthMm: w, heightMm: h });

describe('chargeable weight', () => {
  it('J&T Malaysia: 6000 domestic, 5000 international', () => {
    // 40 × 30 × 20 cm = 24 000 cm³ → 4 kg domestic, 4.8 kg international
    const domestic = chargeableWeight({
      actualGrams: 1200,
      dims: dims(400, 300, 200),
      service: service('jnt-my-domestic'),
    });
    expect(domestic).toMatchObject({
      basis: 'volumetric',
      volumetricGrams: 4000,
      chargeableGrams: 4000,
      billed: { amount: '4', unit: 'kg' },
    });
    const intl = chargeableWeight({
      actualGrams: 1200,
      dims: dims(400, 300, 200),
      service: service('jnt-my-international'),
    });
    expect(intl).toMatchObject({
      volumetricGrams: 4800,
      chargeableGrams: 5000,
      billed: { amount: '5', unit: 'kg' },
    });
    // A small heavy parcel goes by its actual weight, up to the next kg, with the 1 kg minimum.
    expect(
      chargeableWeight({ actualGrams: 2300, dims: dims(200, 150, 100), service: service('jnt-my-domestic') }),
    ).toMatchObject({
      basis: 'actual',
      chargeableGrams: 3000,
    });
    expect(
      chargeableWeight({ actualGrams: 120, dims: dims(100, 100, 50), service: service('jnt-my-domestic') })
        .chargeableGrams,
    ).toBe(1000);
  });

  it('Pos Malaysia: 6000, rounded up to the next kilogram', () => {
    // 30 × 30 × 31 cm = 27 900 cm³ / 6000 = 4.65 kg → 5 kg
    expect(
      chargeableWeight({ actualGrams: 3100, dims: dims(300, 300, 310), service: service('posmy-parcel') }),
    ).toMatchObject({
      volumetricGrams: 4650,
      chargeableGrams: 5000,
    });
  });

  it('GHN: 5000, to the gram', () => {
    // 25 × 20 × 10 cm = 5000 cm³ / 5000 = 1 kg exactly; 1 mm more is 1.02 kg
    expect(
      chargeableWeight({ actualGrams: 800, dims: dims(250, 200, 100), service: service('ghn-standard') })
        .chargeableGrams,
    ).toBe(1000);
    expect(
      chargeableWeight({ actualGrams: 800, dims: dims(250, 200, 101), service: service('ghn-standard') }),
    ).toMatchObject({
      chargeableGrams: 1010,
      billed: { amount: '1.01', unit: 'kg' },
    });
  });

  it('UPS and FedEx: 139 in³/lb, sides to the nearest inch, pounds rounded up', () => {
    // 12.2 × 10.4 × 8.6 in → 12 × 10 × 9 = 1080 in³ / 139 = 7.77 → 8 lb; actual 2 lb
    const mm = dims(310, 264, 218); // 12.20, 10.39, 8.58 in
    for (const id of ['ups-ground', 'fedex-ground']) {
      expect(chargeableWeight({ actualGrams: 900, dims: mm, service: service(id) })).toMatchObject({
        basis: 'volumetric',
        billed: { amount: '8', unit: 'lb' },
        chargeableGrams: 3629, // 8 × 453.59237 = 3628.74 → 3629
      });
    }
    // 1 g over a pound bills 2 lb.
    expect(
      chargeableWeight({ actualGrams: 455, dims: dims(100, 100, 100), service: service('ups-ground') })
        .billed,
    ).toEqual({
      amount: '2',
      unit: 'lb',
    });
  });

  it('USPS: 166 in³/lb only above one cubic foot', () => {
    // 12 × 12 × 12 in = 1728 in³: not above 1 ft³, so the actual weight counts.
    const cube = dims(305, 305, 305);
    expect(
      chargeableWeight({ actualGrams: 1000, dims: cube, service: service('usps-ground-advantage') }),
    ).toMatchObject({
      basis: 'actual',
      volumetricGrams: 0,
      billed: { amount: '3', unit: 'lb' },
    });
    // 13 × 12 × 12 = 1872 in³ / 166 = 11.28 → 12 lb
    expect(
      chargeableWeight({
        actualGrams: 1000,
        dims: dims(330, 305, 305),
        service: service('usps-priority-mail'),
      }),
    ).toMatchObject({
      basis: 'volumetric',
      billed: { amount: '12', unit: 'lb' },
    });
  });

  it('names the limits a parcel breaks', () => {
    const result = chargeableWeight({
      actualGrams: 72_000,
      dims: dims(2800, 600, 600),
      service: service('ups-ground'),
    });
    expect(result.problems.map((p) => p.code)).toEqual(['too_heavy', 'too_long', 'too_large']);
    expect(
      chargeableWeight({ actualGrams: 31_000, dims: dims(300, 300, 300), service: service('posmy-parcel') })
        .problems,
    ).toEqual([{ code: 'too_heavy', limitGrams: 30_000, actualGrams: 31_000 }]);
  });

  it('refuses a weight or side that is not a positive whole number', () => {
    const s = service('ghn-standard');
    expect(() => chargeableWeight({ actualGrams: 0, dims: dims(1, 1, 1), service: s })).toThrow(
      /actualGrams/,
    );
    expect(() => chargeableWeight({ actualGrams: 10, dims: dims(1, 1.5, 1), service: s })).toThrow(/widthMm/);
  });

  it('is never below the actual weight nor the volumetric one, and is a whole step (property)', () => {
    const metric = CARRIER_SERVICES.filter((s) => s.units === 'metric');
    fc.assert(
      fc.property(
        fc.constantFrom(...metric),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.integer({ min: 1, max: 1500 }),
        (s, grams, l, w, h) => {
          const r = chargeableWeight({ actualGrams: grams, dims: dims(l, w, h), service: s });
          const step = s.rounding.kind === 'up_to_grams' ? s.rounding.stepGrams : 1;
          expect(r.chargeableGrams).toBeGreaterThanOrEqual(grams);
          expect(r.chargeableGrams * s.divisor).toBeGreaterThanOrEqual(l * w * h);
          expect(r.chargeableGrams % step).toBe(0);
          expect(r.chargeableGrams - step).toBeLessThan(
            Math.max(grams, (l * w * h) / s.divisor, s.minChargeableGrams ?? 0),
          );
        },
      ),
    );
  });

  it('every row names a source for its divisor and rounding', () => {
    for (const s of CARRIER_SERVICES) {
      expect(s.sources.divisor.ref.length, s.id).toBeGreaterThan(5);
      expect(s.sources.rounding.ref.length, s.id).toBeGreaterThan(5);
    }
    expect(new Set(CARRIER_SERVICES.map((s) => s.id)).size).toBe(CARRIER_SERVICES.length);
  });
});
