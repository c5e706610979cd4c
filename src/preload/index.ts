import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, ipcChannel } from '../shared/channels';

/**
 * Exposes exactly the contract's calls, one function each, on `window.lastmile`. No generic
 * invoke(channel) and no ipcRenderer reach the page.
 */
const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  const channel = ipcChannel(name);
  bridge[name] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('lastmile', Object.freeze(bridge));
