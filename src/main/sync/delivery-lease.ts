/**
 * How long a claimed outbox event stays leased to the engine that claimed it. A request must end
 * (its timeout) before its lease does, or another engine could send the same event again while the
 * first request is still in flight. The one rule both the delivery engine and the stored
 * configuration's schema apply.
 */
export const DEFAULT_LEASE_MS = 60_000;

/** Why a destination's request timeout does not fit the lease, or null when it does. */
export function leaseProblem(
  name: string,
  requestTimeoutMs: number,
  leaseMs = DEFAULT_LEASE_MS,
): string | null {
  if (requestTimeoutMs < leaseMs) return null;
  return (
    `${name}: requestTimeoutMs ${requestTimeoutMs} must be below ${leaseMs} ` +
    `(the delivery lease must outlast a request, or a slow request could be sent twice)`
  );
}
