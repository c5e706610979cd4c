import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { DATA_DIR_LOCK_FILE } from '../../../src/main/db/data-dir-lock';
import { REPO_ROOT, runChild, startChild, stopChild, type Child } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  temps.cleanup();
});

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const lastmile = (...args: string[]) => runChild(process.execPath, [BIN, ...args], { cwd: temps.make() });
const sha256 = (file: string): string =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const firstLine = (text: string): string => text.split('\n')[0] ?? '';

describe('lastmile CLI', () => {
  it('a bad flag exits 2 with one clear line naming it, and no stack trace', async () => {
    const r = await lastmile('station', '--bogus', '--data', temps.make());
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^lastmile: .*'--bogus'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown command exits 2', async () => {
    const r = await lastmile('stationn');
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe('lastmile: unknown command "stationn"');
  });

  it.each(['abc', '-1', '65536', '80x'])('--port %s exits 2 and creates nothing', async (port) => {
    const data = path.join(temps.make(), 'data');
    const r = await lastmile('station', '--data', data, '--port', port);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^lastmile: .*--port/);
    expect(fs.existsSync(data)).toBe(false);
  });

  it('an unusable data directory exits 4 with a message saying what to do', async () => {
    const file = path.join(temps.make(), 'plain-file');
    fs.writeFileSync(file, 'x');
    const r = await lastmile('station', '--data', path.join(file, 'data'), '--port', '0');
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe(
      `lastmile: cannot use the data directory ${path.join(file, 'data')} (ENOTDIR); choose a writable folder with --data`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('a database file that is not SQLite exits 4 and is left byte for byte', async () => {
    const data = temps.make();
    const db = path.join(data, DATABASE_FILE);
    fs.writeFileSync(db, crypto.randomBytes(10_000));
    const before = sha256(db);
    const r = await lastmile('station', '--data', data, '--port', '0', '--demo');
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toBe(
      `lastmile: ${db} is not a LastMile database (not SQLite, or damaged); it was left untouched`,
    );
    expect(sha256(db)).toBe(before);
    // Only the data-folder lock (held while a station runs; an OS lock, so never stale) is new.
    expect(fs.readdirSync(data).sort()).toEqual([DATA_DIR_LOCK_FILE, DATABASE_FILE].sort());
  });

  it('a database from a newer app exits 4 and is left byte for byte', async () => {
    const data = temps.make();
    const file = path.join(data, DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha256(file);
    const r = await lastmile('station', '--data', data, '--port', '0');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^lastmile: the database was written by a newer LastMile Desk \(schema 999/);
    expect(sha256(file)).toBe(before);
  });

  it('station --demo --port 0 seeds, prints the URL, serves the app and the API, and stops on SIGTERM', async () => {
    const data = temps.make();
    const child = startChild(process.execPath, [BIN, 'station', '--data', data, '--port', '0', '--demo'], {
      cwd: data,
    });
    children.push(child);
    // The first start may build the screens; that can take a while on a busy machine.
    const [, url, token] = await child.waitForLine(
      /^open (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)$/,
      240_000,
    );
    expect(child.stdout()).toMatch(/^demo data: \d+ parcels, \d+ return orders, \d+ items \(seed 42\)$/m);

    const page = await get(`${url}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<html/i);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");

    const session = await post(`${url}api/getSession`, {}, token ?? '');
    expect(JSON.parse(session.body)).toMatchObject({ ok: true, value: { user: { role: 'clerk' } } });
    expect((await post(`${url}api/getSession`, {}, 'wrong')).status).toBe(401);

    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const db = new Database(path.join(data, DATABASE_FILE), { readonly: true });
    try {
      const n = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parcels').get()?.n ?? 0;
      expect(n).toBeGreaterThan(4000);
    } finally {
      db.close();
    }
  }, 300_000);
});

function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return send('GET', url, undefined, {});
}

function post(url: string, body: unknown, token: string) {
  return send('POST', url, JSON.stringify(body), {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });
}

function send(
  method: string,
  url: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
