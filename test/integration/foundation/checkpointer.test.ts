import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { startCheckpointer } from '../../../src/main/db/checkpointer';
import { openDatabase } from '../../../src/main/db/open';
import { silentLogger } from '../../../src/main/logger';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

function walFrames(file: string): number {
  const wal = `${file}-wal`;
  if (!fs.existsSync(wal)) return 0;
  const size = fs.statSync(wal).size;
  return size <= 32 ? 0 : Math.round((size - 32) / (4096 + 24));
}

describe('WAL checkpoints run off the commit path', () => {
  it('a station never checkpoints inside a commit: the WAL grows until the checkpointer runs', async () => {
    const dir = temps.make();
    const { core } = makeTestCore(dir);
    const file = path.join(dir, DATABASE_FILE);
    expect(core.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // 1,500 scans write well over SQLite's automatic threshold of 1,000 pages.
    for (let i = 0; i < 1500; i++) await core.scans.record({ code: `UNKNOWN${i}`, source: 'scanner' }, null);
    expect(walFrames(file)).toBeGreaterThan(1000);
    await core.close();
    // Close truncates the WAL: every committed row is now in the database file itself.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const reopened = openDatabase({ file });
    expect(reopened.prepare('SELECT count(*) AS n FROM scans').get()).toEqual({ n: 1500 });
    expect(reopened.prepare('SELECT count(*) AS n FROM outbox_events').get()).toEqual({ n: 1500 });
    reopened.close();
  });

  it('runOnce copies committed frames back while the data stays readable', () => {
    const dir = temps.make();
    const db = openDatabase({ file: path.join(dir, 'c.sqlite') });
    const checkpointer = startCheckpointer(db, silentLogger, 60_000);
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    expect(checkpointer.runOnce()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 200 });
    checkpointer.stop();
    db.close();
  });
});
