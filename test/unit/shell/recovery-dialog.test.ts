import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackup } from '../../../src/main/backup/backup';
import { BACKUP_DIR } from '../../../src/main/backup/backup-files';
import { ManualClock } from '../../../src/main/clock';
import { SOURCE_HOST_ENTRY } from '../../../src/main/core-host/node-host-spawner';
import { silentLogger } from '../../../src/main/logger';
import { startDesktopApp } from '../../../src/main/shell/desktop-app';
import { ensureHealthyDatabase, RECOVERY_BUTTONS } from '../../../src/main/shell/recovery-dialog';
import { ipcChannel } from '../../../src/shared/channels';
import { TEST_EPOCH } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import {
  corruptPages,
  liveFile,
  recordScans,
  scanCodes,
  stationWithScans,
} from '../../integration/backup/station-db';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

const dirs = new TempDirs();
beforeEach(() => fake.reset());
afterEach(async () => {
  await fake.endUtilityProcesses();
  dirs.cleanup();
});

const RESTORE = 0;
const OPEN_FOLDER = 1;
const QUIT = 2;

/** A station that took a backup after 4 scans, scanned 3 more, closed, and then its disk damaged the file. */
async function damagedStationWithBackup(): Promise<string> {
  const dataDir = dirs.make('lastmile-recovery-');
  const { core, clock } = stationWithScans(dataDir, 4);
  await createBackup(core.db, { dataDir, kind: 'daily', clock });
  recordScans(core, 300, 'VN');
  await core.close();
  corruptPages(liveFile(dataDir));
  return dataDir;
}

function context(dataDir: string) {
  return {
    dataDir,
    clock: new ManualClock(TEST_EPOCH + 86_400_000),
    logger: silentLogger,
    dialog: fake.module.dialog,
    shell: fake.module.shell,
  };
}

describe('the recovery screen', () => {
  it('does not appear for a sound database', async () => {
    const dataDir = dirs.make();
    const { core } = stationWithScans(dataDir, 1);
    await core.close();
    expect(await ensureHealthyDatabase(context(dataDir))).toBe('ok');
    expect(fake.messageBoxes).toEqual([]);
  });

  it('offers restore / open folder / quit; "open the data folder" opens it and asks again', async () => {
    const dataDir = await damagedStationWithBackup();
    fake.messageBoxAnswers.push(OPEN_FOLDER, QUIT);
    expect(await ensureHealthyDatabase(context(dataDir))).toBe('quit');
    expect(fake.openedPaths).toEqual([dataDir]);
    expect(fake.messageBoxes).toHaveLength(2);
    expect(fake.messageBoxes[0]).toMatchObject({
      type: 'error',
      message: 'The station database is damaged.',
    });
    expect(fake.messageBoxes[0]!.buttons).toEqual([...RECOVERY_BUTTONS]);
  });

  it('"restore the latest backup" restores it, keeps the damaged file, and lets the app start', async () => {
    const dataDir = await damagedStationWithBackup();
    const damaged = fs.readFileSync(liveFile(dataDir));
    fake.messageBoxAnswers.push(RESTORE, 0);
    expect(await ensureHealthyDatabase(context(dataDir))).toBe('ok');
    expect(fake.messageBoxes[1]).toMatchObject({
      type: 'info',
      message: expect.stringMatching(/^Restored the backup of /),
    });
    expect(scanCodes(liveFile(dataDir))).toHaveLength(4);
    const kept = fs.readdirSync(dataDir).filter((f) => f.startsWith('lastmile.replaced-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dataDir, kept[0]!)).equals(damaged)).toBe(true);
  });

  it('with no usable backup says so and asks again, skipping a damaged backup', async () => {
    const dataDir = await damagedStationWithBackup();
    const backups = path.join(dataDir, BACKUP_DIR);
    for (const f of fs.readdirSync(backups)) corruptPages(path.join(backups, f));
    fake.messageBoxAnswers.push(RESTORE, 0, QUIT);
    expect(await ensureHealthyDatabase(context(dataDir))).toBe('quit');
    expect(fake.messageBoxes.map((b) => b.message)).toEqual([
      'The station database is damaged.',
      'There is no usable backup in the data folder.',
      'The station database is damaged.',
    ]);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('lastmile.replaced-'))).toEqual([]);
  });

  it('in the desktop app: a corrupt database at start, restored from the screen, then the app runs on it', async () => {
    const dataDir = await damagedStationWithBackup();
    fake.paths.userData = dataDir;
    fake.messageBoxAnswers.push(RESTORE, 0);
    const desktop = startDesktopApp({
      mainDir: '/app/out/main',
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
      logger: silentLogger,
      coreHostEntry: SOURCE_HOST_ENTRY,
    });
    fake.becomeReady();
    await desktop.ready;
    try {
      expect(desktop.core()).not.toBeNull();
      expect(fake.windows).toHaveLength(1);
      const recent = (await fake.invoke(ipcChannel('recentScans'), 'http://localhost:5173/', {
        limit: 10,
      })) as {
        value: { code: string }[];
      };
      expect(recent.value).toHaveLength(4);
    } finally {
      await desktop.core()?.stop();
    }
  });
});
