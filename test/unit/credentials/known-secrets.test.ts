import { describe, expect, it } from 'vitest';
import { KnownSecrets, knownSecretsLogger } from '../../../src/main/credentials/known-secrets';
import { fillSyncConfigSecrets } from '../../../src/main/credentials/secret-fields';
import { lastFourOf } from '../../../src/main/credentials/credential-store';
import { formatLogLine, type Logger } from '../../../src/main/logger';

describe('known secrets', () => {
  it('redacts an exact value wherever it appears, the longest first, in text, fields and errors', () => {
    const known = new KnownSecrets();
    known.add('abcd-1234');
    known.add('abcd-1234-long-version');
    expect(known.redact('rejected abcd-1234-long-version and abcd-1234!')).toBe(
      'rejected [redacted] and [redacted]!',
    );
    const error = Object.assign(new Error('key abcd-1234 refused'), { code: 'E_abcd-1234' });
    const copy = known.redactDeep({ nested: [{ line: 'x abcd-1234 y' }], error });
    expect(copy.nested[0]!.line).toBe('x [redacted] y');
    expect(copy.error.message).toBe('key [redacted] refused');
    expect((copy.error as Error & { code: string }).code).toBe('E_[redacted]');
    // The original is not changed.
    expect(error.message).toBe('key abcd-1234 refused');
  });

  it('ignores values too short to tell from ordinary words', () => {
    const known = new KnownSecrets();
    known.add('abc');
    expect(known.redact('abc abc')).toBe('abc abc');
  });

  it('a logger wrapped with it never passes a known secret on', () => {
    const lines: string[] = [];
    const sink: Logger = {
      info: (m, f) => lines.push(formatLogLine('info', m, f)),
      warn: (m, f) => lines.push(formatLogLine('warn', m, f)),
      error: (m, f) => lines.push(formatLogLine('error', m, f)),
    };
    const known = new KnownSecrets();
    const logger = knownSecretsLogger(sink, known);
    known.add('s3cr3t-value-99');
    logger.warn('carrier said s3cr3t-value-99 is wrong', { body: { text: 'echo s3cr3t-value-99' } });
    logger.error('failed', { error: new Error('with s3cr3t-value-99 inside') });
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('s3cr3t-value-99');
    expect(lines[0]).toContain('carrier said [redacted] is wrong');
  });
});

describe('secret fields of a stored sync configuration', () => {
  it('fills only what is missing, by destination name and the connector’s declared fields', () => {
    const raw = {
      destinations: [
        { name: 'flash', kind: 'test-carrier', credentials: { clientId: 'x' } },
        { name: 'nv', kind: 'ninja-van', clientId: 'c', clientSecret: 'inline-wins' },
        { name: 'odd', kind: 'no-such-kind' },
      ],
      feeds: {},
    };
    const secrets = new Map<string, Record<string, string>>([
      ['flash', { 'credentials.clientSecret': 'from-store', apiKey: 'not-a-field-of-it' }],
      ['nv', { clientSecret: 'from-store-2' }],
      ['odd', { apiKey: 'k' }],
    ]);
    expect(fillSyncConfigSecrets(raw, secrets)).toEqual({
      destinations: [
        { name: 'flash', kind: 'test-carrier', credentials: { clientId: 'x', clientSecret: 'from-store' } },
        { name: 'nv', kind: 'ninja-van', clientId: 'c', clientSecret: 'inline-wins' },
        { name: 'odd', kind: 'no-such-kind' },
      ],
      feeds: {},
    });
    expect(raw.destinations[0]).toEqual({
      name: 'flash',
      kind: 'test-carrier',
      credentials: { clientId: 'x' },
    });
    expect(fillSyncConfigSecrets('not json of that shape', secrets)).toBe('not json of that shape');
  });

  it('shows the last four characters of a long secret only, counting characters not bytes', () => {
    expect(lastFourOf('0123456789abcdef')).toBe('cdef');
    expect(lastFourOf('0123456789abcde')).toBeNull();
    // Code points, so a key of emoji or CJK never shows half a character.
    expect(lastFourOf('🔑'.repeat(16))).toBe('🔑🔑🔑🔑');
    expect(lastFourOf('🔑'.repeat(15))).toBeNull();
  });
});
