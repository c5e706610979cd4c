import type { TikTokShopConfigInput } from '../../src/main/carriers/tiktok-shop/config';
import type { FakeTikTokShop } from '../../src/main/carriers/tiktok-shop/fake-server';

/** A TikTok Shop account's configuration pointed at the fake: its endpoints and its app's keys. */
export function fakeTikTokConfig(fake: FakeTikTokShop): TikTokShopConfigInput {
  return {
    baseUrl: fake.url,
    authBaseUrl: fake.url,
    appKey: fake.appKey,
    appSecret: fake.appSecret,
    shopCipher: fake.shopCipher,
    refreshToken: fake.refreshToken(),
  };
}

/** The station's `tiktok_shop` sync destination on the fake, with `extra` fields of the account. */
export function fakeTikTokDestination(fake: FakeTikTokShop, extra: Partial<TikTokShopConfigInput> = {}) {
  return { name: 'tiktok_shop', kind: 'tiktok-shop' as const, ...fakeTikTokConfig(fake), ...extra };
}

/** What the fake answers a refresh with `refreshToken`: its code (0 = accepted). */
export async function refreshCode(fake: FakeTikTokShop, refreshToken: string): Promise<number> {
  const query = new URLSearchParams({
    app_key: fake.appKey,
    app_secret: fake.appSecret,
    refresh_token: refreshToken,
    grant_type: 'refresh_token',
  });
  const response = await fetch(`${fake.url}/api/v2/token/refresh?${query.toString()}`);
  return ((await response.json()) as { code: number }).code;
}
