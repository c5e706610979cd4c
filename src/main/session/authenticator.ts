import { parseBadge } from '../../shared/codes/badge-code';
import { AppError } from '../../shared/errors';
import type { Credentials } from '../../shared/session-views';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import { STATION_SCOPE, clientScope, userScope, type Scope, type SignInThrottle } from './sign-in-throttle';
import type { UserRecord, Users } from './users';

/** Why someone proves their PIN; written on the audit row of every failure. */
export type ProofPurpose = 'sign_in' | 'step_up' | 'change_pin';

export interface ProofContext {
  clientId: string;
  purpose: ProofPurpose;
}

type FailureReason =
  | 'bad_pin'
  | 'unknown_user'
  | 'unknown_badge'
  | 'invalid_badge'
  | 'locked'
  | 'not_allowed'
  | 'pin_change_required';

interface Claim {
  via: 'user' | 'badge';
  /** The user id or badge code as given (cut to a length an audit row can carry). */
  claimed: string;
  user: UserRecord | undefined;
}

/**
 * The one place a PIN is checked — sign-in, a supervisor's step-up approval, a PIN change — so
 * the lock-out and the audit of failures hold for every way in. Every failed attempt is written to
 * the audit log (who was claimed, which tab, which station, why) in the same transaction as its count.
 */
export class Authenticator {
  constructor(
    private readonly db: Db,
    private readonly users: Users,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditLog,
    private readonly stationId: string,
  ) {}

  /** The user the credentials prove, or a translated failure (counted and audited). */
  async prove(credentials: Credentials, ctx: ProofContext): Promise<UserRecord> {
    // Lock check, PIN check and count in one write transaction: concurrent guesses are judged one
    // after another, so none slips past a lock the one before it has just set.
    const outcome = await writeTransaction(this.db, (): UserRecord | AppError => {
      const claim = this.claim(credentials);
      if (claim instanceof AppError) {
        this.recordFailure(
          { via: 'badge', claimed: cut(credentials.badge ?? ''), user: undefined },
          ctx,
          'invalid_badge',
        );
        return claim;
      }
      const scopes: Scope[] = [
        ...(claim.user ? [userScope(claim.user.id)] : []),
        clientScope(ctx.clientId),
        STATION_SCOPE,
      ];
      const locked = this.throttle.lockOf(scopes);
      if (locked) {
        this.recordFailure(claim, ctx, 'locked');
        return locked;
      }
      const user = claim.user;
      if (user && this.users.pinMatches(user, credentials.pin)) {
        this.throttle.recordSuccess(scopes);
        return user;
      }
      this.recordFailure(
        claim,
        ctx,
        user ? 'bad_pin' : claim.via === 'badge' ? 'unknown_badge' : 'unknown_user',
      );
      const counted = this.throttle.recordFailure(scopes);
      if (!user) {
        if (counted.locked) return counted.lock;
        return claim.via === 'badge'
          ? new AppError('BADGE_UNKNOWN')
          : new AppError('NOT_FOUND', { entity: 'user', id: claim.claimed });
      }
      // The PIN was compared and wrong, whether or not that failure set a lock: say both.
      return new AppError(
        'BAD_PIN',
        counted.locked
          ? { attemptsLeft: 0, retryAfterSeconds: counted.lock.params.retryAfterSeconds ?? 0 }
          : { attemptsLeft: counted.attemptsLeft },
      );
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  /** Audits a refusal that comes after the PIN was right (the role does not allow it, a forced change). */
  async refuse(
    user: UserRecord,
    ctx: ProofContext,
    reason: 'not_allowed' | 'pin_change_required',
  ): Promise<void> {
    await writeTransaction(this.db, () =>
      this.recordFailure({ via: 'user', claimed: user.id, user }, ctx, reason),
    );
  }

  private claim(credentials: Credentials): Claim | AppError {
    if (credentials.badge !== undefined) {
      const badge = parseBadge(credentials.badge);
      if (!badge.ok) return new AppError('BADGE_INVALID', { reason: badge.reason });
      return { via: 'badge', claimed: badge.code, user: this.users.byBadge(badge.code) };
    }
    const id = credentials.userId ?? '';
    return { via: 'user', claimed: cut(id), user: this.users.record(id) };
  }

  private recordFailure(claim: Claim, ctx: ProofContext, reason: FailureReason): void {
    this.audit.record({
      userId: claim.user?.id ?? null,
      action: ctx.purpose === 'sign_in' ? 'session.sign_in_failed' : `session.${ctx.purpose}_failed`,
      entityType: claim.via === 'badge' ? 'badge' : 'user',
      entityId: claim.user?.id ?? (claim.claimed || '(none)'),
      details: {
        reason,
        clientId: ctx.clientId,
        stationId: this.stationId,
        via: claim.via,
        claimed: claim.claimed,
      },
    });
  }
}

function cut(text: string): string {
  return text.slice(0, 64);
}
