import { describe, expect, it } from 'vitest';
import { unframe } from '../../../src/shared/codes/scanner-framing';

describe('unframe', () => {
  it.each([
    [']C1010950110153000317261231', '010950110153000317261231', 'C1'],
    [']E04006381333931', '4006381333931', 'E0'],
    [']Q3420123459400111201080805483016', '420123459400111201080805483016', 'Q3'],
    [']d2\u001d0109501101530003', '0109501101530003', 'd2'],
    ['\u0002]C11Z999AA10123456784\u0003\r\n', '1Z999AA10123456784', 'C1'],
    ['  RB123456785GB\t', 'RB123456785GB', null],
    [']C1]C1ABC', 'ABC', 'C1'],
    [']C', ']C', null],
  ])('%j → %j (symbology %s)', (raw, text, symbology) => {
    const once = unframe(raw);
    expect({ text: once.text, symbology: once.symbology }).toEqual({ text, symbology });
    // Stripping what is left finds nothing more.
    expect(unframe(once.text).text).toBe(once.text);
  });

  it('names what it removed', () => {
    expect(unframe('\u0002]C1X\u001d\r').removed).toEqual([
      'leading STX',
      'trailing CR',
      'trailing GS',
      'AIM identifier ]C1',
    ]);
  });
});
