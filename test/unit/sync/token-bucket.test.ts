import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { TokenBucket } from '../../../src/main/sync/token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then exactly the declared rate', () => {
    const clock = new ManualClock(1_000_000);
    const bucket = new TokenBucket(clock, { ratePerSecond: 10, burst: 3 });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.waitMs()).toBe(100);
    let taken = 0;
    // Ten simulated seconds in 1 ms steps: 10/s → 100 more tokens, never more.
    for (let ms = 0; ms < 10_000; ms++) {
      clock.advance(1);
      if (bucket.tryTake()) taken += 1;
    }
    expect(taken).toBe(100);
  });

  it('never holds more than the burst, however long it idles', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(clock, { ratePerSecond: 100, burst: 5 });
    clock.advance(3_600_000);
    expect(bucket.available()).toBe(5);
  });

  it('says how long to wait instead of making the caller spin', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(clock, { ratePerSecond: 4, burst: 1 });
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.waitMs()).toBe(250);
    clock.advance(100);
    expect(bucket.waitMs()).toBe(150);
    clock.advance(150);
    expect(bucket.waitMs()).toBe(0);
  });

  it('hands out nothing extra when the clock steps backwards', () => {
    const clock = new ManualClock(10_000);
    const bucket = new TokenBucket(clock, { ratePerSecond: 10, burst: 1 });
    expect(bucket.tryTake()).toBe(true);
    clock.set(5_000);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(50);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(50);
    expect(bucket.tryTake()).toBe(true);
  });

  it('drain() empties it after the destination said 429', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(clock, { ratePerSecond: 10, burst: 10 });
    bucket.drain();
    expect(bucket.tryTake()).toBe(false);
    expect(() => new TokenBucket(clock, { ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
  });
});
