// Finding a program on PATH and installing Debian packages with apt-get — only as root on Debian or
// Ubuntu. Shared by the set-up steps `npm test` runs before the tests (a browser, the PDF tools).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** Debian or Ubuntu, as root, with apt-get: the only case where we install anything ourselves. */
export function canInstallWithApt(env = process.env) {
  return (
    fs.existsSync('/etc/debian_version') &&
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    onPath('apt-get', env) !== null
  );
}

export function aptInstall(packages, log) {
  log(`installing ${packages.join(' ')} with apt-get (once per machine)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}
