import type { CIRCUIT_STATES } from '../../shared/sync-views';
import type { Clock } from '../clock';

/**
 * Stops hammering a destination that is down. Closed: requests flow. After `failureThreshold`
 * consecutive transport failures it opens; after a cooldown it lets exactly one probe through
 * (half-open); the probe's success closes it, its failure re-opens it with a longer cooldown
 * (doubling up to `maxCooldownMs`), so a station offline for days does a handful of probes an hour.
 *
 * Public API: new CircuitBreaker(clock, opts).state / canRequest() / beginRequest() /
 *   recordSuccess() / recordFailure() / nextProbeAt() / forceProbe() / downSince
 */
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
  /**
   * Since when the destination has been down (first opened, not reached since), or null once it
   * answers again; `since` comes back from a previous process (persisted), so an outage that
   * outlives a restart keeps its start.
   */
  downSince?: number | null;
  onDownChange?: (downSince: number | null) => void;
}

export class CircuitBreaker {
  private _state: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private cooldown: number;
  private probeInFlight = false;
  private _downSince: number | null;
  private readonly onDownChange: ((downSince: number | null) => void) | undefined;
  readonly failureThreshold: number;
  readonly baseCooldownMs: number;
  readonly maxCooldownMs: number;

  constructor(
    private readonly clock: Clock,
    options: CircuitBreakerOptions = {},
  ) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.baseCooldownMs = options.cooldownMs ?? 2_000;
    this.maxCooldownMs = options.maxCooldownMs ?? 60_000;
    this.cooldown = this.baseCooldownMs;
    this._downSince = options.downSince ?? null;
    this.onDownChange = options.onDownChange;
  }

  /**
   * When the destination went down: the first time the circuit opened since it last answered (a
   * failed probe re-opening it does not move this). Null while it is reachable.
   */
  get downSince(): number | null {
    return this._downSince;
  }

  get state(): CircuitState {
    if (this._state === 'open' && this.cooldownOver()) this._state = 'half_open';
    return this._state;
  }

  /** When an open circuit will let its probe through (0 when it is not open). */
  nextProbeAt(): number {
    return this._state === 'open' ? this.openedAt + this.cooldown : 0;
  }

  /** Whether a request may start now (a half-open circuit allows one probe at a time). */
  canRequest(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'half_open') return !this.probeInFlight;
    return false;
  }

  /** Call when a request starts; returns false when the circuit does not allow it. */
  beginRequest(): boolean {
    if (!this.canRequest()) return false;
    if (this._state === 'half_open') this.probeInFlight = true;
    return true;
  }

  /** The destination answered (whatever it said about the events): it is reachable. */
  recordSuccess(): void {
    this.failures = 0;
    this.probeInFlight = false;
    this._state = 'closed';
    this.cooldown = this.baseCooldownMs;
    if (this._downSince !== null) {
      this._downSince = null;
      this.onDownChange?.(null);
    }
  }

  /** A transport failure (network, timeout, 5xx, 429). */
  recordFailure(): void {
    this.failures += 1;
    const state = this.state;
    if (state === 'half_open') {
      this.probeInFlight = false;
      this.cooldown = Math.min(this.maxCooldownMs, this.cooldown * 2);
      this.open();
    } else if (state === 'closed' && this.failures >= this.failureThreshold) {
      this.open();
    }
  }

  /** A request ended without telling us anything about the destination (e.g. we stopped it). */
  abandonRequest(): void {
    this.probeInFlight = false;
  }

  /** The daily sync wants one honest try now, even while the circuit is cooling down. */
  forceProbe(): void {
    if (this._state === 'open') this._state = 'half_open';
  }

  private open(): void {
    this._state = 'open';
    this.openedAt = this.clock.now();
    if (this._downSince === null) {
      this._downSince = this.openedAt;
      this.onDownChange?.(this._downSince);
    }
  }

  private cooldownOver(): boolean {
    const now = this.clock.now();
    // A clock that stepped backwards before openedAt must not keep the circuit open for ever.
    return now >= this.openedAt + this.cooldown || now < this.openedAt;
  }
}
