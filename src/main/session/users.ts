import type { UserView } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Random } from '../random';
import { hashPin, verifyPin } from './pin';

export { DEFAULT_CLERK, DEFAULT_SUPERVISOR } from './default-users';

/** A user as the session capability sees them: the view plus what proves them. */
export interface UserRecord extends UserView {
  badge: string | null;
  mustChangePin: boolean;
  pinHash: string;
}

interface UserRow {
  id: string;
  name: string;
  role: UserView['role'];
  pin_hash: string;
  badge: string | null;
  must_change_pin: number;
}

const RECORD_COLUMNS = 'id, name, role, pin_hash, badge, must_change_pin';

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    badge: row.badge,
    mustChangePin: row.must_change_pin === 1,
    pinHash: row.pin_hash,
  };
}

export function viewOf(user: UserView): UserView {
  return { id: user.id, name: user.name, role: user.role };
}

export interface NewUser {
  id: string;
  name: string;
  role: UserView['role'];
  pin: string;
  mustChangePin?: boolean;
  badge?: string | null;
}

/** Users, their roles, PINs and badges. Writes run inside the caller's transaction. */
export class Users {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  create(user: NewUser): UserView {
    this.db
      .prepare(
        `INSERT INTO users (id, name, role, pin_hash, active, created_at, badge, must_change_pin)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
      )
      .run(
        user.id,
        user.name,
        user.role,
        hashPin(user.pin, this.random),
        this.clock.now(),
        user.badge ?? null,
        user.mustChangePin ? 1 : 0,
      );
    return { id: user.id, name: user.name, role: user.role };
  }

  list(): UserView[] {
    return this.db
      .prepare<[], UserView>('SELECT id, name, role FROM users WHERE active = 1 ORDER BY role, name')
      .all();
  }

  find(id: string): UserView | undefined {
    const record = this.record(id);
    return record ? viewOf(record) : undefined;
  }

  /** An active user with what proves them. */
  record(id: string): UserRecord | undefined {
    const row = this.db
      .prepare<[string], UserRow>(`SELECT ${RECORD_COLUMNS} FROM users WHERE id = ? AND active = 1`)
      .get(id);
    return row ? toRecord(row) : undefined;
  }

  /** The active user holding this badge code (already parsed and upper-cased). */
  byBadge(badge: string): UserRecord | undefined {
    const row = this.db
      .prepare<[string], UserRow>(`SELECT ${RECORD_COLUMNS} FROM users WHERE badge = ? AND active = 1`)
      .get(badge);
    return row ? toRecord(row) : undefined;
  }

  pinMatches(user: UserRecord, pin: string): boolean {
    return verifyPin(pin, user.pinHash);
  }

  /** Sets a PIN; `mustChange` when someone else chose it (a reset), so its owner picks their own. */
  setPin(id: string, pin: string, mustChange: boolean): void {
    this.db
      .prepare('UPDATE users SET pin_hash = ?, must_change_pin = ?, pin_changed_at = ? WHERE id = ?')
      .run(hashPin(pin, this.random), mustChange ? 1 : 0, this.clock.now(), id);
  }

  /** Gives `id` the badge (or none); a badge already held by someone else is BADGE_TAKEN. */
  setBadge(id: string, badge: string | null): void {
    if (badge !== null) {
      const holder = this.db
        .prepare<[string], { id: string }>('SELECT id FROM users WHERE badge = ?')
        .get(badge);
      if (holder && holder.id !== id) throw new AppError('BADGE_TAKEN');
    }
    this.db.prepare('UPDATE users SET badge = ? WHERE id = ?').run(badge, id);
  }
}
