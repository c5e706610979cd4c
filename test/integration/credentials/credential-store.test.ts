import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../../src/main/core';
import { KEY_FILE, KeyFileCipher } from '../../../src/main/secrets/key-file-cipher';
import { assertMayStore, type SecretCipher } from '../../../src/main/secrets/secret-cipher';
import { cryptoRandom } from '../../../src/main/random';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { makeTestCore, TEST_EPOCH } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temps.cleanup();
});

const NINJA_SECRET = 'nv-client-secret-4f1c9a7e2b6d';
const JNT_PASSWORD = 'pw-77';

function open(dataDir: string, secrets?: () => Promise<SecretCipher>): Core {
  const { core } = makeTestCore(dataDir, secrets ? { secrets } : {});
  cores.push(core);
  return core;
}

/** The station's supervisor: audit rows name a real user. */
function by(core: Core): string {
  return core.users.list().find((u) => u.role === 'supervisor')!.id;
}

async function configure(core: Core): Promise<void> {
  await core.settings.setRaw(SYNC_CONFIG_KEY, {
    destinations: [
      { name: 'ninja-th', kind: 'ninja-van', clientId: 'lastmile-th', country: 'th' },
      {
        name: 'jnt-th',
        kind: 'jnt-express',
        apiAccount: 'acct',
        customerCode: 'CUST',
        country: 'th',
      },
    ],
    feeds: {},
  });
}

/** Every byte SQLite has written for the station: the database file and its write-ahead log. */
function databaseBytes(dataDir: string): Buffer {
  const parts = [DATABASE_FILE, `${DATABASE_FILE}-wal`]
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

function containsAnyForm(bytes: Buffer, secret: string): boolean {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(secret).toString('hex'), 'utf8'),
  ].some((form) => bytes.includes(form));
}

describe('the carrier credential store on a real SQLite file', () => {
  it('stores a secret sealed: the database file never holds it; a new core on the folder reads it back', async () => {
    const dataDir = temps.make('lastmile-creds-');
    const core = open(dataDir);
    await configure(core);
    const supervisor = core.users.list().find((u) => u.role === 'supervisor')!;

    const view = await core.credentials.set('ninja-th', { clientSecret: NINJA_SECRET }, supervisor.id, false);
    expect(view).toEqual({
      account: 'ninja-th',
      kind: 'ninja-van',
      displayName: 'Ninja Van',
      known: true,
      secrets: [
        {
          field: 'clientSecret',
          set: true,
          lastFour: NINJA_SECRET.slice(-4),
          updatedAt: TEST_EPOCH,
          updatedBy: supervisor.name,
        },
      ],
    });
    // A short password shows nothing of itself.
    const jnt = await core.credentials.set('jnt-th', { password: JNT_PASSWORD }, supervisor.id, false);
    expect(jnt.secrets.find((s) => s.field === 'password')).toMatchObject({ set: true, lastFour: null });
    expect(jnt.secrets.find((s) => s.field === 'privateKey')).toMatchObject({ set: false, lastFour: null });

    // The sealed bytes are in the table, the plain text nowhere in the files (WAL included).
    const row = core.db
      .prepare<[], { sealed: Buffer; backend: string }>(
        "SELECT sealed, backend FROM carrier_credentials WHERE account = 'ninja-th'",
      )
      .get()!;
    expect(row.backend).toBe('key-file');
    expect(row.sealed.length).toBeGreaterThan(NINJA_SECRET.length);
    expect(containsAnyForm(databaseBytes(dataDir), NINJA_SECRET)).toBe(false);
    expect(containsAnyForm(databaseBytes(dataDir), JNT_PASSWORD)).toBe(false);
    // The audit row names who changed which field, never the value.
    const audit = core.db
      .prepare<[], { action: string; entity_id: string; details: string; user_id: string }>(
        "SELECT action, entity_id, details, user_id FROM audit_log WHERE entity_type = 'carrier_account' ORDER BY seq",
      )
      .all();
    expect(audit.map((a) => [a.action, a.entity_id, a.user_id])).toEqual([
      ['credentials.set', 'ninja-th', supervisor.id],
      ['credentials.set', 'jnt-th', supervisor.id],
    ]);
    expect(audit.map((a) => a.details).join()).not.toContain(NINJA_SECRET);

    // The key file is the owner's alone.
    expect(fs.statSync(path.join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);

    await core.close();
    cores.splice(cores.indexOf(core), 1);
    // After a checkpoint too (the WAL folded into the main file).
    expect(containsAnyForm(databaseBytes(dataDir), NINJA_SECRET)).toBe(false);
    const again = open(dataDir);
    expect(await again.credentials.list()).toMatchObject({
      storage: { backend: 'key-file', weak: false, available: true },
    });
    const filler = await again.credentials.syncConfigFiller();
    expect(filler(again.settings.getRaw(SYNC_CONFIG_KEY))).toMatchObject({
      destinations: [
        { name: 'ninja-th', clientSecret: NINJA_SECRET },
        { name: 'jnt-th', password: JNT_PASSWORD },
      ],
    });
    // The stored configuration itself is untouched: no secret was written into it.
    expect(JSON.stringify(again.settings.getRaw(SYNC_CONFIG_KEY))).not.toContain(NINJA_SECRET);
  });

  it('clears one field or a whole account, and says which account or field it does not know', async () => {
    const core = open(temps.make('lastmile-creds-'));
    await configure(core);
    await core.credentials.set(
      'jnt-th',
      { password: JNT_PASSWORD, privateKey: 'pk-0123456789abcdef' },
      by(core),
      false,
    );
    const cleared = await core.credentials.clear('jnt-th', ['password'], by(core));
    expect(cleared.secrets.map((s) => [s.field, s.set])).toEqual([
      ['privateKey', true],
      ['password', false],
    ]);
    const all = await core.credentials.clear('jnt-th', undefined, by(core));
    expect(all.secrets.every((s) => !s.set)).toBe(true);
    expect(core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });

    await expect(
      core.credentials.set('nowhere', { clientSecret: 'x' }, by(core), false),
    ).rejects.toMatchObject({
      code: 'CARRIER_ACCOUNT_UNKNOWN',
      params: { account: 'nowhere' },
    });
    await expect(
      core.credentials.set('ninja-th', { clientId: 'not-a-secret-field' }, by(core), false),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL_FIELD_UNKNOWN',
      params: { account: 'ninja-th', field: 'clientId', fields: 'clientSecret' },
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
  });

  it('a sealed value copied onto another account does not open there', async () => {
    const core = open(temps.make('lastmile-creds-'));
    await configure(core);
    await core.credentials.set('ninja-th', { clientSecret: NINJA_SECRET }, by(core), false);
    await core.credentials.set('jnt-th', { password: JNT_PASSWORD }, by(core), false);
    core.db
      .prepare(
        `UPDATE carrier_credentials SET sealed = (SELECT sealed FROM carrier_credentials WHERE account = 'ninja-th')
         WHERE account = 'jnt-th'`,
      )
      .run();
    const filled = (await core.credentials.syncConfigFiller())(core.settings.getRaw(SYNC_CONFIG_KEY));
    expect(filled).toMatchObject({ destinations: [{ clientSecret: NINJA_SECRET }, { name: 'jnt-th' }] });
    expect((filled as { destinations: unknown[] }).destinations[1]).not.toHaveProperty('password');
    const check = await core.credentials.test('jnt-th', undefined).catch((e: unknown) => e);
    expect(check).toMatchObject({ code: 'SECRET_UNREADABLE', params: { reason: 'not_this_field' } });
  });

  it('on a weak backend (basic_text) stores nothing until the administrator confirms', async () => {
    const dataDir = temps.make('lastmile-creds-');
    const inner = new KeyFileCipher({ dataDir, random: cryptoRandom });
    const weak: SecretCipher = {
      backend: 'basic_text',
      weak: true,
      encrypt: (plain, options) => {
        assertMayStore(weak, options);
        return inner.encrypt(plain);
      },
      decrypt: (bytes) => inner.decrypt(bytes),
    };
    const core = open(dataDir, () => Promise.resolve(weak));
    await configure(core);
    expect((await core.credentials.list()).storage).toEqual({
      backend: 'basic_text',
      weak: true,
      available: true,
    });
    await expect(
      core.credentials.set('ninja-th', { clientSecret: NINJA_SECRET }, by(core), false),
    ).rejects.toMatchObject({
      code: 'SECRET_STORE_WEAK',
      params: { backend: 'basic_text' },
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM carrier_credentials').get()).toEqual({ n: 0 });
    const stored = await core.credentials.set('ninja-th', { clientSecret: NINJA_SECRET }, by(core), true);
    expect(stored.secrets[0]).toMatchObject({ set: true });
  });

  it('without any usable store says so, and stores nothing', async () => {
    const core = open(temps.make('lastmile-creds-'), () =>
      Promise.reject(
        Object.assign(new Error('no keyring'), {
          code: 'SECRET_STORE_UNAVAILABLE',
          params: { backend: 'safeStorage' },
        }),
      ),
    );
    await configure(core);
    expect((await core.credentials.list()).storage).toEqual({ backend: null, weak: false, available: false });
    await expect(
      core.credentials.set('ninja-th', { clientSecret: NINJA_SECRET }, by(core), false),
    ).rejects.toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
    });
  });
});
