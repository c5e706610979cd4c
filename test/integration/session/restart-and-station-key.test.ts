import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { seedDemo } from '../../../src/main/demo/seed';
import { rememberPort } from '../../../src/main/station/station-address';
import { startStationServer, type StationServer } from '../../../src/main/station/server';
import { TOKEN_FILE } from '../../../src/main/station/station-token';
import { CLIENT_HEADER } from '../../../src/shared/channels';
import { REPO_ROOT, runChild } from '../../helpers/child-process';
import { makeTestCore, TEST_EPOCH } from '../../helpers/core-factory';
import { SUPERVISOR_PIN, settleSupervisorPin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const running: { core: Core; server: StationServer }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.server.close();
    await r.core.close();
  }
  temps.cleanup();
});

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');

async function startOn(dataDir: string, port = 0, seed = 1) {
  const { core, clock } = makeTestCore(dataDir, { seed });
  const server = await startStationServer({ core, rendererDir: temps.make('renderer-'), port });
  const station = { core, server, clock };
  running.push(station);
  return station;
}

async function stop(station: { core: Core; server: StationServer }): Promise<void> {
  running.splice(running.indexOf(station), 1);
  await station.server.close();
  await station.core.close();
}

/** An answer as a test reads it: the envelope's fields, loosely typed. */
interface Answer {
  status: number;
  body: {
    ok: boolean;
    value?: Record<string, unknown> & { token?: string; bootId?: string };
    error?: unknown;
  };
}

/** One tab of a browser: its own client id, and the key it was given. */
function tab(port: number, token: string, clientId: string) {
  return (name: string, body: unknown = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/${name}`,
          // A new connection each time, as after a restart a pooled one would be dead.
          agent: false,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            [CLIENT_HEADER]: clientId,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

describe('a station restart', () => {
  it('keeps every open tab connected (same key), signs everyone out, and keeps crediting the default clerk', async () => {
    const dir = temps.make('lastmile-restart-');
    const first = await startOn(dir);
    // Several clerks, the first by name being Aisyah: after the old restart bug, she got the scans.
    seedDemo(first.core.db, first.core.users, { seed: 42, parcels: 30, now: TEST_EPOCH });
    settleSupervisorPin(first.core);
    const tracking = first.core.db
      .prepare<[], { t: string }>('SELECT tracking_number AS t FROM parcels ORDER BY id LIMIT 1')
      .get()?.t;
    const port = first.server.port;
    const token = first.server.token;
    const desk = tab(port, token, 'supervisor-desk-tab');
    const bench = tab(port, token, 'qc-bench-tab-01');

    expect((await desk('signIn', { userId: 'supervisor', pin: SUPERVISOR_PIN })).body).toMatchObject({
      ok: true,
      value: { user: { role: 'supervisor' }, signedIn: true },
    });
    const bootBefore = (await desk('getSession')).body.value?.bootId;
    expect((await bench('recordScan', { code: tracking, source: 'scanner' })).body.ok).toBe(true);
    await stop(first);

    const second = await startOn(dir, port, 2);
    expect(second.server.token).toBe(token);
    // The tabs still hold the key: no 401, no "open the link again".
    const afterDesk = await desk('getSession');
    expect(afterDesk.status).toBe(200);
    expect(afterDesk.body.value).toMatchObject({
      user: { id: 'clerk', role: 'clerk' },
      signedIn: false,
      notice: null,
    });
    expect(afterDesk.body.value?.bootId).not.toBe(bootBefore);
    // The tab that was a supervisor is not one any more.
    expect((await desk('startDailySync')).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', params: { role: 'clerk' } },
    });
    expect((await bench('recordScan', { code: tracking, source: 'scanner' })).body.ok).toBe(true);
    expect(
      second.core.db
        .prepare('SELECT u.id, u.name FROM scans s JOIN users u ON u.id = s.user_id ORDER BY s.id')
        .all(),
    ).toEqual([
      { id: 'clerk', name: 'Clerk' },
      { id: 'clerk', name: 'Clerk' },
    ]);
    expect(
      second.core.users
        .list()
        .filter((u) => u.role === 'clerk')
        .map((u) => u.name),
    ).toEqual(['Aisyah', 'Clerk', 'Linh', 'Somchai']);
  });
});

describe('the station key', () => {
  it('lives in the data folder, readable by its owner only', async () => {
    const dir = temps.make('lastmile-key-');
    const station = await startOn(dir);
    const file = path.join(dir, TOKEN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(station.server.token);
    expect(station.server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(station.server.openUrl).toBe(
      `http://127.0.0.1:${station.server.port}/#token=${station.server.token}`,
    );
  });

  it('an admin rotates it from the app: old key refused at once, the asking tab gets the new one, audited', async () => {
    const dir = temps.make('lastmile-key-');
    const station = await startOn(dir);
    station.core.db
      .transaction(() => {
        station.core.users.create({ id: 'admin-ana', name: 'Ana', role: 'admin', pin: '4719' });
        station.core.users.create({ id: 'sup-mei', name: 'Mei', role: 'supervisor', pin: '9137' });
      })
      .immediate();
    const old = station.server.token;
    const bench = tab(station.server.port, old, 'qc-bench-tab-01');
    expect(
      (await bench('rotateStationToken', { authorization: { userId: 'sup-mei', pin: '9137' } })).body,
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', params: { required: 'admin', role: 'supervisor', authorizer: true } },
    });
    const rotated = await bench('rotateStationToken', {
      authorization: { userId: 'admin-ana', pin: '4719' },
    });
    expect(rotated.body).toMatchObject({ ok: true });
    const fresh = rotated.body.value?.token ?? '';
    expect(fresh).not.toBe(old);
    expect(station.server.token).toBe(fresh);
    expect((await bench('getSession')).status).toBe(401);
    expect((await tab(station.server.port, fresh, 'qc-bench-tab-01')('getSession')).status).toBe(200);
    const row = station.core.db
      .prepare<[], { user_id: string; details: string }>(
        "SELECT user_id, details FROM audit_log WHERE action = 'station.token_rotated'",
      )
      .get();
    expect(row?.user_id).toBe('clerk');
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ approvedBy: 'admin-ana', via: 'app' });
  });

  it('`lastmile station --print-url` shows the link again; `--rotate-token` changes it, and a running station follows', async () => {
    const dir = temps.make('lastmile-key-');
    const station = await startOn(dir);
    rememberPort(dir, station.server.port);
    const printed = await runChild(process.execPath, [BIN, 'station', '--print-url', '--data', dir]);
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout.trim()).toBe(station.server.openUrl);

    const before = station.server.token;
    const rotated = await runChild(process.execPath, [BIN, 'station', '--rotate-token', '--data', dir]);
    expect(rotated.code).toBe(0);
    const link = /^(http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))$/m.exec(rotated.stdout);
    expect(link?.[2]).toBeDefined();
    expect(link?.[2]).not.toBe(before);
    // The running server reads the new file at its next request.
    expect((await tab(station.server.port, before, 'qc-bench-tab-01')('getSession')).status).toBe(401);
    expect((await tab(station.server.port, link?.[2] ?? '', 'qc-bench-tab-01')('getSession')).status).toBe(
      200,
    );
    expect(fs.statSync(path.join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(
      station.core.db
        .prepare("SELECT user_id, details FROM audit_log WHERE action = 'station.token_rotated'")
        .all(),
    ).toEqual([{ user_id: null, details: JSON.stringify({ via: 'cli' }) }]);
    expect((await runChild(process.execPath, [BIN, 'station', '--print-url', '--rotate-token'])).code).toBe(
      2,
    );
  });
});
