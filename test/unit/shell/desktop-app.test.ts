import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { SOURCE_HOST_ENTRY } from '../../../src/main/core-host/node-host-spawner';
import { silentLogger } from '../../../src/main/logger';
import {
  startDesktopApp,
  type DesktopApp,
  type DesktopAppOptions,
} from '../../../src/main/shell/desktop-app';
import { CORE_FAILURE_BUTTONS } from '../../../src/main/shell/core-failure-dialog';
import { CALL_NAMES, ipcChannel } from '../../../src/shared/channels';
import { CORE_STATUS_CHANNEL } from '../../../src/shared/core-status';
import { DataDirInUseError, takeExclusiveDataDirLock } from '../../../src/main/db/data-dir-lock';
import { createBackup } from '../../../src/main/backup/backup';
import { recordScans, stationWithScans } from '../../integration/backup/station-db';
import { fake, fakeEvent } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

const DEV_URL = 'http://localhost:5173/';
const MAIN_DIR = path.join(path.sep, 'app', 'out', 'main');
let dataDir: string;
let desktop: DesktopApp | null;

beforeEach(() => {
  fake.reset();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-desktop-'));
  fake.paths.userData = dataDir;
  desktop = null;
});

afterEach(async () => {
  await desktop?.core()?.stop();
  await fake.endUtilityProcesses();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The options every test starts the app with: the core host from the sources, quick restarts. */
function appOptions(extra: Partial<DesktopAppOptions> = {}): DesktopAppOptions {
  return {
    mainDir: MAIN_DIR,
    env: { ELECTRON_RENDERER_URL: DEV_URL },
    logger: silentLogger,
    coreHostEntry: SOURCE_HOST_ENTRY,
    core: { restart: { delaysMs: [50], maxCrashes: 3, windowMs: 60_000 } },
    ...extra,
  };
}

async function start(
  env: NodeJS.ProcessEnv = { ELECTRON_RENDERER_URL: DEV_URL },
  extra: Partial<DesktopAppOptions> = {},
): Promise<DesktopApp> {
  desktop = startDesktopApp(appOptions({ env, ...extra }));
  fake.becomeReady();
  await desktop.ready;
  return desktop;
}

/** What the main process pushed to the page about the core process. */
function coreStatusesSent(): unknown[] {
  return fake.windows[0]!.webContents.sent.filter((m) => m.channel === CORE_STATUS_CHANNEL).map(
    (m) => m.args[0],
  );
}

async function quit(): Promise<void> {
  const before = fake.quits;
  fake.appEvents.emit('window-all-closed');
  await vi.waitFor(() => expect(fake.quits).toBe(before + 2), { timeout: 20_000 });
}

function countRows(table: 'scans' | 'outbox_events'): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the Electron main process', () => {
  it('does nothing with Electron-only APIs before ready except registering the app scheme', () => {
    desktop = startDesktopApp(appOptions({ env: {} }));
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.windows).toHaveLength(0);
  });

  it('registers exactly one handler per contract call and no other channel', async () => {
    await start();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    expect(fake.ipcHandlers.size).toBe(CALL_NAMES.length);
    expect(fake.ipcListenChannels).toEqual([]);
  });

  it('opens one hardened window on the dev server with the built preload', async () => {
    await start();
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loadedUrls).toEqual([DEV_URL]);
    expect(win.options).toMatchObject({
      width: 1366,
      height: 768,
      icon: path.join(path.sep, 'app', 'resources', 'icon.png'),
      webPreferences: {
        preload: path.join(path.sep, 'app', 'out', 'preload', 'index.js'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    // Development loads from the dev server: the app:// protocol is not served.
    expect(fake.protocolHandlers.size).toBe(0);
  });

  it('refuses a call from any other origin, and nothing is written', async () => {
    await start();
    const channel = ipcChannel('recordScan');
    const payload = { code: 'TH1234567890', source: 'scanner' };
    for (const sender of [
      'https://evil.example/',
      'http://localhost:5174/',
      'http://localhost:5173.evil.example/',
      'file:///tmp/evil.html',
      'app://lastmile/index.html',
      null,
    ]) {
      const envelope = await fake.invoke(channel, sender, payload);
      expect(envelope, String(sender)).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', params: { call: 'recordScan' } },
      });
    }
    expect(countRows('scans')).toBe(0);
    expect(countRows('outbox_events')).toBe(0);
  });

  it('passes a call from the app page to the real core: the scan and its outbox event are on disk', async () => {
    await start();
    const envelope = (await fake.invoke(ipcChannel('recordScan'), `${DEV_URL}#/scan`, {
      code: 'TH1234567890',
      source: 'scanner',
    })) as { ok: boolean; value: { code: string; outcome: string } };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.code).toBe('TH1234567890');
    expect(countRows('scans')).toBe(1);
    expect(countRows('outbox_events')).toBe(1);

    const recent = (await fake.invoke(ipcChannel('recentScans'), DEV_URL, { limit: 5 })) as {
      ok: boolean;
      value: { code: string }[];
    };
    expect(recent.ok).toBe(true);
    expect(recent.value.map((s) => s.code)).toEqual(['TH1234567890']);
  });

  it('answers an invalid payload with VALIDATION_FAILED and writes nothing', async () => {
    await start();
    const channel = ipcChannel('recordScan');
    for (const payload of [{ code: 42, source: 'scanner' }, { code: 'X1', source: 'telepathy' }, 'junk']) {
      const envelope = (await fake.invoke(channel, DEV_URL, payload)) as {
        ok: boolean;
        error: { code: string };
      };
      expect(envelope.ok, JSON.stringify(payload)).toBe(false);
      expect(envelope.error.code).toBe('VALIDATION_FAILED');
    }
    expect(countRows('scans')).toBe(0);
  });

  it('packaged: serves app://lastmile with a CSP, ignores ELECTRON_RENDERER_URL, trusts only app://lastmile', async () => {
    fake.isPackaged = true;
    await start({ ELECTRON_RENDERER_URL: 'https://evil.example/' });
    expect(fake.windows[0]!.loadedUrls).toEqual(['app://lastmile/index.html']);
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);

    const refused = (await fake.invoke(ipcChannel('getSettings'), 'https://evil.example/', {})) as {
      ok: boolean;
    };
    expect(refused.ok).toBe(false);
    const allowed = (await fake.invoke(ipcChannel('getSettings'), 'app://lastmile/index.html', {})) as {
      ok: boolean;
    };
    expect(allowed.ok).toBe(true);
    expect(fake.windows[0]!.webContents.navigate('https://evil.example/')).toBe(false);
  });

  it('grants the camera (video only) to the app page and refuses every other permission, device, capture, download', async () => {
    await start();
    expect(fake.permissionHandlers).toHaveLength(1);
    const answers: boolean[] = [];
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]): void => {
      fake.permissionHandlers[0]!({}, permission, (granted: boolean) => answers.push(granted), {
        requestingUrl,
        isMainFrame: true,
        mediaTypes,
      });
    };
    ask('media', `${DEV_URL}#/receive`, ['video']);
    ask('media', DEV_URL, ['audio']);
    ask('media', DEV_URL, ['video', 'audio']);
    ask('media', 'https://evil.example/', ['video']);
    ask('geolocation', DEV_URL);
    ask('notifications', DEV_URL);
    expect(answers).toEqual([true, false, false, false, false, false]);

    const check = fake.permissionCheckHandlers[0]!;
    expect(check(null, 'media', 'http://localhost:5173', { mediaType: 'video', isMainFrame: true })).toBe(
      true,
    );
    expect(check(null, 'media', 'http://localhost:5173', { mediaType: 'audio', isMainFrame: true })).toBe(
      false,
    );
    expect(check(null, 'hid', 'http://localhost:5173', { isMainFrame: true })).toBe(true);
    expect(check(null, 'serial', 'http://localhost:5173', { isMainFrame: true })).toBe(false);
    const scale = { deviceId: 'scale-1', collections: [{ usagePage: 0x8d }] };
    const keyboard = { deviceId: 'kbd-1', collections: [{ usagePage: 0x01 }] };
    const device = fake.devicePermissionHandlers[0]!;
    expect(device({ deviceType: 'usb', origin: 'http://localhost:5173', device: scale })).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'http://localhost:5173', device: keyboard })).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'http://localhost:5173', device: scale })).toBe(true);
    // U at the bench: the scale is chosen without a chooser; a foreign page gets nothing.
    const chosen: unknown[] = [];
    const select = (url: string) => {
      const event = fakeEvent();
      fake.sessionEvents.emit(
        'select-hid-device',
        event,
        { deviceList: [keyboard, scale], frame: { url } },
        (id?: string) => chosen.push(id),
      );
      expect(event.defaultPrevented).toBe(true);
    };
    select(`${DEV_URL}#/packing`);
    select('https://evil.example/');
    expect(chosen).toEqual(['scale-1', undefined]);
    const streams: unknown[] = [];
    fake.displayMediaHandlers[0]!({}, (s: unknown) => streams.push(s));
    expect(streams).toEqual([{}]);
    const download = fakeEvent();
    fake.sessionEvents.emit('will-download', download, { getURL: () => 'https://evil.example/x.exe' });
    expect(download.defaultPrevented).toBe(true);
  });

  it('hardens every web contents the app creates, not only the main window', async () => {
    await start();
    const { BrowserWindow } = fake.module;
    const other = new BrowserWindow({});
    expect(other.webContents.navigate('https://evil.example/')).toBe(false);
    expect(other.webContents.attachWebview('https://evil.example/')).toBe(false);
    expect(other.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('after a renderer crash reloads the page, which reads the open work back from the database', async () => {
    const app = await start();
    await fake.invoke(ipcChannel('recordScan'), DEV_URL, { code: 'TH1234567890', source: 'scanner' });
    const win = fake.windows[0]!;
    win.webContents.crash('crashed');
    expect(win.loadedUrls).toEqual([DEV_URL, DEV_URL]);
    // The same core answers the reloaded page: nothing the clerk did is lost.
    expect(app.core()).not.toBeNull();
    const recent = (await fake.invoke(ipcChannel('recentScans'), DEV_URL, { limit: 5 })) as {
      ok: boolean;
      value: { code: string }[];
    };
    expect(recent.value.map((s) => s.code)).toEqual(['TH1234567890']);
  });

  it('holds the data-folder lock while running, so a restore is refused; releases it on quit', async () => {
    await start();
    expect(() => takeExclusiveDataDirLock(dataDir)).toThrow(DataDirInUseError);
    await quit();
    takeExclusiveDataDirLock(dataDir).release();
  });

  it('starts the update service from the administrator’s configuration and asks it before quitting', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'desktop-config.json'),
      JSON.stringify({
        updates: { url: 'https://updates.warehouse.example/lastmile/', channel: 'beta', installAt: '13:00' },
      }),
    );
    const feeds: unknown[] = [];
    const installOnQuit: boolean[] = [];
    desktop = startDesktopApp(
      appOptions({
        createUpdater: (feed) => {
          feeds.push(feed);
          return {
            check: () => Promise.resolve(null),
            download: () => Promise.resolve(),
            installNow: () => {},
            setInstallOnQuit: (v) => installOnQuit.push(v),
          };
        },
      }),
    );
    fake.becomeReady();
    await desktop.ready;
    expect(feeds).toEqual([{ url: 'https://updates.warehouse.example/lastmile/', channel: 'beta' }]);
    expect(desktop.updates()).not.toBeNull();
    await quit();
    // Nothing was downloaded: quitting installs nothing.
    expect(installOnQuit.at(-1)).toBe(false);
  });

  it('leaves updates off without an update URL, and ignores a broken configuration file', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'desktop-config.json'),
      '{ "updates": { "url": "http://plain.example/" } }',
    );
    let asked = 0;
    desktop = startDesktopApp(
      appOptions({
        createUpdater: () => {
          asked += 1;
          return null;
        },
      }),
    );
    fake.becomeReady();
    await desktop.ready;
    expect(desktop.updates()).toBeNull();
    expect(asked).toBe(0);
    expect(desktop.core()).not.toBeNull();
  });

  it('gives the capabilities an OS secret store that refuses carrier secrets on basic_text unless confirmed', async () => {
    fake.storageBackend = 'basic_text';
    const app = await start();
    const cipher = await app.secrets();
    if (process.platform === 'linux') {
      expect(cipher).toMatchObject({ backend: 'basic_text', weak: true });
      await expect(cipher.encrypt('carrier-app-secret')).rejects.toMatchObject({ code: 'SECRET_STORE_WEAK' });
      const sealed = await cipher.encrypt('carrier-app-secret', { adminConfirmedWeakBackend: true });
      expect(await cipher.decrypt(sealed)).toBe('carrier-app-secret');
    } else {
      expect(cipher.weak).toBe(false);
    }
  });

  it('on quit holds the quit until the core process has closed the database, removes the handlers, then quits', async () => {
    const app = await start();
    const core = app.core()!;
    await fake.invoke(ipcChannel('recordScan'), DEV_URL, { code: 'VN123456789', source: 'keyboard' });

    await quit();
    expect(app.core()).toBeNull();
    expect(core.status()).toEqual({ state: 'stopped' });
    // The core process ended by itself after closing the database (no kill: exit code 0).
    const host = fake.utilityProcesses[0]!;
    await host.exited;
    expect(host.child.exitCode).toBe(0);
    expect(fake.ipcHandlers.size).toBe(0);
    // What was scanned is on disk after the close, and the WAL was checkpointed into the file.
    expect(fs.existsSync(path.join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    expect(countRows('scans')).toBe(1);
  });

  it('quits at once when another copy of the app is already running', () => {
    fake.singleInstanceLock = false;
    desktop = startDesktopApp(appOptions({ env: {} }));
    fake.becomeReady();
    expect(fake.quits).toBe(1);
    expect(desktop.core()).toBeNull();
  });

  it('runs the core in a utility process given a MessagePort, never in the main process', async () => {
    const app = await start();
    expect(fake.utilityProcesses).toHaveLength(1);
    const host = fake.utilityProcesses[0]!;
    expect(host.forkedWith).toMatchObject({
      modulePath: SOURCE_HOST_ENTRY,
      options: { serviceName: 'LastMile Desk core', stdio: 'pipe' },
    });
    expect(app.core()!.status()).toMatchObject({ state: 'running', pid: host.pid });
    expect(host.pid).not.toBe(process.pid);
    // The core process holds the data-folder lock on its own as well (createCore takes it).
    const envelope = (await fake.invoke(ipcChannel('getActivity'), DEV_URL, {})) as { ok: boolean };
    expect(envelope).toMatchObject({ ok: true, value: { parcelOpen: false } });
  });

  it('a core process killed with SIGKILL: the page is told, the core restarts, nothing confirmed is lost, the next calls work', async () => {
    const app = await start();
    const scan = (code: string): Promise<unknown> =>
      fake.invoke(ipcChannel('recordScan'), DEV_URL, { code, source: 'scanner' });
    expect(await scan('TH1000000001')).toMatchObject({ ok: true });
    const first = fake.utilityProcesses[0]!;

    process.kill(first.pid!, 'SIGKILL');
    // A call made while the core is down waits for the new one (or answers a coded error): it never hangs.
    const during = (await fake.invoke(ipcChannel('recentScans'), DEV_URL, { limit: 5 })) as {
      ok: boolean;
      value?: { code: string }[];
      error?: { code: string; params: Record<string, unknown> };
    };
    if (during.ok) expect(during.value!.map((s) => s.code)).toEqual(['TH1000000001']);
    else expect(during.error).toMatchObject({ code: 'CORE_RESTARTING' });

    await vi.waitFor(() => expect(app.core()!.status()).toMatchObject({ state: 'running', generation: 2 }), {
      timeout: 20_000,
    });
    expect(fake.utilityProcesses).toHaveLength(2);
    expect(coreStatusesSent()).toEqual([{ state: 'restarting', attempt: 1 }, { state: 'running' }]);
    expect(await scan('TH1000000002')).toMatchObject({ ok: true });
    const recent = (await fake.invoke(ipcChannel('recentScans'), DEV_URL, { limit: 5 })) as {
      value: { code: string }[];
    };
    expect(recent.value.map((s) => s.code)).toEqual(['TH1000000002', 'TH1000000001']);
    expect(countRows('scans')).toBe(2);
  });

  it('a core that keeps crashing stops with the recovery dialog; "start again" brings it back', async () => {
    const app = await start(undefined, {
      core: { restart: { delaysMs: [20], maxCrashes: 1, windowMs: 60_000 } },
    });
    // The dialog's first answer: start the station again.
    fake.messageBoxAnswers.push(0);
    process.kill(fake.utilityProcesses[0]!.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(app.core()!.status()).toMatchObject({ state: 'running', generation: 2 }), {
      timeout: 60_000,
    });
    process.kill(fake.utilityProcesses[1]!.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1), { timeout: 60_000 });
    expect(fake.messageBoxes[0]).toMatchObject({
      type: 'error',
      message: 'The station stopped several times in a row and was not started again.',
      buttons: [...CORE_FAILURE_BUTTONS],
    });
    expect(coreStatusesSent()).toContainEqual({ state: 'stopped' });
    await vi.waitFor(() => expect(app.core()!.status()).toMatchObject({ state: 'running', generation: 3 }), {
      timeout: 60_000,
    });
    const envelope = await fake.invoke(ipcChannel('getSettings'), DEV_URL, {});
    expect(envelope).toMatchObject({ ok: true });
  }, 120_000);

  it('asks the core (getActivity) whether a parcel is open before an update installs on quit', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'desktop-config.json'),
      JSON.stringify({ updates: { url: 'https://updates.warehouse.example/lastmile/' } }),
    );
    const installOnQuit: boolean[] = [];
    const updater = {
      check: () => Promise.resolve({ version: '0.2.0' }),
      download: () => Promise.resolve(),
      installNow: () => {},
      setInstallOnQuit: (v: boolean) => installOnQuit.push(v),
    };
    const app = await start(undefined, { createUpdater: () => updater });
    await app.updates()!.checkNow();
    expect(app.updates()!.status().state).toMatchObject({ phase: 'ready', verified: true });
    // A scan just now: the core says a parcel is open, so quitting installs nothing.
    await fake.invoke(ipcChannel('recordScan'), DEV_URL, { code: 'TH1234567890', source: 'scanner' });
    await quit();
    expect(installOnQuit.at(-1)).toBe(false);
  });

  it('installs a verified update on quit when the core says no parcel is open', async () => {
    fs.writeFileSync(
      path.join(dataDir, 'desktop-config.json'),
      JSON.stringify({ updates: { url: 'https://updates.warehouse.example/lastmile/' } }),
    );
    const installOnQuit: boolean[] = [];
    const app = await start(undefined, {
      createUpdater: () => ({
        check: () => Promise.resolve({ version: '0.2.0' }),
        download: () => Promise.resolve(),
        installNow: () => {},
        setInstallOnQuit: (v: boolean) => installOnQuit.push(v),
      }),
    });
    await app.updates()!.checkNow();
    await quit();
    expect(installOnQuit.at(-1)).toBe(true);
  });

  it('a core that cannot start (a database from a newer app) is explained in a dialog, and the app exits', async () => {
    const raw = new Database(path.join(dataDir, DATABASE_FILE));
    raw.pragma('user_version = 999');
    raw.close();
    desktop = startDesktopApp(appOptions());
    fake.becomeReady();
    await desktop.ready;
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.content).toMatch(
      /^The database was written by a newer LastMile Desk \(schema 999/,
    );
    expect(fake.exits).toEqual([1]);
    expect(fake.windows).toHaveLength(0);
    // Only the start-up error: no crash-loop dialog on top of it.
    expect(fake.messageBoxes).toEqual([]);
    // One attempt: a start-up error is not retried.
    expect(fake.utilityProcesses).toHaveLength(1);
  });

  it('from the crash-loop dialog, "restore the latest backup" puts it back and starts the core on it', async () => {
    const { core, clock } = stationWithScans(dataDir, 2);
    await createBackup(core.db, { dataDir, kind: 'daily', clock });
    recordScans(core, 3, 'VN');
    await core.close();

    const app = await start(undefined, {
      core: { restart: { delaysMs: [20], maxCrashes: 1, windowMs: 60_000 } },
    });
    expect(countRows('scans')).toBe(5);
    // "Restore the latest backup", then "Continue" on the box saying it was restored.
    fake.messageBoxAnswers.push(1, 0);
    process.kill(fake.utilityProcesses[0]!.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(app.core()!.status()).toMatchObject({ state: 'running', generation: 2 }), {
      timeout: 60_000,
    });
    process.kill(fake.utilityProcesses[1]!.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(app.core()!.status()).toMatchObject({ state: 'running', generation: 3 }), {
      timeout: 30_000,
    });
    expect(fake.messageBoxes.map((b) => b.message)).toEqual([
      'The station stopped several times in a row and was not started again.',
      expect.stringMatching(/^Restored the backup of /),
    ]);
    const recent = (await fake.invoke(ipcChannel('recentScans'), DEV_URL, { limit: 10 })) as {
      value: { code: string }[];
    };
    expect(recent.value).toHaveLength(2);
    // The database it replaced is kept beside it, with the three later scans.
    expect(fs.readdirSync(dataDir).filter((f) => /^lastmile\.replaced-.*\.sqlite$/.test(f))).toHaveLength(1);
    // The app holds the folder again: a restore from outside is refused.
    expect(() => takeExclusiveDataDirLock(dataDir)).toThrow(DataDirInUseError);
  }, 120_000);
});
