import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCarrier, type TestCarrier } from '../../../src/main/carriers/test-carrier/server';
import { DATABASE_FILE, createCore } from '../../../src/main/core';
import { CoreSupervisor } from '../../../src/main/core-host/core-supervisor';
import { nodeHostSpawner } from '../../../src/main/core-host/node-host-spawner';
import { silentLogger } from '../../../src/main/logger';
import { SecretStoreError, assertMayStore, type SecretCipher } from '../../../src/main/secrets/secret-cipher';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { TEST_ADMIN, addTestAdmin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  dirs.cleanup();
});

const SECRET = 'tc-secret-over-the-wire-1234';
const CLIENT = { clientId: 'tab-1' };

/** The main process's OS store, played in this (the test's) process: reversible, and it records every request. */
function recordingStore(options: { weak?: boolean } = {}) {
  const ops: { op: 'seal' | 'unseal'; plain: string }[] = [];
  const cipher: SecretCipher = {
    backend: options.weak ? 'basic_text' : 'test-os-store',
    weak: options.weak === true,
    encrypt(plain, encryptOptions) {
      assertMayStore(cipher, encryptOptions);
      ops.push({ op: 'seal', plain });
      return Promise.resolve(new Uint8Array(Buffer.from('os:' + Buffer.from(plain).toString('base64'))));
    },
    decrypt(bytes) {
      const text = Buffer.from(bytes).toString();
      if (!text.startsWith('os:')) return Promise.reject(new SecretStoreError('SECRET_UNREADABLE'));
      const plain = Buffer.from(text.slice(3), 'base64').toString();
      ops.push({ op: 'unseal', plain });
      return Promise.resolve(plain);
    },
  };
  return { cipher, ops };
}

async function station(carrier: TestCarrier): Promise<string> {
  const dataDir = dirs.make('lastmile-core-secrets-');
  const core = createCore({ dataDir, logger: silentLogger, printing: { start: false } });
  await core.settings.setRaw(SYNC_CONFIG_KEY, {
    destinations: [
      { name: 'flash', kind: 'test-carrier', baseUrl: carrier.url, credentials: { clientId: 'lastmile' } },
    ],
    feeds: {},
  });
  addTestAdmin(core);
  await core.close();
  return dataDir;
}

async function startCore(dataDir: string, secrets: (() => Promise<SecretCipher>) | undefined) {
  const supervisor = new CoreSupervisor({
    spawner: nodeHostSpawner(),
    init: {
      dataDir,
      services: { syncTrickle: false, dailyBackups: false, printing: false },
      secrets: 'shell',
    },
    logger: silentLogger,
    ...(secrets ? { secrets } : {}),
  });
  cleanups.push(() => supervisor.stop());
  await supervisor.start();
  const dispatch = supervisor.dispatch;
  const users = (await dispatch('listUsers', {}, CLIENT)) as {
    ok: true;
    value: { id: string; role: string }[];
  };
  const adminId = users.value.find((u) => u.role === 'admin')!.id;
  expect(await dispatch('signIn', { userId: adminId, pin: TEST_ADMIN.pin }, CLIENT)).toMatchObject({
    ok: true,
  });
  return { supervisor, call: (name: string, input: unknown) => dispatch(name, input, CLIENT) };
}

function storedRow(dataDir: string): { sealed: Buffer; backend: string } | undefined {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT sealed, backend FROM carrier_credentials').get() as
      { sealed: Buffer; backend: string } | undefined;
  } finally {
    db.close();
  }
}

async function carrier(): Promise<TestCarrier> {
  const c = await startTestCarrier({ credentials: { clientId: 'lastmile', clientSecret: SECRET } });
  cleanups.push(() => c.close());
  return c;
}

describe('the core process seals carrier secrets through the main process', () => {
  it('a secret set in the core process is sealed by the main process’s store; a restarted core opens it to sync and test', async () => {
    const c = await carrier();
    const dataDir = await station(c);
    const store = recordingStore();
    const first = await startCore(dataDir, () => Promise.resolve(store.cipher));
    expect(await first.call('listAccounts', {})).toMatchObject({
      ok: true,
      value: { storage: { backend: 'test-os-store', weak: false, available: true } },
    });
    expect(
      await first.call('setCredentials', {
        account: 'flash',
        secrets: { 'credentials.clientSecret': SECRET },
      }),
    ).toMatchObject({ ok: true, value: { secrets: [{ set: true, lastFour: SECRET.slice(-4) }] } });
    // The main process sealed it (bound to its account and field); the database holds what it returned.
    expect(store.ops[0]).toEqual({ op: 'seal', plain: expect.stringContaining(SECRET) as string });
    const row = storedRow(dataDir)!;
    expect(row.backend).toBe('test-os-store');
    expect(row.sealed.toString()).toMatch(/^os:/);
    expect(row.sealed.includes(Buffer.from(SECRET))).toBe(false);
    await first.supervisor.stop();

    // The running core rebuilt its sync with the new secret (one unseal), without a restart.
    expect(store.ops.map((o) => o.op)).toEqual(['seal', 'unseal']);
    // A new core process: the stored sync configuration is read with the secret filled in at start.
    const second = await startCore(dataDir, () => Promise.resolve(store.cipher));
    expect(store.ops.map((o) => o.op)).toEqual(['seal', 'unseal', 'unseal']);
    const tokensBefore = c.stats().requests.token;
    expect(await second.call('testConnection', { account: 'flash' })).toMatchObject({
      ok: true,
      value: { ok: true, reason: 'ok' },
    });
    expect(c.stats().requests.token - tokensBefore).toBe(1);
    expect(store.ops.map((o) => o.op)).toEqual(['seal', 'unseal', 'unseal', 'unseal']);
  }, 180_000);

  it('on basic_text the plain text never leaves the core process unless the administrator confirmed', async () => {
    const dataDir = await station(await carrier());
    const store = recordingStore({ weak: true });
    const { call } = await startCore(dataDir, () => Promise.resolve(store.cipher));
    expect(await call('listAccounts', {})).toMatchObject({
      ok: true,
      value: { storage: { backend: 'basic_text', weak: true, available: true } },
    });
    expect(
      await call('setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': SECRET } }),
    ).toEqual({ ok: false, error: { code: 'SECRET_STORE_WEAK', params: { backend: 'basic_text' } } });
    expect(store.ops).toEqual([]);
    expect(storedRow(dataDir)).toBeUndefined();
    expect(
      await call('setCredentials', {
        account: 'flash',
        secrets: { 'credentials.clientSecret': SECRET },
        confirmWeakStorage: true,
      }),
    ).toMatchObject({ ok: true });
    expect(store.ops.map((o) => o.op)).toEqual(['seal']);
  }, 180_000);

  it('a main process without an OS store answers SECRET_STORE_UNAVAILABLE at once, and nothing is stored', async () => {
    const dataDir = await station(await carrier());
    const { call } = await startCore(dataDir, undefined);
    expect(await call('listAccounts', {})).toMatchObject({
      ok: true,
      value: { storage: { backend: null, available: false } },
    });
    expect(
      await call('setCredentials', { account: 'flash', secrets: { 'credentials.clientSecret': SECRET } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SECRET_STORE_UNAVAILABLE', params: { reason: 'no_os_store' } },
    });
    expect(storedRow(dataDir)).toBeUndefined();
  }, 180_000);
});
