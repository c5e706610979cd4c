import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/main/audit/audit-log';
import { verifyAuditLog } from '../../../src/main/audit/audit-verify';
import { ManualClock } from '../../../src/main/clock';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { hashPin } from '../../../src/main/session/pin';
import { ROLES_AT_SESSION_001 } from '../../../src/main/session/migrations';
import { seededRandom } from '../../../src/main/random';
import { ROLES } from '../../../src/shared/domain';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

const VERSION = MIGRATIONS.find((m) => m.name === 'session/001-security')?.version ?? 0;

/** A station database just before the session migration, with users that other tables point at. */
function stationBefore(file: string): void {
  const db = new Database(file);
  migrate(db, MIGRATIONS, VERSION - 1);
  const pin = hashPin('0000', seededRandom(3));
  db.exec(`
    INSERT INTO users (id, name, role, pin_hash, active, created_at) VALUES
      ('supervisor', 'Supervisor', 'supervisor', '${pin}', 1, 1),
      ('clerk', 'Clerk', 'clerk', 'h', 1, 1),
      ('clerk-linh', 'Linh', 'clerk', 'h', 0, 2);
    INSERT INTO parcels (id, tracking_number, carrier, country, direction, status, created_at, updated_at)
      VALUES ('P1', 'TH01', 'flash', 'TH', 'return', 'returning', 1, 1);
    INSERT INTO return_orders (id, platform, platform_return_id, order_id, parcel_id, status, created_at, updated_at)
      VALUES ('R1', 'tiktok_shop', '4035', 'O1', 'P1', 'expected', 1, 1);
    INSERT INTO return_items (id, return_order_id, sku, name, quantity) VALUES ('I1', 'R1', 'S', 'Item', 1);
    INSERT INTO scans (id, code, source, station, user_id, outcome, parcel_id, scanned_at)
      VALUES ('S1', 'TH01', 'scanner', 'QC-1', 'clerk-linh', 'parcel', 'P1', 5);
    INSERT INTO qc_decisions (id, return_item_id, grade, disposition, status, decided_by, approved_by, created_at, updated_at)
      VALUES ('Q1', 'I1', 'damaged', 'destroy', 'approved', 'clerk', 'supervisor', 6, 6);
  `);
  // Audit rows are appended only through the hash chain (audit/001), as the station writes them.
  const audit = new AuditLog(db, new ManualClock(7), { id: 'station-qc-1', name: () => 'QC-1' });
  db.transaction(() =>
    audit.record({ userId: 'supervisor', action: 'x', entityType: 'y', entityId: 'z' }),
  ).immediate();
  db.close();
}

describe('the session migration (roles get admin; users get badge and must-change-PIN)', () => {
  it('rebuilds users on a file with rows: every row, every reference and the foreign keys stay', () => {
    const file = path.join(temps.make('lastmile-users-mig-'), 'lastmile.sqlite');
    stationBefore(file);
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    const before = db
      .prepare('SELECT id, name, role, pin_hash, active, created_at FROM users ORDER BY id')
      .all();
    migrate(db, MIGRATIONS);

    expect(
      db.prepare('SELECT id, name, role, pin_hash, active, created_at FROM users ORDER BY id').all(),
    ).toEqual(before);
    // Only the station's first supervisor, whose PIN nobody could change before, must change it.
    expect(db.prepare('SELECT id, must_change_pin, badge FROM users ORDER BY id').all()).toEqual([
      { id: 'clerk', must_change_pin: 0, badge: null },
      { id: 'clerk-linh', must_change_pin: 0, badge: null },
      { id: 'supervisor', must_change_pin: 1, badge: null },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The references still lead to users, and still refuse a user that does not exist.
    expect(db.prepare('SELECT u.name FROM scans s JOIN users u ON u.id = s.user_id').all()).toEqual([
      { name: 'Linh' },
    ]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO scans (id, code, source, station, user_id, outcome, scanned_at) VALUES ('S2', 'X', 'scanner', 'QC-1', 'ghost', 'unknown', 9)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    const schema = db
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE name IN ('scans', 'qc_decisions', 'audit_log')",
      )
      .all()
      .map((r) => r.sql)
      .join('\n');
    expect(schema).not.toContain('users_rebuilt');
    // The audit row that names a user is still there, and its chain still verifies.
    expect(db.prepare('SELECT user_id FROM audit_log').all()).toEqual([{ user_id: 'supervisor' }]);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 1, problem: null });

    db.prepare(
      "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES ('admin-ana', 'Ana', 'admin', 'h', 1)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES ('x', 'X', 'superuser', 'h', 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (id, name, role, pin_hash, created_at, badge) VALUES ('y', 'Y', 'clerk', 'h', 1, 'RB123456785GB')",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });

  it('an upgraded station: its supervisor with 0000 is asked for a new PIN at the next sign-in', async () => {
    const dir = temps.make('lastmile-users-mig-');
    stationBefore(path.join(dir, 'lastmile.sqlite'));
    const { core } = makeTestCore(dir);
    try {
      expect(await core.dispatch('signIn', { userId: 'supervisor', pin: '0000' })).toMatchObject({
        ok: true,
        value: { signedIn: false, pinChangeFor: { id: 'supervisor' } },
      });
    } finally {
      await core.close();
    }
  });

  it('allows exactly the roles the contract knows (a new role needs a new migration)', () => {
    expect([...ROLES_AT_SESSION_001]).toEqual([...ROLES]);
  });
});
