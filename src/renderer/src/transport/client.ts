import type { LastmileApi, LastmileBridge } from '../../../shared/contract';
import type { CoreStatusView } from '../../../shared/core-status';
import type { Envelope } from '../../../shared/errors';
import { createApi, httpSend, type ApiOptions, type Send } from './create-api';
import type { TokenHolder } from './token-holder';

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

const CLIENT_KEY = 'lastmile.clientId';
/** Where this browser keeps the station's key: one entry per station address (origin). */
const tokenKey = (origin: string): string => `lastmile.stationToken@${origin}`;
/** Where an earlier version kept it, for one tab only. */
const OLD_TOKEN_KEY = 'lastmile.stationToken';

/** This tab's id, kept for the tab's life (a reload keeps its sign-in; another tab is another client). */
function tabClientId(win: Window): string {
  const known = win.sessionStorage.getItem(CLIENT_KEY);
  if (known) return known;
  const bytes = win.crypto.getRandomValues(new Uint8Array(12));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  win.sessionStorage.setItem(CLIENT_KEY, id);
  return id;
}

/**
 * The key comes from the link the station printed (`#token=…`, which never reaches a server);
 * the browser keeps it for that station's origin, so a restart of the station or a new tab needs
 * no link. A link with a new key replaces the kept one.
 */
export function stationToken(win: Window): TokenHolder {
  const key = tokenKey(win.location.origin);
  const fromHash = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (fromHash) {
    win.localStorage.setItem(key, fromHash);
    // Keep the key out of screenshots, bookmarks and the address bar.
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  let token = fromHash ?? win.localStorage.getItem(key) ?? win.sessionStorage.getItem(OLD_TOKEN_KEY) ?? '';
  if (token && !win.localStorage.getItem(key)) win.localStorage.setItem(key, token);
  return {
    get: () => token,
    set(next) {
      token = next;
      win.localStorage.setItem(key, next);
    },
    link: (next) => `${win.location.origin}/#token=${next}`,
  };
}

export interface Connection {
  api: LastmileApi;
  /** Null inside Electron (IPC has no key). */
  token: TokenHolder | null;
}

/** Picks the transport: the preload's bridge inside Electron, else the station server. */
export function connect(win: Window = window, options: ApiOptions = {}): Connection {
  if (win.lastmile) return { api: createApi(ipcSend(win.lastmile), options), token: null };
  const token = stationToken(win);
  return {
    api: createApi(httpSend(`${win.location.origin}/`, token.get, tabClientId(win)), options),
    token,
  };
}

/**
 * The station's link opened again in a tab already showing the station changes only the fragment,
 * which does not load the page: load it, so the new key is taken (a rotated key, a lost one).
 */
export function takeNewLinks(win: Window = window): void {
  win.addEventListener('hashchange', () => {
    if (new URLSearchParams(win.location.hash.slice(1)).has('token')) win.location.reload();
  });
}
