import { CALL_NAMES, CLIENT_HEADER, type CallName } from '../../../shared/channels';
import type { LastmileApi } from '../../../shared/contract';
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

/**
 * Builds the typed API from a transport (no DOM here, so Node tests drive the screens' stores
 * through it against a real core); failures become thrown AppErrors with code and params.
 */
export function createApi(send: Send): LastmileApi {
  const api: Partial<Record<CallName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALL_NAMES) {
    api[name] = async (input: unknown) => {
      const envelope = await send(name, input);
      if (envelope.ok) return envelope.value;
      const error = isAppErrorShape(envelope.error)
        ? envelope.error
        : { code: 'INTERNAL' as const, params: {} };
      throw new AppError(error.code, error.params);
    };
  }
  return api as LastmileApi;
}
