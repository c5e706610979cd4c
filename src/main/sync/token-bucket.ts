import type { Clock } from '../clock';

/**
 * A destination's request budget: `burst` tokens, refilled at `ratePerSecond`. Each request takes
 * one token; `waitMs()` says how long until the next one is available, so the engine sleeps instead
 * of spinning. Time comes from the injected clock; a clock that steps backwards refills nothing
 * (it never hands out extra tokens).
 *
 * Public API: new TokenBucket(clock, { ratePerSecond, burst }).tryTake() / waitMs() / available()
 */
export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
}

/**
 * What the delivery engine needs of a request budget. TokenBucket keeps it in memory; a
 * SharedRateLimits bucket keeps it in a file, so processes delivering from one station share it.
 */
export interface RequestBudget {
  /** Milliseconds until a token is available (0 when one is). */
  waitMs(): number;
  /** Takes as many whole tokens as are available, at most `n`; returns how many it took. */
  takeUpTo(n: number): number;
  /** Gives back tokens taken for requests that were not sent after all. */
  refund(n: number): void;
  /** Empties the budget, e.g. after a 429: the destination said our budget is spent. */
  drain(): void;
}

export type BudgetFactory = (destination: string, options: TokenBucketOptions) => RequestBudget;

/** Refills `tokens` for the time since `last`; a clock that stepped back refills nothing. */
export function refilled(tokens: number, last: number, now: number, options: TokenBucketOptions): number {
  return now > last
    ? Math.min(options.burst, tokens + ((now - last) * options.ratePerSecond) / 1000)
    : tokens;
}

export function tokenWaitMs(tokens: number, ratePerSecond: number): number {
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / ratePerSecond);
}

export class TokenBucket implements RequestBudget {
  private tokens: number;
  private last: number;
  readonly ratePerSecond: number;
  readonly burst: number;

  constructor(
    private readonly clock: Clock,
    options: TokenBucketOptions,
  ) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = Math.max(1, Math.floor(options.burst));
    this.tokens = this.burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = refilled(this.tokens, this.last, now, this);
    // Backwards steps move the reference point back too, so we refill from the new "now" onwards.
    this.last = now;
  }

  available(): number {
    this.refill();
    return this.tokens;
  }

  tryTake(): boolean {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  waitMs(): number {
    this.refill();
    return tokenWaitMs(this.tokens, this.ratePerSecond);
  }

  takeUpTo(n: number): number {
    this.refill();
    const taken = Math.max(0, Math.min(n, Math.floor(this.tokens)));
    this.tokens -= taken;
    return taken;
  }

  refund(n: number): void {
    this.tokens = Math.min(this.burst, this.tokens + n);
  }

  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
