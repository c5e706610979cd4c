import { describe, expect, it } from 'vitest';
import {
  classifyStatus,
  classifyTransportError,
  isPermanent,
  isTransportFailure,
} from '../../../src/main/sync/classify-http';

describe('classifyStatus', () => {
  it('retries 5xx and 429, refreshes on 401, gives up on other 4xx', () => {
    expect(classifyStatus(200)).toBeNull();
    expect(classifyStatus(204)).toBeNull();
    expect(classifyStatus(500)).toBe('server');
    expect(classifyStatus(503)).toBe('server');
    expect(classifyStatus(429)).toBe('throttled');
    expect(classifyStatus(401)).toBe('auth');
    expect(classifyStatus(408)).toBe('timeout');
    for (const s of [400, 403, 404, 409, 413, 422]) expect(classifyStatus(s)).toBe('rejected');
    expect(classifyStatus(302)).toBe('server');
  });
});

describe('classifyTransportError', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });
  it('tells timeouts from network failures', () => {
    expect(classifyTransportError(coded('ECONNRESET'))).toBe('network');
    expect(classifyTransportError(coded('ECONNREFUSED'))).toBe('network');
    expect(classifyTransportError(coded('ETIMEDOUT'))).toBe('timeout');
    expect(classifyTransportError(new DOMException('t', 'TimeoutError'))).toBe('timeout');
    expect(classifyTransportError(new DOMException('a', 'AbortError'))).toBe('network');
    expect(classifyTransportError(new Error('fetch failed', { cause: coded('ETIMEDOUT') }))).toBe('timeout');
    expect(classifyTransportError('weird')).toBe('network');
  });
  it('groups kinds for the breaker and the dead-letter list', () => {
    expect(['network', 'timeout', 'server', 'throttled'].every((k) => isTransportFailure(k as never))).toBe(
      true,
    );
    expect(isTransportFailure('auth')).toBe(false);
    expect(isTransportFailure('malformed')).toBe(false);
    expect(isPermanent('rejected')).toBe(true);
    expect(isPermanent('server')).toBe(false);
  });
});
