import type { Random } from '../random';

/**
 * Retry delays for one event: exponential with full jitter (a random delay between 0 and
 * base·2^(attempt-1), capped), so many stations coming back online do not retry in lock-step.
 * A destination's Retry-After wins over the computed delay (it knows when it will take more), but
 * is itself capped, so a bogus header cannot park an event for days.
 *
 * Public API (used by the delivery engine and benchmarks):
 *   new Backoff(random, { baseMs?, capMs?, maxRetryAfterMs? }).delayMs(attempt, retryAfterMs?)
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** Longest Retry-After we honour. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 60_000, maxRetryAfterMs: 15 * 60_000 } as const;

export class Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  readonly maxRetryAfterMs: number;

  constructor(
    private readonly random: Random,
    options: BackoffOptions = {},
  ) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
    this.capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_BACKOFF.maxRetryAfterMs;
  }

  /** Delay before the next try, after `attempt` (1-based) attempts have failed. */
  delayMs(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
      return Math.min(Math.ceil(retryAfterMs), this.maxRetryAfterMs);
    }
    const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** exponent);
    return Math.floor(this.random.next() * ceiling);
  }

  /** The longest delay this policy can produce; anything further ahead is a clock that jumped. */
  get longestMs(): number {
    return Math.max(this.capMs, this.maxRetryAfterMs);
  }
}

/** Parses an HTTP Retry-After header (delta-seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names its weekday and month; Date.parse would take "-5" for a year.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
