import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import {
  CONTENT_SECURITY_POLICY,
  startStationServer,
  type StationServer,
} from '../../../src/main/station/server';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows, insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
let core: Core;
let server: StationServer;
let rendererDir: string;
const TOKEN = 'test-token-0123456789';
const INDEX_HTML = '<!doctype html><title>LastMile Desk</title>';

beforeAll(async () => {
  const root = temps.make();
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  // Files next to the renderer folder that a path traversal would try to reach.
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  fs.mkdirSync(path.join(root, 'renderer-evil'));
  fs.writeFileSync(path.join(root, 'renderer-evil', 'x.js'), 'EVIL');
  ({ core } = makeTestCore(path.join(root, 'data')));
  insertParcel(core.db, { id: 'P1', trackingNumber: 'RB123456785GB', carrier: 'royalmail', country: 'GB' });
  server = await startStationServer({ core, rendererDir, port: 0, token: TOKEN, maxBodyBytes: 4096 });
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  temps.cleanup();
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: no URL normalisation, any Host header, any body. */
function request(
  method: string,
  rawPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: rawPath,
        setHost: false,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/api/${name}`, {
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('station server', () => {
  it('listens on 127.0.0.1 and gives an open URL carrying the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.openUrl).toBe(`${server.url}#token=${TOKEN}`);
  });

  it('refuses an API call without the token, or with a wrong one, with 401 UNAUTHORIZED', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, TOKEN]) {
      const res = await request('POST', '/api/recordScan', {
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ code: 'RB123456785GB', source: 'scanner' }),
      });
      expect(res.status, String(authorization)).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', params: {} } });
    }
    expect(countRows(core.db, 'scans')).toBe(0);
  });

  it('refuses a request naming another host (DNS rebinding) with 421, API or page', async () => {
    for (const host of [
      'evil.example:80',
      `evil.example:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const res = await api('recordScan', { code: 'RB123456785GB', source: 'scanner' }, { host });
      expect(res.status, host).toBe(421);
      expect((await request('GET', '/', { headers: { host } })).status).toBe(421);
    }
    expect((await api('getSession', {}, { host: `localhost:${server.port}` })).status).toBe(200);
    expect(countRows(core.db, 'scans')).toBe(0);
  });

  it('refuses a body that is not JSON by content type with 415 (a cross-site form cannot send JSON)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await api('recordScan', '{"code":"RB123456785GB","source":"scanner"}', {
        'content-type': type,
      });
      expect(res.status, type).toBe(415);
      expect(JSON.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    expect(countRows(core.db, 'scans')).toBe(0);
  });

  it('accepts application/json only as that exact media type, parameters allowed', async () => {
    for (const type of [
      'application/jsonfoo',
      'application/json-seq',
      'application/json/x',
      'application/json, text/plain',
      'application/json;',
      'application/json; charset',
      'xapplication/json',
      'application/x-json',
    ]) {
      const res = await api('recentScans', { limit: 1 }, { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(JSON.parse(res.body), type).toMatchObject({ error: { params: { issue: 'content_type' } } });
    }
    for (const type of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/json ; charset=utf-8',
    ]) {
      expect((await api('recentScans', { limit: 1 }, { 'content-type': type })).status, type).toBe(200);
    }
  });

  it('answers API calls with nosniff and no-store, whether they succeed or are refused', async () => {
    for (const res of [
      await api('getSession', {}),
      await api('getSession', {}, { authorization: 'Bearer nope' }),
      await request('GET', '/api/getSession'),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });

  it('echoes at most 64 characters of a path it refuses', async () => {
    const long = 'x'.repeat(5000);
    for (const res of [await request('GET', `/api/${long}`), await api(long, {})]) {
      const body = JSON.parse(res.body);
      expect(body.error.code).toBe('UNKNOWN_CALL');
      expect(body.error.params.name).toBe('x'.repeat(64));
      expect(res.body.length).toBeLessThan(200);
    }
  });

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const res = await api('recordScan', JSON.stringify({ code: 'A'.repeat(20_000), source: 'scanner' }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { issue: 'too_big' } },
    });
    expect(countRows(core.db, 'scans')).toBe(0);
  });

  it('answers malformed JSON with VALIDATION_FAILED', async () => {
    const res = await api('recordScan', '{"code": "RB1", ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        params: { call: 'recordScan', field: '(payload)', issue: 'invalid_json' },
      },
    });
  });

  it('answers an unknown call with UNKNOWN_CALL and a GET on the API with 405', async () => {
    expect(JSON.parse((await api('dropTables', {})).body)).toMatchObject({ error: { code: 'UNKNOWN_CALL' } });
    expect(
      (await request('GET', '/api/getSession', { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(405);
  });

  it('serves the renderer with a CSP, and a path traversal never leaves the renderer folder', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await request('GET', '/assets/app.js');
    expect(js.body).toBe('console.log("app")');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);

    for (const p of [
      '/../secret.txt',
      '/../../../../etc/passwd',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2f..%2fetc%2fpasswd',
      '/..\\secret.txt',
      '/../renderer-evil/x.js',
      '/%2e%2e/renderer-evil/x.js',
      '/%E0%A4%A', // malformed escape
      '//etc/passwd',
    ]) {
      const res = await request('GET', p);
      expect(res.status, p).toBe(200);
      expect(res.body, p).toBe(INDEX_HTML);
    }
  });

  it('refuses other methods on pages with 405', async () => {
    expect((await request('DELETE', '/index.html')).status).toBe(405);
  });

  it('records a scan over HTTP: the row and its outbox event are in the database', async () => {
    const res = await api('recordScan', { code: 'rb123456785gb\r', source: 'scanner' });
    expect(res.status).toBe(200);
    const envelope = JSON.parse(res.body);
    expect(envelope).toMatchObject({
      ok: true,
      value: { outcome: 'parcel', code: 'RB123456785GB', parcel: { id: 'P1' } },
    });
    const row = core.db
      .prepare('SELECT code, outcome, parcel_id, source FROM scans WHERE id = ?')
      .get(envelope.value.scanId);
    expect(row).toEqual({ code: 'RB123456785GB', outcome: 'parcel', parcel_id: 'P1', source: 'scanner' });
    const queue = JSON.parse((await api('listQueue', { statuses: ['pending'], limit: 10, offset: 0 })).body);
    expect(queue).toMatchObject({
      ok: true,
      value: { total: 1, events: [{ id: envelope.value.outboxEventId, destination: 'royalmail' }] },
    });
    // The filter buttons' counts come in the same answer, one per status.
    expect(queue.value.counts).toEqual({ pending: 1, in_flight: 0, delivered: 0, dead: 0, discarded: 0 });

    const bad = JSON.parse((await api('recordScan', { code: '退货', source: 'keyboard' })).body);
    expect(bad).toEqual({ ok: false, error: { code: 'SCAN_NOT_ASCII', params: { character: '退' } } });
    expect(countRows(core.db, 'scans')).toBe(1);
  });
});
