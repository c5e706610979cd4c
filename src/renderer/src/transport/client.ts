import type { LastmileApi, LastmileBridge } from '../../../shared/contract';
import type { CoreStatusView } from '../../../shared/core-status';
import type { Envelope } from '../../../shared/errors';
import { createApi, httpSend, type ApiOptions, type Send } from './create-api';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload. */
    lastmile?: LastmileBridge;
    /** Inside Electron: what the main process tells the page unasked (the core's status). */
    lastmileEvents?: { onCoreStatus(listener: (status: CoreStatusView) => void): () => void };
  }
}

/** Over Electron IPC, through exactly the functions the preload exposed. */
function ipcSend(bridge: LastmileBridge): Send {
  return (name, input) => (bridge[name] as (i: unknown) => Promise<Envelope<unknown>>)(input);
}

const TOKEN_KEY = 'lastmile.stationToken';
const CLIENT_KEY = 'lastmile.clientId';

/** This tab's id, kept for the tab's life (a reload keeps its sign-in; another tab is another client). */
function tabClientId(win: Window): string {
  const known = win.sessionStorage.getItem(CLIENT_KEY);
  if (known) return known;
  const bytes = win.crypto.getRandomValues(new Uint8Array(12));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  win.sessionStorage.setItem(CLIENT_KEY, id);
  return id;
}

/** Picks the transport: the preload's bridge inside Electron, else the station server. */
export function connect(win: Window = window, options: ApiOptions = {}): LastmileApi {
  if (win.lastmile) return createApi(ipcSend(win.lastmile), options);
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of screenshots, bookmarks and the address bar.
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  const token = fromHash ?? win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  return createApi(httpSend(`${win.location.origin}/`, token, tabClientId(win)), options);
}
