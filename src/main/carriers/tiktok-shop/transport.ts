import { classifyTransportError } from '../../sync/classify-http';
import { DeliveryError } from '../../sync/destination';

/**
 * A request that produced no answer, as the engine's error kinds: our deadline passing is a
 * timeout, any other abort (shutdown) or socket failure a network error. Either way the platform
 * may have acted on it, which is why every write carries an idempotency key.
 */
export function transportFailure(err: unknown, signal: AbortSignal, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError'
      ? new DeliveryError('timeout', `no answer from TikTok Shop to ${what} in time`)
      : new DeliveryError('network', `${what} was cancelled before TikTok Shop answered`);
  }
  const kind = classifyTransportError(err);
  const e = err as { message?: string; cause?: { code?: string; message?: string } } | null;
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new DeliveryError(kind, `${what} failed before TikTok Shop answered (${detail})`);
}
