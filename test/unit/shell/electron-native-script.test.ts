import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '..', '..', '..');
const script = path.join(repo, 'scripts', 'electron-native.mjs');
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const electronAbi = fs
  .readFileSync(path.join(repo, 'node_modules', 'electron', 'abi_version'), 'utf8')
  .trim();
const FAKE_BINARY = 'pretend Electron-ABI better_sqlite3.node';

let root: string;
let tarball: Buffer;
let server: http.Server;
let mirror: string;
let requests: string[];
let serveTarball: boolean;

beforeAll(async () => {
  // A prebuild archive as better-sqlite3 publishes it: build/Release/better_sqlite3.node inside a .tar.gz.
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-prebuild-'));
  fs.mkdirSync(path.join(src, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(src, 'build', 'Release', 'better_sqlite3.node'), FAKE_BINARY);
  execFileSync('tar', ['-czf', path.join(src, 'prebuild.tar.gz'), '-C', src, 'build']);
  tarball = fs.readFileSync(path.join(src, 'prebuild.tar.gz'));
  fs.rmSync(src, { recursive: true, force: true });

  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (serveTarball) res.writeHead(200, { 'content-type': 'application/gzip' }).end(tarball);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-native-script-'));
  requests = [];
  serveTarball = true;
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

let runs = 0;
function run(outDir: string, ...extra: string[]): Promise<{ code: number; output: string }> {
  runs += 1;
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  env.npm_config_better_sqlite3_binary_host = mirror;
  // A fresh download cache per run: prebuild-install would otherwise reuse an earlier download.
  env.npm_config_cache = path.join(root, `npm-cache-${runs}`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, '--out', outDir, ...extra],
      { env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ code, output: stdout + stderr });
      },
    );
  });
}

describe('scripts/electron-native.mjs', () => {
  it('fetches the Electron prebuild for the installed Electron into the out folder, once', async () => {
    const out = path.join(root, 'native');
    const first = await run(out);
    expect(first.code, first.output).toBe(0);
    expect(fs.readFileSync(path.join(out, 'better_sqlite3.node'), 'utf8')).toBe(FAKE_BINARY);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain(`-electron-v${electronAbi}-${process.platform}`);
    expect(requests[0]).toMatch(new RegExp(`-${process.arch}\\.tar\\.gz$`));
    expect(JSON.parse(fs.readFileSync(path.join(out, 'better_sqlite3.json'), 'utf8'))).toMatchObject({
      electron: electronVersion,
    });
    // Only the binary and its marker: no scratch folder left behind.
    expect(fs.readdirSync(out).sort()).toEqual(['better_sqlite3.json', 'better_sqlite3.node']);

    const second = await run(out);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/is in place/);
    expect(requests).toHaveLength(1);
  });

  it('offline with a copy in place: keeps it, says so, exits 0', async () => {
    const out = path.join(root, 'native');
    expect((await run(out)).code).toBe(0);
    serveTarball = false;
    const again = await run(out, '--force');
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/could not fetch .*\n.*keeping the existing/);
    expect(fs.readFileSync(path.join(out, 'better_sqlite3.node'), 'utf8')).toBe(FAKE_BINARY);
  });

  it('offline with no copy: explains what to do and exits 1, leaving nothing half-written', async () => {
    serveTarball = false;
    const out = path.join(root, 'native');
    const result = await run(out);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/could not fetch better-sqlite3 .* for Electron/);
    expect(result.output).toContain(path.join(out, 'better_sqlite3.node'));
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('never touches the Node build in node_modules', async () => {
    const nodeBuild = path.join(
      repo,
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const before = fs.statSync(nodeBuild).mtimeMs;
    expect((await run(path.join(root, 'native'))).code).toBe(0);
    expect(fs.statSync(nodeBuild).mtimeMs).toBe(before);
  });
});
