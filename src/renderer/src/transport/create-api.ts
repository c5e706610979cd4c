import { mayRetry } from '../../../shared/call-retry';
import { CALL_NAMES, CLIENT_HEADER, type CallName } from '../../../shared/channels';
import { contract, type LastmileApi } from '../../../shared/contract';
import { AppError, isAppErrorShape, type Envelope } from '../../../shared/errors';

/** One call over some transport, answered with the contract's envelope. */
export type Send = (name: CallName, input: unknown) => Promise<Envelope<unknown>>;

/** Over HTTP to the station server, with the station's key as this page holds it now. */
export function httpSend(
  baseUrl: string,
  token: () => string,
  clientId: string,
  fetchImpl: typeof fetch = fetch,
): Send {
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}api/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token()}`,
          [CLIENT_HEADER]: clientId,
        },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'TRANSPORT_FAILED', params: { call: name } } };
    }
    const body: unknown = await response.json().catch(() => null);
    if (typeof body === 'object' && body !== null && 'ok' in body) return body as Envelope<unknown>;
    return {
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { call: name, status: response.status } },
    };
  };
}

export interface ApiOptions {
  /** Sees every answer (the core-status store learns "restarting" from them). */
  observe?: (name: CallName, envelope: Envelope<unknown>) => void;
  /**
   * Sending again a call whose answer was lost on the way (the core process restarting): only
   * when doing it twice is safe (src/shared/call-retry.ts), with growing pauses, for at most
   * `budgetMs` in all; then its error is shown.
   */
  retry?: {
    budgetMs?: number;
    firstPauseMs?: number;
    maxPauseMs?: number;
    sleep?: (ms: number) => Promise<void>;
  };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the typed API from a transport (no DOM here, so Node tests drive the screens' stores
 * through it against a real core); failures become thrown AppErrors with code and params.
 */
export function createApi(send: Send, options: ApiOptions = {}): LastmileApi {
  const budgetMs = options.retry?.budgetMs ?? 30_000;
  const firstPauseMs = options.retry?.firstPauseMs ?? 300;
  const maxPauseMs = options.retry?.maxPauseMs ?? 3_000;
  const sleep = options.retry?.sleep ?? defaultSleep;
  const api: Partial<Record<CallName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALL_NAMES) {
    const spec = contract[name];
    api[name] = async (input: unknown) => {
      let waited = 0;
      for (let attempt = 0; ; attempt++) {
        const envelope = await send(name, input);
        options.observe?.(name, envelope);
        if (envelope.ok) return envelope.value;
        const error = isAppErrorShape(envelope.error)
          ? envelope.error
          : { code: 'INTERNAL' as const, params: {} };
        const pause = Math.min(firstPauseMs * 2 ** attempt, maxPauseMs);
        if (!mayRetry(spec, input, error) || waited + pause > budgetMs) {
          throw new AppError(error.code, error.params);
        }
        await sleep(pause);
        waited += pause;
      }
    };
  }
  return api as LastmileApi;
}
