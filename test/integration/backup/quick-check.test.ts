import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quickCheckDatabase } from '../../../src/main/db/quick-check';
import { TempDirs } from '../../helpers/temp-dir';
import { corruptPages, liveFile, stationWithScans } from './station-db';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('the start-up database check', () => {
  it('passes a sound station database, and a missing or empty one (a new station)', async () => {
    const dataDir = dirs.make();
    const { core } = stationWithScans(dataDir, 20);
    await core.close();
    expect(quickCheckDatabase(liveFile(dataDir))).toEqual({ ok: true, state: 'fine' });
    expect(quickCheckDatabase(path.join(dataDir, 'none.sqlite'))).toEqual({ ok: true, state: 'new' });
    fs.writeFileSync(path.join(dataDir, 'empty.sqlite'), '');
    expect(quickCheckDatabase(path.join(dataDir, 'empty.sqlite'))).toEqual({ ok: true, state: 'new' });
  });

  it('fails a file that is not SQLite, and one whose pages are damaged, without writing to either', async () => {
    const dataDir = dirs.make();
    const garbage = path.join(dataDir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'Name,Tracking\nA,TH123\n'.repeat(100));
    expect(quickCheckDatabase(garbage)).toMatchObject({ ok: false, reason: 'not_sqlite' });

    const { core } = stationWithScans(dataDir, 300);
    await core.close();
    corruptPages(liveFile(dataDir));
    const before = fs.readFileSync(liveFile(dataDir));
    const result = quickCheckDatabase(liveFile(dataDir));
    expect(result).toMatchObject({ ok: false, reason: 'damaged' });
    expect((result as { details: string[] }).details.length).toBeGreaterThan(0);
    expect(fs.readFileSync(liveFile(dataDir)).equals(before)).toBe(true);
  });

  it('leaves folder problems to the opener (it names the folder), instead of calling the database damaged', () => {
    const dataDir = dirs.make();
    fs.writeFileSync(path.join(dataDir, 'file'), 'x');
    expect(quickCheckDatabase(path.join(dataDir, 'file', 'lastmile.sqlite'))).toMatchObject({
      ok: true,
      state: 'unchecked',
    });
    fs.mkdirSync(path.join(dataDir, 'dir.sqlite'));
    expect(quickCheckDatabase(path.join(dataDir, 'dir.sqlite'))).toMatchObject({
      ok: true,
      state: 'unchecked',
    });
  });
});
