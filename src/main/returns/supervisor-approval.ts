import type { QcAuthorization } from '../../shared/calls/returns';
import type { UserView } from '../../shared/domain';
import type { Session } from '../session/session';

/**
 * A supervisor's badge (or user id) and PIN, given at a clerk's bench for one action — here, a
 * destroy. Answers the approver, or throws BAD_PIN / SIGN_IN_LOCKED / BADGE_* / FORBIDDEN; every
 * refusal is audited by the session (`session.step_up_failed`) and counts towards its lock-out.
 */
export interface SupervisorApproval {
  verify(authorization: QcAuthorization, ctx: { clientId: string }): Promise<UserView>;
}

/** The session capability's step-up check, for the QC bench. */
export class SessionSupervisorApproval implements SupervisorApproval {
  constructor(private readonly session: Pick<Session, 'authorizeFor'>) {}

  verify(authorization: QcAuthorization, ctx: { clientId: string }): Promise<UserView> {
    return this.session.authorizeFor('supervisor', ctx, authorization);
  }
}
