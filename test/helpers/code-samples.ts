import fc from 'fast-check';
import { refFedex, refGs1, refMod37_36, refMod7, refS10, refUps } from './reference-check-digits';

/**
 * Valid codes of every checked format, built with the reference check digits, and an
 * independent verdict on whether a (mutated) code still satisfies that format's check.
 */
export interface CheckedSample {
  /** The `format` the recogniser reports for it. */
  format: string;
  arbitrary: fc.Arbitrary<string>;
  /** Whether `code`, shaped like this format, still has a matching check character. */
  checkHolds(code: string): boolean;
  /** Where the check character sits; the last character unless said here. */
  checkIndex?: number;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const upperAlnum = (n: number) => fc.stringMatching(new RegExp(`^[0-9A-Z]{${n}}$`));
const countries = fc.constantFrom('GB', 'TH', 'MY', 'VN', 'US', 'CN', 'DE', 'SG');

const withGs1 = (data: string) => data + refGs1(data);
const lastHolds = (code: string, data: string, check: (d: string) => string) =>
  check(data) === code.slice(-1);

export const CHECKED_SAMPLES: readonly CheckedSample[] = [
  {
    format: 'upu-s10',
    arbitrary: fc
      .tuple(fc.stringMatching(/^[ERCLVUH][A-Z]$/), digits(8), countries)
      .map(([svc, serial, cc]) => `${svc}${serial}${refS10(serial)}${cc}`),
    checkHolds: (c) => refS10(c.slice(2, 10)) === c[10],
    checkIndex: 10,
  },
  {
    format: 'ups-1z',
    arbitrary: upperAlnum(15).map((body) => `1Z${body}${refUps(body)}`),
    checkHolds: (c) => refUps(c.slice(2, 17)) === c[17],
  },
  {
    format: 'usps-impb-22',
    arbitrary: fc
      .tuple(fc.constantFrom('9400', '9205', '9270', '9407', '9361', '9505'), digits(17))
      .map(([lead, rest]) => withGs1(lead + rest)),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refGs1),
  },
  {
    format: 'usps-impb-26',
    arbitrary: fc.tuple(fc.constantFrom('9274', '9205'), digits(21)).map(([l, r]) => withGs1(l + r)),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refGs1),
  },
  {
    format: 'usps-impb-zip5',
    arbitrary: fc.tuple(digits(5), digits(17)).map(([zip, r]) => `420${zip}${withGs1(`9400${r}`)}`),
    checkHolds: (c) => lastHolds(c, c.slice(8, -1), refGs1),
  },
  {
    format: 'usps-impb-zip9',
    arbitrary: fc.tuple(digits(9), digits(17)).map(([zip, r]) => `420${zip}${withGs1(`9205${r}`)}`),
    checkHolds: (c) => lastHolds(c, c.slice(12, -1), refGs1),
  },
  {
    format: 'usps-20',
    arbitrary: digits(19).map(withGs1),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refGs1),
  },
  {
    format: 'fedex-12',
    arbitrary: digits(11).map((d) => d + refFedex(d)),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refFedex),
  },
  {
    format: 'fedex-15',
    arbitrary: digits(14).map(withGs1),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refGs1),
  },
  {
    format: 'fedex-smartpost',
    arbitrary: digits(19).map((d) => d + refGs1(`92${d}`)),
    checkHolds: (c) => lastHolds(c, `92${c.slice(0, -1)}`, refGs1),
  },
  {
    format: 'fedex-96-22',
    arbitrary: fc.tuple(digits(5), digits(14)).map(([svc, d]) => `96${svc}${withGs1(d)}`),
    checkHolds: (c) => lastHolds(c, c.slice(7, -1), refGs1),
  },
  {
    format: 'fedex-34',
    arbitrary: fc
      .tuple(fc.constantFrom('100', '96'), digits(18), digits(13))
      .map(([lead, mid, serial]) => `${lead}${mid.slice(0, 20 - lead.length)}${serial}${refFedex(serial)}`),
    checkHolds: (c) => lastHolds(c, c.slice(20, -1), refFedex),
  },
  {
    format: 'dhl-express-waybill',
    arbitrary: fc.oneof(digits(9), digits(10)).map((d) => d + refMod7(d)),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refMod7),
  },
  {
    format: 'dpd-28',
    arbitrary: fc
      .tuple(upperAlnum(7), digits(14), fc.constantFrom('101', '136', '327'), fc.constantFrom('826', '276'))
      .map(([pc, parcel, svc, cc]) => {
        const data = `${pc}${parcel}${svc}${cc}`;
        return data + refMod37_36(data);
      }),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refMod37_36),
  },
  {
    format: 'gs1-00',
    arbitrary: fc.tuple(fc.constantFrom('0', '3', '9'), digits(16)).map(([e, d]) => `00${withGs1(e + d)}`),
    checkHolds: (c) => lastHolds(c, c.slice(2, -1), refGs1),
  },
  {
    format: 'gs1-01',
    arbitrary: digits(13).map((d) => `01${withGs1(d)}`),
    checkHolds: (c) => lastHolds(c, c.slice(2, -1), refGs1),
  },
  ...(
    [
      ['ean-8', 7],
      ['upc-a', 11],
      ['ean-13', 12],
      ['gtin-14', 13],
    ] as const
  ).map(([format, n]): CheckedSample => ({
    format,
    arbitrary: digits(n).map(withGs1),
    checkHolds: (c) => lastHolds(c, c.slice(0, -1), refGs1),
  })),
  {
    format: 'own-license-plate',
    arbitrary: digits(8).map((d) => `LP${withGs1(d)}`),
    checkHolds: (c) => lastHolds(c, c.slice(2, -1), refGs1),
  },
  {
    format: 'own-badge',
    arbitrary: fc.stringMatching(/^[0-9A-Z]{2,16}$/).map((id) => `BADGE-${id}-${refMod37_36(id)}`),
    checkHolds: (c) => {
      const id = c.slice('BADGE-'.length, -2);
      return refMod37_36(id) === c.slice(-1);
    },
  },
];

/** `code` with the character at `index` replaced by another of its class (digit → digit, letter → letter). */
export function mutateAt(code: string, index: number, pick: number): string {
  const ch = code[index] ?? '';
  const pool = /\d/.test(ch) ? '0123456789' : /[A-Z]/.test(ch) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : '';
  if (!pool) return code;
  const others = pool.replace(ch, '');
  const replacement = others[pick % others.length] ?? ch;
  return code.slice(0, index) + replacement + code.slice(index + 1);
}
