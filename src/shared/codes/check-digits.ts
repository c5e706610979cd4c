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
