import { gs1CheckDigit, mod37_36CheckCharacter } from './check-digits';

/**
 * The codes our warehouse prints and scans itself. Defaults:
 *
 * | kind          | default                      | example            | check                          |
 * | ------------- | ---------------------------- | ------------------ | ------------------------------ |
 * | license plate | `LP` + 8 digits + 1 check    | `LP000012348`      | GS1 mod 10 over the 8 digits   |
 * | station plate | `LP` + station + 8 digits + check | `LPK7Q2M000000120` | MOD 37,36 over station + digits |
 * | badge         | `BADGE-` + id + `-` + check  | `BADGE-MEI01-0`    | ISO 7064 MOD 37,36 over the id |
 * | bin           | zone-aisle-shelf[-slot]      | `A-01-02`, `Q-12-03-04` | none                      |
 * | SKU           | `SKU-` + 2–39 of A–Z 0–9 -   | `SKU-TSHIRT-M-BLK` | none                           |
 * | RMA           | `RMA` + optional `-` + 6–10 digits | `RMA-004512` | none                           |
 * | box preset    | `BOX-` + code + `-` + check  | `BOX-S2-7`         | ISO 7064 MOD 37,36 over the code |
 *
 * License plates, badges and box presets carry a check character because they are printed on
 * labels and sheets that wear: a misread must be refused, not matched to another parcel, person or
 * box (a wrong box means a wrong chargeable weight). A station plate carries the printing station's
 * code (a letter and four letters or digits, derived from the station id), so two benches numbering
 * their units from 1 never print the same plate; the plain 8-digit plate of earlier stations is
 * still read.
 * Bins, SKUs and RMAs are looked up in our own tables, which already refuse what does not exist.
 */
export interface OwnCodeRules {
  /** `stationLength`: characters of the station code in a station plate (the first is a letter). */
  licensePlate: { prefix: string; digits: number; stationLength?: number };
  badge: { prefix: string };
  bin: { pattern: RegExp };
  sku: { pattern: RegExp };
  rma: { pattern: RegExp };
  /** Optional so rule sets written before box presets still type-check; absent = `BOX-`. */
  box?: { prefix: string };
}

export const DEFAULT_OWN_CODE_RULES: OwnCodeRules = {
  licensePlate: { prefix: 'LP', digits: 8, stationLength: 5 },
  badge: { prefix: 'BADGE-' },
  bin: { pattern: /^[A-Z]{1,3}-\d{2}-\d{2}(?:-\d{2})?$/ },
  sku: { pattern: /^SKU-[A-Z0-9][A-Z0-9-]{1,38}$/ },
  rma: { pattern: /^RMA-?\d{6,10}$/ },
  box: { prefix: 'BOX-' },
};

const BADGE_ID = /^[A-Z0-9]{2,16}$/;
/** A box preset's code: 1–12 of A–Z, 0–9. */
export const BOX_CODE_BODY = /^[A-Z0-9]{1,12}$/;

/** The license-plate label text for a serial number (0 ≤ serial < 10^digits). */
export function makeLicensePlate(serial: number, rules: OwnCodeRules = DEFAULT_OWN_CODE_RULES): string {
  const { prefix, digits } = rules.licensePlate;
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10 ** digits) {
    throw new RangeError(`license plate serial must be 0 to ${10 ** digits - 1}`);
  }
  const body = String(serial).padStart(digits, '0');
  return `${prefix}${body}${gs1CheckDigit(body)}`;
}

/**
 * The station plate for a unit: `LP` + the station's code + the serial in 8 digits + a MOD 37,36
 * check character over station code and digits (one wrong or swapped character is refused).
 */
export function makeStationLicensePlate(
  stationCode: string,
  serial: number,
  rules: OwnCodeRules = DEFAULT_OWN_CODE_RULES,
): string {
  const { prefix, digits } = rules.licensePlate;
  if (!isStationCode(stationCode, rules)) {
    throw new RangeError(`station code must be a letter and ${stationLengthOf(rules) - 1} of A–Z, 0–9`);
  }
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10 ** digits) {
    throw new RangeError(`license plate serial must be 0 to ${10 ** digits - 1}`);
  }
  const body = stationCode + String(serial).padStart(digits, '0');
  return `${prefix}${body}${mod37_36CheckCharacter(body)}`;
}

export function isStationCode(code: string, rules: OwnCodeRules = DEFAULT_OWN_CODE_RULES): boolean {
  return new RegExp(`^[A-Z][A-Z0-9]{${stationLengthOf(rules) - 1}}$`).test(code);
}

function stationLengthOf(rules: OwnCodeRules): number {
  return rules.licensePlate.stationLength ?? 5;
}

/** The badge text for a person's badge id (2–16 of A–Z, 0–9). */
export function makeBadge(id: string, rules: OwnCodeRules = DEFAULT_OWN_CODE_RULES): string {
  const upper = id.toUpperCase();
  if (!BADGE_ID.test(upper)) throw new RangeError('badge id must be 2–16 letters or digits');
  return `${rules.badge.prefix}${upper}-${mod37_36CheckCharacter(upper)}`;
}

/** The preset sheet's barcode for a box code (1–12 of A–Z, 0–9). */
export function makeBoxCode(code: string, rules: OwnCodeRules = DEFAULT_OWN_CODE_RULES): string {
  const upper = code.toUpperCase();
  if (!BOX_CODE_BODY.test(upper)) throw new RangeError('box code must be 1–12 letters or digits');
  return `${(rules.box ?? { prefix: 'BOX-' }).prefix}${upper}-${mod37_36CheckCharacter(upper)}`;
}

export type OwnKind = 'license_plate' | 'badge' | 'bin' | 'sku' | 'return_id' | 'box';

export interface OwnMatch {
  kind: OwnKind;
  format: string;
  name: string;
  /** 'none' for kinds without a check character. */
  check: 'passed' | 'failed' | 'none';
  why: string;
  specificity: number;
}

/** Every own-code rule `code` (upper case, no spaces) matches; a failed check is reported, not hidden. */
export function matchOwnCodes(code: string, rules: OwnCodeRules): OwnMatch[] {
  const out: OwnMatch[] = [];
  const lp = rules.licensePlate;
  if (code.startsWith(lp.prefix)) {
    const body = code.slice(lp.prefix.length);
    if (body.length === lp.digits + 1 && /^\d+$/.test(body)) {
      const expected = gs1CheckDigit(body.slice(0, -1));
      const ok = expected === Number(body.at(-1));
      out.push({
        kind: 'license_plate',
        format: 'own-license-plate',
        name: 'our license plate',
        check: ok ? 'passed' : 'failed',
        why: ok
          ? `license plate ${lp.prefix} + ${lp.digits} digits; check digit ${expected} matches`
          : `license plate ${lp.prefix} + ${lp.digits} digits, but the check digit should be ${expected}`,
        specificity: 0.9,
      });
    }
  }
  if (code.startsWith(lp.prefix)) {
    const body = code.slice(lp.prefix.length);
    const station = new RegExp(
      `^([A-Z][A-Z0-9]{${stationLengthOf(rules) - 1}})(\\d{${lp.digits}})([0-9A-Z])$`,
    ).exec(body);
    if (station?.[1] && station[2] && station[3]) {
      const expected = mod37_36CheckCharacter(station[1] + station[2]);
      const ok = expected === station[3];
      out.push({
        kind: 'license_plate',
        format: 'own-station-license-plate',
        name: 'our license plate',
        check: ok ? 'passed' : 'failed',
        why: ok
          ? `license plate of station ${station[1]}, unit ${station[2]}; check character ${expected} matches`
          : `license plate of station ${station[1]}, but the check character should be ${expected}`,
        specificity: 0.9,
      });
    }
  }
  const badge = rules.badge;
  if (code.startsWith(badge.prefix)) {
    const m = /^([A-Z0-9]{2,16})-([0-9A-Z])$/.exec(code.slice(badge.prefix.length));
    if (m?.[1] && m[2]) {
      const expected = mod37_36CheckCharacter(m[1]);
      const ok = expected === m[2];
      out.push({
        kind: 'badge',
        format: 'own-badge',
        name: 'our badge',
        check: ok ? 'passed' : 'failed',
        why: ok
          ? `badge ${m[1]}; check character ${expected} matches`
          : `badge ${m[1]}, but the check character should be ${expected}`,
        specificity: 0.9,
      });
    }
  }
  const box = rules.box ?? { prefix: 'BOX-' };
  if (code.startsWith(box.prefix)) {
    const m = /^([A-Z0-9]{1,12})-([0-9A-Z])$/.exec(code.slice(box.prefix.length));
    if (m?.[1] && m[2]) {
      const expected = mod37_36CheckCharacter(m[1]);
      const ok = expected === m[2];
      out.push({
        kind: 'box',
        format: 'own-box',
        name: 'our box preset',
        check: ok ? 'passed' : 'failed',
        why: ok
          ? `box preset ${m[1]}; check character ${expected} matches`
          : `box preset ${m[1]}, but the check character should be ${expected}`,
        specificity: 0.9,
      });
    }
  }
  const plain: [OwnKind, string, string, RegExp, number][] = [
    ['bin', 'own-bin', 'our bin location', rules.bin.pattern, 0.7],
    ['sku', 'own-sku', 'our SKU', rules.sku.pattern, 0.6],
    ['return_id', 'own-rma', 'our RMA', rules.rma.pattern, 0.7],
  ];
  for (const [kind, format, name, pattern, specificity] of plain) {
    if (pattern.test(code)) {
      out.push({ kind, format, name, check: 'none', why: `${name} (pattern, no check digit)`, specificity });
    }
  }
  return out;
}
