import type { Db } from '../../src/main/db/open';
import type { Random } from '../../src/main/random';
import { DEFAULT_CLERK, DEFAULT_SUPERVISOR } from '../../src/main/session/default-users';
import { hashPin } from '../../src/main/session/pin';
import { DEFAULT_CLERK_KEY, STATION_ID_KEY } from '../../src/main/session/station-identity';

/**
 * The identity a station had before the session migration (session/001): its first supervisor and
 * its default clerk, written with the columns `users` had then (no badge, no must-change flag),
 * and its id and default-clerk keys. For tests that build a database as an older release left it,
 * where today's Users (which knows the new columns) cannot write.
 */
export function seedPreSessionIdentity(db: Db, random: Random): { stationId: string } {
  const hex = Array.from(random.bytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
  const stationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  const user = db.prepare(
    'INSERT INTO users (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, 1, 0)',
  );
  for (const u of [DEFAULT_SUPERVISOR, DEFAULT_CLERK]) user.run(u.id, u.name, u.role, hashPin(u.pin, random));
  const key = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
  key.run(STATION_ID_KEY, JSON.stringify(stationId));
  key.run(DEFAULT_CLERK_KEY, JSON.stringify(DEFAULT_CLERK.id));
  return { stationId };
}
