import type { ScaleReading } from './scale-reading';

/**
 * Which weight the packing station may take: only one the scale has held still. A weight is
 * accepted when an unbroken run of at least `minConsecutive` readings all say "stable", all lie
 * within `toleranceGrams` of the run's first, and the run has lasted at least `minStableMs`.
 * Either condition can be switched off (1 reading, 0 ms). Everything else is a state the screen
 * names:
 *
 *   waiting      — no reading yet
 *   unplugged    — no reading for `unpluggedAfterMs` (cable out, scale switched itself off)
 *   in_motion    — the scale says the weight is still moving
 *   settling     — stable readings, but not yet long / many enough
 *   jumped       — a "stable" reading that differs from the run it belonged to (a hand on the box,
 *                  a scale that reports stable too eagerly): the run starts again from it
 *   zero         — nothing on the scale (≤ `zeroBandGrams`)
 *   negative     — below zero (the scale needs re-zeroing)
 *   over_range   — beyond the scale's capacity
 *   stable       — accepted: `grams` is the weight
 *
 * Pure and clock-free (time comes with each reading and each `state(now)` call), so the station's
 * drivers and the renderer's WebHID path share it.
 */
export interface StabilityPolicy {
  minConsecutive: number;
  minStableMs: number;
  toleranceGrams: number;
  /** null: never (a typed weight does not come unplugged). */
  unpluggedAfterMs: number | null;
  zeroBandGrams: number;
}

export const DEFAULT_STABILITY_POLICY: StabilityPolicy = {
  minConsecutive: 3,
  minStableMs: 500,
  toleranceGrams: 2,
  unpluggedAfterMs: 3_000,
  zeroBandGrams: 0,
};

/** A typed weight is accepted as typed. */
export const TYPED_STABILITY_POLICY: StabilityPolicy = {
  minConsecutive: 1,
  minStableMs: 0,
  toleranceGrams: 0,
  unpluggedAfterMs: null,
  zeroBandGrams: 0,
};

export type WeighState =
  | { kind: 'waiting' }
  | { kind: 'unplugged'; lastReadingAt: number | null; silentMs: number }
  | { kind: 'in_motion'; grams: number }
  | { kind: 'settling'; grams: number; readings: number; stableForMs: number }
  | { kind: 'jumped'; fromGrams: number; toGrams: number }
  | { kind: 'zero' }
  | { kind: 'negative'; grams: number }
  | { kind: 'over_range' }
  | { kind: 'stable'; grams: number; reading: ScaleReading; since: number };

export class StableWeightTracker {
  private last: ScaleReading | null = null;
  /** The current run of stable readings: its first reading and how many it holds. */
  private run: { first: ScaleReading; count: number } | null = null;
  private jump: { fromGrams: number; toGrams: number } | null = null;
  private readonly startedAt: number;

  constructor(
    readonly policy: StabilityPolicy = DEFAULT_STABILITY_POLICY,
    startedAt = 0,
  ) {
    if (policy.minConsecutive < 1) throw new RangeError('minConsecutive must be at least 1');
    this.startedAt = startedAt;
  }

  /** Feeds one reading; answers the state right after it. */
  push(reading: ScaleReading): WeighState {
    this.last = reading;
    const { policy } = this;
    const breaks =
      reading.overRange ||
      reading.underZero ||
      reading.grams < 0 ||
      !reading.stable ||
      Math.abs(reading.grams) <= policy.zeroBandGrams;
    if (breaks) {
      this.run = null;
      this.jump = null;
    } else if (this.run && Math.abs(reading.grams - this.run.first.grams) > policy.toleranceGrams) {
      this.jump = { fromGrams: this.run.first.grams, toGrams: reading.grams };
      this.run = { first: reading, count: 1 };
    } else if (this.run) {
      this.run.count += 1;
    } else {
      this.run = { first: reading, count: 1 };
    }
    return this.state(reading.at);
  }

  /** The state at `now` (a reading that stopped coming makes the scale unplugged). */
  state(now: number): WeighState {
    const { policy, last } = this;
    if (policy.unpluggedAfterMs !== null) {
      const since = last ? last.at : this.startedAt;
      if (now - since >= policy.unpluggedAfterMs) {
        return { kind: 'unplugged', lastReadingAt: last ? last.at : null, silentMs: now - since };
      }
    }
    if (!last) return { kind: 'waiting' };
    if (last.overRange) return { kind: 'over_range' };
    if (last.underZero || last.grams < 0) return { kind: 'negative', grams: last.grams };
    if (Math.abs(last.grams) <= policy.zeroBandGrams) return { kind: 'zero' };
    if (!last.stable || !this.run) return { kind: 'in_motion', grams: last.grams };
    const { first, count } = this.run;
    const spanMs = last.at - first.at;
    if (count >= policy.minConsecutive && spanMs >= policy.minStableMs) {
      return { kind: 'stable', grams: last.grams, reading: last, since: first.at };
    }
    // A jump stays on screen until the new weight has settled, so the clerk sees why it restarted.
    if (this.jump) return { kind: 'jumped', ...this.jump };
    return { kind: 'settling', grams: last.grams, readings: count, stableForMs: spanMs };
  }
}
