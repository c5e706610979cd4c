import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/channels';
import { CORE_STATUS_CHANNEL, parseCoreStatusView, type CoreStatusView } from '../shared/core-status';
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

/**
 * The one thing the main process tells the page unasked: how the core process is doing. The page
 * gets a checked plain value, never the IPC event (whose `sender` would reach ipcRenderer).
 */
const events = {
  onCoreStatus(listener: (status: CoreStatusView) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, value: unknown): void => {
      const status = parseCoreStatusView(value);
      if (status) listener(status);
    };
    ipcRenderer.on(CORE_STATUS_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(CORE_STATUS_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('lastmileEvents', Object.freeze(events));
