import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Random } from '../random';
import { hashPin, verifyPin } from './pin';

interface UserRow {
  id: string;
  name: string;
  role: UserView['role'];
  pin_hash: string;
}

export const DEFAULT_SUPERVISOR = {
  id: 'supervisor',
  name: 'Supervisor',
  role: 'supervisor',
  pin: '0000',
} as const;

/** Users, their roles and PINs. */
export class Users {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  create(user: { id: string; name: string; role: UserView['role']; pin: string }): UserView {
    this.db
      .prepare('INSERT INTO users (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, ?)')
      .run(user.id, user.name, user.role, hashPin(user.pin, this.random), this.clock.now());
    return { id: user.id, name: user.name, role: user.role };
  }

  list(): UserView[] {
    return this.db
      .prepare<[], UserView>('SELECT id, name, role FROM users WHERE active = 1 ORDER BY role, name')
      .all();
  }

  find(id: string): UserView | undefined {
    return this.db
      .prepare<[string], UserView>('SELECT id, name, role FROM users WHERE id = ? AND active = 1')
      .get(id);
  }

  authenticate(id: string, pin: string): UserView {
    const row = this.db
      .prepare<[string], UserRow>('SELECT id, name, role, pin_hash FROM users WHERE id = ? AND active = 1')
      .get(id);
    if (!row) throw new AppError('NOT_FOUND', { entity: 'user', id });
    if (!verifyPin(pin, row.pin_hash)) throw new AppError('BAD_PIN');
    return { id: row.id, name: row.name, role: row.role };
  }
}
