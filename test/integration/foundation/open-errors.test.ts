import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, createCore } from '../../../src/main/core';
import { setWritePolicy } from '../../../src/main/db/write';
import { openDatabase } from '../../../src/main/db/open';
import { toAppError } from '../../../src/main/db/sqlite-errors';
import { DATA_DIR_LOCK_FILE } from '../../../src/main/db/data-dir-lock';
import { silentLogger } from '../../../src/main/logger';
import { startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  temps.cleanup();
});

const sha256 = (file: string): string =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('opening the station database', () => {
  it('refuses a file that is not SQLite with DB_CORRUPT and leaves its bytes alone', () => {
    const dir = temps.make();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, 'Invoice 2026-01\nthis is a spreadsheet export, not a database\n'.repeat(50));
    const before = sha256(file);
    expect(() => createCore({ dataDir: dir, logger: silentLogger })).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT', params: { path: file } }),
    );
    expect(sha256(file)).toBe(before);
    // Only the data-folder lock the core takes first (an OS lock, never stale) is new.
    expect(fs.readdirSync(dir).sort()).toEqual([DATA_DIR_LOCK_FILE, DATABASE_FILE].sort());
  });

  it('refuses a file with a SQLite header but garbage after it with DB_CORRUPT, untouched', () => {
    const dir = temps.make();
    const file = path.join(dir, DATABASE_FILE);
    const garbage = Buffer.alloc(8192, 0xa5);
    Buffer.from('SQLite format 3\0', 'latin1').copy(garbage);
    fs.writeFileSync(file, garbage);
    const before = sha256(file);
    expect(() => openDatabase({ file })).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(sha256(file)).toBe(before);
  });

  it('refuses a data directory that cannot be created with DATA_DIR_UNUSABLE', () => {
    const parent = path.join(temps.make(), 'a-file');
    fs.writeFileSync(parent, 'not a folder');
    const dataDir = path.join(parent, 'station');
    expect(() => createCore({ dataDir, logger: silentLogger })).toThrow(
      expect.objectContaining({ code: 'DATA_DIR_UNUSABLE', params: { path: dataDir, reason: 'ENOTDIR' } }),
    );
    expect(fs.readFileSync(parent, 'utf8')).toBe('not a folder');
  });

  it('refuses a database path that is a directory', () => {
    const dir = temps.make();
    fs.mkdirSync(path.join(dir, DATABASE_FILE));
    expect(() => createCore({ dataDir: dir, logger: silentLogger })).toThrow(
      expect.objectContaining({
        code: 'DATA_DIR_UNUSABLE',
        params: expect.objectContaining({ reason: 'EISDIR' }),
      }),
    );
  });
});

describe('writes that cannot happen', () => {
  it('a database locked by another process gives DB_LOCKED through the dispatcher and writes nothing', async () => {
    const dir = temps.make();
    const { core } = makeTestCore(dir);
    try {
      await core.dispatch('recordScan', { code: 'BEFORE-LOCK', source: 'scanner' });
      // Another program (a backup tool, a second app instance) holds the write lock.
      const locker = startChild(process.execPath, [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN EXCLUSIVE');
         db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('locker', '1', 1)").run();
         process.stdout.write('locked\\n');
         process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`,
        path.join(dir, DATABASE_FILE),
      ]);
      children.push(locker);
      await locker.waitForLine(/^locked$/);
      setWritePolicy(core.db, { maxWaitMs: 200 }); // the real 5 s would only slow the test down

      const envelope = await core.dispatch('recordScan', { code: 'DURING-LOCK', source: 'scanner' });
      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'DB_LOCKED', params: { retryable: true } },
      });

      locker.proc.stdin.write('release\n');
      expect((await locker.exited).code).toBe(0);
      expect(core.db.prepare('SELECT code FROM scans ORDER BY scanned_at').all()).toEqual([
        { code: 'BEFORE-LOCK' },
      ]);
      expect(countRows(core.db, 'outbox_events')).toBe(1);
      // Once the lock is gone the same scan goes through.
      const retry = await core.dispatch('recordScan', { code: 'DURING-LOCK', source: 'scanner' });
      expect(retry.ok).toBe(true);
      expect(countRows(core.db, 'scans')).toBe(2);
    } finally {
      await core.close();
    }
  });

  it('a full disk gives DISK_FULL through the dispatcher and never half a scan', async () => {
    const dir = temps.make();
    const { core } = makeTestCore(dir);
    try {
      // The file may not grow beyond its current size: SQLite reports SQLITE_FULL as on a full disk.
      const pages = core.db.pragma('page_count', { simple: true }) as number;
      core.db.pragma(`max_page_count = ${pages + 2}`);
      let ok = 0;
      let failure: unknown = null;
      for (let i = 0; i < 500 && failure === null; i++) {
        const envelope = await core.dispatch('recordScan', {
          code: `FILL${String(i).padStart(4, '0')}${'X'.repeat(100)}`,
          source: 'scanner',
        });
        if (envelope.ok) ok++;
        else failure = envelope.error;
      }
      expect(failure).toEqual({ code: 'DISK_FULL', params: {} });
      expect(ok).toBeGreaterThan(0);
      // Every scan that was acknowledged is there with its event; the one refused left nothing.
      expect(countRows(core.db, 'scans')).toBe(ok);
      expect(countRows(core.db, 'outbox_events')).toBe(ok);
      expect(
        core.db
          .prepare<[], { n: number }>(
            `SELECT count(*) AS n FROM scans s
             WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE json_extract(e.payload, '$.scanId') = s.id)`,
          )
          .get()?.n,
      ).toBe(0);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await core.close();
    }
  });

  it('a write to a read-only database maps to DB_READONLY', async () => {
    const dir = temps.make();
    const { core } = makeTestCore(dir);
    await core.close();
    // A second connection with SQLite's read-only flag stands in for a read-only file.
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const before = countRows(db, 'settings');
    try {
      let caught: unknown;
      try {
        db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 1)").run();
      } catch (err) {
        caught = err;
      }
      expect(toAppError(caught)).toMatchObject({ code: 'DB_READONLY' });
      expect(countRows(db, 'settings')).toBe(before);
    } finally {
      db.close();
    }
  });
});
