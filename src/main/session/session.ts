import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { pinProblem } from '../../shared/pin-rules';
import { hasRole, isPrivileged, type RequiredRole } from '../../shared/roles';
import type { Credentials, SessionNotice, SessionView } from '../../shared/session-views';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { Random } from '../random';
import type { Actor } from './actor';
import type { Authenticator, ProofContext } from './authenticator';
import { viewOf, type UserRecord, type Users } from './users';

/** The client a call comes from: one browser tab of the station, one Electron window, the CLI. */
export const LOCAL_CLIENT = 'local';

/** How long a proven-but-must-change-PIN sign-in waits for the new PIN. */
const PIN_CHANGE_WINDOW_MS = 10 * 60_000;

export interface SessionDeps {
  db: Db;
  clock: Clock;
  random: Random;
  users: Users;
  authenticator: Authenticator;
  audit: AuditLog;
  /** Who scans at a client nobody signed in at (station-identity.ts). */
  defaultUser: UserView;
  stationId: string;
  stationName: () => string;
  /** Read at every call, so a change in Settings applies at once. */
  idleMinutes: () => number;
}

interface SignedIn {
  user: UserView;
  lastActiveAt: number;
}

/** The parts of a call that decide who may make it. */
export interface CallerRequest {
  clientId: string;
  role: RequiredRole;
  authorization?: Credentials | undefined;
}

/**
 * Who is working at each client of this station. A client always has an operator: the station's
 * default clerk until someone signs in with a PIN there, and again after sign-out or when a
 * supervisor's sign-in ends after `supervisorIdleMinutes` without a call. Sign-ins are per client,
 * so a supervisor signed in at one tab gives no other tab holding the station token their role.
 *
 * Sign-ins live in memory on purpose: a restart of the station signs everyone out (the renderer
 * sees a new `bootId` and says so), so nobody is a supervisor by accident after a restart.
 */
export class Session {
  /** New at every start; the renderer compares it to tell a restart from a sign-out. */
  readonly bootId: string;
  private readonly signedIn = new Map<string, SignedIn>();
  private readonly pendingPinChange = new Map<string, { userId: string; at: number }>();
  private readonly notices = new Map<string, SessionNotice>();

  constructor(private readonly deps: SessionDeps) {
    this.bootId = Array.from(deps.random.bytes(8), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** The operator of a client (ending a supervisor's sign-in that has been idle too long). */
  user(clientId: string = LOCAL_CLIENT): UserView {
    return this.current(clientId)?.user ?? this.deps.defaultUser;
  }

  /** A call was made at this client: a supervisor's idle time starts again. */
  touch(clientId: string): void {
    const s = this.current(clientId);
    if (s) s.lastActiveAt = this.deps.clock.now();
  }

  /** What the tab shows; `takeNotice` hands out a pending notice once (getSession does). */
  view(clientId: string, options: { takeNotice?: boolean } = {}): SessionView {
    const s = this.current(clientId);
    const notice = this.notices.get(clientId) ?? null;
    if (options.takeNotice) this.notices.delete(clientId);
    const pending = this.pending(clientId);
    const user = s?.user ?? this.deps.defaultUser;
    return {
      user,
      signedIn: s !== undefined,
      stationName: this.deps.stationName(),
      stationId: this.deps.stationId,
      pinChangeFor: pending ? (this.deps.users.find(pending.userId) ?? null) : null,
      idleMinutes: s && isPrivileged(s.user.role) ? this.deps.idleMinutes() : null,
      notice,
      bootId: this.bootId,
    };
  }

  /**
   * Signs a client in by user id or badge and PIN (lock-out and failure audit in the Authenticator).
   * A user who must change their PIN is proven but not signed in: the answer's `pinChangeFor`
   * names them and `changePin` completes the sign-in.
   */
  async signIn(clientId: string, credentials: Credentials): Promise<SessionView> {
    const user = await this.deps.authenticator.prove(credentials, { clientId, purpose: 'sign_in' });
    const via = credentials.badge !== undefined ? 'badge' : 'user';
    this.notices.delete(clientId);
    if (user.mustChangePin) {
      this.signedIn.delete(clientId);
      this.pendingPinChange.set(clientId, { userId: user.id, at: this.deps.clock.now() });
      await this.recordSignIn(user, clientId, 'session.pin_change_required', via);
      return this.view(clientId);
    }
    this.pendingPinChange.delete(clientId);
    this.signedIn.set(clientId, { user: viewOf(user), lastActiveAt: this.deps.clock.now() });
    await this.recordSignIn(user, clientId, 'session.sign_in', via);
    return this.view(clientId);
  }

  async signOut(clientId: string): Promise<SessionView> {
    const was = this.signedIn.get(clientId);
    this.signedIn.delete(clientId);
    this.pendingPinChange.delete(clientId);
    this.notices.delete(clientId);
    if (was) await this.recordSignIn(was.user, clientId, 'session.sign_out', null);
    return this.view(clientId);
  }

  /**
   * Changes the PIN of whoever is signed in at this client, or of the user waiting to change it
   * after sign-in (who is then signed in). The current PIN is proven like a sign-in.
   */
  async changePin(clientId: string, currentPin: string, newPin: string): Promise<SessionView> {
    const pending = this.pending(clientId);
    const userId = pending?.userId ?? this.current(clientId)?.user.id;
    if (userId === undefined) throw new AppError('NOT_SIGNED_IN');
    const user = await this.deps.authenticator.prove(
      { userId, pin: currentPin },
      { clientId, purpose: 'change_pin' },
    );
    const rule = pinProblem(newPin, currentPin);
    if (rule) throw new AppError('PIN_TOO_WEAK', { rule });
    await writeTransaction(this.deps.db, () => {
      this.deps.users.setPin(user.id, newPin, false);
      this.deps.audit.record({
        userId: user.id,
        action: 'user.pin_changed',
        entityType: 'user',
        entityId: user.id,
        details: { clientId, stationId: this.deps.stationId, forced: pending !== undefined },
      });
    });
    if (pending) {
      this.pendingPinChange.delete(clientId);
      this.signedIn.set(clientId, { user: viewOf(user), lastActiveAt: this.deps.clock.now() });
      await this.recordSignIn(user, clientId, 'session.sign_in', 'user');
    }
    return this.view(clientId);
  }

  /**
   * THE step-up check: a supervisor (or whoever holds `role`) proves themselves with their own badge
   * or user id and PIN for one action made at someone else's session. Same lock-out and failure
   * audit as a sign-in; signs nobody in. Returns the approver, to be recorded on the action's audit
   * row (`approvedBy`). The QC station's destroy approval calls this too.
   */
  async authorizeFor(
    role: 'supervisor' | 'admin',
    ctx: { clientId: string },
    authorization: Credentials,
  ): Promise<UserView> {
    const proof: ProofContext = { clientId: ctx.clientId, purpose: 'step_up' };
    const user = await this.deps.authenticator.prove(authorization, proof);
    if (!hasRole(user.role, role)) {
      await this.deps.authenticator.refuse(user, proof, 'not_allowed');
      throw new AppError('FORBIDDEN', { required: role, role: user.role, authorizer: true });
    }
    if (user.mustChangePin) {
      await this.deps.authenticator.refuse(user, proof, 'pin_change_required');
      throw new AppError('PIN_CHANGE_REQUIRED', { name: user.name });
    }
    return viewOf(user);
  }

  /**
   * Who makes a call and who approves it, or why they may not: the dispatcher's role check. A call
   * needing a supervisor passes for a signed-in supervisor or admin, or with an `authorization` that
   * `authorizeFor` accepts. A supervisor whose sign-in just ended by idleness gets SESSION_EXPIRED,
   * so the screen can say why rather than a bare FORBIDDEN.
   */
  async caller(request: CallerRequest): Promise<Actor> {
    const user = this.user(request.clientId);
    let approver: UserView | null = isPrivileged(user.role) ? user : null;
    if (request.authorization) {
      const needs = request.role === 'admin' ? 'admin' : 'supervisor';
      approver = await this.authorizeFor(needs, request, request.authorization);
    }
    if (hasRole(user.role, request.role) || (approver && hasRole(approver.role, request.role))) {
      return { user, approver };
    }
    const notice = this.notices.get(request.clientId);
    if (notice) {
      throw new AppError('SESSION_EXPIRED', { name: notice.name, idleMinutes: notice.idleMinutes });
    }
    throw new AppError('FORBIDDEN', { required: request.role, role: user.role });
  }

  /** Ends every sign-in of a user (their PIN was reset: whoever knew the old one is out). */
  endSessionsOf(userId: string): void {
    for (const [clientId, s] of this.signedIn) if (s.user.id === userId) this.signedIn.delete(clientId);
    for (const [clientId, p] of this.pendingPinChange) {
      if (p.userId === userId) this.pendingPinChange.delete(clientId);
    }
  }

  private current(clientId: string): SignedIn | undefined {
    const s = this.signedIn.get(clientId);
    if (!s || !isPrivileged(s.user.role)) return s;
    const now = this.deps.clock.now();
    // A clock set back must not stretch the idle time by the size of the jump.
    if (now < s.lastActiveAt) s.lastActiveAt = now;
    const idleMinutes = this.deps.idleMinutes();
    const endsAt = s.lastActiveAt + idleMinutes * 60_000;
    if (now < endsAt) return s;
    this.signedIn.delete(clientId);
    this.notices.set(clientId, { kind: 'idle_signed_out', name: s.user.name, idleMinutes, at: endsAt });
    return undefined;
  }

  private pending(clientId: string): { userId: string; at: number } | undefined {
    const p = this.pendingPinChange.get(clientId);
    if (p && this.deps.clock.now() - p.at > PIN_CHANGE_WINDOW_MS) {
      this.pendingPinChange.delete(clientId);
      return undefined;
    }
    return p;
  }

  private recordSignIn(
    user: UserView | UserRecord,
    clientId: string,
    action: string,
    via: 'user' | 'badge' | null,
  ): Promise<void> {
    return writeTransaction(this.deps.db, () =>
      this.deps.audit.record({
        userId: user.id,
        action,
        entityType: 'user',
        entityId: user.id,
        details: { clientId, stationId: this.deps.stationId, ...(via ? { via } : {}) },
      }),
    );
  }
}
