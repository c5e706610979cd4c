import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { startDesktopApp, type DesktopApp } from '../../../src/main/shell/desktop-app';
import { CALL_NAMES, ipcChannel } from '../../../src/shared/channels';
import { fake } from './fake-electron';

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
  await desktop?.core()?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: NodeJS.ProcessEnv = { ELECTRON_RENDERER_URL: DEV_URL }): Promise<DesktopApp> {
  desktop = startDesktopApp({ mainDir: MAIN_DIR, env, logger: silentLogger });
  fake.becomeReady();
  await desktop.ready;
  return desktop;
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
    desktop = startDesktopApp({ mainDir: MAIN_DIR, env: {}, logger: silentLogger });
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

  it('refuses every permission request a page makes', async () => {
    await start();
    expect(fake.permissionHandlers).toHaveLength(1);
    const answers: boolean[] = [];
    fake.permissionHandlers[0]!({}, 'media', (granted: boolean) => answers.push(granted));
    fake.permissionHandlers[0]!({}, 'geolocation', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
  });

  it('on quit holds the quit until the core is closed, removes the handlers, then quits', async () => {
    const app = await start();
    const core = app.core()!;
    await fake.invoke(ipcChannel('recordScan'), DEV_URL, { code: 'VN123456789', source: 'keyboard' });

    fake.appEvents.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.quits).toBe(2));
    expect(app.core()).toBeNull();
    expect(core.db.open).toBe(false);
    expect(fake.ipcHandlers.size).toBe(0);
    // What was scanned is on disk after the close.
    expect(countRows('scans')).toBe(1);
  });

  it('quits at once when another copy of the app is already running', () => {
    fake.singleInstanceLock = false;
    desktop = startDesktopApp({ mainDir: MAIN_DIR, env: {}, logger: silentLogger });
    fake.becomeReady();
    expect(fake.quits).toBe(1);
    expect(desktop.core()).toBeNull();
  });
});
