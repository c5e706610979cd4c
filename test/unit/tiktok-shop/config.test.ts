import { describe, expect, it } from 'vitest';
import { tiktokShopConfigSchema } from '../../../src/main/carriers/tiktok-shop/config';
import { tiktokShopConnector } from '../../../src/main/carriers/tiktok-shop/definition';

const minimal = { appKey: 'k', appSecret: 's', shopCipher: 'ROW_c', refreshToken: 'r' };

describe('TikTok Shop configuration', () => {
  it('fills the documented hosts and our defaults', () => {
    const config = tiktokShopConfigSchema.parse(minimal);
    expect(config).toMatchObject({
      baseUrl: 'https://open-api.tiktokglobalshop.com',
      authBaseUrl: 'https://auth.tiktok-shops.com',
      limits: { requestsPerSecond: 5, burst: 5 },
      pull: { pageSize: 50, overlapSeconds: 600, enrichFromOrders: true },
      webhook: { maxAgeSeconds: 900 },
    });
  });

  it('refuses plain http to another machine, a page size the search does not take, a lower-case region', () => {
    const issues = (input: object) =>
      tiktokShopConfigSchema.safeParse({ ...minimal, ...input }).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ baseUrl: 'http://open-api.tiktokglobalshop.com' })).toEqual(['baseUrl']);
    expect(issues({ authBaseUrl: 'https://auth.example/?x=1' })).toEqual(['authBaseUrl']);
    expect(issues({ pull: { pageSize: 5 } })).toEqual(['pull.pageSize']);
    expect(issues({ region: 'th' })).toEqual(['region']);
    expect(issues({ baseUrl: 'http://127.0.0.1:8080' })).toBeUndefined();
  });

  it('is the schema of the definition, with its secrets named', () => {
    expect(tiktokShopConnector.configSchema.safeParse(minimal).success).toBe(true);
    expect(tiktokShopConnector.configSchema.safeParse({ ...minimal, appSecret: '' }).success).toBe(false);
  });
});
