import { z } from 'zod';
import type { ErrorCode } from './errors';
import type { RequiredRole } from './roles';

/**
 * One call of the contract: its zod input and output, the error codes it may fail with, and who may
 * make it. Each capability declares its calls in one file under src/shared/calls/.
 */
export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Codes this call may fail with, besides the ones every call may fail with (see COMMON_ERRORS). */
  errors: readonly ErrorCode[];
  /** Who may make the call; the caller's role is checked by the dispatcher. */
  role: RequiredRole;
  /**
   * The input carries an optional `authorization` (authorizationSchema): a supervisor's badge or id
   * and PIN given for this one call from someone else's session. The dispatcher verifies it, lets
   * it satisfy `role`, and hands the approver to the handler as `ctx.approver`.
   */
  stepUp?: true;
  /**
   * A screen makes this call on its own, on a timer: it does not show that anyone is at the tab, so
   * it does not keep a supervisor's sign-in from ending when idle.
   */
  background?: true;
  /**
   * What making the call twice does, for a transport that lost the answer (the core process
   * crashed mid-call): `read` changes nothing; `idempotent` has the same effect once or twice
   * (sign-in, settings set to given values); `write` (the default) may apply twice, so it is
   * repeated only when it never reached the core, or when `idempotencyKey` names an id the
   * client made and the handler de-duplicates on (recordScan's clientScanId).
   */
  effect?: CallEffect;
  /** The input field holding the client-made id a repeated write is recognised by. */
  idempotencyKey?: string;
}

export type CallEffect = 'read' | 'idempotent' | 'write';

export type AnyCallSpec = CallSpec<z.ZodType, z.ZodType>;

export function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

/** Input of a call that takes nothing. */
export const noInput = z.object({}).strict();
/** An id as the contract accepts it. */
export const idSchema = z.string().min(1).max(64);
