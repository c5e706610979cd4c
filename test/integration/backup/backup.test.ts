import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BackupError,
  backupBeforeMigration,
  createBackup,
  createBackupSync,
} from '../../../src/main/backup/backup';
import { checkBackupFile } from '../../../src/main/backup/backup-check';
import { BACKUP_DIR, listBackups } from '../../../src/main/backup/backup-files';
import { DailyBackups, dailyBackupDue } from '../../../src/main/backup/backup-scheduler';
import type { Core } from '../../../src/main/core';
import { recordingLogger } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { liveFile, recordScans, scanCodes, stationWithScans } from './station-db';

const dirs = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  dirs.cleanup();
});

function station(scans: number) {
  const dataDir = dirs.make('lastmile-backup-');
  const s = stationWithScans(dataDir, scans);
  cores.push(s.core);
  return { dataDir, ...s };
}

describe('online backups', () => {
  it('copy the live database into backups/ as one checked, self-contained file while the station keeps writing', async () => {
    const { dataDir, core, clock } = station(50);
    const result = await createBackup(core.db, { dataDir, kind: 'daily', clock });
    recordScans(core, 5, 'VN'); // the station goes on; the backup is the snapshot it took
    expect(path.dirname(result.file)).toBe(path.join(dataDir, BACKUP_DIR));
    expect(path.basename(result.file)).toMatch(/^lastmile-20260115-080000-000\.daily\.sqlite$/);
    expect(checkBackupFile(result.file)).toMatchObject({ ok: true, scans: 50 });
    expect(scanCodes(result.file)).toHaveLength(50);
    // Rollback-journal mode (header byte 18 = 1): no -wal file is needed next to it.
    expect(fs.readFileSync(result.file)[18]).toBe(1);
    expect(fs.readdirSync(path.join(dataDir, BACKUP_DIR))).toEqual([path.basename(result.file)]);
    expect(scanCodes(liveFile(dataDir))).toHaveLength(55);
  });

  it('keep the newest N daily and M pre-migration backups', async () => {
    const { dataDir, core, clock } = station(3);
    for (let day = 0; day < 9; day++) {
      await createBackup(core.db, {
        dataDir,
        kind: 'daily',
        clock,
        retention: { daily: 7, preMigration: 2, manual: 5 },
      });
      clock.advance(24 * 3_600_000);
    }
    for (let v = 1; v <= 4; v++) {
      backupBeforeMigration(core.db, {
        dataDir,
        clock,
        fromVersion: v,
        retention: { daily: 7, preMigration: 2, manual: 5 },
      });
      clock.advance(60_000);
    }
    const kept = listBackups(path.join(dataDir, BACKUP_DIR));
    expect(kept.filter((b) => b.kind === 'daily')).toHaveLength(7);
    expect(kept.filter((b) => b.kind === 'pre-migration').map((b) => b.schemaVersion)).toEqual([4, 3]);
    // The two oldest daily ones went.
    expect(kept.filter((b) => b.kind === 'daily').at(-1)!.takenAt).toBe(Date.UTC(2026, 0, 17, 8));
  });

  it('before a migration: none for a new database, one named for the old version otherwise', async () => {
    const { dataDir, core, clock } = station(1);
    expect(backupBeforeMigration(core.db, { dataDir, clock, fromVersion: 0 })).toBeNull();
    const result = backupBeforeMigration(core.db, { dataDir, clock, fromVersion: 2 });
    expect(path.basename(result!.file)).toMatch(/\.pre-migration-v2\.sqlite$/);
    expect(checkBackupFile(result!.file).ok).toBe(true);
  });

  it('never overwrite an existing file given with --out', async () => {
    const { dataDir, core, clock } = station(1);
    const out = path.join(dataDir, 'mine.sqlite');
    fs.writeFileSync(out, 'precious');
    await expect(
      createBackup(core.db, { dataDir, kind: 'manual', clock, outFile: out }),
    ).rejects.toMatchObject({
      reason: 'EXISTS',
    });
    expect(fs.readFileSync(out, 'utf8')).toBe('precious');
  });

  it('a write failure half-way (injected) leaves no partial file and a clear DISK_FULL error', async () => {
    const { dataDir, core, clock } = station(5);
    const error = await createBackup(core.db, {
      dataDir,
      kind: 'daily',
      clock,
      copy: (_db, destination) => {
        fs.writeFileSync(destination, Buffer.alloc(8192, 7)); // half a database…
        return Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('DISK_FULL');
    expect((error as Error).message).toMatch(/disk is full.*no partial backup was left/);
    expect(fs.readdirSync(path.join(dataDir, BACKUP_DIR))).toEqual([]);
  });
});

describe('a disk that fills up during a backup (a real 192 KiB tmpfs)', () => {
  let mount: string;
  beforeAll(() => {
    mount = fs.mkdtempSync('/tmp/lastmile-full-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=192k', 'tmpfs', mount]);
  });
  afterAll(() => {
    execFileSync('umount', [mount]);
    fs.rmdirSync(mount);
  });

  it('fails with DISK_FULL, leaves nothing on the full disk, and the station database is untouched', async () => {
    const { dataDir, core, clock } = station(20);
    // Bulk that makes the database larger than the disk, in one transaction (scans would fsync one by one).
    core.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('padding', json_quote(hex(randomblob(200000))), 0)",
      )
      .run();
    const sizeBefore = fs.statSync(liveFile(dataDir)).size + fs.statSync(`${liveFile(dataDir)}-wal`).size;
    expect(sizeBefore).toBeGreaterThan(192 * 1024);
    const out = path.join(mount, 'backup.sqlite');
    const error = await createBackup(core.db, { dataDir, kind: 'manual', clock, outFile: out }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('DISK_FULL');
    expect(fs.readdirSync(mount)).toEqual([]);
    // The station goes on writing; its data is all there.
    recordScans(core, 1, 'MY');
    expect(scanCodes(liveFile(dataDir))).toHaveLength(21);
    const check = new Database(liveFile(dataDir), { readonly: true });
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    check.close();
  });

  it('the same for the synchronous backup taken before a migration (VACUUM INTO)', () => {
    const { dataDir, core, clock } = station(5);
    core.db
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('padding', json_quote(hex(randomblob(200000))), 0)",
      )
      .run();
    const out = path.join(mount, 'pre-migration.sqlite');
    let error: unknown = null;
    try {
      createBackupSync(core.db, { dataDir, kind: 'pre-migration', schemaVersion: 2, clock, outFile: out });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe('DISK_FULL');
    expect(fs.readdirSync(mount)).toEqual([]);
    recordScans(core, 1, 'MY');
    expect(scanCodes(liveFile(dataDir))).toHaveLength(6);
  });
});

describe('the daily backup schedule', () => {
  it('is due when the newest daily backup is a day old, or missing, or from the future', () => {
    const day = 24 * 3_600_000;
    expect(dailyBackupDue(null, 0)).toBe(true);
    expect(dailyBackupDue(0, day - 1)).toBe(false);
    expect(dailyBackupDue(0, day)).toBe(true);
    expect(dailyBackupDue(10 * day, 2 * day)).toBe(true);
  });

  it('backs up once a day and logs a failure instead of throwing', async () => {
    const { dataDir, core, clock } = station(2);
    const logger = recordingLogger();
    const daily = new DailyBackups({ db: core.db, dataDir, clock, logger });
    expect(await daily.runIfDue()).not.toBeNull();
    clock.advance(3_600_000);
    expect(await daily.runIfDue()).toBeNull();
    clock.advance(23 * 3_600_000);
    expect(await daily.runIfDue()).not.toBeNull();
    expect(listBackups(path.join(dataDir, BACKUP_DIR))).toHaveLength(2);

    clock.advance(24 * 3_600_000);
    const failing = new DailyBackups({
      db: core.db,
      dataDir,
      clock,
      logger,
      copy: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
    });
    expect(await failing.runIfDue()).toBeNull();
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'daily backup failed',
    ]);
  });
});
