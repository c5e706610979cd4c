import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/channels';
import type { Envelope } from '../shared/errors';

/**
 * Exposes exactly the contract's calls, one function each, on `window.lastmile`. No generic
 * invoke(channel) and no ipcRenderer reach the page.
 */
const bridge: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
for (const name of CALL_NAMES) {
  const channel = ipcChannel(name);
  bridge[name] = (input: unknown) =>
    // invoke rejects only when no handler answers (the app is quitting): still a coded error, never a stack.
    (ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>).catch((): Envelope<unknown> => ({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { call: name } },
    }));
}

contextBridge.exposeInMainWorld('lastmile', Object.freeze(bridge));
