/**
 * Check-digit rules written again from their published wording (shared/reference/codes.md, the
 * UPU S10 and GS1 texts, ISO/IEC 7064), independently of src/shared/codes/check-digits.ts, so a
 * test can tell a valid code from a broken one without asking the code under test.
 */

export function refGs1(data: string): string {
  // From the rightmost data digit: weights 3, 1, 3, 1…
  const digits = [...data].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

export function refS10(serial: string): string {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const r = [...serial].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0) % 11;
  return String(r === 0 ? 5 : r === 1 ? 0 : 11 - r);
}

export function refUps(body: string): string {
  // Letters map to (ASCII − 3) mod 10; every even (1-based) position doubled.
  const values = [...body].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 3) % 10));
  const sum = values.reduce((s, v, i) => s + ((i + 1) % 2 === 0 ? v * 2 : v), 0);
  return String((10 - (sum % 10)) % 10);
}

export function refFedex(data: string): string {
  // Weights 1, 3, 7 repeating from the rightmost data digit; sum mod 11, then mod 10.
  const digits = [...data].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + d * ([1, 3, 7][i % 3] ?? 0), 0);
  return String((sum % 11) % 10);
}

export function refMod7(data: string): string {
  return String(BigInt(data) % 7n);
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 37,36 as DPD's label specification words it. */
export function refMod37_36(data: string): string {
  let cd = 36;
  for (const c of data) {
    cd += ALPHANUMERIC.indexOf(c);
    if (cd > 36) cd -= 36;
    cd *= 2;
    if (cd > 36) cd -= 37;
  }
  cd = 37 - cd;
  if (cd === 36) cd = 0;
  return ALPHANUMERIC[cd] ?? '?';
}
