// `npm run package:dir`: the unpacked Linux app (release/linux-unpacked) built offline against an
// unpacked Electron folder, with electron-builder.yml's fuses, asar and asarUnpack.
//
//   npm run package:dir -- [--electron-dist DIR] [--out DIR] [--skip-build]
//
// DIR defaults to $ELECTRON_DIST, then node_modules/electron/dist (present once Electron's binary
// has been downloaded). No network is used: better-sqlite3 is not rebuilt here (npmRebuild off),
// so the folder carries the Node-ABI driver — see docs/PACKAGING.md for the release build.
// --skip-build reuses out/ when it is current (building it, under the station's build lock, when not).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureRendererBuilt, rebuildApp } from '../src/main/station/renderer-build';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
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
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .map((d) => path.resolve(d))
    .find((d) => fs.existsSync(d));
  if (!electronDist) {
    console.error(
      'package:dir needs an unpacked Electron folder: pass --electron-dist DIR or set ELECTRON_DIST ' +
        '(the Electron zip for linux-x64, unpacked), or let the electron package download its binary.',
    );
    return 2;
  }

  const log = (line: string): void => console.log(line);
  // The main bundle, the core host's (a second main entry) and the preload: all there, or build.
  const hasMainAndPreload = ['main/index.js', 'main/core-host.js', 'preload/index.js'].every((f) =>
    fs.existsSync(path.join(root, 'out', f)),
  );
  if (values['skip-build'] && hasMainAndPreload) await ensureRendererBuilt(root, log);
  else await rebuildApp(root, log);

  const args = [
    path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--linux',
    'dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    '-c.npmRebuild=false',
  ];
  if (values.out) args.push(`-c.directories.output=${path.resolve(values.out)}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
