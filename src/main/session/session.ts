import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Users } from './users';

/** The client a call comes from: one browser tab of the station, one Electron window, the CLI. */
export const LOCAL_CLIENT = 'local';

/**
 * Who is working at each client of this station. A client always has an operator: the station's
 * default clerk until someone signs in with a PIN there, and again after sign-out. Sign-ins are per
 * client, so a supervisor signed in at one tab gives no other tab holding the station token their role.
 */
export class Session {
  private readonly signedIn = new Map<string, UserView>();

  constructor(
    private readonly users: Users,
    private readonly defaultUser: UserView,
  ) {}

  /** The operator of a client. */
  user(clientId: string = LOCAL_CLIENT): UserView {
    return this.signedIn.get(clientId) ?? this.defaultUser;
  }

  signIn(clientId: string, userId: string, pin: string): UserView {
    const user = this.users.authenticate(userId, pin);
    this.signedIn.set(clientId, user);
    return user;
  }

  signOut(clientId: string): UserView {
    this.signedIn.delete(clientId);
    return this.defaultUser;
  }

  /** The client's operator when they may make a call needing `role`. */
  require(clientId: string, role: 'any' | 'supervisor'): UserView {
    const user = this.user(clientId);
    if (role === 'supervisor' && user.role !== 'supervisor') {
      throw new AppError('FORBIDDEN', { required: role, role: user.role });
    }
    return user;
  }
}
