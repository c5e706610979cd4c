import { describe, expect, it } from 'vitest';
import { maxInWindow, percentile, ratePerSecond, summarize } from '../../../bench/stats';

describe('bench statistics', () => {
  it('interpolates percentiles between the closest ranks', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(oneToHundred, 50)).toBeCloseTo(50.5, 10);
    expect(percentile(oneToHundred, 99)).toBeCloseTo(99.01, 10);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses percentiles of nothing or out of range', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/out of range/);
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it('summarises unsorted samples without reordering the caller’s array', () => {
    const samples = [9, 1, 5, 3, 7];
    const s = summarize(samples);
    expect(samples).toEqual([9, 1, 5, 3, 7]);
    expect(s).toMatchObject({ n: 5, min: 1, max: 9, mean: 5, p50: 5 });
    // Sample standard deviation of 1,3,5,7,9: sqrt(40 / 4).
    expect(s.stdev).toBeCloseTo(Math.sqrt(10), 10);
    expect(s.p90).toBeCloseTo(8.2, 10);
    expect(s.p99).toBeCloseTo(8.92, 10);
    expect(summarize([4]).stdev).toBe(0);
  });

  it('turns a count and a duration into a rate per second', () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
    expect(() => ratePerSecond(1, 0)).toThrow(/positive/);
  });

  it('counts the busiest sliding window, not calendar seconds', () => {
    // Two calendar seconds of 3 each, but 5 requests fall within one 1000 ms window.
    const stamps = [100, 200, 900, 1000, 1050, 1500, 2600];
    expect(maxInWindow(stamps, 1000)).toBe(5);
    expect(maxInWindow([...stamps].reverse(), 1000)).toBe(5);
    // A window is half-open: events exactly 1000 ms apart are in different windows.
    expect(maxInWindow([0, 1000, 2000], 1000)).toBe(1);
    expect(maxInWindow([], 1000)).toBe(0);
  });
});
