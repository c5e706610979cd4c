import { describe, expect, it } from 'vitest';
import { STATION_NAME_CHARACTERS_ISSUE } from '../../../src/shared/domain';
import { ERROR_CODES, type AppErrorShape } from '../../../src/shared/errors';
import { PIN_RULES } from '../../../src/shared/pin-rules';
import { USER_OR_BADGE_ISSUE } from '../../../src/shared/session-views';
import { createI18n } from '../../../src/renderer/src/i18n/i18n';
import { LOCALES } from '../../../src/renderer/src/i18n/locales';
import { errorMessageKey } from '../../../src/renderer/src/i18n/error-message';

/** Every variant the core raises, with the parameters it raises it with. */
const RAISED: AppErrorShape[] = [
  ...PIN_RULES.map((rule) => ({ code: 'PIN_TOO_WEAK' as const, params: { rule } })),
  { code: 'BADGE_INVALID', params: { reason: 'format' } },
  { code: 'BADGE_INVALID', params: { reason: 'check_character' } },
  { code: 'BAD_PIN', params: { attemptsLeft: 3 } },
  { code: 'BAD_PIN', params: { attemptsLeft: 0, retryAfterSeconds: 30 } },
  { code: 'SIGN_IN_LOCKED', params: { retryAfterSeconds: 120, scope: 'user' } },
  { code: 'SIGN_IN_LOCKED', params: { retryAfterSeconds: 60, scope: 'station' } },
  { code: 'SESSION_EXPIRED', params: { name: 'Mei', idleMinutes: 5 } },
  { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk' } },
  { code: 'FORBIDDEN', params: { required: 'admin', role: 'supervisor' } },
  { code: 'FORBIDDEN', params: { required: 'another_user', role: 'supervisor' } },
  { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk', authorizer: true } },
  { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk', setting: 'staleTrackingHours' } },
  {
    code: 'VALIDATION_FAILED',
    params: { call: 'updateSettings', field: 'stationName', issue: STATION_NAME_CHARACTERS_ISSUE },
  },
  { code: 'VALIDATION_FAILED', params: { call: 'signIn', field: 'userId', issue: USER_OR_BADGE_ISSUE } },
  { code: 'PIN_CHANGE_REQUIRED', params: { name: 'Mei' } },
];

describe('session and security texts', () => {
  it('has its own text for every variant the core raises, in every language, with the numbers filled in', () => {
    for (const locale of LOCALES) {
      const i18n = createI18n(locale.code);
      for (const error of RAISED) {
        const [keys, options] = errorMessageKey(error);
        if (keys.length > 1) expect(i18n.exists(keys[0] ?? ''), `${locale.code} ${keys[0]}`).toBe(true);
        const text = i18n.t(keys, options);
        expect(text, `${locale.code} ${keys[0]}`).not.toMatch(/\{\{|errors\.|errorDetails\./);
        for (const key of ['retryAfterSeconds', 'attemptsLeft', 'idleMinutes', 'name'] as const) {
          const value = error.params[key];
          if (value !== undefined && !(key === 'attemptsLeft' && value === 0)) {
            expect(text, `${locale.code} ${keys[0]}`).toContain(String(value));
          }
        }
      }
    }
  });

  it('gives variants only to codes that exist', () => {
    for (const locale of LOCALES) {
      const details = (locale.messages as unknown as { errorDetails: Record<string, unknown> }).errorDetails;
      for (const code of Object.keys(details)) expect(ERROR_CODES as readonly string[]).toContain(code);
    }
  });

  it('tells a clerk whose page lost the key exactly which command prints the link', () => {
    expect(createI18n('en').t('errors.UNAUTHORIZED')).toContain('lastmile station --print-url --data');
    expect(createI18n('zh-CN').t('errors.UNAUTHORIZED')).toContain('lastmile station --print-url --data');
  });
});
