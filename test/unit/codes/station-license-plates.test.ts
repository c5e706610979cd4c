import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  makeLicensePlate as makePlainPlate,
  makeStationLicensePlate,
} from '../../../src/shared/codes/own-codes';
import { recognise } from '../../../src/shared/codes/recognise';
import { parseLicensePlate } from '../../../src/shared/returns/license-plate';
import { Plates, plateStationCode } from '../../../src/main/returns/plates';
import { seededRandom } from '../../../src/main/random';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function uuid(random: { next(): number }): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('station license plates', () => {
  it('carry the station code, the 8-digit serial and a check character the recogniser verifies', () => {
    const plate = makeStationLicensePlate('K7Q2M', 12);
    expect(plate).toMatch(/^LPK7Q2M00000012[0-9A-Z]$/);
    expect(recognise(plate)).toMatchObject({ kind: 'license_plate', valid: true });
    expect(parseLicensePlate(plate)).toEqual({ station: 'K7Q2M', serial: 12 });
  });

  it('refuse every single wrong character', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Z0-9]{4}$/),
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.nat(),
        fc.nat(),
        (station, serial, at, by) => {
          const body = makeStationLicensePlate(station, serial).slice(2);
          const i = at % body.length;
          const replaced = ALPHANUMERIC[(ALPHANUMERIC.indexOf(body[i] ?? '0') + 1 + (by % 35)) % 36];
          const typo = `LP${body.slice(0, i)}${replaced}${body.slice(i + 1)}`;
          expect(parseLicensePlate(typo), typo).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuse all but a few in a thousand swaps of two neighbours (ISO 7064 MOD 37,36 misses about 0.4 %)', () => {
    const random = seededRandom(5);
    let swaps = 0;
    let missed = 0;
    for (let n = 0; n < 3000; n++) {
      let station = ALPHANUMERIC[10 + Math.floor(random.next() * 26)] ?? 'A';
      for (let i = 0; i < 4; i++) station += ALPHANUMERIC[Math.floor(random.next() * 36)];
      const body = makeStationLicensePlate(station, Math.floor(random.next() * 1e8)).slice(2);
      for (let j = 0; j < body.length - 1; j++) {
        if (body[j] === body[j + 1]) continue;
        swaps++;
        if (parseLicensePlate(`LP${body.slice(0, j)}${body[j + 1]}${body[j]}${body.slice(j + 2)}`)) missed++;
      }
    }
    expect(swaps).toBeGreaterThan(30_000);
    expect(missed / swaps).toBeLessThan(0.006);
  });

  it('never look like a Cainiao LP number (LP + 14 digits): the station code starts with a letter', () => {
    expect(() => makeStationLicensePlate('12345', 1)).toThrow(RangeError);
    expect(parseLicensePlate('LP00123456789012')).toBeNull();
  });

  it('still reads the plain plates of earlier versions', () => {
    const plain = makePlainPlate(17);
    expect(parseLicensePlate(plain)).toEqual({ station: null, serial: 17 });
  });

  it('give 500 stations 500 different codes, the same one every time for the same station id', () => {
    const random = seededRandom(77);
    const ids = Array.from({ length: 500 }, () => uuid(random));
    const codes = ids.map(plateStationCode);
    expect(new Set(codes).size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9]{4}$/);
    expect(ids.map(plateStationCode)).toEqual(codes);
  });

  it("make unit 1 of two stations two different plates, and a station does not take another's for its own", () => {
    const a = new Plates('2b1f3c74-0000-4000-a000-000000000001');
    const b = new Plates('2b1f3c74-0000-4000-a000-000000000002');
    expect(a.of(1)).not.toBe(b.of(1));
    expect(a.unitOf(a.of(1))).toBe(1);
    expect(a.unitOf(b.of(1))).toBeNull();
    expect(a.unitOf(makePlainPlate(5))).toBe(5);
    expect(a.unitOf('LP-NOT-A-PLATE')).toBeNull();
  });
});
