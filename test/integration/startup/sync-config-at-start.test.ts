import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import {
  attachStoredSync,
  attachSync,
  storeSyncConfig,
  SYNC_CONFIG_KEY,
} from '../../../src/main/sync/attach-sync';
import { destinationConfigSchema } from '../../../src/main/sync/destination-config';
import { RATE_LIMITS_FILE } from '../../../src/main/sync/shared-rate-limits';
import { REPO_ROOT, startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const temps = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  temps.cleanup();
});

/** The configuration of issue 6: every field within the schema's bounds, as an older version stored it. */
const SLOW_HUB = {
  destinations: [
    {
      name: 'hub',
      kind: 'test-carrier',
      baseUrl: 'http://127.0.0.1:9',
      credentials: { clientId: 'lastmile', clientSecret: 'secret' },
      limits: {
        requestsPerSecond: 5,
        burst: 5,
        maxConcurrency: 1,
        maxBatchSize: 10,
        requestTimeoutMs: 60_000,
      },
    },
  ],
  feeds: {},
};

const LEASE_LINE =
  'hub: requestTimeoutMs 60000 must be below 60000 (the delivery lease must outlast a request, or a slow request could be sent twice) at destinations.0.limits.requestTimeoutMs';

function post(url: string, token: string, body: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('a sync configuration the engine would refuse', () => {
  it('is refused where it is stored, naming the field and the rule, and nothing is saved', async () => {
    const { core } = makeTestCore(temps.make());
    try {
      await expect(storeSyncConfig(core, SLOW_HUB as never)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        params: {
          call: 'storeSyncConfig',
          field: 'destinations.0.limits.requestTimeoutMs',
          issue: expect.stringContaining('must be below 60000 (the delivery lease must outlast a request'),
        },
      });
      expect(core.settings.getRaw(SYNC_CONFIG_KEY)).toBeUndefined();
    } finally {
      await core.close();
    }
  });

  it('stored by an older version, it turns sync off with the reason at start; the station serves and scans', async () => {
    const dir = temps.make('lastmile-bad-sync-');
    const { core } = makeTestCore(dir);
    await core.settings.setRaw(SYNC_CONFIG_KEY, SLOW_HUB);
    await core.close();

    const child = startChild(process.execPath, [BIN, 'station', '--data', dir, '--port', '0'], { cwd: dir });
    children.push(child);
    const [, url, token = ''] = await child.waitForLine(
      /^open (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)$/,
      240_000,
    );
    expect(child.stderr()).toContain(
      // The station's log line, echoed on stderr (in-process and core-process alike).
      ` warn sync is off: the stored sync configuration cannot be used (${LEASE_LINE}); scanning works, nothing is sent until it is fixed\n`,
    );

    await expect(
      post(`${url}api/recordScan`, token, { code: 'AFTER-BAD-CONFIG', source: 'scanner' }),
    ).resolves.toMatchObject({
      ok: true,
      value: { code: 'AFTER-BAD-CONFIG', outcome: 'unknown' },
    });
    await expect(post(`${url}api/getSyncOverview`, token, {})).resolves.toMatchObject({
      ok: true,
      value: {
        configError: LEASE_LINE,
        destinations: [{ name: 'hub', lastError: 'not configured on this station' }],
      },
    });
    await stopChild(child, 'SIGTERM');
  }, 300_000);

  it('a damaged rate-limit file (a side file the engine opens) turns sync off with the reason, scanning goes on', async () => {
    const dir = temps.make('lastmile-bad-rates-');
    const { core } = makeTestCore(dir);
    try {
      await storeSyncConfig(core, {
        destinations: [{ ...SLOW_HUB.destinations[0]!, kind: 'test-carrier', limits: undefined }],
      });
      fs.writeFileSync(
        path.join(dir, RATE_LIMITS_FILE),
        'not a database at all, but long enough to have a header',
      );
      const { configError } = attachStoredSync(core, { startTrickle: true });
      expect(configError).toBe(
        `${path.join(dir, RATE_LIMITS_FILE)} is not a LastMile database (not SQLite, or damaged); it was left untouched`,
      );
      expect(core.sync?.overview().configError).toBe(configError);
      expect((await core.dispatch('recordScan', { code: 'STILL-SCANNING', source: 'scanner' })).ok).toBe(
        true,
      );
    } finally {
      await core.close();
    }
  });

  it('every configuration the schema admits builds an engine: each limit at both of its bounds', async () => {
    const { core } = makeTestCore(temps.make());
    const bounds: Record<string, [number, number]> = {
      requestsPerSecond: [Number.MIN_VALUE, 10_000],
      burst: [1, 10_000],
      maxConcurrency: [1, 64],
      maxBatchSize: [1, 1_000],
      requestTimeoutMs: [100, 59_999],
    };
    try {
      for (const [field, [low, high]] of Object.entries(bounds)) {
        for (const value of [low, high]) {
          const config = {
            name: 'hub',
            kind: 'test-carrier' as const,
            baseUrl: 'http://localhost:65535/some/path',
            remoteName: 'x'.repeat(64),
            credentials: { clientId: 'a', clientSecret: 'b' },
            limits: { [field]: value },
            pageSize: value === low ? 1 : 100,
          };
          expect(destinationConfigSchema.safeParse(config).success, `${field}=${value}`).toBe(true);
          const service = attachSync(core, { destinations: [config], startTrickle: true });
          await service.close();
        }
        // Just past the bound is refused by the schema, so it is never stored.
        const past = field === 'requestsPerSecond' ? [0, 10_001] : [low - 1, high + 1];
        for (const value of past) {
          const config = {
            ...SLOW_HUB.destinations[0]!,
            kind: 'test-carrier' as const,
            limits: { [field]: value },
          };
          expect(destinationConfigSchema.safeParse(config).success, `${field}=${value}`).toBe(false);
        }
      }
    } finally {
      await core.close();
    }
  });

  it('sync --daily with that stored configuration exits 4 with the same reason and sends nothing', async () => {
    const dir = temps.make('lastmile-bad-sync-cli-');
    const { core } = makeTestCore(dir);
    await core.settings.setRaw(SYNC_CONFIG_KEY, SLOW_HUB);
    await core.dispatch('recordScan', { code: 'QUEUED', source: 'scanner' });
    await core.close();
    const { runChild } = await import('../../helpers/child-process');
    const r = await runChild(process.execPath, [BIN, 'sync', '--daily', '--data', dir]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      // The station's log line, echoed on stderr (in-process and core-process alike).
      ` warn sync is off: the stored sync configuration cannot be used (${LEASE_LINE}); scanning works, nothing is sent until it is fixed\n`,
    );
    const check = createCore({ dataDir: dir, logger: silentLogger });
    try {
      expect(check.db.prepare('SELECT status FROM outbox_events').all()).toEqual([{ status: 'pending' }]);
      expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    } finally {
      await check.close();
    }
  }, 60_000);
});
