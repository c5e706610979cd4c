import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Users } from './users';

/**
 * Who is working at this station now. A station always has an operator: the default clerk until
 * someone signs in with a PIN (a supervisor, to approve or fix things), and again after sign-out.
 */
export class Session {
  private current: UserView;

  constructor(
    private readonly users: Users,
    private readonly defaultUser: UserView,
  ) {
    this.current = defaultUser;
  }

  user(): UserView {
    return this.current;
  }

  signIn(userId: string, pin: string): UserView {
    this.current = this.users.authenticate(userId, pin);
    return this.current;
  }

  signOut(): UserView {
    this.current = this.defaultUser;
    return this.current;
  }

  require(role: 'any' | 'supervisor'): UserView {
    if (role === 'supervisor' && this.current.role !== 'supervisor') {
      throw new AppError('FORBIDDEN', { required: role, role: this.current.role });
    }
    return this.current;
  }
}
