import type { QcAuthorization } from '../../shared/calls/returns';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Users } from '../session/users';

/**
 * A supervisor's badge (or user id) and PIN, given at a clerk's bench for one action — here, a
 * destroy. Answers the approver, or throws BAD_PIN / NOT_FOUND / FORBIDDEN; every refusal is audited.
 *
 * INTEGRATION: the session capability's step-up (`session.authorizeFor('supervisor', ctx,
 * authorization)`, with its lock-out after repeated wrong PINs) replaces `PinSupervisorApproval`
 * at merge; this interface is all the QC code depends on.
 */
export interface SupervisorApproval {
  verify(authorization: QcAuthorization, ctx: { clientId: string }): Promise<UserView>;
}

const PRIVILEGED = new Set<string>(['supervisor', 'admin']);

export class PinSupervisorApproval implements SupervisorApproval {
  private readonly hasBadgeColumn: boolean;

  constructor(
    private readonly db: Db,
    private readonly users: Users,
    private readonly audit: AuditLog,
  ) {
    this.hasBadgeColumn = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('users')")
      .all()
      .some((c) => c.name === 'badge');
  }

  async verify(authorization: QcAuthorization, ctx: { clientId: string }): Promise<UserView> {
    const userId = authorization.userId ?? this.userOfBadge(authorization.badge ?? '');
    try {
      if (userId === null)
        throw new AppError('NOT_FOUND', { entity: 'badge', id: authorization.badge ?? '' });
      const user = this.users.authenticate(userId, authorization.pin);
      if (!PRIVILEGED.has(user.role)) {
        throw new AppError('FORBIDDEN', { required: 'supervisor', role: user.role, authorizer: true });
      }
      return user;
    } catch (err) {
      if (err instanceof AppError) {
        await writeTransaction(this.db, () =>
          this.audit.record({
            userId: userId !== null && this.users.find(userId) ? userId : null,
            action: 'qc.approval_refused',
            entityType: 'user',
            entityId: userId ?? authorization.badge ?? '',
            details: { reason: err.code, clientId: ctx.clientId },
          }),
        );
      }
      throw err;
    }
  }

  private userOfBadge(badge: string): string | null {
    if (!this.hasBadgeColumn) return null;
    const code = badge.trim().toUpperCase();
    return (
      this.db
        .prepare<[string], { id: string }>('SELECT id FROM users WHERE badge = ? AND active = 1')
        .get(code)?.id ?? null
    );
  }
}
