import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBackupFile } from '../../../src/main/backup/backup-check';
import { BACKUP_DIR, listBackups } from '../../../src/main/backup/backup-files';
import { ManualClock } from '../../../src/main/clock';
import { createCore, DATABASE_FILE } from '../../../src/main/core';
import { DataDirInUseError, takeExclusiveDataDirLock } from '../../../src/main/db/data-dir-lock';
import { schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { openDatabase } from '../../../src/main/db/open';
import { silentLogger } from '../../../src/main/logger';
import { seededRandom } from '../../../src/main/random';
import { AppError } from '../../../src/shared/errors';
import { TEST_EPOCH } from '../../helpers/core-factory';
import { seedPreSessionIdentity } from '../../helpers/pre-session-station';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const LATEST = MIGRATIONS.at(-1)!.version;
const OLD = LATEST - 1;

/** A station database as the previous release left it: schema OLD, a clerk's scan in it. */
function previousReleaseStation(): string {
  const dataDir = dirs.make('lastmile-upgrade-');
  const db = openDatabase({
    file: path.join(dataDir, DATABASE_FILE),
    migrations: MIGRATIONS.slice(0, OLD),
    seed: {
      isSeeded: () => false,
      // The previous release's users table (the last migration is the session's, which rebuilds it).
      write: (d) => void seedPreSessionIdentity(d, seededRandom(1)),
    },
  });
  db.prepare(
    `INSERT INTO scans (id, code, symbology, source, station, user_id, outcome, parcel_id, return_order_id, scanned_at)
     VALUES ('01OLDSCAN', 'TH1000000001', NULL, 'scanner', 'Station', 'clerk', 'unknown', NULL, NULL, ?)`,
  ).run(TEST_EPOCH);
  expect(schemaVersion(db)).toBe(OLD);
  db.close();
  return dataDir;
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

// Tables and indexes with their SQL: the newest migration may add either, or only a column
// (returns/006 adds only an index, packing/010 only a column).
const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name",
    )
    .all()
    .map((r) => `${r.name}: ${r.sql ?? ''}`);

describe('upgrading the schema of an existing station database', () => {
  it('first backs up the file as it was (schema N, with its data), then migrates', async () => {
    const dataDir = previousReleaseStation();
    const before = readOnly(path.join(dataDir, DATABASE_FILE), tables);
    const core = createCore({ dataDir, clock: new ManualClock(TEST_EPOCH + 60_000), logger: silentLogger });
    try {
      expect(schemaVersion(core.db)).toBe(LATEST);
    } finally {
      await core.close();
    }

    const backups = listBackups(path.join(dataDir, BACKUP_DIR));
    expect(backups.map((b) => [b.kind, b.schemaVersion])).toEqual([['pre-migration', OLD]]);
    const backup = backups[0]!.file;
    expect(path.basename(backup)).toBe(`lastmile-20260115-080100-000.pre-migration-v${OLD}.sqlite`);
    expect(checkBackupFile(backup)).toEqual({ ok: true, schemaVersion: OLD, scans: 1 });
    readOnly(backup, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(OLD);
      // The tables of the old schema exactly: the migration's new tables are not in it.
      expect(tables(db)).toEqual(before);
      expect(db.prepare('SELECT code FROM scans').all()).toEqual([{ code: 'TH1000000001' }]);
    });
    readOnly(path.join(dataDir, DATABASE_FILE), (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(tables(db)).not.toEqual(before);
    });
  });

  it('takes no backup of a new database, nor of one already up to date', async () => {
    const dataDir = dirs.make('lastmile-fresh-');
    for (let open = 0; open < 2; open++) {
      await createCore({ dataDir, logger: silentLogger }).close();
    }
    expect(fs.existsSync(path.join(dataDir, BACKUP_DIR))).toBe(false);
  });

  it('refuses to migrate when the backup cannot be written, and leaves the file at schema N', () => {
    const dataDir = previousReleaseStation();
    // Something that is not a folder where the backups go: the backup cannot be written.
    fs.writeFileSync(path.join(dataDir, BACKUP_DIR), 'not a folder');
    let error: unknown = null;
    try {
      createCore({ dataDir, logger: silentLogger });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATA_DIR_UNUSABLE');
    expect((error as AppError).params).toMatchObject({ path: path.join(dataDir, BACKUP_DIR) });
    expect(String((error as AppError).params.reason)).toMatch(/^pre_migration_backup_/);
    readOnly(path.join(dataDir, DATABASE_FILE), (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(OLD);
    });
    // The failed start let go of the data folder.
    takeExclusiveDataDirLock(dataDir).release();
  });
});

describe('the data-folder lock, held by the core itself', () => {
  it('refuses a restore while any core is open on the folder, and is let go on close', async () => {
    const dataDir = dirs.make('lastmile-core-lock-');
    const core = createCore({ dataDir, logger: silentLogger });
    expect(() => takeExclusiveDataDirLock(dataDir)).toThrow(DataDirInUseError);
    await core.close();
    takeExclusiveDataDirLock(dataDir).release();
  });

  it('makes a core wait for a restore under way and then refuse, touching nothing', () => {
    const dataDir = dirs.make('lastmile-core-lock-');
    const restore = takeExclusiveDataDirLock(dataDir);
    try {
      expect(() => createCore({ dataDir, logger: silentLogger })).toThrow(
        /a restore is replacing the database/,
      );
      expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
    } finally {
      restore.release();
    }
  });
});
