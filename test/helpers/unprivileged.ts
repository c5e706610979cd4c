import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** root ignores file modes: tests of "may not write" run their child as `nobody` when we are root. */
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

const NOBODY = { uid: 65534, gid: 65534 };

/** The command prefix that runs a child without root's rights (none when we are not root). */
export function unprivileged(command: string, args: string[]): [string, string[]] {
  if (!IS_ROOT) return [command, args];
  return [
    'setpriv',
    [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', '--', command, ...args],
  ];
}

/**
 * Hands a folder (and what is in it) to the user `unprivileged` runs as, and lets that user reach
 * it through its parent (mkdtemp makes folders only their owner may enter).
 */
export function giveToUnprivileged(dir: string, parent: string): void {
  fs.chmodSync(parent, 0o755);
  if (IS_ROOT) execFileSync('chown', ['-R', `${NOBODY.uid}:${NOBODY.gid}`, dir]);
}
