import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redactFields, redactText } from '../../../src/main/log-redaction';
import { formatLogLine } from '../../../src/main/logger';

describe('secrets never reach a log line', () => {
  it('by field name, nested and in arrays', () => {
    const out = redactFields({
      pin: '0000',
      appSecret: 's3cr3t',
      app_secret: 's3cr3t',
      accessToken: 'abc',
      refresh_token: 'def',
      'x-api-key': 'k',
      Authorization: 'Bearer abcdefghijkl',
      password: 'p',
      nested: { credentials: { user: 'u', pass: 'x' }, list: [{ clientSecret: 'cs' }] },
      headers: { cookie: 'sid=1' },
      // Not secrets: an ordering key, an idempotency key, counts of tokens.
      orderingKey: 'parcel-1',
      idempotencyKey: 'evt-1',
      tokens: 3,
      code: 'TH1234567890',
    });
    expect(out).toEqual({
      pin: REDACTED,
      appSecret: REDACTED,
      app_secret: REDACTED,
      accessToken: REDACTED,
      refresh_token: REDACTED,
      'x-api-key': REDACTED,
      Authorization: REDACTED,
      password: REDACTED,
      nested: { credentials: REDACTED, list: [{ clientSecret: REDACTED }] },
      headers: { cookie: REDACTED },
      orderingKey: 'parcel-1',
      idempotencyKey: 'evt-1',
      tokens: 3,
      code: 'TH1234567890',
    });
  });

  it('by pattern inside any text: bearer tokens, JWTs, signed URLs, JSON bodies, URL credentials', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLXBhcnQ';
    const text = [
      'request failed: Authorization: Bearer 9f8e7d6c5b4a39281706',
      `token ${jwt}`,
      'GET https://open-api.tiktokglobalshop.com/order?app_key=123&sign=deadbeef&access_token=ROW_abc&shop_id=7',
      'body {"app_secret":"hunter2","page":1}',
      'proxy http://user:pa55word@proxy.local:3128/',
    ].join('\n');
    const out = redactText(text);
    for (const secret of [
      '9f8e7d6c5b4a39281706',
      jwt,
      'deadbeef',
      'ROW_abc',
      'hunter2',
      'pa55word',
      '=123',
    ]) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).toContain('shop_id=7');
    expect(out).toContain('"page":1');
    expect(out).toContain('proxy.local:3128');
  });

  it('in error messages and stacks, and survives cycles, buffers and bigints', () => {
    const err = new Error('401 from carrier with access_token=XYZ123');
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactFields({ error: err, cyclic, body: Buffer.from('binary'), big: 10n });
    expect(JSON.stringify(out)).not.toContain('XYZ123');
    expect(out.cyclic).toEqual({ name: 'loop', self: '[cycle]' });
    expect(out.body).toBe('[6 bytes]');
    expect(out.big).toBe('10');
  });

  it('in the formatted line, message included', () => {
    const line = formatLogLine(
      'warn',
      'signing with sign=abc123',
      { pin: '1234' },
      new Date(Date.UTC(2026, 11, 1)),
    );
    expect(line).toBe(`2026-12-01T00:00:00.000Z warn signing with sign=${REDACTED} {"pin":"${REDACTED}"}`);
  });

  it('names secret keys by their words, not by substrings', () => {
    for (const k of [
      'pin',
      'userPin',
      'PIN',
      'apiKey',
      'api_key',
      'privateKey',
      'sessionId',
      'sign',
      'signature',
      'otp',
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of [
      'shipping',
      'design',
      'orderingKey',
      'idempotencyKey',
      'keyboard',
      'station',
      'tokens',
      'opinion',
    ]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });
});
