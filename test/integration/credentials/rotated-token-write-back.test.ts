import { afterEach, describe, expect, it } from 'vitest';
import { MemoryConnectorState } from '../../../src/main/carriers/memory-state';
import { buildConnector, storedDestinationSchema } from '../../../src/main/carriers/registry';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { createCore, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { attachStoredSync, SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import { TEST_ADMIN, addTestAdmin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination, refreshCode } from '../../helpers/tiktok-account';

/** The refresh token the credential store opens to for `tiktok_shop`, read as sync reads it. */
async function storedRefreshToken(core: Core): Promise<unknown> {
  const fill = await core.credentials.syncConfigFiller();
  const filled = fill(core.settings.getRaw(SYNC_CONFIG_KEY)) as {
    destinations: Array<{ refreshToken?: unknown }>;
  };
  return filled.destinations[0]?.refreshToken;
}

/**
 * TikTok Shop hands out a new refresh token with each refresh and the old one stops working. The
 * new one is written back, encrypted, to the account's credential store, so a restart or a
 * process without this station's connector state still holds one the platform accepts.
 */
describe('a rotated refresh token is written back to the credential store', () => {
  const temps = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    temps.cleanup();
  });

  it('stores the new token sealed, the old one is refused, and a process with only the store connects', async () => {
    const fake = await startFakeTikTokShop({ rotateRefreshTokens: true });
    cleanups.push(() => fake.close());
    const dir = temps.make('lastmile-token-write-back-');
    const original = fake.refreshToken();

    let core = createCore({ dataDir: dir, logger: silentLogger, printing: { start: false } });
    addTestAdmin(core);
    const { appSecret: _secret, refreshToken: _token, ...inline } = fakeTikTokDestination(fake);
    await core.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [inline],
      feeds: { returns: ['tiktok_shop'] },
    });
    await core.credentials.set(
      'tiktok_shop',
      { appSecret: fake.appSecret, refreshToken: original },
      TEST_ADMIN.id,
      false,
    );
    const supervisor = core.users.list().find((u) => u.role === 'supervisor');
    if (!supervisor) throw new Error('no supervisor');

    const first = attachStoredSync(core, {
      startTrickle: false,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    expect(first.configError).toBeNull();
    await first.service.runDaily('cli', supervisor);
    expect(fake.stats().refreshes).toBe(1);
    const rotated = fake.refreshToken();
    expect(rotated).not.toBe(original);

    // The store opens to the new token; the database holds it only sealed.
    expect(await storedRefreshToken(core)).toBe(rotated);
    const sealed = core.db
      .prepare<[], { sealed: Uint8Array; updated_by: string }>(
        "SELECT sealed, updated_by FROM carrier_credentials WHERE account = 'tiktok_shop' AND field = 'refreshToken'",
      )
      .get();
    expect(Buffer.from(sealed?.sealed ?? []).includes(rotated)).toBe(false);
    expect(sealed?.updated_by).toBe('connector');
    const audit = core.db
      .prepare<[], { user_id: string | null; details: string }>(
        "SELECT user_id, details FROM audit_log WHERE action = 'credentials.rotated'",
      )
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBeNull();
    expect(audit[0]?.details).not.toContain(rotated);
    expect(await refreshCode(fake, original)).toBe(36004004);
    await core.close();

    // A restart reads the written-back token and keeps the stored access token: no refresh.
    core = createCore({ dataDir: dir, logger: silentLogger, printing: { start: false } });
    cleanups.push(() => core.close());
    const again = attachStoredSync(core, {
      startTrickle: false,
      withSecrets: await core.credentials.syncConfigFiller(),
    });
    expect(again.configError).toBeNull();
    const report = await again.service.runDaily('cli', supervisor);
    expect(report.errors).toEqual([]);
    expect(fake.stats().refreshes).toBe(1);
    expect(fake.stats().refreshRefused).toBe(1);

    // A process with the store only (no connector state): its refresh is accepted.
    const fill = await core.credentials.syncConfigFiller();
    const filled = fill(core.settings.getRaw(SYNC_CONFIG_KEY)) as { destinations: unknown[] };
    const alone = buildConnector(storedDestinationSchema.parse(filled.destinations[0]), {
      clock: core.clock,
      random: core.random,
      logger: silentLogger,
      fetch: globalThis.fetch,
      state: new MemoryConnectorState(core.clock),
    });
    cleanups.push(() => alone.close());
    const check = await alone.testConnection(AbortSignal.timeout(20_000));
    expect(check).toMatchObject({ ok: true });
    expect(fake.stats().refreshes).toBe(2);
    expect(fake.stats().refreshRefused).toBe(1);
  }, 60_000);
  it('a connection test that rotates the token stores the new one and tells the running sync', async () => {
    const fake = await startFakeTikTokShop({ rotateRefreshTokens: true });
    cleanups.push(() => fake.close());
    const core = createCore({
      dataDir: temps.make('lastmile-token-write-back-test-'),
      logger: silentLogger,
      printing: { start: false },
    });
    cleanups.push(() => core.close());
    addTestAdmin(core);
    const { appSecret: _secret, refreshToken: _token, ...inline } = fakeTikTokDestination(fake);
    await core.settings.setRaw(SYNC_CONFIG_KEY, { destinations: [inline], feeds: {} });
    const original = fake.refreshToken();
    await core.credentials.set(
      'tiktok_shop',
      { appSecret: fake.appSecret, refreshToken: original },
      TEST_ADMIN.id,
      false,
    );
    const changed: string[] = [];
    core.credentials.onChange((account) => changed.push(account));

    const check = await core.credentials.test('tiktok_shop', undefined);
    expect(check.ok).toBe(true);
    expect(fake.refreshToken()).not.toBe(original);
    expect(await storedRefreshToken(core)).toBe(fake.refreshToken());
    expect(changed).toEqual(['tiktok_shop']);
  });
});
