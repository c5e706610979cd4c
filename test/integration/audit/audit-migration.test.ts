import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../src/main/audit/audit-verify';
import { schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { openDatabase } from '../../../src/main/db/open';
import { ManualClock } from '../../../src/main/clock';
import { appendRows, stationFile, storedRows, tamper, verifyFile } from '../../helpers/audit-fixtures';
import { makeTestCore, TEST_EPOCH } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

const CHAIN_VERSION = MIGRATIONS.findIndex((m) => m.name === 'audit/001-hash-chain') + 1;
const OLD_COLUMNS = 'id, at, user_id, station, action, entity_type, entity_id, details';

/**
 * A station as the landed version left it: schema before the chain, its identity, and audit rows
 * written by the old unchained INSERT (ids with gaps, as after rows lost to a rolled-back write).
 */
function landedStation(dir: string, options: { identity: boolean }): { stationId: string | null } {
  const clock = new ManualClock(TEST_EPOCH);
  let stationId: string | null = null;
  const db = openDatabase({
    file: stationFile(dir),
    migrations: MIGRATIONS.slice(0, CHAIN_VERSION - 1),
    seed: {
      isSeeded: () => !options.identity,
      // As that version wrote its identity: today's Users code expects columns added later.
      write: (d) => {
        const addUser = d.prepare(
          "INSERT INTO users (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, 'x', 1, ?)",
        );
        addUser.run('supervisor', 'Supervisor', 'supervisor', clock.now());
        addUser.run('clerk', 'Clerk', 'clerk', clock.now());
        stationId = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
        const put = d.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
        put.run('station.id', JSON.stringify(stationId));
        put.run('station.defaultClerkId', JSON.stringify('clerk'));
      },
    },
  });
  const old = db.prepare(
    'INSERT INTO audit_log (id, at, user_id, station, action, entity_type, entity_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const user = options.identity ? 'supervisor' : null;
  for (const [id, station] of [
    [1, 'QC-1'],
    [2, 'QC-1'],
    [5, 'Dock 3'],
    [9, 'Dock 3'],
  ] as const) {
    // The old code wrote JSON.stringify's key order, not the canonical one; it is hashed as stored.
    old.run(
      id,
      TEST_EPOCH + id,
      user,
      station,
      'session.sign_in',
      'user',
      'supervisor',
      JSON.stringify({ z: id, a: 'x' }),
    );
  }
  expect(schemaVersion(db)).toBe(CHAIN_VERSION - 1);
  db.close();
  return { stationId };
}

function oldColumns(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT ${OLD_COLUMNS} FROM audit_log WHERE id <= 9 ORDER BY id`).all();
  } finally {
    db.close();
  }
}

describe('the hash-chain migration on a station that ran the unchained version', () => {
  it('chains the old rows in place, in id order, once, and records that it did', async () => {
    const dir = temps.make();
    const { stationId } = landedStation(dir, { identity: true });
    const before = oldColumns(stationFile(dir));

    const first = makeTestCore(dir, { now: TEST_EPOCH + 60_000 });
    expect(first.core.stationId).toBe(stationId);
    const rows = storedRows(first.core.db);
    expect(rows.map((r) => [r.id, r.chain, r.seq])).toEqual([
      [1, stationId, 1],
      [2, stationId, 2],
      [5, stationId, 3],
      [9, stationId, 4],
      [10, stationId, 5],
    ]);
    expect(rows[4]).toMatchObject({
      action: 'audit.chain_started',
      entity_type: 'audit_log',
      entity_id: stationId,
      user_id: null,
      at: TEST_EPOCH + 60_000,
      details: '{"chainedRows":4,"firstId":1,"lastId":9}',
    });
    // Content untouched: the old columns read exactly as before.
    expect(oldColumns(stationFile(dir))).toEqual(before);
    expect(verifyAuditLog(first.core.db)).toMatchObject({ ok: true, rows: 5 });
    await appendRows(first.core, 2);
    await first.core.close();

    // Opening again links nothing more and records nothing more.
    const second = makeTestCore(dir);
    expect(storedRows(second.core.db).map((r) => [r.id, r.seq, r.action])).toEqual([
      [1, 1, 'session.sign_in'],
      [2, 2, 'session.sign_in'],
      [5, 3, 'session.sign_in'],
      [9, 4, 'session.sign_in'],
      [10, 5, 'audit.chain_started'],
      [11, 6, 'test.row'],
      [12, 7, 'test.row'],
    ]);
    await second.core.close();
    expect(verifyFile(stationFile(dir))).toMatchObject({ ok: true, rows: 7 });
  });

  it('a station from before station ids gets its id first, and its rows are chained under it', async () => {
    const dir = temps.make();
    landedStation(dir, { identity: false });
    const { core } = makeTestCore(dir);
    try {
      const rows = storedRows(core.db);
      expect(new Set(rows.map((r) => r.chain))).toEqual(new Set([core.stationId]));
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(verifyAuditLog(core.db).ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('a fresh station has nothing to chain and records no migration row', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      expect(storedRows(core.db)).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('unchained rows found after the chain began are left for verify to report, not made legitimate', async () => {
    const dir = temps.make();
    const first = makeTestCore(dir);
    await appendRows(first.core, 3);
    await first.core.close();
    tamper(stationFile(dir), (db) => {
      db.exec('DROP TRIGGER audit_log_appends_chained');
      db.prepare(
        `INSERT INTO audit_log (at, user_id, station, action, entity_type, entity_id, details)
         VALUES (1, NULL, 'QC-1', 'test.slipped_in', 'parcel', 'P0', '{}')`,
      ).run();
    });
    const second = makeTestCore(dir);
    try {
      expect(storedRows(second.core.db).map((r) => r.seq)).toEqual([1, 2, 3, null]);
      expect(verifyAuditLog(second.core.db).problem).toMatchObject({ fault: 'unchained', id: 4 });
    } finally {
      await second.core.close();
    }
  });

  it('chaining that fails midway links nothing; the next start chains every row', async () => {
    const dir = temps.make();
    landedStation(dir, { identity: true });
    // The open fails while linking row 5 (after rows 1 and 2): as a full disk would make it.
    tamper(stationFile(dir), (db) =>
      db.exec(
        `CREATE TRIGGER fail_at_5 BEFORE UPDATE ON audit_log WHEN NEW.id = 5 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
      ),
    );
    expect(() => makeTestCore(dir)).toThrow(/disk trouble/);
    tamper(stationFile(dir), (db) => {
      expect(storedRows(db).map((r) => [r.id, r.seq])).toEqual([
        [1, null],
        [2, null],
        [5, null],
        [9, null],
      ]);
      db.exec('DROP TRIGGER fail_at_5');
    });
    const { core } = makeTestCore(dir);
    try {
      expect(storedRows(core.db).map((r) => [r.id, r.seq])).toEqual([
        [1, 1],
        [2, 2],
        [5, 3],
        [9, 4],
        [10, 5],
      ]);
    } finally {
      await core.close();
    }
  });
});
