/** Check-digit rules of the tracking numbers a dock sees (see shared/reference/codes.md). */

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10 check digit over the 8-digit serial of e.g. `RB12345678?GB`. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('S10 serial must be 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (S10_WEIGHTS[i] ?? 0);
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 5 : r;
}

/** GS1 mod 10 (SSCC, GTIN, USPS IMpb): weights 3,1,3,… from the rightmost data digit. */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('GS1 data must be digits');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** UPS `1Z` check digit over characters 3–17 (15 characters). */
export function upsCheckDigit(body: string): number {
  if (!/^[0-9A-Z]{15}$/.test(body)) throw new RangeError('UPS body must be 15 characters');
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = body.charCodeAt(i);
    const value = ch >= 65 ? (ch - 63) % 10 : ch - 48;
    sum += (i + 1) % 2 === 0 ? value * 2 : value;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 mod 10 check digit of the others. */
export function gs1Valid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** DHL Express waybill: the serial read as a number, mod 7. */
export function mod7CheckDigit(serial: string): number {
  if (!/^\d{1,15}$/.test(serial)) throw new RangeError('mod 7 serial must be 1–15 digits');
  return Number(serial) % 7;
}

const FEDEX_WEIGHTS = [1, 3, 7] as const;

/**
 * FedEx Express mod 11: weights 1, 3, 7, 1, 3, 7… from the rightmost data digit, sum mod 11,
 * then mod 10 (a remainder of 10 becomes 0). Right-aligned, the same rule covers the 12-digit
 * number and the 13-digit serial at the end of the 34-digit barcodes.
 */
export function fedexCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('FedEx data must be digits');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits[digits.length - 1 - i]) * (FEDEX_WEIGHTS[i % 3] ?? 0);
  }
  return (sum % 11) % 10;
}

const MOD36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * ISO/IEC 7064 MOD 37,36 (the hybrid system over 0–9A–Z), as DPD prints after its parcel
 * barcode; our license plates and badges use it too because it catches every single-character
 * error and every swap of neighbours, letters included.
 */
export function mod37_36CheckCharacter(data: string): string {
  if (!/^[0-9A-Z]+$/.test(data)) throw new RangeError('MOD 37,36 data must be 0–9 and A–Z');
  let p = 36;
  for (const ch of data) {
    let s = (p + MOD36_ALPHABET.indexOf(ch)) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return MOD36_ALPHABET[(37 - p) % 36] ?? '0';
}
