import { randomBytes } from 'node:crypto';

/** Source of randomness, injected so ids, jitter and salts are reproducible under test. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  bytes(n: number): Uint8Array;
}

export const cryptoRandom: Random = {
  next: () => randomBytes(4).readUInt32BE(0) / 0x1_0000_0000,
  bytes: (n) => randomBytes(n),
};

/** Deterministic generator (mulberry32) for tests, demo data and benchmarks. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return {
    next,
    bytes: (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
