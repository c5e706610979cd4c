import type { Clock } from './clock';
import type { Random } from './random';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

export type IdGenerator = () => string;

/**
 * Sortable 26-character ids (ULID layout: 48-bit ms time + 80 random bits). Within one millisecond,
 * and when the clock steps backwards, the previous id is incremented, so ids never go backwards in
 * one process and sort in creation order.
 */
export function createIdGenerator(clock: Clock, random: Random): IdGenerator {
  let lastTime = -1;
  const lastRandom = new Uint8Array(10);
  return () => {
    const now = clock.now();
    if (now > lastTime) {
      lastTime = now;
      lastRandom.set(random.bytes(10));
    } else if (!increment(lastRandom)) {
      // 80 random bits ran out within one ms: borrow the next ms rather than wrap to a smaller id.
      lastTime += 1;
    }
    return encodeTime(lastTime) + encodeRandom(lastRandom);
  };
}

/** Adds one in place; false when it overflowed (every byte wrapped to zero). */
function increment(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const v = (bytes[i] ?? 0) + 1;
    bytes[i] = v & 0xff;
    if (v <= 0xff) return true;
  }
  return false;
}

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 characters of 5 bits each.
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
