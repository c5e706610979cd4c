import { DeliveryError } from '../sync/destination';
import type { ConnectionCheck } from './connector';

/**
 * Runs a connector's cheapest authenticated call and says, in one line a supervisor can act on,
 * whether the account works. Never throws: a settings screen shows the answer.
 */
export async function checkConnection(
  what: string,
  timeoutMs: number,
  call: () => Promise<string>,
): Promise<ConnectionCheck> {
  try {
    return { ok: true, detail: await call() };
  } catch (err) {
    if (err instanceof DeliveryError) {
      switch (err.kind) {
        case 'auth':
          return { ok: false, reason: 'auth', detail: `${what} refused the credentials` };
        case 'timeout':
          return {
            ok: false,
            reason: 'timeout',
            timeoutMs,
            detail: `no answer from ${what} in ${Math.ceil(timeoutMs / 1000).toString()} s`,
          };
        case 'network':
          return { ok: false, reason: 'network', detail: `cannot reach ${what} (${err.message})` };
        case 'throttled':
          return {
            ok: false,
            reason: 'throttled',
            detail: `${what} is throttling this account; try again later`,
          };
        case 'server':
          return { ok: false, reason: 'server', detail: `${what} is failing (${err.message})` };
        default:
          return { ok: false, detail: err.message };
      }
    }
    const e = err as { name?: string; message?: string };
    if (e.name === 'AbortError') return { ok: false, reason: 'cancelled', detail: 'cancelled' };
    return { ok: false, detail: e.message ?? String(err) };
  }
}
