import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../../src/main/backup/backup';
import { NotABackupError, restoreBackup } from '../../../src/main/backup/restore';
import { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import { DataDirInUseError, holdSharedDataDirLock } from '../../../src/main/db/data-dir-lock';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { startChild, type Child } from '../../helpers/child-process';
import { TEST_EPOCH } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { corruptPages, liveFile, recordScans, scanCodes, stationWithScans } from './station-db';

const dirs = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
  dirs.cleanup();
});

/** A station that backed up after 3 scans, scanned 2 more, and was closed. */
async function yesterdayAndToday(): Promise<{ dataDir: string; backup: string; core: Core }> {
  const dataDir = dirs.make('lastmile-restore-');
  const { core, clock } = stationWithScans(dataDir, 3, 'TH');
  const backup = await createBackup(core.db, { dataDir, kind: 'daily', clock });
  recordScans(core, 2, 'VN');
  return { dataDir, backup: backup.file, core };
}

const clock = new ManualClock(TEST_EPOCH + 86_400_000);

describe('restoring a backup', () => {
  it('puts the backup in place and keeps the replaced database, with its WAL, beside it', async () => {
    const { dataDir, backup, core } = await yesterdayAndToday();
    await core.close();
    // A station scans once more and dies without a clean shutdown: that scan is only in the WAL.
    const child = startChild(process.execPath, [
      '--import',
      'tsx',
      path.join(__dirname, '..', 'foundation', 'fixtures', 'scan-then-wait.ts'),
      dataDir,
      'MY1000000009',
    ]);
    children.push(child);
    await child.waitForLine(/^recorded /);
    child.proc.kill('SIGKILL');
    await child.exited;
    const wal = `${liveFile(dataDir)}-wal`;
    expect(fs.statSync(wal).size).toBeGreaterThan(0);

    const result = restoreBackup({ dataDir, from: backup, clock });
    expect(result).toMatchObject({ schemaVersion: MIGRATIONS.at(-1)!.version, scans: 3 });
    expect(scanCodes(liveFile(dataDir))).toEqual(['TH1000000000', 'TH1000000001', 'TH1000000002']);
    expect(path.basename(result.replaced!)).toMatch(/^lastmile\.replaced-20260116T080000-000Z\.sqlite$/);
    expect(fs.existsSync(wal)).toBe(false);
    expect(fs.existsSync(`${result.replaced!}-wal`)).toBe(true);
    // Nothing of today is lost: the replaced file still opens with all six scans, the WAL's one too.
    expect(scanCodes(result.replaced!)).toHaveLength(6);
    expect(scanCodes(result.replaced!)).toContain('MY1000000009');
    expect(fs.existsSync(backup)).toBe(true);
  });

  it('into an empty folder: nothing to keep', async () => {
    const { backup, core } = await yesterdayAndToday();
    await core.close();
    const fresh = dirs.make('lastmile-fresh-');
    expect(restoreBackup({ dataDir: fresh, from: backup, clock }).replaced).toBeNull();
    expect(scanCodes(liveFile(fresh))).toHaveLength(3);
  });

  it('refuses while a station in another process holds the folder, and changes nothing', async () => {
    const { dataDir, backup, core } = await yesterdayAndToday();
    await core.close();
    const child = startChild(process.execPath, [
      '--import',
      'tsx',
      path.join(__dirname, '..', 'fixtures', 'hold-data-dir-lock.ts'),
      dataDir,
    ]);
    children.push(child);
    await child.waitForLine(/^holding$/);
    const before = fs.readFileSync(liveFile(dataDir));
    expect(() => restoreBackup({ dataDir, from: backup, clock })).toThrow(DataDirInUseError);
    expect(fs.readFileSync(liveFile(dataDir)).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('replaced') || f.includes('restoring'))).toEqual(
      [],
    );

    // The station dies (no clean shutdown): the operating system drops its lock.
    child.proc.kill('SIGKILL');
    await child.exited;
    expect(restoreBackup({ dataDir, from: backup, clock }).scans).toBe(3);
  });

  it('refuses while this process runs a station on the folder', async () => {
    const { dataDir, backup, core } = await yesterdayAndToday();
    const lock = holdSharedDataDirLock(dataDir);
    try {
      expect(() => restoreBackup({ dataDir, from: backup, clock })).toThrow(/station is using/);
    } finally {
      lock.release();
      await core.close();
    }
  });

  it('refuses files that are not LastMile backups, naming why, and changes nothing', async () => {
    const { dataDir, backup, core } = await yesterdayAndToday();
    await core.close();
    const live = fs.readFileSync(liveFile(dataDir));
    const other = dirs.make('lastmile-other-');

    const text = path.join(other, 'notes.sqlite');
    fs.writeFileSync(text, 'SQLite format 2? no, a spreadsheet\n'.repeat(20));
    const foreign = path.join(other, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos VALUES (1, 43);');
    f.close();
    const newer = path.join(other, 'newer.sqlite');
    fs.copyFileSync(backup, newer);
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    const damaged = path.join(other, 'damaged.sqlite');
    fs.copyFileSync(backup, damaged);
    corruptPages(damaged);

    const cases: [string, string][] = [
      [text, 'not_sqlite'],
      [foreign, 'not_lastmile'],
      [newer, 'newer_than_app'],
      [damaged, 'damaged'],
      [path.join(other, 'missing.sqlite'), 'missing'],
    ];
    for (const [file, reason] of cases) {
      let error: unknown = null;
      try {
        restoreBackup({ dataDir, from: file, clock });
      } catch (e) {
        error = e;
      }
      expect(error, file).toBeInstanceOf(NotABackupError);
      expect((error as NotABackupError).reason, file).toBe(reason);
      expect((error as Error).message).toMatch(/nothing was changed/);
    }
    expect(fs.readFileSync(liveFile(dataDir)).equals(live)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((x) => x.includes('replaced'))).toEqual([]);
  });
});
