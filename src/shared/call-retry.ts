import type { CallEffect } from './call-spec';
import type { AppErrorShape } from './errors';

/** What a client knows of a call when deciding whether to send it again. */
export interface RetrySpec {
  effect?: CallEffect | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * Whether a failed call may be sent again as it is. Only failures of the way to the core count
 * (the core process restarting, a transport that lost the call); an answer from the core itself
 * (DB_LOCKED, a validation error) is the core's verdict and is shown, not repeated.
 *
 * Then it depends on whether the first attempt may have been applied: `maybeApplied: false` means
 * it never reached the core, so sending it is its first application. Otherwise only calls that
 * are safe twice are repeated: reads, idempotent calls, and writes carrying the client-made id
 * their handler de-duplicates on. A timeout is not retried: the core is slow, and asking again
 * only adds to its load.
 */
export function mayRetry(spec: RetrySpec, input: unknown, error: AppErrorShape): boolean {
  if (error.code !== 'CORE_RESTARTING' && error.code !== 'TRANSPORT_FAILED') return false;
  if (error.code === 'TRANSPORT_FAILED' && error.params.reason === 'timeout') return false;
  if (error.code === 'TRANSPORT_FAILED' && error.params.reason === 'core_stopped') return false;
  if (error.params.maybeApplied === false) return true;
  return repeatable(spec, input);
}

/** Whether doing the call twice has the effect of doing it once. */
export function repeatable(spec: RetrySpec, input: unknown): boolean {
  const effect = spec.effect ?? 'write';
  if (effect === 'read' || effect === 'idempotent') return true;
  const key = spec.idempotencyKey;
  if (key === undefined || typeof input !== 'object' || input === null) return false;
  const id = (input as Record<string, unknown>)[key];
  return typeof id === 'string' && id.length > 0;
}
