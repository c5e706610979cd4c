import { describe, expect, it } from 'vitest';
import { RequestPacer } from '../../../src/main/carriers/request-pacer';
import { ManualClock } from '../../../src/main/clock';
import { DeliveryError } from '../../../src/main/sync/destination';
import { TokenBucket } from '../../../src/main/sync/token-bucket';

const limits = { requestsPerSecond: 1, burst: 2, maxConcurrency: 1, maxBatchSize: 1, requestTimeoutMs: 1000 };

describe('RequestPacer on a manual clock', () => {
  it('waits for the budget on the clock it was given: five calls at 1/s with a burst of 2 take 3 s of that clock', async () => {
    const clock = new ManualClock(1_000_000);
    const budget = new TokenBucket(clock, { ratePerSecond: 1, burst: 2 });
    const pacer = new RequestPacer({ limits, clock, budget, maxThrottleWaitMs: 0 });
    const sentAt: number[] = [];
    for (let i = 0; i < 5; i++)
      await pacer.run(new AbortController().signal, async () => sentAt.push(clock.now()));
    expect(sentAt.map((t) => t - 1_000_000)).toEqual([0, 0, 1000, 2000, 3000]);
    expect(budget.available()).toBe(0);
  });

  it('a wait ends when the call is cancelled', async () => {
    const clock = new ManualClock(0);
    const budget = new TokenBucket(clock, { ratePerSecond: 1, burst: 1 });
    budget.drain();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const pacer = new RequestPacer({ limits, clock, budget, maxThrottleWaitMs: 0 });
    let called = false;
    await expect(
      pacer.run(controller.signal, async () => {
        called = true;
      }),
    ).rejects.toThrow('shutting down');
    expect(called).toBe(false);
  });

  it('waits out a short 429 on the clock, then sends again', async () => {
    const clock = new ManualClock(0);
    const pacer = new RequestPacer({ limits, clock, maxThrottleWaitMs: 5_000 });
    const sentAt: number[] = [];
    const answer = await pacer.run(new AbortController().signal, async () => {
      sentAt.push(clock.now());
      if (sentAt.length === 1) throw new DeliveryError('throttled', 'slow down', { retryAfterMs: 2_000 });
      return 'ok';
    });
    expect(answer).toBe('ok');
    // 2 s of Retry-After, then the drained budget's next token (1 s at 1/s) — all on the manual clock.
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(2_000);
  });
});
