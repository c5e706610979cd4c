#!/usr/bin/env node
// Puts an Electron-ABI build of better-sqlite3 at out/native/electron/better_sqlite3.node, for `npm start`.
//
// node_modules keeps the Node-ABI build that the tests and the station server need; Electron cannot
// load that one (NODE_MODULE_VERSION differs). src/main/shell/native-binding.ts hands this second copy
// to better-sqlite3 (its `nativeBinding` option) when running inside an unpackaged Electron.
//
// The prebuilt binary comes from better-sqlite3's GitHub releases through prebuild-install (already
// installed as better-sqlite3's own installer), once per better-sqlite3/Electron version pair; a
// marker file beside it records which pair it was built for. Offline, an existing copy is kept
// (exit 0); with no copy at all the script explains what to do and exits 1.
// A mirror can be given with npm_config_better_sqlite3_binary_host (prebuild-install's variable).
//
// Usage: node scripts/electron-native.mjs [--out DIR] [--force]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

function parseArgs(argv) {
  const args = { out: path.join(root, 'out', 'native', 'electron'), force: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--force') args.force = true;
    else if (argv[i] === '--out' && argv[i + 1]) args.out = path.resolve(argv[++i]);
    else
      fail(`unknown argument "${argv[i]}" (usage: node scripts/electron-native.mjs [--out DIR] [--force])`);
  }
  return args;
}

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function runPrebuildInstall(bin, cwd, electronVersion) {
  // npm exports the calling package's metadata and config; prebuild-install would read them as its own.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('npm_package_') && key !== 'npm_config_build_from_source',
    ),
  );
  const argv = [bin, '--runtime', 'electron', '--target', electronVersion];
  argv.push('--arch', process.arch, '--platform', process.platform);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill(), 180_000);
    child.on('error', (err) => resolve({ ok: false, output: String(err) }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let electronVersion;
  let sqlitePackageFile;
  try {
    electronVersion = requireFromRoot('electron/package.json').version;
    sqlitePackageFile = requireFromRoot.resolve('better-sqlite3/package.json');
  } catch {
    fail('electron and better-sqlite3 must be installed first: run `npm install`.');
  }
  const sqlitePackage = readJson(sqlitePackageFile);
  const prebuildInstall = createRequire(sqlitePackageFile).resolve('prebuild-install/bin.js');

  const target = path.join(args.out, 'better_sqlite3.node');
  const markerFile = path.join(args.out, 'better_sqlite3.json');
  const wanted = {
    betterSqlite3: sqlitePackage.version,
    electron: electronVersion,
    platform: process.platform,
    arch: process.arch,
  };
  const what = `better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})`;
  const marker = readJson(markerFile);
  const exists = fs.existsSync(target);
  const current = exists && marker !== null && Object.keys(wanted).every((k) => marker[k] === wanted[k]);
  if (current && !args.force) {
    console.log(`electron-native: ${what} is in place: ${path.relative(process.cwd(), target) || target}`);
    return;
  }

  fs.mkdirSync(args.out, { recursive: true });
  // prebuild-install unpacks into the package folder it runs in: give it a scratch copy of
  // better-sqlite3's package.json, so the Node build in node_modules is never overwritten.
  const staging = fs.mkdtempSync(path.join(args.out, '.fetch-'));
  try {
    fs.copyFileSync(sqlitePackageFile, path.join(staging, 'package.json'));
    console.log(`electron-native: fetching ${what}…`);
    const result = await runPrebuildInstall(prebuildInstall, staging, electronVersion);
    const built = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
    if (result.ok && fs.existsSync(built)) {
      fs.copyFileSync(built, `${target}.tmp`);
      fs.renameSync(`${target}.tmp`, target);
      fs.writeFileSync(markerFile, JSON.stringify(wanted, null, 2) + '\n');
      console.log(`electron-native: ${what} installed at ${target}`);
      return;
    }
    const reason =
      result.output
        .trim()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(-3)
        .join(' | ') || 'no prebuilt binary was unpacked';
    if (exists) {
      const builtFor = marker
        ? `better-sqlite3 ${marker.betterSqlite3} for Electron ${marker.electron}`
        : 'an unknown version';
      console.warn(
        `electron-native: could not fetch ${what} (${reason}).\n` +
          `electron-native: keeping the existing ${target} (built for ${builtFor}).` +
          (current ? '' : ' If the app then reports NODE_MODULE_VERSION, run this script again when online.'),
      );
      return;
    }
    fail(
      `could not fetch ${what}: ${reason}\n` +
        '  It is downloaded once from the better-sqlite3 releases on GitHub. Either run this again with network\n' +
        '  access, point npm_config_better_sqlite3_binary_host at a mirror, or put an Electron build at\n' +
        `  ${target}\n` +
        '  (Tests and `npm run station` do not need it; only `npm start` does.)',
    );
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  if (!(err instanceof Failure)) throw err;
  console.error(`electron-native: ${err.message}`);
  process.exitCode = 1;
}
