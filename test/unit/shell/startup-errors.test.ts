import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { startDesktopApp } from '../../../src/main/shell/desktop-app';
import { STARTUP_ERROR_TITLE, startupErrorMessage } from '../../../src/main/shell/startup-dialog';
import { SOURCE_HOST_ENTRY } from '../../../src/main/core-host/node-host-spawner';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { recordingLogger } from '../../helpers/core-factory';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

let root: string;

beforeEach(() => {
  fake.reset();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-startup-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function startWith(userData: string, electronVersion?: string): Promise<void> {
  fake.paths.userData = userData;
  fake.appPath = root;
  const desktop = startDesktopApp({
    mainDir: path.join(root, 'out', 'main'),
    env: {},
    logger: silentLogger,
    electronVersion,
  });
  fake.becomeReady();
  await desktop.ready;
  expect(desktop.core()).toBeNull();
}

function expectStoppedWithDialog(pattern: RegExp): void {
  expect(fake.errorBoxes).toHaveLength(1);
  expect(fake.errorBoxes[0]!.title).toBe(STARTUP_ERROR_TITLE);
  expect(fake.errorBoxes[0]!.content).toMatch(pattern);
  expect(fake.errorBoxes[0]!.content).not.toMatch(/\n\s+at /); // no stack trace
  expect(fake.exits).toEqual([1]);
  expect(fake.ipcHandlers.size).toBe(0);
  expect(fake.windows).toHaveLength(0);
}

describe('start-up failures end in a dialog, not a crash', () => {
  it('a database file that is not SQLite: the recovery screen says so, Quit leaves the file untouched', async () => {
    const userData = path.join(root, 'userData');
    fs.mkdirSync(userData);
    const file = path.join(userData, DATABASE_FILE);
    const garbage = Buffer.from('this is a spreadsheet, not a database\n'.repeat(50));
    fs.writeFileSync(file, garbage);
    fake.messageBoxAnswers.push(2); // Quit

    await startWith(userData);

    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.messageBoxes[0]!.message).toMatch(/is not a database file/);
    expect(fake.messageBoxes[0]!.detail).toContain(file);
    expect(fake.messageBoxes[0]!.detail).toMatch(/Nothing has been deleted/);
    expect(fake.messageBoxes[0]!.buttons).toEqual([
      'Restore the latest backup',
      'Open the data folder',
      'Quit',
    ]);
    expect(fake.exits).toEqual([1]);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    expect(fs.readdirSync(userData)).toEqual([DATABASE_FILE]);
  });

  it('a data folder that cannot be used: names it and says what to do', async () => {
    const userData = path.join(root, 'not-a-folder');
    fs.writeFileSync(userData, 'a file where the folder should be');

    await startWith(userData);

    expectStoppedWithDialog(/^Cannot use the data directory .*not-a-folder.*make that folder writable/);
  });

  it('inside Electron without the Electron build of better-sqlite3: says how to get it', async () => {
    await startWith(path.join(root, 'userData'), '43.8.12');

    expectStoppedWithDialog(/better-sqlite3 is missing.*scripts\/electron-native\.mjs/);
    expect(fs.existsSync(path.join(root, 'userData', DATABASE_FILE))).toBe(false);
  });
});

describe('a stored sync configuration that cannot be used', () => {
  it('turns sync off with a warning instead of stopping the app: the window opens and scanning works', async () => {
    const userData = path.join(root, 'userData');
    const seeded = createCore({ dataDir: userData, logger: silentLogger });
    // Passes the old schema, but the engine refuses a request timeout as long as its lease.
    await seeded.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [
        {
          name: 'hub',
          kind: 'test-carrier',
          baseUrl: 'http://127.0.0.1:9',
          credentials: { clientId: 'a', clientSecret: 'b' },
          limits: { requestTimeoutMs: 60_000 },
        },
      ],
      feeds: {},
    });
    await seeded.close();
    const logger = recordingLogger();
    fake.paths.userData = userData;
    fake.appPath = root;
    const desktop = startDesktopApp({
      mainDir: path.join(root, 'out', 'main'),
      env: {},
      logger,
      coreHostEntry: SOURCE_HOST_ENTRY,
    });
    fake.becomeReady();
    await desktop.ready;
    try {
      expect(fake.errorBoxes).toEqual([]);
      expect(fake.windows).toHaveLength(1);
      const core = desktop.core();
      expect(core).not.toBeNull();
      // The core process logs through the main process, before it says it is ready.
      expect(logger.lines).toContainEqual({
        level: 'warn',
        message: expect.stringMatching(/^sync is off: .*requestTimeoutMs 60000 must be below 60000/),
      });
      const overview = await core!.dispatch('getSyncOverview', {});
      expect(overview.ok && (overview.value as { configError: string | null }).configError).toMatch(
        /requestTimeoutMs 60000 must be below 60000/,
      );
      expect((await core!.dispatch('recordScan', { code: 'DESKTOP-1', source: 'scanner' })).ok).toBe(true);
    } finally {
      await desktop.core()?.stop();
      await fake.endUtilityProcesses();
    }
  });
});

describe('start-up error messages', () => {
  it('explain a driver built for another Electron instead of echoing the loader error', () => {
    const loaderError = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using\n" +
        'NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 148.',
    );
    expect(startupErrorMessage(loaderError)).toMatch(
      /built for another Electron.*electron-native\.mjs --force/,
    );
  });

  it('hide the text and stack of an unexpected error', () => {
    const message = startupErrorMessage(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(message).not.toContain('Cannot read');
    expect(message).toMatch(/unexpected error/);
  });
});
