import { describe, expect, it } from 'vitest';
import { AI_TABLE, parseGs1 } from '../../../src/shared/codes/gs1';

const GS = '\u001d';

describe('parseGs1', () => {
  it('reads fixed elements without GS and variable ones up to GS or the end', () => {
    expect(
      parseGs1(`00340123450000000000010950110153000317261231${GS}10L1${GS}21S${GS}400PO-77${GS}37024`),
    ).toEqual({
      ok: true,
      elements: [
        { ai: '00', title: 'SSCC', value: '340123450000000000', valid: true },
        { ai: '01', title: 'GTIN', value: '09501101530003', valid: true },
        { ai: '17', title: 'USE BY', value: '261231', valid: true },
        { ai: '10', title: 'BATCH/LOT', value: 'L1', valid: true },
        { ai: '21', title: 'SERIAL', value: 'S', valid: true },
        { ai: '400', title: 'ORDER NUMBER', value: 'PO-77', valid: true },
        { ai: '37', title: 'COUNT', value: '024', valid: true },
      ],
    });
  });

  it('reads (421) country + postcode, (3103) net weight, (11)/(15) dates, (02) content', () => {
    const r = parseGs1(`421826SW1A1AA${GS}310300125011260115152600000209501101530003`);
    expect(r.ok).toBe(true);
    expect(r.elements.map((e) => [e.ai, e.value, e.valid])).toEqual([
      ['421', '826SW1A1AA', true],
      ['3103', '001250', true],
      ['11', '260115', true],
      ['15', '260000', false],
      ['02', '09501101530003', true],
    ]);
    // 15 with day 00 is the month's end, month 00 is no month.
    expect(parseGs1('15260200').elements[0]).toMatchObject({ valid: true });
  });

  it('says where and why a string is not an element string', () => {
    expect(parseGs1('0109501101530')).toMatchObject({ ok: false, problem: '(01) needs 14 characters' });
    expect(parseGs1(`01095011${GS}01530003`)).toMatchObject({
      ok: false,
      problem: '(01) is cut short by GS',
    });
    expect(parseGs1('ABC')).toMatchObject({ ok: false, problem: 'no known AI at position 1', at: 0 });
    expect(parseGs1(GS)).toMatchObject({ ok: false, problem: 'no elements' });
    expect(parseGs1(`10${GS}`).elements[0]).toMatchObject({ ai: '10', valid: false, problem: 'empty' });
  });

  it('reads the bracketed human-readable form and refuses a malformed one', () => {
    expect(parseGs1('(01)09501101530003(17)261231').elements.map((e) => e.ai)).toEqual(['01', '17']);
    expect(parseGs1('(01)0950110153000(17)261231')).toMatchObject({
      ok: false,
      problem: '(01) has 13 characters',
    });
    expect(parseGs1('(99)X(88)Y')).toMatchObject({ ok: false, problem: 'unknown AI (88)' });
    expect(parseGs1('(01)09501101530003xx(')).toMatchObject({ ok: false });
  });

  it('has a prefix-free AI table, so the first 2-, 3- or 4-digit match is the AI', () => {
    const ais = Object.keys(AI_TABLE);
    for (const a of ais) for (const b of ais) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
  });
});
