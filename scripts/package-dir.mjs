#!/usr/bin/env node
// `npm run package:dir`: the unpacked Linux app (release/linux-unpacked) built offline against an
// unpacked Electron folder, with electron-builder.yml's fuses, asar and asarUnpack.
//
//   node scripts/package-dir.mjs [--electron-dist DIR] [--out DIR] [--skip-build]
//
// DIR defaults to $ELECTRON_DIST, then node_modules/electron/dist (present once Electron's binary
// has been downloaded). No network is used: better-sqlite3 is not rebuilt here (npmRebuild off),
// so the folder carries the Node-ABI driver — see docs/PACKAGING.md for the release build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'electron-dist': { type: 'string' },
    out: { type: 'string' },
    'skip-build': { type: 'boolean' },
  },
});

const candidates = [
  values['electron-dist'],
  process.env.ELECTRON_DIST,
  path.join(root, 'node_modules', 'electron', 'dist'),
];
const electronDist = candidates
  .filter(Boolean)
  .map((d) => path.resolve(d))
  .find((d) => fs.existsSync(d));
if (!electronDist) {
  console.error(
    'package:dir needs an unpacked Electron folder: pass --electron-dist DIR or set ELECTRON_DIST ' +
      '(the Electron zip for linux-x64, unpacked), or let the electron package download its binary.',
  );
  process.exit(2);
}

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const built = ['main', 'preload', 'renderer'].every((d) => fs.existsSync(path.join(root, 'out', d)));
if (!values['skip-build'] || !built)
  run(process.execPath, [
    path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
  ]);

const builderArgs = [
  path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
  '--linux',
  'dir',
  '--x64',
  '--publish',
  'never',
  `-c.electronDist=${electronDist}`,
  '-c.npmRebuild=false',
];
if (values.out) builderArgs.push(`-c.directories.output=${path.resolve(values.out)}`);
run(process.execPath, builderArgs);
