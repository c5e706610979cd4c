import { gs1CheckDigit } from '../codes/check-digits';

/**
 * Our license plate on every unit received: `LP` + 8 digits + a GS1 mod-10 check digit, e.g.
 * `LP000000123` + check. The check digit catches a misread of a worn thermal label. The 8 digits
 * are the unit's serial at this station.
 *
 * INTEGRATION: the code recogniser (src/shared/codes/own-codes.ts) defines the same format; the
 * lead points these two functions at it when it lands.
 */
const PREFIX = 'LP';
const DIGITS = 8;

export function makeLicensePlate(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10 ** DIGITS) {
    throw new RangeError(`license plate serial must be 0 to ${10 ** DIGITS - 1}`);
  }
  const body = String(serial).padStart(DIGITS, '0');
  return `${PREFIX}${body}${gs1CheckDigit(body)}`;
}

/** The serial of a well-formed license plate whose check digit holds, else null. */
export function parseLicensePlate(code: string): number | null {
  const m = /^LP(\d{8})(\d)$/.exec(code);
  if (!m?.[1] || m[2] === undefined) return null;
  return gs1CheckDigit(m[1]) === Number(m[2]) ? Number(m[1]) : null;
}
