import { CALL_NAMES, type CallName } from '../../../shared/channels';
import type { LastmileApi, LastmileBridge } from '../../../shared/contract';
import { AppError, isAppErrorShape, type Envelope } from '../../../shared/errors';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload. */
    lastmile?: LastmileBridge;
  }
}

type Send = (name: CallName, input: unknown) => Promise<Envelope<unknown>>;

/** Over Electron IPC, through exactly the functions the preload exposed. */
function ipcSend(bridge: LastmileBridge): Send {
  return (name, input) => (bridge[name] as (i: unknown) => Promise<Envelope<unknown>>)(input);
}

/** Over HTTP to the station server, with the per-start token taken from the page's URL fragment. */
export function httpSend(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): Send {
  return async (name, input) => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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

/** Builds the typed API from a transport; failures become thrown AppErrors with code and params. */
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

const TOKEN_KEY = 'lastmile.stationToken';

/** Picks the transport: the preload's bridge inside Electron, else the station server. */
export function connect(win: Window = window): LastmileApi {
  if (win.lastmile) return createApi(ipcSend(win.lastmile));
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of screenshots, bookmarks and the address bar.
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = fromHash ?? win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  return createApi(httpSend(`${win.location.origin}/`, token));
}
