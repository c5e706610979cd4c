import type { z } from 'zod';
import { CALL_NAMES, type CallName } from '../../shared/channels';
import { contract, type CallOutput } from '../../shared/contract';
import type { UserView } from '../../shared/domain';
import type { Authorization } from '../../shared/session-views';
import { validationParams } from '../../shared/validation-issue';
import { AppError, type Envelope } from '../../shared/errors';
import { toAppError } from '../db/sqlite-errors';
import type { Logger } from '../logger';
import { LOCAL_CLIENT, type Session } from '../session/session';

/** Who makes a call: the transport names the client, the dispatcher resolves its operator. */
export interface CallContext {
  clientId: string;
  user: UserView;
  /**
   * The supervisor (or admin) answering for the call: the operator when they are one, else whoever
   * approved it with their badge/PIN in the call's `authorization` (step-up); null for a clerk's own
   * call. Handlers put it on the audit row as `approvedBy`.
   */
  approver: UserView | null;
}

/** What a transport knows of its caller. */
export interface CallerInfo {
  clientId: string;
}

type Handler<N extends CallName> = (
  input: z.output<(typeof contract)[N]['input']>,
  ctx: CallContext,
) => CallOutput<N> | Promise<CallOutput<N>>;

export type Handlers = { [N in CallName]: Handler<N> };

/** The handlers of one capability's calls (a src/shared/calls/ file). */
export type HandlersFor<Calls> = { [N in keyof Calls & CallName]: Handler<N> };

export type Dispatch = (name: string, input: unknown, caller?: CallerInfo) => Promise<Envelope<unknown>>;

const KNOWN = new Set<string>(CALL_NAMES);

/**
 * The single entry point of the contract for every transport: checks the call name, the payload
 * and the caller's role, runs the handler, and turns every failure into `{ code, params }`.
 */
export function createDispatcher(handlers: Handlers, session: Session, logger: Logger): Dispatch {
  return async (name, input, caller) => {
    if (!KNOWN.has(name)) return fail(new AppError('UNKNOWN_CALL', { name: String(name).slice(0, 64) }));
    const callName = name as CallName;
    const spec = contract[callName];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail(new AppError('VALIDATION_FAILED', validationParams(callName, parsed.error.issues[0])));
    }
    try {
      const clientId = caller?.clientId ?? LOCAL_CLIENT;
      const authorization = spec.stepUp ? authorizationOf(parsed.data) : undefined;
      const actor = await session.caller({ clientId, role: spec.role, authorization });
      // A screen's timer is not a person at the tab: only other calls keep a supervisor signed in.
      if (!spec.background) session.touch(clientId);
      const handler = handlers[callName] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(withoutAuthorization(parsed.data), { clientId, ...actor });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        logger.error('contract output mismatch', { call: callName, issue: checked.error.issues[0] });
        return fail(new AppError('INTERNAL', { call: callName }));
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      const mapped = toAppError(err);
      if (mapped instanceof AppError) return fail(mapped);
      logger.error('call failed', { call: callName, error: err });
      return fail(new AppError('INTERNAL', { call: callName }));
    }
  };
}

function authorizationOf(input: unknown): Authorization | undefined {
  return (input as { authorization?: Authorization }).authorization;
}

/** The handler gets the call's own fields; the approval is in `ctx.approver`, already verified. */
function withoutAuthorization(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !('authorization' in input)) return input;
  const { authorization: _verified, ...rest } = input as Record<string, unknown>;
  return rest;
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toJSON() };
}
