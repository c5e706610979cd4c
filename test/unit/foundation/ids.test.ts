import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { createIdGenerator } from '../../../src/main/ids';
import { seededRandom, type Random } from '../../../src/main/random';

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function expectStrictlyIncreasing(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
  }
  expect([...ids].sort()).toEqual(ids);
}

describe('ids', () => {
  it('are 26 Crockford base32 characters starting with the time', () => {
    const id = createIdGenerator(new ManualClock(T0), seededRandom(1))();
    expect(id).toMatch(ID);
    // 48-bit ms time in the first 10 characters.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const ms = [...id.slice(0, 10)].reduce((t, c) => t * 32 + alphabet.indexOf(c), 0);
    expect(ms).toBe(T0);
  });

  it('sort in creation order while the clock stands still', () => {
    const next = createIdGenerator(new ManualClock(T0), seededRandom(7));
    const ids = Array.from({ length: 2000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(ID));
    expectStrictlyIncreasing(ids);
  });

  it('never go backwards when the clock jumps back (an NTP correction)', () => {
    const clock = new ManualClock(T0);
    const next = createIdGenerator(clock, seededRandom(3));
    const ids: string[] = [];
    for (const step of [0, 5, 1, -60_000, 0, 2, -1, 30_000, -30_000, 1]) {
      clock.advance(step);
      ids.push(next(), next());
    }
    expectStrictlyIncreasing(ids);
  });

  it('stay increasing when the random part overflows within one millisecond', () => {
    const allOnes: Random = { next: () => 0.999, bytes: (n) => new Uint8Array(n).fill(0xff) };
    const next = createIdGenerator(new ManualClock(T0), allOnes);
    const ids = [next(), next(), next()];
    expectStrictlyIncreasing(ids);
  });

  it('are the same for the same seed and clock, different for another seed', () => {
    const run = (seed: number) => {
      const next = createIdGenerator(new ManualClock(T0), seededRandom(seed));
      return [next(), next(), next()];
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });
});
