import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, ipcChannel } from '../../shared/channels';
import { AppError, type Envelope } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';
import type { AppOrigin } from './app-origin';

type HandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * One `ipcMain.handle` per contract call, each refusing any frame that is not the app's own page
 * before the payload is even looked at. Returns a function that removes the handlers again.
 */
export function registerContractHandlers(
  ipcMain: HandlerRegistry,
  dispatch: Dispatch,
  appOrigin: AppOrigin,
  logger: Logger,
): () => void {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(
      channel,
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<Envelope<unknown>> => {
        const senderUrl = senderUrlOf(event);
        if (!appOrigin.isTrusted(senderUrl)) {
          logger.warn('ipc call refused: untrusted sender', {
            call: name,
            sender: senderUrl?.slice(0, 200) ?? null,
          });
          return { ok: false, error: new AppError('UNAUTHORIZED', { call: name }).toJSON() };
        }
        // One window, one client: its sign-in is not another window's.
        return dispatch(name, payload, { clientId: `ipc:${event.sender.id}` });
      },
    );
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** The URL of the frame that sent the call; null once that frame has navigated away or gone. */
function senderUrlOf(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}
