import { parseBadge } from '../../shared/codes/badge-code';
import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { pinProblem } from '../../shared/pin-rules';
import { mayManage } from '../../shared/roles';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Actor } from './actor';
import type { Session } from './session';
import { userScope, type SignInThrottle } from './sign-in-throttle';
import { viewOf, type UserRecord, type Users } from './users';

/**
 * What a supervisor or admin does to other users' credentials: reset a forgotten PIN (its owner
 * must change it at the next sign-in) and hand out badges. The one whose role counts is the
 * approver — the signed-in supervisor, or the one who approved by step-up.
 */
export class UserAdmin {
  constructor(
    private readonly db: Db,
    private readonly users: Users,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditLog,
    private readonly session: Session,
    private readonly stationId: string,
  ) {}

  async resetPin(actor: Actor, userId: string, newPin: string): Promise<UserView> {
    // One's own PIN is changed with the current one (changePin), never reset around it.
    const { approver, target } = this.managed(actor, userId, { self: false });
    const rule = pinProblem(newPin) ?? (this.users.pinMatches(target, newPin) ? 'same_as_old' : null);
    if (rule) throw new AppError('PIN_TOO_WEAK', { rule });
    await writeTransaction(this.db, () => {
      this.users.setPin(target.id, newPin, true);
      this.throttle.forgive(userScope(target.id));
      this.audit.record({
        userId: actor.user.id,
        action: 'user.pin_reset',
        entityType: 'user',
        entityId: target.id,
        details: { approvedBy: approver.id, stationId: this.stationId },
      });
    });
    this.session.endSessionsOf(target.id);
    return viewOf(target);
  }

  async assignBadge(actor: Actor, userId: string, raw: string | null): Promise<UserView> {
    const { approver, target } = this.managed(actor, userId, { self: true });
    let badge: string | null = null;
    if (raw !== null) {
      const parsed = parseBadge(raw);
      if (!parsed.ok) throw new AppError('BADGE_INVALID', { reason: parsed.reason });
      badge = parsed.code;
    }
    await writeTransaction(this.db, () => {
      this.users.setBadge(target.id, badge);
      this.audit.record({
        userId: actor.user.id,
        action: badge ? 'user.badge_assigned' : 'user.badge_removed',
        entityType: 'user',
        entityId: target.id,
        details: { badge, previous: target.badge, approvedBy: approver.id, stationId: this.stationId },
      });
    });
    return viewOf(target);
  }

  /** The approver and the user they act on, when their role allows it (`self`: on themselves too). */
  private managed(
    actor: Actor,
    userId: string,
    options: { self: boolean },
  ): { approver: UserView; target: UserRecord } {
    const approver = actor.approver;
    if (!approver) throw new AppError('FORBIDDEN', { required: 'supervisor', role: actor.user.role });
    const target = this.users.record(userId);
    if (!target) throw new AppError('NOT_FOUND', { entity: 'user', id: userId });
    if (target.id === approver.id) {
      if (!options.self) throw new AppError('FORBIDDEN', { required: 'another_user', role: approver.role });
    } else if (!mayManage(approver.role, target.role)) {
      // Only an admin manages a supervisor or another admin.
      throw new AppError('FORBIDDEN', { required: 'admin', role: approver.role });
    }
    return { approver, target };
  }
}
