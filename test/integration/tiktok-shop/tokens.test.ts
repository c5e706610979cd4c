import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { DeliveryError } from '../../../src/main/sync/destination';
import { connectTo, MemoryConnectorState, never } from './harness';

const T0 = Date.UTC(2026, 5, 1, 6, 0, 0);
const HOUR = 3_600_000;

/** The access token: refreshed before it expires, once after a refusal, kept in the connector state. */
describe('TikTok Shop tokens', () => {
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock, accessTokenTtlSeconds: 24 * 3_600 });
  });
  afterEach(async () => {
    await fake.close();
  });

  const shops = (h: ReturnType<typeof connectTo>) =>
    h.connector.client.withAuthRetry(never, () => h.connector.client.authorizedShops(never));

  it('refreshes first when it has no token, and keeps the rotated tokens for the next process', async () => {
    const initialRefresh = fake.refreshToken();
    const state = new MemoryConnectorState(clock);
    const first = connectTo(fake, clock, { state });
    await shops(first);
    expect(fake.stats().refreshes).toBe(1);
    expect(fake.log('token')[0]?.query).toMatchObject({
      app_key: fake.appKey,
      grant_type: 'refresh_token',
      refresh_token: initialRefresh,
    });
    // The platform rotated the refresh token; the old one no longer works, the state has the new one.
    expect(fake.refreshToken()).not.toBe(initialRefresh);
    expect(state.get('tokens')).toContain(fake.refreshToken());

    // Another process on the same state (the CLI next to the app) uses the stored token as it is.
    const second = connectTo(fake, clock, { state, config: { refreshToken: initialRefresh } });
    await shops(second);
    expect(fake.stats().refreshes).toBe(1);
    expect(fake.stats().unauthorized).toBe(0);
  });

  it('refreshes before the token expires, so the platform never has to refuse it', async () => {
    const h = connectTo(fake, clock, { config: { tokenRefreshMarginSeconds: 3_600 } });
    await shops(h);
    clock.advance(22 * HOUR);
    await shops(h);
    expect(fake.stats().refreshes).toBe(1);
    clock.advance(1.5 * HOUR);
    await shops(h);
    expect(fake.stats().refreshes).toBe(2);
    expect(fake.stats().unauthorized).toBe(0);
  });

  it('uses a configured access token until its expiry without refreshing', async () => {
    const issued = fake.issueAccessToken();
    const h = connectTo(fake, clock, {
      config: { accessToken: issued.token, accessTokenExpiresAt: issued.expiresAt },
    });
    await shops(h);
    expect(fake.stats().refreshes).toBe(0);
    expect(fake.log('shops')[0]?.accessToken).toBe(issued.token);
  });

  it('a token the platform refuses is refreshed once and the call made again', async () => {
    const h = connectTo(fake, clock);
    await shops(h);
    fake.expireTokens();
    await shops(h);
    expect(fake.stats().unauthorized).toBe(1);
    expect(fake.stats().refreshes).toBe(2);
  });

  it('a refused refresh token is an auth error asking to authorise the shop again, tried once', async () => {
    const h = connectTo(fake, clock);
    fake.revokeRefreshTokens();
    const err = await shops(h).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).kind).toBe('auth');
    expect((err as DeliveryError).message).toContain('authorised again in Settings');
    expect((err as DeliveryError).message).toContain('36004004');
    expect(fake.stats().refreshRefused).toBe(1);
    expect(fake.stats().requests.shops).toBe(0);
  });

  it('a new refresh token in the settings (re-authorisation) replaces what the state held', async () => {
    const state = new MemoryConnectorState(clock);
    await shops(connectTo(fake, clock, { state }));
    // The shop is authorised again; the admin enters the new refresh token.
    fake.revokeRefreshTokens();
    const fresh = fake.refreshToken();
    const h = connectTo(fake, clock, { state, config: { refreshToken: fresh } });
    fake.expireTokens();
    await shops(h);
    expect(fake.log('token').at(-1)?.query.refresh_token).toBe(fresh);
  });

  it('timestamps come from the injected clock: a clock 6 minutes off is refused by the platform', async () => {
    const h = connectTo(fake, clock);
    await shops(h);
    const skewed = new ManualClock(T0 + 6 * 60_000);
    const off = connectTo(fake, skewed, { state: h.state });
    const err = await shops(off).catch((e: unknown) => e);
    expect((err as DeliveryError).kind).toBe('auth');
    expect((err as DeliveryError).message).toContain('106002');
    expect(fake.stats().staleTimestamps).toBe(2);
  });
});
