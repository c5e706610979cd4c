import { AppError, type Envelope } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';
import type { WebhookIntakeSource } from '../station/webhook-endpoint';
import { webhookError } from '../sync/webhook-intake';
import { PROTOCOL_VERSION, mainMessageSchema, typeOf, versionOf, type MainMessage } from './protocol';
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
 * A `webhook` goes to this core's webhook intake (`webhooks`), its answer back as the result.
 */
export function runHostLoop(
  wire: Wire,
  dispatch: Dispatch,
  logger: Logger,
  onStop: () => void,
  webhooks?: WebhookIntakeSource,
): HostLoop {
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

  const track = (id: number, running: Promise<Envelope<unknown>>, what: Record<string, unknown>): void => {
    const answered = running
      .catch((error: unknown): Envelope<unknown> => {
        logger.error('dispatch failed', { ...what, error });
        return { ok: false, error: new AppError('INTERNAL', { call: String(what.call) }).toJSON() };
      })
      .then((envelope) => answer(id, envelope))
      .finally(() => inFlight.delete(answered));
    inFlight.add(answered);
  };

  const receiveWebhook = async (
    message: Extract<MainMessage, { t: 'webhook' }>,
  ): Promise<Envelope<unknown>> => {
    const intake = closed ? undefined : webhooks?.();
    const value = intake
      ? await intake.receive(message.connector, message.account, message.headers, message.body)
      : webhookError(503, 'sync_off', 'sync is not running on this station');
    return { ok: true, value };
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
        track(id, dispatch(name, input, caller ?? undefined), { call: name });
        return;
      }
      case 'webhook':
        track(message.id, receiveWebhook(message), { call: 'webhook', connector: message.connector });
        return;
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
