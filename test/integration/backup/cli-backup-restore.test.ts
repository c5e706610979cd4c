import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../../src/main/backup/backup-files';
import { REPO_ROOT, runChild, startChild, type Child } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';
import { liveFile, recordScans, scanCodes, stationWithScans } from './station-db';

const dirs = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
  dirs.cleanup();
});

const BIN = path.join(REPO_ROOT, 'bin', 'lastmile.js');
const lastmile = (...args: string[]) => runChild(process.execPath, [BIN, ...args], { cwd: dirs.make() });

async function station(scans: number): Promise<string> {
  const dataDir = dirs.make('lastmile-cli-');
  const { core } = stationWithScans(dataDir, scans);
  await core.close();
  return dataDir;
}

describe('lastmile backup / restore', () => {
  it('backup writes a dated backup into DIR/backups, or to --out; restore puts it back and keeps the replaced file', async () => {
    const dataDir = await station(3);
    const dated = await lastmile('backup', '--data', dataDir);
    expect(dated.code, dated.stderr).toBe(0);
    const [name] = fs.readdirSync(path.join(dataDir, BACKUP_DIR));
    expect(name).toMatch(/^lastmile-\d{8}-\d{6}-\d{3}\.manual\.sqlite$/);
    expect(dated.stdout).toContain(path.join(dataDir, BACKUP_DIR, name!));

    const out = path.join(dirs.make(), 'yesterday.sqlite');
    expect((await lastmile('backup', '--data', dataDir, '--out', out)).code).toBe(0);

    const { core } = stationWithScans(dataDir, 0);
    recordScans(core, 2, 'VN');
    await core.close();
    expect(scanCodes(liveFile(dataDir))).toHaveLength(5);

    const restored = await lastmile('restore', '--data', dataDir, '--from', out);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored .*yesterday\.sqlite \(schema \d+, 3 scans\)/);
    expect(restored.stdout).toMatch(/kept as .*lastmile\.replaced-.*\.sqlite/);
    expect(scanCodes(liveFile(dataDir))).toHaveLength(3);
    const replaced = fs.readdirSync(dataDir).find((f) => f.startsWith('lastmile.replaced-'))!;
    expect(scanCodes(path.join(dataDir, replaced))).toHaveLength(5);
  });

  it('restore exits 3 while a station uses the folder, and changes nothing', async () => {
    const dataDir = await station(2);
    const out = path.join(dirs.make(), 'b.sqlite');
    expect((await lastmile('backup', '--data', dataDir, '--out', out)).code).toBe(0);
    const holder = startChild(process.execPath, [
      '--import',
      'tsx',
      path.join(__dirname, '..', 'fixtures', 'hold-data-dir-lock.ts'),
      dataDir,
    ]);
    children.push(holder);
    await holder.waitForLine(/^holding$/);
    const before = fs.readFileSync(liveFile(dataDir));
    const r = await lastmile('restore', '--data', dataDir, '--from', out);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lastmile: a LastMile station is using .*close the app/);
    expect(fs.readFileSync(liveFile(dataDir)).equals(before)).toBe(true);
  });

  it('restore exits 4 for a file that is not a LastMile backup; bad usage exits 2', async () => {
    const dataDir = await station(1);
    const notes = path.join(dirs.make(), 'notes.txt');
    fs.writeFileSync(notes, 'not a database');
    const r = await lastmile('restore', '--data', dataDir, '--from', notes);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/cannot be restored: it is not a database file .*nothing was changed/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await lastmile('restore', '--data', dataDir)).code).toBe(2);
    expect((await lastmile('backup')).code).toBe(2);
  });

  it('backup exits 4 without a database, 2 when --out exists', async () => {
    const empty = dirs.make();
    const r = await lastmile('backup', '--data', empty);
    expect(r.code).toBe(4);
    expect(fs.readdirSync(empty)).toEqual([]);
    const dataDir = await station(1);
    const out = path.join(dirs.make(), 'taken.sqlite');
    fs.writeFileSync(out, 'mine');
    const again = await lastmile('backup', '--data', dataDir, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
    expect(fs.readFileSync(out, 'utf8')).toBe('mine');
  });
});
