import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { MAX_SCAN_LENGTH, normaliseScan } from '../../../src/shared/scan-code';

const GS = '\u001d';

function failure(raw: string): { code: string; params: Record<string, unknown> } {
  try {
    normaliseScan(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).toJSON();
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe('normaliseScan', () => {
  it.each([
    ['RB123456785GB', 'RB123456785GB', null],
    ['rb123456785gb', 'RB123456785GB', null],
    ['TH0112345678\r', 'TH0112345678', null],
    ['TH0112345678\n', 'TH0112345678', null],
    ['TH0112345678\r\n', 'TH0112345678', null],
    ['TH0112345678\t', 'TH0112345678', null],
    ['  1Z999AA10123456784  ', '1Z999AA10123456784', null],
    [']C100012345678901234568\r', '00012345678901234568', 'C1'],
    [']E04006381333931', '4006381333931', 'E0'],
    [']e0010123456789012', '010123456789012', 'e0'],
    [']d2010950123456789017ABC', '010950123456789017ABC', 'd2'],
    [']Q3420123459400111202555555555555', '420123459400111202555555555555', 'Q3'],
  ])('%j → %s (symbology %s)', (raw, code, symbology) => {
    expect(normaliseScan(raw)).toEqual({ code, symbology });
  });

  it('keeps GS separators inside a GS1 element string and drops a leading FNC1', () => {
    expect(normaliseScan(`]C10109501234567890${GS}10abc123${GS}21xyz\r`)).toEqual({
      code: `0109501234567890${GS}10ABC123${GS}21XYZ`,
      symbology: 'C1',
    });
    expect(normaliseScan(`${GS}0109501234567890${GS}10LOT1`)).toEqual({
      code: `0109501234567890${GS}10LOT1`,
      symbology: null,
    });
  });

  it('drops the GS some scanners send after the last element, so a known code stays known', () => {
    expect(normaliseScan(`1Z999AA10123456784${GS}\r`)).toEqual({
      code: '1Z999AA10123456784',
      symbology: null,
    });
    expect(normaliseScan(`]C100340123450000000000${GS}`)).toEqual({
      code: '00340123450000000000',
      symbology: 'C1',
    });
    expect(normaliseScan(`${GS}0109501234567890${GS}10LOT1${GS}${GS}`).code).toBe(
      `0109501234567890${GS}10LOT1`,
    );
  });

  it.each(['', '\r', '\r\n', '   ', '\t', GS, `${GS}${GS}\r`])('refuses %j as SCAN_EMPTY', (raw) => {
    expect(failure(raw).code).toBe('SCAN_EMPTY');
  });

  it('refuses anything longer than the limit, including 4 KB of garbage, as SCAN_TOO_LONG', () => {
    expect(normaliseScan('A'.repeat(MAX_SCAN_LENGTH)).code).toHaveLength(MAX_SCAN_LENGTH);
    expect(failure('A'.repeat(MAX_SCAN_LENGTH + 1))).toEqual({
      code: 'SCAN_TOO_LONG',
      params: { length: MAX_SCAN_LENGTH + 1, max: MAX_SCAN_LENGTH },
    });
    let garbage = '';
    for (let i = 0; i < 4096; i++) garbage += String.fromCharCode((i * 7919) % 256);
    expect(failure(garbage).code).toBe('SCAN_TOO_LONG');
  });

  it.each([
    ['AB\u0000CD', 3, 0],
    ['\u001b[2~RB123', 1, 27],
    ['RB12\r3456', 5, 13],
    ['RB 123', 3, 32],
    ['RB123\u007f', 6, 127],
  ])(
    'refuses control characters in %j as SCAN_BAD_CHARACTERS at their position',
    (raw, position, charCode) => {
      expect(failure(raw)).toEqual({ code: 'SCAN_BAD_CHARACTERS', params: { position, charCode } });
    },
  );

  it.each([['退货单号123'], ['ＲＢ１２３'], ['RB123é'], ['số123'], ['พัสดุ']])(
    'refuses IME text %j as SCAN_NOT_ASCII',
    (raw) => {
      expect(failure(raw).code).toBe('SCAN_NOT_ASCII');
    },
  );
});
