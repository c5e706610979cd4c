import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS, type Migration } from '../../../src/main/db/migrations';
import { openDatabase } from '../../../src/main/db/open';
import { AppError } from '../../../src/shared/errors';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;
const sha256 = (file: string): string =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function tables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
}

function schemaSql(db: Database.Database): string {
  return db
    .prepare<[], { sql: string | null }>('SELECT sql FROM sqlite_master ORDER BY type, name')
    .all()
    .map((r) => r.sql ?? '')
    .join('\n');
}

/** Rows a version-1 station already had: a user, a parcel, a return, a scan and its outbox event. */
function fillVersion1(db: Database.Database): void {
  db.prepare(
    "INSERT INTO users (id, name, role, pin_hash, active, created_at) VALUES ('u1', 'Linh', 'clerk', 'x', 1, 1)",
  ).run();
  db.prepare(
    `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, created_at, updated_at)
     VALUES ('P1', 'TH0112345678', 'flash', 'TH', 'O1', 'return', 'returning', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, return_tracking_number, status, created_at, updated_at)
     VALUES ('R1', 'tiktok_shop', '4035001', 'O1', 'P1', 'TH0112345678', 'expected', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO scans (id, code, source, station, user_id, outcome, parcel_id, return_order_id, scanned_at)
     VALUES ('S1', 'TH0112345678', 'scanner', 'QC-1', 'u1', 'return_order', 'P1', 'R1', 5)`,
  ).run();
  db.prepare(
    `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, next_attempt_at, created_at, updated_at)
     VALUES ('E1', 'E1', 'tiktok_shop', 'return:R1', 'scan.recorded', '{}', 'pending', 5, 5, 5)`,
  ).run();
}

function fillVersion2(db: Database.Database): void {
  db.prepare("INSERT INTO sync_cursors (source, cursor, updated_at) VALUES ('flash', 'c-17', 9)").run();
}

/** Tables a later migration drops on purpose; where their rows went is tested with that migration. */
const DROPPED_LATER = new Set(['qc_label_jobs']);

const FILLERS: Record<number, (db: Database.Database) => void> = { 1: fillVersion1, 2: fillVersion2 };

describe('migrations', () => {
  it('are numbered from 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('bring an empty file to the latest version with every table', () => {
    const dir = temps.make();
    const db = openDatabase({ file: path.join(dir, 'a.sqlite') });
    try {
      expect(schemaVersion(db)).toBe(LATEST);
      expect(tables(db)).toEqual(
        expect.arrayContaining([
          'users',
          'settings',
          'parcels',
          'return_orders',
          'return_items',
          'scans',
          'qc_decisions',
          'outbox_events',
          'audit_log',
          'sync_cursors',
          'destination_status',
          'tracking_events',
          'sync_runs',
          'sync_lock',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('a zero-byte file is a new database, migrated like an empty one', () => {
    const file = path.join(temps.make(), 'empty.sqlite');
    fs.writeFileSync(file, '');
    const db = openDatabase({ file });
    expect(schemaVersion(db)).toBe(LATEST);
    db.close();
  });

  for (let k = 0; k < LATEST; k++) {
    it(`bring a file at version ${k} to the latest with its rows intact`, () => {
      const file = path.join(temps.make(), 'old.sqlite');
      const old = new Database(file);
      expect(migrate(old, MIGRATIONS, k)).toBe(k);
      for (let v = 1; v <= k; v++) FILLERS[v]?.(old);
      const before = Object.fromEntries(tables(old).map((t) => [t, old.prepare(`SELECT * FROM ${t}`).all()]));
      old.close();

      const db = openDatabase({ file });
      try {
        expect(schemaVersion(db)).toBe(LATEST);
        // Every row keeps every value it had; later migrations may add columns next to them.
        for (const [table, rows] of Object.entries(before)) {
          if (DROPPED_LATER.has(table)) continue;
          // Columns a later migration added are new; every value the rows had is still there.
          const now = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
          const kept = now.map((row, i) =>
            Object.fromEntries(
              Object.keys((rows as Record<string, unknown>[])[i] ?? row).map((k) => [k, row[k]]),
            ),
          );
          expect(kept, table).toEqual(rows);
        }
        // The upgraded schema is the same as a fresh one.
        const fresh = openDatabase({ file: path.join(path.dirname(file), 'fresh.sqlite') });
        expect(schemaSql(db)).toBe(schemaSql(fresh));
        fresh.close();
        if (k >= 1) expect(countRows(db, 'scans')).toBe(1);
      } finally {
        db.close();
      }
    });
  }

  it('run each migration in a transaction: one failing midway leaves version and schema as they were', () => {
    const file = path.join(temps.make(), 'fail.sqlite');
    const fake: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      {
        version: 2,
        name: 'two',
        sql: 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); INSERT INTO no_such_table VALUES (1);',
      },
    ];
    const db = new Database(file);
    migrate(db, fake, 1);
    const schemaBefore = schemaSql(db);
    let error: unknown;
    try {
      migrate(db, fake);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INTERNAL');
    expect((error as AppError).params).toMatchObject({ reason: 'migration_failed', version: 2 });
    expect(schemaVersion(db)).toBe(1);
    expect(schemaSql(db)).toBe(schemaBefore);
    expect(tables(db)).toEqual(['a']);
    expect(countRows(db, 'a')).toBe(0);
    db.close();
  });

  it('refuse a file from a newer app with DB_NEWER_THAN_APP and leave it byte for byte', () => {
    const file = path.join(temps.make(), 'newer.sqlite');
    const raw = new Database(file);
    raw.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('keep');");
    raw.pragma(`user_version = ${LATEST + 7}`);
    raw.close();
    const before = sha256(file);

    expect(() => openDatabase({ file })).toThrow(
      expect.objectContaining({
        code: 'DB_NEWER_THAN_APP',
        params: { fileVersion: LATEST + 7, appVersion: LATEST },
      }),
    );
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['newer.sqlite']);
  });

  it('set WAL, synchronous FULL and foreign keys on every connection', () => {
    const db = openDatabase({ file: path.join(temps.make(), 'p.sqlite') });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('schema constraints', () => {
  const open = () => openDatabase({ file: path.join(temps.make(), 'c.sqlite') });

  it('CHECK constraints reject values outside the enums', () => {
    const db = open();
    try {
      const parcel = db.prepare(
        `INSERT INTO parcels (id, tracking_number, carrier, country, direction, status, created_at, updated_at)
         VALUES (?, 'T1', 'flash', 'TH', ?, ?, 1, 1)`,
      );
      expect(() => parcel.run('p1', 'sideways', 'in_transit')).toThrow(/CHECK constraint/);
      expect(() => parcel.run('p2', 'outbound', 'lost_in_space')).toThrow(/CHECK constraint/);
      parcel.run('p3', 'outbound', 'in_transit');
      expect(() =>
        db
          .prepare(
            "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES ('u', 'X', 'superuser', 'h', 1)",
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO scans (id, code, source, station, outcome, scanned_at) VALUES ('s', 'C', 'telepathy', 'QC', 'unknown', 1)`,
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, next_attempt_at, created_at, updated_at)
             VALUES ('e', 'e', 'd', 'k', 't', '{}', 'maybe', 1, 1, 1)`,
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, next_attempt_at, created_at, updated_at)
             VALUES ('e', 'e', 'd', 'k', 't', 'not json', 'pending', 1, 1, 1)`,
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      expect(countRows(db, 'parcels')).toBe(1);
      expect(countRows(db, 'outbox_events')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('foreign keys are enforced', () => {
    const db = open();
    try {
      expect(() =>
        db
          .prepare(
            `INSERT INTO scans (id, code, source, station, outcome, parcel_id, scanned_at) VALUES ('s', 'C', 'scanner', 'QC', 'parcel', 'nope', 1)`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
