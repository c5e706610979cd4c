import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { createCore, DATABASE_FILE, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { SYNC_CONFIG_KEY, storeSyncConfig } from '../../src/main/sync/attach-sync';
import { syncReportSchema } from '../../src/shared/sync-views';
import { REPO_ROOT, runChild } from '../helpers/child-process';
import { insertParcel } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';

const temps = new TempDirs();
let carrier: TestCarrier;

beforeAll(async () => {
  carrier = await startTestCarrier({ returns: 5 });
});
afterAll(async () => {
  await carrier.close();
  temps.cleanup();
});

const lastmile = (...args: string[]) =>
  runChild(process.execPath, [path.join(REPO_ROOT, 'bin', 'lastmile.js'), ...args]);

/** A station on disk (closed again, as a scheduled task finds it) with scans queued for two destinations. */
async function stationWith(scans: string[]): Promise<{ dir: string; keys: string[] }> {
  const dir = temps.make('lastmile-cli-sync-');
  const core: Core = createCore({ dataDir: dir, logger: silentLogger });
  try {
    insertParcel(core.db, { id: 'P1', trackingNumber: 'TH0001', carrier: 'flash', at: Date.now() });
    core.db.prepare('UPDATE parcels SET last_tracking_at = ?').run(Date.now());
    await storeSyncConfig(core, {
      destinations: ['flash', 'hub', 'tiktok_shop'].map((name) => ({
        name,
        kind: 'test-carrier' as const,
        baseUrl: carrier.url,
        credentials: { clientId: 'lastmile', clientSecret: 'test-secret' },
      })),
      feeds: { returns: ['tiktok_shop'] },
    });
    for (const code of scans) {
      const envelope = await core.dispatch('recordScan', { code, source: 'scanner' });
      expect(envelope.ok).toBe(true);
    }
    const keys = core.db
      .prepare<[], { idempotency_key: string }>('SELECT idempotency_key FROM outbox_events ORDER BY seq')
      .all()
      .map((r) => r.idempotency_key);
    return { dir, keys };
  } finally {
    await core.close();
  }
}

describe('lastmile sync --daily', () => {
  it('exits 0 with a readable summary when everything went out', async () => {
    const { dir, keys } = await stationWith(['TH0001', 'MYSTERY-1']);
    const result = await lastmile('sync', '--daily', '--data', dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^LastMile daily sync \S+: OK — nothing needs attention \(\d+\.\d s\)$/m);
    expect(result.stdout).toMatch(/^ {2}tiktok_shop:returns +5 fetched +5 saved$/m);
    expect(result.stdout).toMatch(/^ {2}flash +1 +0 +0 +0$/m);
    expect(result.stdout).toMatch(/^ {2}hub +1 +0 +0 +0$/m);
    expect(result.stdout).toMatch(/^Exceptions: none$/m);
    for (const key of keys) expect(carrier.applications(key)).toBe(1);

    // Run again: nothing to send, nothing sent twice, still fine.
    const again = await lastmile('sync', '--daily', '--data', dir, '--json');
    expect(again.code).toBe(0);
    const report = syncReportSchema.parse(JSON.parse(again.stdout));
    expect(report.status).toBe('ok');
    expect(report.destinations.map((d) => d.delivered)).toEqual([0, 0, 0]);
    for (const key of keys) expect(carrier.applications(key)).toBe(1);
  });

  it('exits 1 and names the failure when the carrier refuses an event for good', async () => {
    const { dir, keys } = await stationWith(['MYSTERY-2', 'MYSTERY-3']);
    carrier.rejectKeys([keys[0] ?? ''], 'consignment unknown to the hub');
    const result = await lastmile('sync', '--daily', '--data', dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/NEEDS ATTENTION/);
    expect(result.stdout).toMatch(/^Failures \(1\):$/m);
    expect(result.stdout).toMatch(
      /hub scan\.unknown dead after 1 attempts: .*consignment unknown to the hub/,
    );
    expect(carrier.applications(keys[1] ?? '')).toBe(1);
  });

  // Five CLI starts, each loading the whole core: a loaded CI box needs more than the default 30 s.
  it('exits 2 for bad usage and 4 for a data folder it cannot use, touching nothing', async () => {
    const noDaily = await lastmile('sync', '--data', temps.make());
    expect(noDaily.code).toBe(2);
    expect(noDaily.stderr).toMatch(/sync needs --daily/);
    const badFlag = await lastmile('sync', '--daily', '--data', temps.make(), '--everything');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--everything/);

    const empty = temps.make();
    const missing = await lastmile('sync', '--daily', '--data', empty);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/no station database in/);
    expect(fs.readdirSync(empty)).toEqual([]);

    const notSqlite = temps.make();
    fs.writeFileSync(path.join(notSqlite, DATABASE_FILE), 'this is a spreadsheet, honest');
    const corrupt = await lastmile('sync', '--daily', '--data', notSqlite);
    expect(corrupt.code).toBe(4);
    expect(corrupt.stderr).toMatch(/not a LastMile database/);
    expect(fs.readFileSync(path.join(notSqlite, DATABASE_FILE), 'utf8')).toBe(
      'this is a spreadsheet, honest',
    );

    const { dir } = await stationWith(['MYSTERY-4']);
    const core = createCore({ dataDir: dir, logger: silentLogger });
    await core.settings.setRaw(SYNC_CONFIG_KEY, [
      { name: 'hub', kind: 'test-carrier', baseUrl: 'http://example.com' },
    ]);
    await core.close();
    const badConfig = await lastmile('sync', '--daily', '--data', dir);
    expect(badConfig.code).toBe(4);
    expect(badConfig.stderr).toMatch(
      /^lastmile: sync is off: the stored sync configuration cannot be used \(/,
    );
    const check = createCore({ dataDir: dir, logger: silentLogger });
    expect(check.db.prepare('SELECT status FROM outbox_events').all()).toEqual([{ status: 'pending' }]);
    await check.close();
  }, 120_000);
});
