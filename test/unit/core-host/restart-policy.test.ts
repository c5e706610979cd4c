import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, restartDecision } from '../../../src/main/core-host/restart-policy';

const policy = { delaysMs: [200, 1000, 3000], maxCrashes: 3, windowMs: 60_000 };

describe('when a crashed core is started again', () => {
  it('at once-ish the first time, slower each time after, the last delay repeating', () => {
    expect(restartDecision([1000], 1000, policy)).toEqual({ restart: true, attempt: 1, delayMs: 200 });
    expect(restartDecision([1000, 2000], 2000, policy)).toEqual({ restart: true, attempt: 2, delayMs: 1000 });
    expect(restartDecision([1000, 2000, 3000], 3000, policy)).toEqual({
      restart: true,
      attempt: 3,
      delayMs: 3000,
    });
  });

  it('not after more crashes than allowed within the window: a crash loop stops', () => {
    expect(restartDecision([1000, 2000, 3000, 4000], 4000, policy)).toEqual({ restart: false, crashes: 4 });
  });

  it('forgets crashes older than the window: a core that ran for a while starts afresh', () => {
    expect(restartDecision([0, 1, 2, 70_000], 70_000, policy)).toEqual({
      restart: true,
      attempt: 1,
      delayMs: 200,
    });
  });

  it('has defaults a clerk barely notices for a one-off crash', () => {
    const first = restartDecision([0], 0, DEFAULT_RESTART_POLICY);
    expect(first).toMatchObject({ restart: true, attempt: 1 });
    expect((first as { delayMs: number }).delayMs).toBeLessThanOrEqual(500);
    const times = Array.from({ length: DEFAULT_RESTART_POLICY.maxCrashes + 1 }, (_, i) => i * 1000);
    expect(restartDecision(times, times.at(-1)!, DEFAULT_RESTART_POLICY).restart).toBe(false);
  });
});
