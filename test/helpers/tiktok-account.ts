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
