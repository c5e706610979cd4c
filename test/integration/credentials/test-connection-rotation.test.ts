import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import type { Core } from '../../../src/main/core';
import { startStationServer } from '../../../src/main/station/server';
import { SYNC_CONFIG_KEY } from '../../../src/main/sync/attach-sync';
import type { CarrierAccount, ConnectionCheckView } from '../../../src/shared/calls/credentials';
import { CLIENT_HEADER } from '../../../src/shared/channels';
import type { Envelope } from '../../../src/shared/errors';
import { makeTestCore } from '../../helpers/core-factory';
import { TEST_ADMIN, addTestAdmin, settleSupervisorPin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { fakeTikTokDestination, refreshCode } from '../../helpers/tiktok-account';

const TOKEN = 'rotation-test-token';
const ADMIN_CLIENT = 'tab-admin';

/**
 * An admin types a new TikTok Shop refresh token (re-authorisation) and presses "Test connection"
 * before Save. The platform rotates the token on that refresh and refuses the typed one from then
 * on; the station keeps the rotated one for the draft, so a second test and the Save use it. Over
 * the station's HTTP API as a browser calls it, against the fake on 127.0.0.1, with every answer
 * body kept to show that no token ever reaches the screen.
 */
describe('"Test connection" with a typed refresh token that the test rotates', () => {
  const temps = new TempDirs();
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    temps.cleanup();
  });

  async function setUp() {
    const { core, clock } = makeTestCore(temps.make('lastmile-test-rotation-'));
    const fake = await startFakeTikTokShop({ clock, rotateRefreshTokens: true });
    closers.push(
      () => fake.close(),
      () => core.close(),
    );
    const { appSecret: _secret, refreshToken: _token, ...inline } = fakeTikTokDestination(fake);
    await core.settings.setRaw(SYNC_CONFIG_KEY, {
      destinations: [inline],
      feeds: { returns: ['tiktok_shop'] },
    });
    const server = await startStationServer({
      core,
      rendererDir: temps.make('lastmile-empty-renderer-'),
      port: 0,
      token: TOKEN,
    });
    closers.push(() => server.close());
    settleSupervisorPin(core);
    addTestAdmin(core);
    const bodies: string[] = [];
    const ok = async <T>(name: string, input: unknown): Promise<T> => {
      const res = await fetch(`${server.url}api/${name}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          [CLIENT_HEADER]: ADMIN_CLIENT,
        },
        body: JSON.stringify(input),
      });
      const text = await res.text();
      bodies.push(text);
      const envelope = JSON.parse(text) as Envelope<T>;
      if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
      return envelope.value;
    };
    await ok('signIn', { userId: TEST_ADMIN.id, pin: TEST_ADMIN.pin });
    // The app secret was saved before; the refresh token is being entered now.
    await ok('setCredentials', { account: 'tiktok_shop', secrets: { appSecret: fake.appSecret } });
    const test = (secrets?: Record<string, string>) => {
      clock.advance(1_000);
      return ok<ConnectionCheckView>('testConnection', {
        account: 'tiktok_shop',
        ...(secrets ? { secrets } : {}),
      });
    };
    return { core, fake, ok, test, bodies };
  }

  /** The refresh token the credential store opens to, read as sync reads it. */
  const storedRefreshToken = async (core: Core): Promise<string | undefined> => {
    const fill = await core.credentials.syncConfigFiller();
    const filled = fill(core.settings.getRaw(SYNC_CONFIG_KEY)) as {
      destinations: Array<{ refreshToken?: string }>;
    };
    return filled.destinations[0]?.refreshToken;
  };

  it('a second test and the Save use the rotated token; the screen never sees it', async () => {
    const s = await setUp();
    const typed = s.fake.refreshToken();
    const seen = [typed];

    const first = await s.test({ refreshToken: typed });
    expect(first).toMatchObject({ ok: true, reason: 'ok', renewed: ['refreshToken'] });
    const rotated = s.fake.refreshToken();
    seen.push(rotated);
    expect(rotated).not.toBe(typed);
    // The typed token is dead at the platform now.
    expect(await refreshCode(s.fake, typed)).not.toBe(0);
    // Nothing was stored by the test.
    expect(await storedRefreshToken(s.core)).toBeUndefined();

    // The same typed value tested again works: the station uses what the first test got.
    const second = await s.test({ refreshToken: typed });
    expect(second).toMatchObject({ ok: true, renewed: ['refreshToken'] });
    seen.push(s.fake.refreshToken());
    expect(s.fake.stats().refreshRefused).toBe(1);

    // Save sends the typed value (all the screen has); the newest rotated one is stored.
    const saved = await s.ok<CarrierAccount>('setCredentials', {
      account: 'tiktok_shop',
      secrets: { refreshToken: typed },
    });
    const newest = s.fake.refreshToken();
    expect(await storedRefreshToken(s.core)).toBe(newest);
    expect(saved.secrets.find((f) => f.field === 'refreshToken')).toMatchObject({
      set: true,
      lastFour: newest.slice(-4),
    });

    // The stored token works; its own rotation goes to the store as before.
    const stored = await s.test();
    expect(stored).toMatchObject({ ok: true });
    expect(stored.renewed).toBeUndefined();
    seen.push(s.fake.refreshToken());
    expect(await storedRefreshToken(s.core)).toBe(s.fake.refreshToken());

    for (const body of s.bodies) for (const token of seen) expect(body).not.toContain(token);
  });

  it('the stored token typed again and tested: the store takes the rotated one at once', async () => {
    const s = await setUp();
    const token = s.fake.refreshToken();
    await s.ok('setCredentials', { account: 'tiktok_shop', secrets: { refreshToken: token } });
    expect(await s.test({ refreshToken: token })).toMatchObject({ ok: true, renewed: ['refreshToken'] });
    expect(await storedRefreshToken(s.core)).toBe(s.fake.refreshToken());
    expect(await s.test()).toMatchObject({ ok: true });
  });

  it('a different value typed after the test is tried as typed, and clearing forgets the rotation', async () => {
    const s = await setUp();
    const typed = s.fake.refreshToken();
    expect(await s.test({ refreshToken: typed })).toMatchObject({ ok: true, renewed: ['refreshToken'] });
    expect(await s.test({ refreshToken: `${typed}-other` })).toMatchObject({ ok: false, reason: 'auth' });

    await s.ok('clearCredentials', { account: 'tiktok_shop', fields: ['refreshToken'] });
    // After clearing, the old typed value is the dead one again.
    expect(await s.test({ refreshToken: typed })).toMatchObject({ ok: false, reason: 'auth' });
  });
});
