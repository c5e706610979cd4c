/**
 * What the sync engine needs of a carrier or platform. Real adapters (TikTok Shop, 17TRACK,
 * AfterShip, SEA carriers) implement this; so does the local test carrier's HTTP client.
 */

export interface OutboundEvent {
  id: string;
  seq: number;
  idempotencyKey: string;
  destination: string;
  orderingKey: string;
  type: string;
  payload: unknown;
  attempts: number;
}

/** How a destination failed, which decides what the engine does next. */
export type DeliveryErrorKind =
  | 'network' // connection refused / reset / DNS: retry, counts towards the circuit breaker
  | 'timeout' // no answer in time: retry (idempotency keys make the resend safe)
  | 'server' // 5xx: retry
  | 'throttled' // 429: retry after Retry-After
  | 'auth' // 401: refresh credentials once, then retry
  | 'malformed' // 2xx with a body we cannot read: not delivered, retry
  | 'rejected'; // other 4xx or a schema error: permanent, dead-letter with the reason

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type DeliveryOutcome =
  | { id: string; status: 'delivered' }
  | { id: string; status: 'retry'; kind: DeliveryErrorKind; reason: string; retryAfterMs?: number }
  | { id: string; status: 'rejected'; reason: string };

export interface DestinationLimits {
  /** The destination's declared request rate; the engine never exceeds it. */
  requestsPerSecond: number;
  burst: number;
  maxConcurrency: number;
  /** 1 when the destination takes one event per request. */
  maxBatchSize: number;
  requestTimeoutMs: number;
}

export interface Destination {
  readonly name: string;
  readonly limits: DestinationLimits;
  /** One outcome per event, in any order; throws DeliveryError when the whole request failed. */
  deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]>;
  /** Called once after a 401 before the retry. */
  refreshCredentials?(signal: AbortSignal): Promise<void>;
  /**
   * Makes sure a request can leave at once (e.g. fetches the OAuth token); called before each
   * request's rate token is taken, so waiting for it never bunches requests at the destination.
   * Throws like deliver() when it cannot.
   */
  prepare?(signal: AbortSignal): Promise<void>;
}

export interface PullPage<T> {
  items: T[];
  /** Cursor to resume after this page; saved in the same transaction as the page's rows. */
  nextCursor: string | null;
  hasMore: boolean;
}

/** An incremental feed (new return orders, tracking updates) read with a saved cursor. */
export interface PullSource<T> {
  readonly name: string;
  pull(cursor: string | null, signal: AbortSignal): Promise<PullPage<T>>;
}
