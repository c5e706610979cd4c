import { sleepOn, type Clock } from '../clock';
import { DeliveryError, type DestinationLimits } from '../sync/destination';
import { TokenBucket, type RequestBudget } from '../sync/token-bucket';

/**
 * Paces a connector's own requests (pulls, tokens, test connection) through the account's request
 * budget, and waits out a short 429 itself: a carrier that says "try again in 2 s" in the middle
 * of a 500-parcel pull should not end the pull. A longer Retry-After than `maxThrottleWaitMs`
 * ends the call with the 'throttled' DeliveryError, so the pull stops and resumes at its cursor.
 *
 * Every wait is measured on the injected clock (`sleepOn`): real time for the system clock, the
 * test's own time for a manual one — a budget refilled by a clock that only moves when told would
 * otherwise keep a pull waiting for ever.
 */
export interface PacerOptions {
  budget?: RequestBudget;
  limits: DestinationLimits;
  clock: Clock;
  /** Longest Retry-After waited out in place. */
  maxThrottleWaitMs: number;
  /** How many 429s in a row one call waits out. */
  maxThrottleRetries?: number;
  /** How a wait is spent; default: `sleepOn(clock, …)`. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class RequestPacer {
  private readonly budget: RequestBudget;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    this.budget =
      options.budget ??
      new TokenBucket(options.clock, {
        ratePerSecond: options.limits.requestsPerSecond,
        burst: options.limits.burst,
      });
    this.maxRetries = options.maxThrottleRetries ?? 2;
    this.sleep = options.sleep ?? ((ms, signal) => sleepOn(options.clock, ms, signal));
  }

  async run<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.take(signal);
      try {
        return await call();
      } catch (err) {
        if (!(err instanceof DeliveryError) || err.kind !== 'throttled') throw err;
        this.budget.drain();
        const waitMs = err.details.retryAfterMs ?? 1_000;
        if (attempt >= this.maxRetries || waitMs > this.options.maxThrottleWaitMs) throw err;
        await this.sleep(waitMs, signal);
      }
    }
  }

  private async take(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      if (this.budget.takeUpTo(1) === 1) return;
      await this.sleep(Math.max(1, this.budget.waitMs()), signal);
    }
  }
}
