import { describe, expect, it } from 'vitest';
import { lookupKeys } from '../../../src/shared/codes/lookup-keys';
import { recognise } from '../../../src/shared/codes/recognise';

const GS = '\u001d';

describe('lookupKeys', () => {
  it('a GS1 string: the SSCC and the GTIN (with its EAN-13 spelling) in rank order', () => {
    expect(lookupKeys(recognise(`]C100340123450000000000${GS}0109501101530003`))).toEqual([
      '340123450000000000',
      '09501101530003',
      '9501101530003',
    ]);
  });

  it('an IMpb with its routing prefix: the number alone', () => {
    expect(lookupKeys(recognise('420100019205590164917312751089'))).toEqual(['9205590164917312751089']);
  });

  it('leaves out invalid candidates and codes that name no parcel (bins, badges)', () => {
    expect(lookupKeys(recognise('RB123456784GB'))).toEqual([]);
    expect(lookupKeys(recognise('A-01-02'))).toEqual([]);
    expect(lookupKeys(recognise('hello'))).toEqual([]);
  });

  it('an ambiguous number once, whatever the number of carriers it may belong to', () => {
    expect(lookupKeys(recognise('JJD0002257639032011'))).toEqual(['JJD0002257639032011']);
  });

  it('stops at the limit', () => {
    const r = recognise(`]C100340123450000000000${GS}0109501101530003`);
    expect(lookupKeys(r, 2)).toEqual(['340123450000000000', '09501101530003']);
  });
});
