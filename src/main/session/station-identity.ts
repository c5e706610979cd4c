import type { UserView } from '../../shared/domain';
import type { Db } from '../db/open';
import type { Random } from '../random';
import { DEFAULT_CLERK, DEFAULT_SUPERVISOR } from './default-users';
import type { Users } from './users';

export interface StationIdentity {
  /** Made once per data folder; rows and events carry it, never the editable display name. */
  stationId: string;
  /** Who scans at a client nobody signed in at; chosen once and stored, never "the first clerk". */
  defaultClerk: UserView;
}

const STATION_ID_KEY = 'station.id';
const DEFAULT_CLERK_KEY = 'station.defaultClerkId';

const readKey = (db: Db, key: string): string | undefined => {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as string) : undefined;
};

/**
 * The station's identity as stored, or null when a part is missing (a new folder, or one from
 * before the keys existed). A plain read: opening a seeded station takes no write lock.
 */
export function readStationIdentity(db: Db, users: Users): StationIdentity | null {
  const stationId = readKey(db, STATION_ID_KEY);
  const clerkId = readKey(db, DEFAULT_CLERK_KEY);
  const defaultClerk = clerkId === undefined ? undefined : users.find(clerkId);
  // The same test ensureStationIdentity makes: a station that has users got its supervisor once.
  const hasUsers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()?.n !== 0;
  if (stationId === undefined || !defaultClerk || !hasUsers) return null;
  return { stationId, defaultClerk };
}

/**
 * Gives a station its id, a supervisor (so someone can sign in at all) and its default clerk. Runs
 * under the write lock at open and writes only what is missing, so several processes starting on
 * one new folder at once end with one of each.
 */
export function ensureStationIdentity(db: Db, users: Users, random: Random): StationIdentity {
  const putKey = db.prepare<[string, string]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0) ON CONFLICT (key) DO NOTHING`,
  );

  if ((db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()?.n ?? 0) === 0) {
    users.create(DEFAULT_SUPERVISOR);
  }
  if (readKey(db, STATION_ID_KEY) === undefined) putKey.run(STATION_ID_KEY, JSON.stringify(uuid(random)));

  let clerkId = readKey(db, DEFAULT_CLERK_KEY);
  let clerk = clerkId === undefined ? undefined : users.find(clerkId);
  if (!clerk) {
    // A station from before the key existed had its default clerk made under this id.
    clerk = users.find(DEFAULT_CLERK.id) ?? users.create(DEFAULT_CLERK);
    clerkId = clerk.id;
    db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(DEFAULT_CLERK_KEY, JSON.stringify(clerkId));
  }
  return { stationId: readKey(db, STATION_ID_KEY) as string, defaultClerk: clerk };
}

/** An RFC 4122 version 4 UUID from the injected randomness. */
function uuid(random: Random): string {
  const b = Array.from(random.bytes(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
