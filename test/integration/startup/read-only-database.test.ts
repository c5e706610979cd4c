import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { REPO_ROOT, startChild, stopChild, type Child } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';
import { giveToUnprivileged, IS_ROOT, unprivileged } from '../../helpers/unprivileged';

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const temps = new TempDirs();
const children: Child[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) await stopChild(c);
  for (const c of cleanups.splice(0).reverse()) c();
  temps.cleanup();
});

const sha256 = (file: string): string =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A station folder with a database in it, closed again. */
async function station(): Promise<{ parent: string; dir: string; file: string }> {
  const parent = temps.make('lastmile-readonly-');
  const dir = path.join(parent, 'station');
  const core = createCore({ dataDir: dir, logger: silentLogger });
  await core.dispatch('recordScan', { code: 'BEFORE-READONLY', source: 'scanner' });
  await core.close();
  return { parent, dir, file: path.join(dir, DATABASE_FILE) };
}

/**
 * Starts `lastmile station` and waits for what comes first: it serves (prints its URL) or it exits.
 * A station that serves on a file it cannot write is the defect: every write would answer DB_READONLY.
 */
async function startStation(dir: string, asUnprivileged: boolean) {
  const args = [BIN, 'station', '--data', dir, '--port', '0'];
  const [command, argv] = asUnprivileged ? unprivileged(process.execPath, args) : [process.execPath, args];
  const child = startChild(command, argv, { cwd: '/' });
  children.push(child);
  const outcome = await Promise.race([
    child.exited.then(({ code }) => ({ served: false, code })),
    child.waitForLine(/^open http/, 240_000).then(
      () => ({ served: true, code: null }),
      () => ({ served: false, code: null }),
    ),
  ]);
  await stopChild(child);
  return { ...outcome, stdout: child.stdout(), stderr: child.stderr() };
}

describe('a database the station may not write is refused at start with the reason', () => {
  it('a 0444 database file in a writable folder: exit 4, one line naming the file, file untouched', async () => {
    const { parent, dir, file } = await station();
    giveToUnprivileged(dir, parent);
    fs.chmodSync(file, 0o444);
    const before = sha256(file);

    const r = await startStation(dir, true);

    expect(r.served).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      `lastmile: cannot write the database file ${file} (read-only file (EACCES)); make it writable for this user, or choose a writable folder with --data\n`,
    );
    expect(sha256(file)).toBe(before);
  }, 300_000);

  it('a -wal file left behind by another user (e.g. a station once run as root): refused, not half-used', async () => {
    const { parent, dir, file } = await station();
    giveToUnprivileged(dir, parent);
    // What a crash leaves next to the database; empty is a valid, empty WAL.
    fs.writeFileSync(`${file}-wal`, '');
    fs.chmodSync(`${file}-wal`, 0o444);
    if (IS_ROOT) fs.chownSync(`${file}-wal`, 0, 0);

    const r = await startStation(dir, true);

    expect(r.served).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      new RegExp(`^lastmile: cannot write the database file ${file}-wal \\(read-only file \\(EACCES\\)\\)`),
    );
  }, 300_000);

  it('an immutable database file (chattr +i, which binds root too; as a normal user: mode 0444)', async () => {
    const { dir, file } = await station();
    if (IS_ROOT) {
      execFileSync('chattr', ['+i', file]);
      cleanups.push(() => execFileSync('chattr', ['-i', file]));
    } else {
      fs.chmodSync(file, 0o444);
    }
    const before = sha256(file);

    const r = await startStation(dir, false);

    expect(r.served).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      new RegExp(
        `^lastmile: cannot write the database file ${file} \\(read-only file \\((EPERM|EACCES)\\)\\)`,
      ),
    );
    expect(sha256(file)).toBe(before);
  }, 300_000);

  it('a folder mounted read-only (as root: a tmpfs remounted ro; as a normal user: a 0555 folder)', async () => {
    const { parent, dir } = await station();
    let target = dir;
    if (IS_ROOT) {
      // The same database, on a mount that is then made read-only.
      target = path.join(parent, 'mounted');
      fs.mkdirSync(target);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', target]);
      cleanups.push(() => execFileSync('umount', [target]));
      fs.copyFileSync(path.join(dir, DATABASE_FILE), path.join(target, DATABASE_FILE));
      execFileSync('mount', ['-o', 'remount,ro', target]);
    } else {
      fs.chmodSync(dir, 0o555);
      cleanups.push(() => fs.chmodSync(dir, 0o755));
    }

    const r = await startStation(target, false);

    expect(r.served).toBe(false);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      new RegExp(`^lastmile: cannot use the data directory ${target} \\((EROFS|EACCES)\\)`),
    );
  }, 300_000);
});
