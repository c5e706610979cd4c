import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Migration } from './migrations';
import { toAppError } from './sqlite-errors';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file up to the newest (or the given) version. Each migration and its `user_version`
 * bump commit together, so a crash leaves the file at a version that really exists.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const to = target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw new AppError('DB_NEWER_THAN_APP', { fileVersion: from, appVersion: latest });
  for (const m of migrations) {
    if (m.version <= from || m.version > to) continue;
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
    const foreignKeysWere = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Read again under the write lock: another process opening the same new folder may have
        // applied this migration since we looked.
        if (schemaVersion(db) >= m.version) return;
        db.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length > 0) {
            throw new Error(`foreign keys broken by migration: ${broken[0]?.table} → ${broken[0]?.parent}`);
          }
        }
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (err) {
      // A full disk or a lock keeps its own code; anything else is a broken migration, named as such.
      const mapped = toAppError(err);
      if (mapped instanceof AppError) throw mapped;
      throw new AppError(
        'INTERNAL',
        { reason: 'migration_failed', version: m.version, name: m.name },
        { cause: err },
      );
    } finally {
      if (m.foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeysWere ? 'ON' : 'OFF'}`);
    }
  }
  return schemaVersion(db);
}
