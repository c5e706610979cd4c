import { listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runChild } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, as in a downloaded binary: '1' on, '0' off, one byte per fuse. */
const DEFAULT_WIRE = '10110001';
const ELECTRON_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * No Electron zip can be downloaded here, so electron-builder gets a stand-in unpacked Electron:
 * the files of a linux-x64 distribution, with an "electron" binary that carries a real fuse wire
 * (the sentinel, version 1, eight fuses at Electron's defaults) for @electron/fuses to flip.
 */
function standInElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('\x7fELF stand-in for the Electron binary\n', 'latin1'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'latin1'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), ELECTRON_VERSION);
  for (const f of [
    'LICENSE',
    'LICENSES.chromium.html',
    'resources.pak',
    'chrome-sandbox',
    'icudtl.dat',
    'locales/en-US.pak',
  ]) {
    fs.writeFileSync(path.join(dir, f), 'stand-in');
  }
}

let app: string;
let output: string;

beforeAll(async () => {
  const dist = dirs.make('lastmile-electron-dist-');
  standInElectron(dist);
  const out = dirs.make('lastmile-release-');
  // electron-builder stays silent under VITEST; its own log lines are part of what is checked.
  const env = { ...process.env };
  delete env.VITEST;
  const r = await runChild(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'scripts', 'package-dir.ts'),
      '--electron-dist',
      dist,
      '--out',
      out,
      '--skip-build',
    ],
    { env },
  );
  output = r.stdout + r.stderr;
  if (r.code !== 0) throw new Error(`package:dir failed (${r.code}):\n${output}`);
  app = path.join(out, 'linux-unpacked');
}, 600_000);
afterAll(() => dirs.cleanup());

describe('npm run package:dir (offline, against an unpacked Electron)', () => {
  it('uses the custom unpacked Electron distribution and names the executable', () => {
    expect(output).toMatch(/using custom unpacked Electron distribution/);
    const exe = fs.statSync(path.join(app, 'lastmile-desk'));
    expect(exe.mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(app, 'electron'))).toBe(false);
  });

  it('packs the built app into app.asar: main, the core host, preload, renderer, icon; not the dev-only driver nor dev tools', () => {
    const asar = path.join(app, 'resources', 'app.asar');
    const files = listPackage(asar, { isPack: false });
    for (const f of [
      '/out/main/index.js',
      '/out/main/core-host.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/package.json',
      '/resources/icon.png',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/out/native'))).toBe(false);
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    for (const runtime of ['better-sqlite3', 'zod', 'electron-updater', 'electron-log'])
      expect(modules, runtime).toContain(runtime);
    for (const dev of ['electron', 'electron-builder', 'vitest', 'react', 'tsx', 'esbuild', '@esbuild']) {
      expect(modules.has(dev), dev).toBe(false);
    }
  });

  it('unpacks better_sqlite3.node next to the asar (native code cannot load from inside it)', () => {
    const rel = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    const unpacked = path.join(app, 'resources', 'app.asar.unpacked', rel);
    expect(fs.statSync(unpacked).size).toBeGreaterThan(100_000);
    expect(fs.readFileSync(unpacked).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(statFile(path.join(app, 'resources', 'app.asar'), rel)).toMatchObject({ unpacked: true });
  });

  it('flips the fuses in the executable: no RunAsNode, no NODE_OPTIONS or --inspect, cookies encrypted, asar only and checked', async () => {
    const wire = await getCurrentFuseWire(path.join(app, 'lastmile-desk'));
    const on = (fuse: FuseV1Options): boolean => wire[fuse] === '1'.charCodeAt(0);
    expect(on(FuseV1Options.RunAsNode)).toBe(false);
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
  });

  it('writes app-update.yml for electron-updater, and leaves no default Electron app', () => {
    const yml = fs.readFileSync(path.join(app, 'resources', 'app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: generic$/m);
    expect(yml).toMatch(/^updaterCacheDirName: lastmile-desk-updater$/m);
    expect(fs.existsSync(path.join(app, 'resources', 'default_app.asar'))).toBe(false);
  });
});
