import type { AppErrorShape } from '../../../../shared/errors';
import type { Authorization } from '../../../../shared/session-views';
import { toErrorShape } from '../../i18n/error-message';
import { isSupervisor, type SessionStore } from './session-store';

/**
 * Runs a supervisor's action from any feature's store. A signed-in supervisor just does it; anyone
 * else (or a supervisor whose sign-in has just ended) is shown SupervisorPrompt, and the action runs
 * with the `authorization` a supervisor gives there, for that one action. Resolves with the action's
 * answer, or null when the prompt was cancelled.
 *
 * The action must pass `authorization` on to the contract call, whose spec has `stepUp: true`:
 *   authorize('discardDeadLetter', (authorization) =>
 *     api.discardDeadLetter({ eventId, reason, ...(authorization ? { authorization } : {}) }))
 */
export type Authorize = <T>(
  purpose: string,
  action: (authorization: Authorization | undefined) => Promise<T>,
) => Promise<T | null>;

/** The failures after which the same action is worth asking a supervisor to approve. */
function wantsApproval(error: AppErrorShape): boolean {
  return (error.code === 'FORBIDDEN' && error.params.authorizer !== true) || error.code === 'SESSION_EXPIRED';
}

export function createAuthorize(session: SessionStore): Authorize {
  return async (purpose, action) => {
    if (isSupervisor(session.getState())) {
      try {
        return await action(undefined);
      } catch (err) {
        if (!wantsApproval(toErrorShape(err))) throw err;
        await session.getState().load();
      }
    }
    return session.getState().requestStepUp(purpose, (authorization) => action(authorization));
  };
}
