import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE, createCore } from '../../../src/main/core';
import { SOURCE_HOST_ENTRY } from '../../../src/main/core-host/node-host-spawner';
import { silentLogger, type Logger } from '../../../src/main/logger';
import { startDesktopApp, type DesktopApp } from '../../../src/main/shell/desktop-app';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { ipcChannel, type CallName } from '../../../src/shared/channels';
import { TEST_ADMIN, addTestAdmin } from '../../helpers/session';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

const DEV_URL = 'http://localhost:5173/';
const SECRET = 'tc-secret-through-safestorage-42';
let dataDir: string;
let desktop: DesktopApp | null;

beforeEach(async () => {
  fake.reset();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-desktop-secrets-'));
  fake.paths.userData = dataDir;
  desktop = null;
  // A station with one configured destination whose secret is not in the configuration.
  const core = createCore({ dataDir, logger: silentLogger, printing: { start: false } });
  await core.settings.setRaw(SYNC_CONFIG_KEY, {
    destinations: [
      {
        name: 'flash',
        kind: 'test-carrier',
        baseUrl: 'http://127.0.0.1:9',
        credentials: { clientId: 'lastmile' },
      },
    ],
    feeds: {},
  });
  addTestAdmin(core);
  await core.close();
});

afterEach(async () => {
  await desktop?.core()?.stop();
  await fake.endUtilityProcesses();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(logger: Logger = silentLogger): Promise<DesktopApp> {
  desktop = startDesktopApp({
    mainDir: path.join(path.sep, 'app', 'out', 'main'),
    env: { ELECTRON_RENDERER_URL: DEV_URL },
    logger,
    coreHostEntry: SOURCE_HOST_ENTRY,
    core: { restart: { delaysMs: [50], maxCrashes: 3, windowMs: 60_000 } },
  });
  fake.becomeReady();
  await desktop.ready;
  return desktop;
}

/** A call as the app page makes it, through the IPC handler and on to the core process. */
function call(name: CallName, input: unknown): Promise<unknown> {
  return fake.invoke(ipcChannel(name), DEV_URL, input);
}

async function signInAdmin(): Promise<void> {
  const users = (await call('listUsers', {})) as { value: { id: string; role: string }[] };
  const admin = users.value.find((u) => u.role === 'admin')!;
  expect(await call('signIn', { userId: admin.id, pin: TEST_ADMIN.pin })).toMatchObject({ ok: true });
}

function storedSealed(): Buffer[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT sealed FROM carrier_credentials').all() as { sealed: Buffer }[]).map(
      (r) => r.sealed,
    );
  } finally {
    db.close();
  }
}

describe('carrier secrets in the desktop app: the core process asks the main process’s safeStorage', () => {
  it('with a keyring: a secret set from the page is sealed by safeStorage, and the page only learns "set"', async () => {
    fake.storageBackend = 'gnome_libsecret';
    await start();
    await signInAdmin();
    const listed = await call('listAccounts', {});
    expect(listed).toMatchObject({
      ok: true,
      value: {
        storage: {
          backend: process.platform === 'linux' ? 'gnome_libsecret' : expect.any(String),
          weak: false,
        },
      },
    });
    const set = await call('setCredentials', {
      account: 'flash',
      secrets: { 'credentials.clientSecret': SECRET },
    });
    expect(set).toMatchObject({ ok: true, value: { secrets: [{ set: true, lastFour: SECRET.slice(-4) }] } });
    expect(JSON.stringify(set)).not.toContain(SECRET);
    // The fake safeStorage marks what it sealed: the row came from the main process's store.
    const sealed = storedSealed();
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.subarray(0, 7).toString('latin1')).toBe('sealed:');
    expect(sealed[0]!.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('on basic_text: warns in the log, tells the page the store is weak, refuses until confirmed', async () => {
    fake.storageBackend = 'basic_text';
    const warnings: string[] = [];
    await start({ ...silentLogger, warn: (message) => warnings.push(message) });
    await signInAdmin();
    if (process.platform !== 'linux') return;
    expect(await call('listAccounts', {})).toMatchObject({
      ok: true,
      value: { storage: { backend: 'basic_text', weak: true, available: true } },
    });
    expect(warnings.some((w) => w.includes('basic_text'))).toBe(true);
    expect(
      await call('setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': SECRET } }),
    ).toEqual({ ok: false, error: { code: 'SECRET_STORE_WEAK', params: { backend: 'basic_text' } } });
    expect(storedSealed()).toEqual([]);
    expect(
      await call('setCredentials', {
        account: 'flash',
        secrets: { 'credentials.clientSecret': SECRET },
        confirmWeakStorage: true,
      }),
    ).toMatchObject({ ok: true });
    expect(storedSealed()).toHaveLength(1);
  });

  it('without async encryption (no OS store at all): the page is told, nothing is stored, the app runs on', async () => {
    fake.asyncEncryptionAvailable = false;
    await start();
    await signInAdmin();
    expect(await call('listAccounts', {})).toMatchObject({
      ok: true,
      value: { storage: { backend: null, available: false } },
    });
    expect(
      await call('setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': SECRET } }),
    ).toMatchObject({ ok: false, error: { code: 'SECRET_STORE_UNAVAILABLE' } });
    expect(storedSealed()).toEqual([]);
    expect(await call('recordScan', { code: 'TH1234567890', source: 'scanner' })).toMatchObject({ ok: true });
  });
});
