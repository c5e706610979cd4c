import { describe, expect, it } from 'vitest';
import { displayCode } from '../../../src/shared/codes/display-code';

describe('displayCode', () => {
  it('shows GS and every other control character as a visible token', () => {
    expect(displayCode('0109501101530003\u001d10ABC')).toBe('0109501101530003‹GS›10ABC');
    expect(displayCode('\u0002RB1\u0003\r\n\t\u0000\u007f')).toBe('‹STX›RB1‹ETX›‹CR›‹LF›‹HT›‹NUL›‹DEL›');
    expect(displayCode('\u001e\u001f\u001c')).toBe('‹RS›‹US›‹FS›');
  });

  it('leaves ordinary text alone and marks a lone surrogate', () => {
    expect(displayCode('1Z999AA10123456784')).toBe('1Z999AA10123456784');
    expect(displayCode('退货 A')).toBe('退货 A');
    expect(displayCode('A\ud800B')).toBe('A‹?›B');
  });
});
