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

export class TokenBucket {
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
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    }
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

  /** Milliseconds until a token is available (0 when one is). */
  waitMs(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  /** Empties the bucket, e.g. after a 429: the destination said our budget is spent. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
