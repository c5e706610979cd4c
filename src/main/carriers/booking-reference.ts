import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/**
 * A short code derived from our booking reference, the same every time: what a carrier that
 * limits its own reference fields (Ninja Van's requested tracking number, 18 characters) is sent,
 * so asking twice for one parcel sends the same key. `prefix` marks the codes as ours.
 */
export function bookingCode(reference: string, prefix: string, length: number): string {
  const digest = createHash('sha256').update(reference, 'utf8').digest();
  let out = prefix;
  for (let i = 0; out.length < length; i++) out += ALPHABET[(digest[i] as number) % 32];
  return out;
}
