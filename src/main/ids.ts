import type { Clock } from './clock';
import type { Random } from './random';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

export type IdGenerator = () => string;

/**
 * Sortable 26-character ids (ULID layout: 48-bit ms time + 80 random bits). Within one millisecond,
 * and when the clock steps backwards, the previous id is incremented, so ids never go backwards in
 * one process and sort in creation order. Every outbox event gets one inside the clerk's
 * transaction, so the time prefix is encoded once per millisecond and the random part is kept as
 * base32 digits that a same-millisecond increment touches only at the end.
 */
export function createIdGenerator(clock: Clock, random: Random): IdGenerator {
  let lastTime = -1;
  let timePrefix = '';
  const digits = new Uint8Array(16);
  return () => {
    const now = clock.now();
    if (now > lastTime) {
      lastTime = now;
      timePrefix = encodeTime(now);
      fillDigits(digits, random.bytes(10));
    } else if (!increment(digits)) {
      // 80 random bits ran out within one ms: borrow the next ms rather than wrap to a smaller id.
      lastTime += 1;
      timePrefix = encodeTime(lastTime);
    }
    let out = timePrefix;
    for (let i = 0; i < 16; i++) out += ALPHABET[digits[i] as number];
    return out;
  };
}

/** Adds one in place; false when it overflowed (every digit wrapped to zero). */
function increment(digits: Uint8Array): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const v = (digits[i] as number) + 1;
    if (v < 32) {
      digits[i] = v;
      return true;
    }
    digits[i] = 0;
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

/** 80 random bits → 16 base32 digits of 5 bits each, most significant first. */
function fillDigits(digits: Uint8Array, bytes: Uint8Array): void {
  let buffer = 0;
  let bits = 0;
  let d = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      digits[d++] = (buffer >> bits) & 31;
    }
  }
}
