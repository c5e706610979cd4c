import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

const version = (name: string): number => MIGRATIONS.find((m) => m.name === name)?.version ?? -1;

describe('returns migrations after the first release', () => {
  it('moves labels the stand-in queue held into the print queue, waiting for a printer, and drops the stand-in', () => {
    const db = new Database(`${temps.make()}/station.sqlite`);
    migrate(db, MIGRATIONS, version('returns/003-labels-to-print-queue') - 1);
    db.prepare(
      `INSERT INTO qc_label_jobs (id, template, data, printer, requested_by, created_at)
       VALUES ('J1', 'license-plate', '{"lpn":"LP000000017","returnId":"R1","receivedAt":"2026-01-15 08:00","station":"QC-1"}', NULL, 'clerk', 7)`,
    ).run();
    migrate(db, MIGRATIONS);
    expect(
      db.prepare('SELECT id, printer_id, template, status, requested_by, created_at FROM print_jobs').all(),
    ).toEqual([
      {
        id: 'J1',
        printer_id: '',
        template: 'license-plate',
        status: 'queued',
        requested_by: 'clerk',
        created_at: 7,
      },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'qc_label_jobs'").get()).toBeUndefined();
    db.close();
  });

  it('indexes the returns a station already had for manual search, and keeps the index in step', () => {
    const db = new Database(`${temps.make()}/station.sqlite`);
    migrate(db, MIGRATIONS, version('returns/004-return-search') - 1);
    db.prepare(
      `INSERT INTO return_orders (id, platform, platform_return_id, order_id, return_tracking_number, status,
         created_at, updated_at, buyer_name) VALUES ('R1', 'tiktok_shop', '403500000001', '576000000001',
         'TH0112345678', 'expected', 1, 1, 'Nguyễn Thị Lan')`,
    ).run();
    migrate(db, MIGRATIONS);
    const find = (q: string): string[] =>
      db
        .prepare<[string], { id: string }>(
          'SELECT r.id FROM return_search s JOIN return_orders r ON r.rowid = s.rowid WHERE return_search MATCH ?',
        )
        .all(`"${q}"`)
        .map((r) => r.id);
    expect(find('2345678')).toEqual(['R1']);
    expect(find('nguyen thi')).toEqual(['R1']);
    db.prepare("UPDATE return_orders SET buyer_name = 'Tran Van Minh' WHERE id = 'R1'").run();
    expect(find('nguyen')).toEqual([]);
    expect(find('van minh')).toEqual(['R1']);
    // A status change at the bench does not touch the index (its trigger watches the searched columns).
    db.prepare("UPDATE return_orders SET status = 'received' WHERE id = 'R1'").run();
    expect(find('van minh')).toEqual(['R1']);
    db.close();
  });
});
