import { AppError, type Envelope } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';
import { PROTOCOL_VERSION, mainMessageSchema, typeOf, versionOf } from './protocol';
import type { Wire } from './wire';

export interface HostLoop {
  /** Settles when every call received so far has been answered. */
  drain(): Promise<void>;
  /** Stops taking calls; later ones are answered TRANSPORT_FAILED (core_stopped). */
  close(): void;
}

/**
 * The host's side of the protocol: each `call` goes to the core's dispatcher and its envelope
 * goes back as the `result` with the same id — only once the dispatcher has resolved, which for a
 * write is after its transaction committed (synchronous=FULL: on disk). `ping` is answered at
 * once, so a host whose event loop is stuck shows as unresponsive. `stop` is handed to `onStop`.
 */
export function runHostLoop(wire: Wire, dispatch: Dispatch, logger: Logger, onStop: () => void): HostLoop {
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const answer = (id: number, envelope: Envelope<unknown>): void => {
    try {
      wire.send({ v: PROTOCOL_VERSION, t: 'result', id, envelope });
    } catch (error) {
      // A value that cannot cross the process boundary is a bug in a handler: say so, coded.
      logger.error('call result could not be sent to the main process', { id, error });
      wire.send({
        v: PROTOCOL_VERSION,
        t: 'result',
        id,
        envelope: { ok: false, error: new AppError('INTERNAL', { reason: 'unclonable_result' }).toJSON() },
      });
    }
  };

  wire.onMessage((raw) => {
    const parsed = mainMessageSchema.safeParse(raw);
    if (!parsed.success) {
      if (versionOf(raw) !== PROTOCOL_VERSION) {
        logger.error('message of another protocol version ignored', { version: String(versionOf(raw)) });
      } else {
        logger.warn('malformed message from the main process ignored', { type: typeOf(raw) });
      }
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'ping':
        wire.send({ v: PROTOCOL_VERSION, t: 'pong', id: message.id });
        return;
      case 'stop':
        onStop();
        return;
      case 'secret-result':
        // The shell cipher's answer: it listens on the same wire (shell-cipher.ts).
        return;
      case 'call': {
        const { id, name, input, caller } = message;
        if (closed) {
          answer(id, {
            ok: false,
            error: new AppError('TRANSPORT_FAILED', {
              call: name,
              reason: 'core_stopped',
              maybeApplied: false,
            }).toJSON(),
          });
          return;
        }
        const running = dispatch(name, input, caller ?? undefined)
          .catch((error: unknown): Envelope<unknown> => {
            logger.error('dispatch failed', { call: name, error });
            return { ok: false, error: new AppError('INTERNAL', { call: name }).toJSON() };
          })
          .then((envelope) => answer(id, envelope))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
        return;
      }
    }
  });

  return {
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close() {
      closed = true;
    },
  };
}
