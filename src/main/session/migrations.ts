import { DEFAULT_SUPERVISOR_ID } from './default-users';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * The roles this migration's CHECK allows. Frozen here (not read from ROLES) so the migration makes
 * the same schema forever; a test fails when ROLES grows without a migration that widens it again.
 */
export const ROLES_AT_SESSION_001 = ['clerk', 'packer', 'supervisor', 'admin'] as const;

export interface SessionMigration {
  id: string;
  sql: string;
  /** Rebuilds a table other tables reference: SQLite needs foreign keys off around it (see migrate.ts). */
  foreignKeysOff?: true;
}

/**
 * Users get an admin role, a badge and a "must change PIN" flag; failed sign-ins are counted per
 * user, tab and station so the lock-out outlives a restart.
 *
 * A CHECK cannot be altered in SQLite, so `users` is rebuilt: new table, copy, drop, rename, in one
 * transaction with foreign keys off and checked before commit. The tables referencing users (scans,
 * audit log, QC decisions) keep pointing at "users" by name and find the new one.
 */
export const sessionSecurity: SessionMigration = {
  id: 'session/001-security',
  foreignKeysOff: true,
  sql: `
CREATE TABLE users_rebuilt (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  role             TEXT NOT NULL CHECK (role IN (${list(ROLES_AT_SESSION_001)})),
  pin_hash         TEXT NOT NULL,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       INTEGER NOT NULL,
  -- BADGE- + 2–16 letters/digits + '-' + check character (src/shared/codes/badge-code.ts), as shipped.
  badge            TEXT CHECK (badge IS NULL OR (substr(badge, 1, 6) = 'BADGE-' AND length(badge) BETWEEN 10 AND 24)),
  must_change_pin  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_pin IN (0, 1)),
  pin_changed_at   INTEGER
) STRICT;
-- The station's first supervisor still has the PIN everybody knows (nothing could change it before).
INSERT INTO users_rebuilt (id, name, role, pin_hash, active, created_at, must_change_pin)
  SELECT id, name, role, pin_hash, active, created_at, CASE WHEN id = '${DEFAULT_SUPERVISOR_ID}' THEN 1 ELSE 0 END
  FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
CREATE UNIQUE INDEX users_by_badge ON users (badge) WHERE badge IS NOT NULL;

-- One row per thing a PIN guesser could go through: 'user:<id>', 'client:<id>', 'station'.
CREATE TABLE sign_in_failures (
  scope            TEXT PRIMARY KEY,
  failures         INTEGER NOT NULL CHECK (failures >= 0),
  last_failure_at  INTEGER NOT NULL,
  locked_until     INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
};

export const sessionMigrations: SessionMigration[] = [sessionSecurity];
