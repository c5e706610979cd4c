import { describe, expect, it } from 'vitest';
import { fakeSignature } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { signRequest } from '../../../src/main/carriers/tiktok-shop/signing';
import { seededRandom } from '../../../src/main/random';

describe('TikTok Shop request signing', () => {
  it('reproduces the official example of "Sign your API request"', () => {
    expect(
      signRequest({
        appSecret: 'e59af819cc',
        path: '/authorization/202309/shops',
        query: { app_key: '29a39d', timestamp: '1623812664' },
        body: '',
      }),
    ).toBe('b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8');
  });

  it('leaves out sign and access_token, whatever their values', () => {
    const base = { appSecret: 's3cret', path: '/order/202309/orders', body: '' };
    const plain = signRequest({ ...base, query: { app_key: 'k', timestamp: '1', ids: '1,2' } });
    expect(
      signRequest({
        ...base,
        query: { app_key: 'k', timestamp: '1', ids: '1,2', sign: 'x', access_token: 'tok' },
      }),
    ).toBe(plain);
  });

  it('sorts the parameters by key, so the order they are given in does not matter', () => {
    const base = { appSecret: 's', path: '/p', body: '' };
    expect(signRequest({ ...base, query: { b: '2', a: '1', c: '3' } })).toBe(
      signRequest({ ...base, query: { c: '3', a: '1', b: '2' } }),
    );
    // …but the values are bound to their keys.
    expect(signRequest({ ...base, query: { a: '2', b: '1' } })).not.toBe(
      signRequest({ ...base, query: { a: '1', b: '2' } }),
    );
  });

  it('signs the body exactly as sent: the same JSON with other whitespace is another signature', () => {
    const base = { appSecret: 's', path: '/return_refund/202309/returns/search', query: { app_key: 'k' } };
    const compact = signRequest({ ...base, body: '{"update_time_ge":1}' });
    expect(signRequest({ ...base, body: '{ "update_time_ge": 1 }' })).not.toBe(compact);
    expect(signRequest({ ...base, body: '' })).not.toBe(compact);
  });

  it('agrees with the fake server’s independent implementation on the example and on random requests', () => {
    expect(
      fakeSignature(
        'e59af819cc',
        '/authorization/202309/shops',
        new URLSearchParams('app_key=29a39d&timestamp=1623812664'),
        '',
      ),
    ).toBe('b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8');
    const random = seededRandom(42);
    const word = (n: number) =>
      Array.from({ length: 1 + Math.floor(random.next() * n) }, () =>
        'abcdefghijklmnopqrstuvwxyz_0123456789ÄßΩ-.,{}"'.charAt(Math.floor(random.next() * 46)),
      ).join('');
    for (let i = 0; i < 200; i++) {
      const query: Record<string, string> = { app_key: word(8), timestamp: String(1_700_000_000 + i) };
      for (let k = 0; k < 4; k++) query[word(10)] = word(12);
      const body = random.next() < 0.5 ? '' : JSON.stringify({ q: word(30) });
      const path = `/${word(6)}/202309/${word(6)}`;
      const secret = word(16);
      expect(signRequest({ appSecret: secret, path, query, body })).toBe(
        fakeSignature(secret, path, new URLSearchParams(query), body),
      );
    }
  });
});
