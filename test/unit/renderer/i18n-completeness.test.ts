import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/domain';
import { AppError, ERROR_CODES } from '../../../src/shared/errors';
import { normaliseScan } from '../../../src/shared/scan-code';
import { createI18n } from '../../../src/renderer/src/i18n/i18n';
import { LOCALES, ORPHAN_TEXT_FILES } from '../../../src/renderer/src/i18n/locales';
import { errorMessageKey, toErrorShape } from '../../../src/renderer/src/i18n/error-message';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const params = (message: string): string[] =>
  [...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

const reference = flatten(LOCALES.find((l) => l.code === 'en')?.messages as unknown as Tree);

describe('translations', () => {
  it('has a locale file for every language the settings accept, and no other', () => {
    expect(LOCALES.map((l) => l.code).sort()).toEqual([...LANGUAGES].sort());
  });

  it('has no feature text file for a language without a base file', () => {
    expect(ORPHAN_TEXT_FILES).toEqual([]);
  });

  it('has a message for every error code in every language', () => {
    for (const locale of LOCALES) {
      const errors = (locale.messages as unknown as { errors: Record<string, unknown> }).errors;
      for (const code of ERROR_CODES) {
        expect(typeof errors[code], `${locale.code} errors.${code}`).toBe('string');
        expect((errors[code] as string).trim().length, `${locale.code} errors.${code}`).toBeGreaterThan(0);
      }
      expect(Object.keys(errors).sort(), `${locale.code} has messages for codes that do not exist`).toEqual(
        [...ERROR_CODES].sort(),
      );
    }
  });

  it('has every key of English in every language, with the same interpolation parameters', () => {
    for (const locale of LOCALES) {
      const messages = flatten(locale.messages as unknown as Tree);
      expect([...messages.keys()].sort(), locale.code).toEqual([...reference.keys()].sort());
      for (const [key, english] of reference) {
        expect(params(messages.get(key) ?? ''), `${locale.code} ${key}`).toEqual(params(english));
        expect((messages.get(key) ?? '').trim(), `${locale.code} ${key} is empty`).not.toBe('');
      }
    }
  });

  it('fills every parameter of the scan errors the core really raises, in every language', () => {
    const raised = ['', 'x'.repeat(4096), '\u0002RB123', 'RB退货'].map((raw) => {
      try {
        normaliseScan(raw);
      } catch (err) {
        return toErrorShape(err);
      }
      throw new Error(`normaliseScan accepted ${JSON.stringify(raw)}`);
    });
    expect(raised.map((e) => e.code)).toEqual([
      'SCAN_EMPTY',
      'SCAN_TOO_LONG',
      'SCAN_BAD_CHARACTERS',
      'SCAN_NOT_ASCII',
    ]);
    for (const locale of LOCALES) {
      const i18n = createI18n(locale.code);
      for (const error of raised) {
        const [key, options] = errorMessageKey(error);
        const text = i18n.t(key, options);
        expect(text, `${locale.code} ${error.code}`).not.toMatch(/\{\{|errors\./);
        for (const value of Object.values(error.params)) expect(text).toContain(String(value));
      }
    }
  });

  it('tells a clerk with an IME on to switch to English/ABC, in every language', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    const error = toErrorShape(new AppError('SCAN_NOT_ASCII', { character: '退' }));
    expect(en.t(...errorMessageKey(error))).toContain('English/ABC');
    expect(zh.t(...errorMessageKey(error))).toContain('英文 (ABC)');
  });

  it('never shows a thrown non-contract error as text: it becomes INTERNAL', () => {
    expect(toErrorShape(new TypeError('Cannot read properties of undefined'))).toEqual({
      code: 'INTERNAL',
      params: {},
    });
    expect(toErrorShape({ code: 'NOT_A_CODE', params: {} })).toEqual({ code: 'INTERNAL', params: {} });
  });
});
