import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
afterEach(() => temps.cleanup());

const version = (name: string): number => MIGRATIONS.find((m) => m.name === name)?.version ?? -1;

describe('sync/005-refetch-packages', () => {
  it('keeps what the refetch queue held and lets it take package ids', () => {
    const db = new Database(`${temps.make()}/station.sqlite`);
    migrate(db, MIGRATIONS, version('sync/005-refetch-packages') - 1);
    const insert = db.prepare(
      `INSERT INTO webhook_refetch (destination, kind, external_id, notification_id, requests, attempts, due_at, last_error, created_at)
       VALUES ('tiktok_shop', ?, ?, 'n1', 2, 3, 50, 'server answered 503', 10)`,
    );
    insert.run('order', '5781');
    expect(() => insert.run('package', '1150')).toThrow(/CHECK/);

    migrate(db, MIGRATIONS);
    insert.run('package', '1150');
    expect(db.prepare('SELECT * FROM webhook_refetch ORDER BY kind').all()).toEqual([
      {
        destination: 'tiktok_shop',
        kind: 'order',
        external_id: '5781',
        notification_id: 'n1',
        requests: 2,
        attempts: 3,
        due_at: 50,
        last_error: 'server answered 503',
        created_at: 10,
      },
      expect.objectContaining({ kind: 'package', external_id: '1150' }),
    ]);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'webhook_refetch'")
        .all(),
    ).toContainEqual({ name: 'webhook_refetch_by_due' });
    db.close();
  });
});
