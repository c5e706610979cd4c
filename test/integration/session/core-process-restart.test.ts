import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { startStationServer } from '../../../src/main/station/server';
import { openStationCore } from '../../../src/main/station/station-core';
import { TOKEN_FILE } from '../../../src/main/station/station-token';
import { CLIENT_HEADER } from '../../../src/shared/channels';
import { TempDirs } from '../../helpers/temp-dir';
import { until } from '../fixtures/carrier-harness';

const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

interface Answer {
  status: number;
  body: { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
}

/** One browser tab: its own client id, and whichever key it holds when it calls. */
function tab(url: string, clientId: string, key: { token: string }) {
  return async (name: string, input: unknown = {}): Promise<Answer> => {
    const response = await fetch(`${url}api/${name}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key.token}`,
        'content-type': 'application/json',
        [CLIENT_HEADER]: clientId,
      },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
}

describe('a station whose core runs in its own process (the desktop app’s arrangement)', () => {
  it('a core crash keeps every tab connected and credits the default clerk; a key rotated by the core is enforced at once', async () => {
    const dataDir = dirs.make('lastmile-core-process-session-');
    const station = await openStationCore({
      dataDir,
      logger: silentLogger,
      mode: 'core-process',
      demo: { seed: 5, parcels: 20 },
    });
    cleanups.push(() => station.close());
    const rendererDir = dirs.make('lastmile-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>LastMile Desk</title>');
    // No fixed key: the server, in this process, reads the station's key from the data folder.
    const server = await startStationServer({ core: station, rendererDir, port: 0 });
    cleanups.push(() => server.close());
    const key = { token: server.token };
    expect(fs.readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim()).toBe(key.token);
    const desk = tab(server.url, 'supervisor-desk', key);
    const bench = tab(server.url, 'qc-bench', key);

    expect((await desk('signIn', { userId: 'supervisor-mei', pin: '9999' })).body).toMatchObject({
      ok: true,
      value: { user: { id: 'supervisor-mei' }, signedIn: true },
    });
    expect((await desk('recordScan', { code: 'UNKNOWN-DESK-1', source: 'keyboard' })).body.ok).toBe(true);
    expect((await bench('recordScan', { code: 'UNKNOWN-BENCH-1', source: 'scanner' })).body.ok).toBe(true);

    const first = station.supervisor!.pid()!;
    process.kill(first, 'SIGKILL');
    await until(
      () => station.supervisor!.status().state === 'running' && station.supervisor!.pid() !== first,
      60_000,
    );

    // The same key still works: no "open the link again" for any tab.
    const after = await desk('getSession');
    expect(after.status).toBe(200);
    // The new core has no sign-ins: the tab is the station's default clerk, said explicitly.
    expect(after.body.value).toMatchObject({ user: { id: 'clerk', role: 'clerk' }, signedIn: false });
    expect((await desk('recordScan', { code: 'UNKNOWN-DESK-2', source: 'keyboard' })).body.ok).toBe(true);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(
        db.prepare("SELECT code, user_id FROM scans WHERE code LIKE 'UNKNOWN-%' ORDER BY code").all(),
      ).toEqual([
        { code: 'UNKNOWN-BENCH-1', user_id: 'clerk' },
        { code: 'UNKNOWN-DESK-1', user_id: 'supervisor-mei' },
        { code: 'UNKNOWN-DESK-2', user_id: 'clerk' },
      ]);
    } finally {
      db.close();
    }

    // An admin approves a new key at the desk: the core (the other process) writes it; the server
    // here refuses the old one at the very next request, and the asking tab carries on with the new.
    const old = key.token;
    const rotated = await desk('rotateStationToken', { authorization: { userId: 'admin-ana', pin: '2468' } });
    expect(rotated.body.ok).toBe(true);
    const fresh = String(rotated.body.value?.token);
    expect(fresh).not.toBe(old);
    expect(fs.readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim()).toBe(fresh);
    const refused = await bench('getSession');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    key.token = fresh;
    expect((await bench('getSession')).status).toBe(200);
    expect(server.token).toBe(fresh);
  }, 180_000);
});
