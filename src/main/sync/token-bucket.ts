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
  /** Tokens available now (fractional), without taking any. */
  available(): number;
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

/** How the engine spends a destination's declared limit. */
export interface RatePlanOptions {
  /** Fraction of the declared rate used (0.9: a little under, so small clock drifts never matter). */
  margin: number;
  /**
   * How much later than its neighbours a request may arrive, in ms, for reasons the engine does not
   * control: its own event loop busy with a durable commit between the token and the socket write,
   * the network, the destination's own scheduling. The plan stays within the limit despite it.
   */
  arrivalJitterMs: number;
}

export const DEFAULT_RATE_PLAN: RatePlanOptions = { margin: 0.9, arrivalJitterMs: 25 };

/**
 * The engine's own bucket for a destination that declares `requestsPerSecond` (r) with `burst` (B).
 *
 * The destination counts arrivals with a bucket of its own: at most B + r·t requests in any t
 * (a per-second window allows at least that much). Our departures are at most b + r'·t in any t,
 * and each request arrives up to J later than it left, so in any t the destination sees at most
 * b + r'·(t + J). That stays within B + r·t for every t when r' ≤ r and b + r'·J ≤ B: the burst
 * we spend at once must leave room for the requests that are late. Hence b = ⌊B − r'·J⌋. When not
 * even one token fits (a small burst at a fast rate, B = 1 above all) the requests go one by one,
 * evenly spaced, and B + j arrivals must then span j/r: (B + j − 1)/r' − J ≥ j/r for every j ≥ 1,
 * i.e. r' ≤ B / (1/r + J). The engine once spent ⌊0.9·B⌋ at once, leaving no room for J at all.
 */
export function ratePlan(
  declared: { requestsPerSecond: number; burst: number },
  options: RatePlanOptions = DEFAULT_RATE_PLAN,
): TokenBucketOptions {
  const rate = declared.requestsPerSecond;
  const burst = Math.max(1, Math.floor(declared.burst));
  const jitter = Math.max(0, options.arrivalJitterMs) / 1000;
  const ratePerSecond = rate * options.margin;
  const room = burst - ratePerSecond * jitter;
  if (room >= 1) return { ratePerSecond, burst: Math.floor(room) };
  return { ratePerSecond: Math.min(ratePerSecond, burst / (1 / rate + jitter)), burst: 1 };
}
