import { describe, expect, it } from 'vitest';
import { describeTarget, formatNumber, measurement } from '../../../bench/measurement';
import { formatTable, summarizeResults } from '../../../bench/report';

describe('bench measurements', () => {
  it('derives the ratio and the verdict of a ratio target from the figures', () => {
    const base = { id: 'x', name: 'x', unit: 'ms', baseline: { name: 'floor', value: 2 } };
    const under = measurement({ ...base, figure: 2.4, target: { on: 'ratio', op: '<=', value: 1.2 } });
    expect(under.ratio).toBeCloseTo(1.2, 10);
    expect(under.pass).toBe(true);
    const over = measurement({ ...base, figure: 2.5, target: { on: 'ratio', op: '<=', value: 1.2 } });
    expect(over.pass).toBe(false);
    const atLeast = measurement({ ...base, figure: 1.5, target: { on: 'ratio', op: '>=', value: 0.8 } });
    expect(atLeast).toMatchObject({ ratio: 0.75, pass: false });
  });

  it('judges a figure target on the figure, and reports figures without a target as information', () => {
    const drain = measurement({
      id: 'd',
      name: 'd',
      unit: 'events/s',
      figure: 6000,
      target: { on: 'figure', op: '>=', value: 5000 },
    });
    expect(drain).toMatchObject({ ratio: null, baseline: null, pass: true });
    const info = measurement({ id: 'i', name: 'i', unit: 'MB', figure: 80 });
    expect(info.pass).toBeNull();
    expect(info).not.toHaveProperty('details');
  });

  it('fails a ratio target when there is no usable baseline rather than passing it', () => {
    const m = measurement({
      id: 'z',
      name: 'z',
      unit: 'ms',
      figure: 1,
      baseline: { name: 'floor', value: 0 },
      target: { on: 'ratio', op: '<=', value: 1.2 },
    });
    expect(m.ratio).toBeNull();
    expect(m.pass).toBe(false);
  });

  it('formats numbers and targets for people', () => {
    expect(formatNumber(12_345.6)).toBe('12,346');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(1.2)).toBe('1.2');
    expect(formatNumber(0)).toBe('0');
    expect(describeTarget({ on: 'ratio', op: '<=', value: 1.2 }, 'ms')).toBe('≤ 1.2×');
    expect(describeTarget({ on: 'figure', op: '>=', value: 5000 }, 'events/s')).toBe('≥ 5,000 events/s');
    expect(describeTarget(null, 'ms')).toBe('');
  });

  it('prints an aligned table with one row per figure and counts the verdicts', () => {
    const results = [
      measurement({
        id: 'a',
        name: 'commit p99',
        unit: 'ms',
        figure: 3,
        baseline: { name: 'floor', value: 2 },
        target: { on: 'ratio', op: '<=', value: 1.2 },
      }),
      measurement({ id: 'b', name: 'rss', unit: 'MB', figure: 90 }),
    ];
    const lines = formatTable(results).split('\n');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| benchmark +\| figure +\| baseline +\| ratio +\| target +\| result \|$/);
    expect(lines[2]).toContain('| 3 ms ');
    expect(lines[2]).toContain('2 ms (floor)');
    expect(lines[2]).toContain('1.5×');
    expect(lines[2]).toContain('FAIL');
    expect(lines[3]).toContain('info');
    expect(summarizeResults(results, [{ case: 'c', reason: 'r' }])).toEqual({
      passed: 0,
      failed: 1,
      info: 1,
      skipped: 1,
    });
  });
});
