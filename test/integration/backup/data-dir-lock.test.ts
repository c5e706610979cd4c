import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataDirInUseError,
  holdSharedDataDirLock,
  takeExclusiveDataDirLock,
} from '../../../src/main/db/data-dir-lock';
import { startChild, type Child } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const children: Child[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
  dirs.cleanup();
});

function holder(dataDir: string): Child {
  const child = startChild(process.execPath, [
    '--import',
    'tsx',
    path.join(__dirname, '..', 'fixtures', 'hold-data-dir-lock.ts'),
    dataDir,
  ]);
  children.push(child);
  return child;
}

describe('the data-folder lock', () => {
  it('lets several stations share a folder (the app and a scheduled sync) and a restore wait for all of them', async () => {
    const dataDir = dirs.make();
    const a = holder(dataDir);
    const b = holder(dataDir);
    await a.waitForLine(/^holding$/);
    await b.waitForLine(/^holding$/);
    expect(() => takeExclusiveDataDirLock(dataDir)).toThrow(DataDirInUseError);
    a.proc.kill('SIGKILL');
    await a.exited;
    expect(() => takeExclusiveDataDirLock(dataDir)).toThrow(DataDirInUseError);
    b.proc.kill('SIGKILL');
    await b.exited;
    takeExclusiveDataDirLock(dataDir).release();
  });

  it('makes a station start wait for a restore, and say why if it takes too long', () => {
    const dataDir = dirs.make();
    const restore = takeExclusiveDataDirLock(dataDir);
    let error: unknown = null;
    try {
      holdSharedDataDirLock(dataDir, { waitMs: 200 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).heldBy).toBe('restore');
    expect((error as Error).message).toMatch(/a restore is replacing the database/);
    restore.release();
    holdSharedDataDirLock(dataDir).release();
  });
});
