import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/random';
import { Backoff, parseRetryAfter } from '../../../src/main/sync/backoff';

describe('Backoff', () => {
  it('draws each delay between 0 and base·2^(attempt-1), capped', () => {
    const backoff = new Backoff(seededRandom(7), { baseMs: 100, capMs: 5_000 });
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(5_000, 100 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i++) {
        const d = backoff.delayMs(attempt);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it('jitters: delays for the same attempt are spread out, not identical', () => {
    const backoff = new Backoff(seededRandom(3), { baseMs: 1_000, capMs: 60_000 });
    const delays = Array.from({ length: 100 }, () => backoff.delayMs(6));
    expect(new Set(delays).size).toBeGreaterThan(90);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    // Full jitter over [0, 32 s): the mean sits near the middle.
    expect(mean).toBeGreaterThan(10_000);
    expect(mean).toBeLessThan(22_000);
  });

  it('is reproducible with the same seed', () => {
    const a = new Backoff(seededRandom(42));
    const b = new Backoff(seededRandom(42));
    expect([1, 2, 3, 4, 5].map((n) => a.delayMs(n))).toEqual([1, 2, 3, 4, 5].map((n) => b.delayMs(n)));
  });

  it('honours Retry-After over the computed delay, up to its own cap', () => {
    const backoff = new Backoff(seededRandom(1), { baseMs: 100, capMs: 1_000, maxRetryAfterMs: 60_000 });
    expect(backoff.delayMs(1, 7_000)).toBe(7_000);
    expect(backoff.delayMs(9, 0)).toBe(0);
    expect(backoff.delayMs(1, 3_600_000)).toBe(60_000);
    expect(backoff.longestMs).toBe(60_000);
  });

  it('survives absurd attempt numbers', () => {
    const backoff = new Backoff(seededRandom(1), { baseMs: 100, capMs: 1_000 });
    expect(backoff.delayMs(10_000)).toBeLessThan(1_000);
    expect(backoff.delayMs(0)).toBeLessThan(100);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
