import { z } from 'zod';
import { AppError, type Envelope } from '../../shared/errors';
import type { CallerInfo, Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';
import { webhookError, type WebhookAnswer, type WebhookIntakeApi } from '../sync/webhook-intake';
import { PROTOCOL_VERSION, resultMessageSchema, typeOf, type MainMessage } from './protocol';
import type { Wire } from './wire';

export interface CoreClientOptions {
  logger: Logger;
  /** How long a call sent to the core may take before it answers TRANSPORT_FAILED (timeout). */
  callTimeoutMs?: number;
  /** Per call name, where the default does not fit (a long report). */
  callTimeouts?: Readonly<Record<string, number>>;
  /** How long a call made while no core is connected waits for one, then CORE_RESTARTING. */
  waitForCoreMs?: number;
  /** Calls sent and not yet answered, at most; more answer TRANSPORT_FAILED (overloaded), unsent. */
  maxInFlight?: number;
  /** Calls waiting for a core, at most. */
  maxWaiting?: number;
}

/** Why no core answers right now, as the waiting calls will be told. */
export interface CoreAbsence {
  phase: 'starting' | 'restarting';
  attempt: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 15_000;
export const DEFAULT_WAIT_FOR_CORE_MS = 10_000;

interface Pending {
  name: string;
  resolve: (envelope: Envelope<unknown>) => void;
  timer: NodeJS.Timeout;
}

interface Waiting {
  name: string;
  input: unknown;
  caller: CallerInfo | undefined;
  resolve: (envelope: Envelope<unknown>) => void;
  timer: NodeJS.Timeout;
}

type State =
  | { kind: 'connected'; wire: Wire }
  | { kind: 'absent'; absence: CoreAbsence }
  | { kind: 'stopped'; reason: string };

/**
 * The contract's Dispatch, answered by a core in another process. Each call gets an id, is sent
 * as a `call` message and resolves with the `result` of the same id. It never hangs: a call the
 * core does not answer in time answers TRANSPORT_FAILED (timeout); calls in flight when the core
 * process goes away answer CORE_RESTARTING with `maybeApplied: true` (they may have committed);
 * calls made while no core is connected wait for the next one, briefly, then answer
 * CORE_RESTARTING with `maybeApplied: false` (never sent). Too many calls at once answer
 * TRANSPORT_FAILED (overloaded) without being sent. The client never repeats a call itself: only
 * the caller knows whether doing it twice is safe (src/shared/call-retry.ts).
 */
export class CoreClient {
  readonly dispatch: Dispatch;
  /**
   * Carriers' pushes to the station server, received by the core's webhook intake. A push that
   * cannot reach a core now is answered 503, so the carrier sends it again later.
   */
  readonly webhooks: WebhookIntakeApi;
  private state: State = { kind: 'absent', absence: { phase: 'starting', attempt: 0 } };
  private unsubscribe: (() => void) | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private waiting: Waiting[] = [];
  private readonly callTimeoutMs: number;
  private readonly waitForCoreMs: number;
  private readonly maxInFlight: number;
  private readonly maxWaiting: number;

  constructor(private readonly options: CoreClientOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.waitForCoreMs = options.waitForCoreMs ?? DEFAULT_WAIT_FOR_CORE_MS;
    this.maxInFlight = options.maxInFlight ?? 256;
    this.maxWaiting = options.maxWaiting ?? 256;
    this.dispatch = (name, input, caller) => this.call(String(name), input, caller);
    this.webhooks = {
      receive: (connector, account, headers, body) =>
        new Promise<Envelope<unknown>>((resolve) => {
          if (this.state.kind !== 'connected') {
            resolve(restarting('webhook', false, { phase: 'restarting', attempt: 0 }));
            return;
          }
          this.post(
            'webhook',
            (id) => ({ v: PROTOCOL_VERSION, t: 'webhook', id, connector, account, headers, body }),
            resolve,
          );
        }).then(toWebhookAnswer),
    };
  }

  /** Calls sent and not answered, and calls waiting for a core. */
  load(): { inFlight: number; waiting: number } {
    return { inFlight: this.pending.size, waiting: this.waiting.length };
  }

  /** A core said ready on this wire: waiting calls go to it, in the order they were made. */
  connect(wire: Wire): void {
    if (this.state.kind === 'stopped') return;
    this.unsubscribe?.();
    this.unsubscribe = wire.onMessage((raw) => this.onMessage(raw));
    this.state = { kind: 'connected', wire };
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      clearTimeout(w.timer);
      this.send(w.name, w.input, w.caller, w.resolve);
    }
  }

  /** The core went away: every call in flight may or may not have committed; new calls wait. */
  disconnect(absence: CoreAbsence): void {
    if (this.state.kind === 'stopped') return;
    this.detach();
    this.state = { kind: 'absent', absence };
    this.failPending((name) => restarting(name, true, absence));
  }

  /** After stop(): a core is being started again (the operator chose to); calls wait for it. */
  reopen(absence: CoreAbsence): void {
    if (this.state.kind === 'stopped') this.state = { kind: 'absent', absence };
  }

  /** No core will come (shutdown, or restarts gave up): everything answers at once from now on. */
  stop(reason: string): void {
    this.detach();
    this.state = { kind: 'stopped', reason };
    this.failPending((name) => stopped(name, true, reason));
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      clearTimeout(w.timer);
      w.resolve(stopped(w.name, false, reason));
    }
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Only `result` messages are the client's; the supervisor reads the others. */
  private onMessage(raw: unknown): void {
    if (typeOf(raw) !== 'result') return;
    const parsed = resultMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.logger.warn('malformed result from the core ignored', {
        issue: parsed.error.issues[0]?.message ?? 'invalid',
      });
      return;
    }
    this.onResult(parsed.data.id, parsed.data.envelope);
  }

  private onResult(id: number, envelope: Envelope<unknown>): void {
    const p = this.pending.get(id);
    if (!p) {
      // Its caller was already told "timeout"; the call did run. Worth knowing when reading logs.
      this.options.logger.warn('late answer from the core dropped', { id, ok: envelope.ok });
      return;
    }
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(envelope);
  }

  private call(name: string, input: unknown, caller: CallerInfo | undefined): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      const state = this.state;
      if (state.kind === 'stopped') {
        resolve(stopped(name, false, state.reason));
      } else if (state.kind === 'connected') {
        this.send(name, input, caller, resolve);
      } else if (this.waiting.length >= this.maxWaiting) {
        resolve(overloaded(name));
      } else {
        const entry: Waiting = {
          name,
          input,
          caller,
          resolve,
          timer: setTimeout(() => {
            this.waiting = this.waiting.filter((w) => w !== entry);
            const absence = this.state.kind === 'absent' ? this.state.absence : state.absence;
            resolve(restarting(name, false, absence));
          }, this.waitForCoreMs),
        };
        this.waiting.push(entry);
      }
    });
  }

  private send(
    name: string,
    input: unknown,
    caller: CallerInfo | undefined,
    resolve: (envelope: Envelope<unknown>) => void,
  ): void {
    if (this.state.kind !== 'connected') {
      resolve(restarting(name, false, { phase: 'restarting', attempt: 0 }));
      return;
    }
    this.post(
      name,
      (id) => ({
        v: PROTOCOL_VERSION,
        t: 'call',
        id,
        name,
        input,
        caller: caller ? { clientId: caller.clientId } : null,
      }),
      resolve,
    );
  }

  /** Sends one message that a `result` of the same id answers, with the timeout and the bounds. */
  private post(
    name: string,
    message: (id: number) => MainMessage,
    resolve: (envelope: Envelope<unknown>) => void,
  ): void {
    if (this.state.kind !== 'connected') {
      resolve(restarting(name, false, { phase: 'restarting', attempt: 0 }));
      return;
    }
    if (this.pending.size >= this.maxInFlight) {
      resolve(overloaded(name));
      return;
    }
    const id = this.nextId++;
    const timeoutMs = this.options.callTimeouts?.[name] ?? this.callTimeoutMs;
    const timer = setTimeout(() => {
      if (!this.pending.delete(id)) return;
      this.options.logger.warn('core did not answer in time', { call: name, id, timeoutMs });
      resolve(fail('TRANSPORT_FAILED', { call: name, reason: 'timeout', maybeApplied: true, timeoutMs }));
    }, timeoutMs);
    this.pending.set(id, { name, resolve, timer });
    let sent: boolean;
    try {
      sent = this.state.wire.send(message(id));
    } catch {
      // Not structured-cloneable (only a caller inside this process can make such an input).
      this.pending.delete(id);
      clearTimeout(timer);
      resolve(fail('VALIDATION_FAILED', { call: name, field: '(payload)', issue: 'not_cloneable' }));
      return;
    }
    if (!sent) {
      // The wire closed under us: the core is going away and never saw this call.
      this.pending.delete(id);
      clearTimeout(timer);
      resolve(restarting(name, false, { phase: 'restarting', attempt: 0 }));
    }
  }

  private failPending(answer: (name: string) => Envelope<unknown>): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      p.resolve(answer(p.name));
    }
  }
}

function fail(code: AppError['code'], params: AppError['params']): Envelope<never> {
  return { ok: false, error: new AppError(code, params).toJSON() };
}

function restarting(name: string, maybeApplied: boolean, absence: CoreAbsence): Envelope<never> {
  return fail('CORE_RESTARTING', {
    call: name,
    maybeApplied,
    phase: absence.phase,
    attempt: absence.attempt,
  });
}

function stopped(name: string, maybeApplied: boolean, reason: string): Envelope<never> {
  return fail('TRANSPORT_FAILED', { call: name, reason: 'core_stopped', maybeApplied, detail: reason });
}

function overloaded(name: string): Envelope<never> {
  return fail('TRANSPORT_FAILED', { call: name, reason: 'overloaded', maybeApplied: false });
}

const webhookAnswerSchema = z.object({
  status: z.number().int().min(200).max(599),
  body: z.record(z.string(), z.unknown()),
});

/** The core's answer as the sender gets it; no core (or an answer that is not one) is a 503. */
function toWebhookAnswer(envelope: Envelope<unknown>): WebhookAnswer {
  const parsed = envelope.ok ? webhookAnswerSchema.safeParse(envelope.value) : null;
  if (parsed?.success) return parsed.data as unknown as WebhookAnswer;
  return webhookError(503, 'not_stored', 'the station core is not available now; send it again later');
}
