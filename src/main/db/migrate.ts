import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Migration } from './migrations';
import { toAppError } from './sqlite-errors';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file up to the newest (or the given) version. Each migration and its `user_version`
 * bump commit together, so a crash leaves the file at a version that really exists. A new file
 * (version 0) is built in one transaction: another process opening the same new folder at once
 * sees version 0 or the whole schema, never a half-built one it would take for an older release
 * to back up before upgrading.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const to = target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw new AppError('DB_NEWER_THAN_APP', { fileVersion: from, appVersion: latest });
  const pending = migrations.filter((m) => m.version > from && m.version <= to);
  const steps = from === 0 && pending.length > 0 ? [pending] : pending.map((m) => [m]);
  for (const step of steps) {
    let current: Migration | undefined;
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
    const foreignKeysOff = step.some((m) => m.foreignKeysOff);
    const foreignKeysWere = db.pragma('foreign_keys', { simple: true }) as number;
    if (foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        for (const m of step) {
          current = m;
          // Read again under the write lock: another process opening the same new folder may have
          // applied this migration since we looked.
          if (schemaVersion(db) >= m.version) continue;
          db.exec(m.sql);
          if (m.foreignKeysOff) {
            const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
            if (broken.length > 0) {
              throw new Error(`foreign keys broken by migration: ${broken[0]?.table} → ${broken[0]?.parent}`);
            }
          }
          db.pragma(`user_version = ${m.version}`);
        }
      }).immediate();
    } catch (err) {
      // A full disk or a lock keeps its own code; anything else is a broken migration, named as such.
      const mapped = toAppError(err);
      if (mapped instanceof AppError) throw mapped;
      throw new AppError(
        'INTERNAL',
        { reason: 'migration_failed', version: current?.version ?? 0, name: current?.name ?? '' },
        { cause: err },
      );
    } finally {
      if (foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeysWere ? 'ON' : 'OFF'}`);
    }
  }
  return schemaVersion(db);
}
