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
        if (!isTrustedSender(event.senderFrame, appOrigin)) {
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

export interface SenderFrame {
  readonly url: string;
  readonly parent?: unknown;
}

/**
 * A call is the app's only when it comes from the top frame of the app's own page: not from
 * another origin, not from a frame embedded in the page, not from a frame that is gone.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: AppOrigin): boolean {
  let url: string | null;
  let parent: unknown;
  try {
    if (!frame) return false;
    url = frame.url;
    parent = frame.parent;
  } catch {
    // A frame object whose page has gone throws on access.
    return false;
  }
  if (parent !== null && parent !== undefined) return false;
  return appOrigin.isTrusted(url);
}

/** The URL of the frame that sent the call; null once that frame has navigated away or gone. */
function senderUrlOf(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}
