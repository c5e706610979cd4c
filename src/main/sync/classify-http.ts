import type { DeliveryErrorKind } from './destination';

/**
 * Maps what an HTTP exchange produced to what the engine does next: network, timeout, 5xx and 429
 * are retried; 401 refreshes credentials once and retries; 408 is a timeout; any other 4xx is
 * permanent (dead-letter with the reason). 2xx is not an error (the body is checked separately;
 * a garbage body is 'malformed', never "delivered").
 */
export function classifyStatus(status: number): DeliveryErrorKind | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  if (status >= 400) return 'rejected';
  // 1xx/3xx reaching us means the exchange went wrong somewhere; resending is safe.
  return 'server';
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'HPE_INVALID_CONSTANT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** A thrown transport error: timeouts (our AbortSignal or the socket's) versus network failures. */
export function classifyTransportError(err: unknown): DeliveryErrorKind {
  const e = err as { name?: string; code?: string; cause?: unknown } | null;
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT' || e?.code === 'UND_ERR_HEADERS_TIMEOUT') {
    return 'timeout';
  }
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR') {
    // An abort whose reason was a timeout is a timeout; any other abort (shutdown) is still a
    // request whose fate we do not know, which the engine treats like a network failure.
    const cause = e.cause as { name?: string } | undefined;
    return cause?.name === 'TimeoutError' ? 'timeout' : 'network';
  }
  if (e?.code && NETWORK_CODES.has(e.code)) return 'network';
  if (e?.cause && e.cause !== err) return classifyTransportError(e.cause);
  return 'network';
}

/** Whether a kind counts against the destination's circuit breaker (it says the link is bad). */
export function isTransportFailure(kind: DeliveryErrorKind): boolean {
  return kind === 'network' || kind === 'timeout' || kind === 'server' || kind === 'throttled';
}

export function isPermanent(kind: DeliveryErrorKind): boolean {
  return kind === 'rejected';
}
