import { describe, expect, it } from 'vitest';
import { isJsonContentType } from '../../../src/main/station/media-type';
import { sameSecret } from '../../../src/main/station/station-token';
import { looksLikeBadge, makeBadgeCode, parseBadge } from '../../../src/shared/codes/badge-code';
import { hasInvisibleCharacters } from '../../../src/shared/domain';
import { pinProblem } from '../../../src/shared/pin-rules';
import { hasRole, mayManage } from '../../../src/shared/roles';

describe('PIN rules', () => {
  it.each([
    ['0000', 'repeated'],
    ['999999', 'repeated'],
    ['1234', 'sequence'],
    ['0123456789', 'sequence'],
    ['4321', 'sequence'],
    ['7890', 'sequence'],
    ['8901', 'sequence'],
    ['123', 'length'],
    ['', 'length'],
    ['1357913579135', 'length'],
    ['12 34', 'digits'],
    ['１２３４', 'digits'],
  ])('%j breaks %s', (pin, rule) => {
    expect(pinProblem(pin)).toBe(rule);
  });

  it.each(['1357', '2580', '4826', '0042', '135791357913', '1243'])('%j is acceptable', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it('refuses the PIN it replaces', () => {
    expect(pinProblem('4826', '4826')).toBe('same_as_old');
    expect(pinProblem('4826', '4827')).toBeNull();
  });
});

describe('badge codes (the recogniser’s format: BADGE- + id + - + ISO 7064 MOD 37,36 check character)', () => {
  it('makes the recogniser’s own example', () => {
    expect(makeBadgeCode('MEI01')).toBe('BADGE-MEI01-0');
    expect(makeBadgeCode('1001')).toBe('BADGE-1001-J');
  });

  it('catches every single-character misread and every swap of neighbours of a badge id', () => {
    const id = '90417';
    const check = makeBadgeCode(id).slice(-1);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const accepted = (candidate: string) => parseBadge(`BADGE-${candidate}-${check}`).ok;
    for (let i = 0; i < id.length; i++) {
      for (const ch of alphabet) {
        if (ch === id[i]) continue;
        const wrong = id.slice(0, i) + ch + id.slice(i + 1);
        expect(accepted(wrong), wrong).toBe(false);
      }
      if (i + 1 < id.length && id[i] !== id[i + 1]) {
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(accepted(swapped), swapped).toBe(false);
      }
    }
  });

  it('reads what a scanner sends, and says why a badge is refused', () => {
    const code = makeBadgeCode('1001');
    expect(parseBadge(` ${code.toLowerCase()}\r\n`)).toEqual({ ok: true, code });
    expect(parseBadge('BADGE-1001-K')).toEqual({ ok: false, reason: 'check_character' });
    expect(parseBadge('BADGE-1001J')).toEqual({ ok: false, reason: 'format' });
    expect(parseBadge('BADGE-1-2')).toEqual({ ok: false, reason: 'format' });
    expect(parseBadge('BADGE-10 01-J')).toEqual({ ok: false, reason: 'format' });
    expect(parseBadge('RB123456785GB')).toEqual({ ok: false, reason: 'format' });
    expect(looksLikeBadge('BADGE-anything')).toBe(true);
    expect(looksLikeBadge('TH0112345678')).toBe(false);
    expect(() => makeBadgeCode('x')).toThrow(RangeError);
  });
});

describe('station hardening helpers', () => {
  it('knows application/json exactly', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8; q="a;b"')).toBe(true);
    expect(isJsonContentType('application/jsonfoo')).toBe(false);
    expect(isJsonContentType('application/json; charset=utf-8, text/html')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it('compares secrets of any length without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x'.repeat(1000))).toBe(false);
  });

  it('finds control characters and lone surrogates, not real text', () => {
    for (const bad of ['a\u0000', 'a\u001f', 'a\u007f', 'a\u009f', '\ud83d', '\ude00x', 'x\ud83dy']) {
      expect(hasInvisibleCharacters(bad), JSON.stringify(bad)).toBe(true);
    }
    for (const good of ['QC-1', '退货台', 'Kho Hà Nội', '😀', 'a b']) {
      expect(hasInvisibleCharacters(good), good).toBe(false);
    }
  });
});

describe('roles', () => {
  it('an admin may do what a supervisor may; a supervisor manages only the bench roles', () => {
    expect(hasRole('admin', 'supervisor')).toBe(true);
    expect(hasRole('supervisor', 'admin')).toBe(false);
    expect(hasRole('packer', 'supervisor')).toBe(false);
    expect(mayManage('supervisor', 'clerk')).toBe(true);
    expect(mayManage('supervisor', 'supervisor')).toBe(false);
    expect(mayManage('admin', 'admin')).toBe(true);
  });
});
