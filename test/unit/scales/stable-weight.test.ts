import { describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../../src/shared/scales/scale-reading';
import { StableWeightTracker } from '../../../src/shared/scales/stable-weight';

const r = (at: number, grams: number, flags: Partial<ScaleReading> = {}): ScaleReading => ({
  grams,
  stable: true,
  overRange: false,
  underZero: false,
  reported: { text: String(grams), unit: 'g' },
  at,
  source: 'fake',
  ...flags,
});

const policy = {
  minConsecutive: 3,
  minStableMs: 400,
  toleranceGrams: 2,
  unpluggedAfterMs: 3000,
  zeroBandGrams: 0,
};

describe('the stable-weight policy', () => {
  it('accepts only after N stable readings spanning N ms', () => {
    const t = new StableWeightTracker(policy, 0);
    expect(t.state(0).kind).toBe('waiting');
    expect(t.push(r(100, 900, { stable: false })).kind).toBe('in_motion');
    expect(t.push(r(200, 1000)).kind).toBe('settling');
    expect(t.push(r(300, 1001)).kind).toBe('settling');
    // three readings, but only 200 ms
    expect(t.push(r(400, 1000))).toMatchObject({ kind: 'settling', readings: 3, stableForMs: 200 });
    expect(t.push(r(500, 999)).kind).toBe('settling');
    expect(t.push(r(600, 1000))).toMatchObject({ kind: 'stable', grams: 1000, since: 200 });
  });

  it('either condition can be switched off', () => {
    const byCount = new StableWeightTracker({ ...policy, minStableMs: 0 }, 0);
    byCount.push(r(1, 500));
    byCount.push(r(2, 500));
    expect(byCount.push(r(3, 500)).kind).toBe('stable');
    const byTime = new StableWeightTracker({ ...policy, minConsecutive: 1 }, 0);
    expect(byTime.push(r(0, 500)).kind).toBe('settling');
    expect(byTime.push(r(400, 500)).kind).toBe('stable');
  });

  it('a jump restarts the run and says so until the new weight settles', () => {
    const t = new StableWeightTracker(policy, 0);
    for (const at of [0, 200, 400, 600]) t.push(r(at, 1000));
    expect(t.state(600).kind).toBe('stable');
    expect(t.push(r(700, 1450))).toEqual({ kind: 'jumped', fromGrams: 1000, toGrams: 1450 });
    expect(t.push(r(900, 1450)).kind).toBe('jumped');
    expect(t.push(r(1200, 1451))).toMatchObject({ kind: 'stable', grams: 1451 });
  });

  it('zero, negative and over range are their own states and reset the run', () => {
    const t = new StableWeightTracker(policy, 0);
    t.push(r(0, 800));
    t.push(r(300, 800));
    expect(t.push(r(350, 0)).kind).toBe('zero');
    expect(t.push(r(400, -12, { underZero: true }))).toEqual({ kind: 'negative', grams: -12 });
    expect(t.push(r(500, 0, { overRange: true, stable: false })).kind).toBe('over_range');
    expect(t.push(r(600, 800)).kind).toBe('settling');
    const banded = new StableWeightTracker({ ...policy, zeroBandGrams: 3 }, 0);
    expect(banded.push(r(0, 2)).kind).toBe('zero');
  });

  it('is unplugged when readings stop, from the start or after the last one', () => {
    const t = new StableWeightTracker(policy, 1000);
    expect(t.state(3999).kind).toBe('waiting');
    expect(t.state(4000)).toEqual({ kind: 'unplugged', lastReadingAt: null, silentMs: 3000 });
    t.push(r(5000, 700));
    expect(t.state(7999).kind).toBe('settling');
    expect(t.state(8000)).toEqual({ kind: 'unplugged', lastReadingAt: 5000, silentMs: 3000 });
    const typed = new StableWeightTracker({ ...policy, unpluggedAfterMs: null }, 0);
    expect(typed.state(1e9).kind).toBe('waiting');
  });
});
