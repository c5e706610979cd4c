import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { CircuitBreaker } from '../../../src/main/sync/circuit-breaker';

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, not before', () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(clock, { failureThreshold: 3, cooldownMs: 1_000 });
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.canRequest()).toBe(false);
    expect(breaker.nextProbeAt()).toBe(1_000);
  });

  it('lets exactly one probe through after the cooldown, and closes on its success', () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 1_000 });
    breaker.recordFailure();
    clock.advance(999);
    expect(breaker.beginRequest()).toBe(false);
    clock.advance(1);
    expect(breaker.state).toBe('half_open');
    expect(breaker.beginRequest()).toBe(true);
    expect(breaker.beginRequest()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.beginRequest()).toBe(true);
    expect(breaker.beginRequest()).toBe(true);
  });

  it('re-opens on a failed probe with a doubled cooldown, up to the maximum', () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(clock, {
      failureThreshold: 1,
      cooldownMs: 1_000,
      maxCooldownMs: 3_000,
    });
    breaker.recordFailure();
    const cooldowns: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.set(breaker.nextProbeAt());
      expect(breaker.beginRequest()).toBe(true);
      breaker.recordFailure();
      expect(breaker.state).toBe('open');
      cooldowns.push(breaker.nextProbeAt() - clock.now());
    }
    expect(cooldowns).toEqual([2_000, 3_000, 3_000, 3_000]);
    clock.set(breaker.nextProbeAt());
    breaker.beginRequest();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.nextProbeAt() - clock.now()).toBe(1_000);
  });

  it('does not stay open for ever when the clock steps backwards', () => {
    const clock = new ManualClock(1_000_000);
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 60_000 });
    breaker.recordFailure();
    clock.set(0);
    expect(breaker.state).toBe('half_open');
  });

  it('forceProbe() lets the daily sync try at once; abandonRequest() frees the probe slot', () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(clock, { failureThreshold: 1, cooldownMs: 60_000 });
    breaker.recordFailure();
    breaker.forceProbe();
    expect(breaker.beginRequest()).toBe(true);
    expect(breaker.canRequest()).toBe(false);
    breaker.abandonRequest();
    expect(breaker.canRequest()).toBe(true);
  });

  it('remembers since when the destination has been down: first opening, kept through failed probes, cleared by a success', () => {
    const clock = new ManualClock(1_000);
    const changes: Array<number | null> = [];
    const breaker = new CircuitBreaker(clock, {
      failureThreshold: 1,
      cooldownMs: 100,
      onDownChange: (since) => changes.push(since),
    });
    expect(breaker.downSince).toBeNull();
    breaker.recordFailure();
    expect(breaker.downSince).toBe(1_000);
    clock.advance(150);
    expect(breaker.beginRequest()).toBe(true);
    breaker.recordFailure(); // the probe fails: open again, but down since the first time
    expect(breaker.downSince).toBe(1_000);
    clock.advance(500);
    breaker.beginRequest();
    breaker.recordSuccess();
    expect(breaker.downSince).toBeNull();
    expect(changes).toEqual([1_000, null]);
    // A restart hands back the outage's start; it is not reset by the new process's first failures.
    const restarted = new CircuitBreaker(clock, { failureThreshold: 1, downSince: 1_000 });
    restarted.recordFailure();
    expect(restarted.downSince).toBe(1_000);
  });
});
