import { describe, expect, it } from 'vitest';
import { CARRIER_FORMATS, CARRIER_NAMES } from '../../../src/shared/codes/carrier-formats';
import { ISO_COUNTRIES, ISO_NUMERIC } from '../../../src/shared/codes/iso-countries';
import { recognise } from '../../../src/shared/codes/recognise';

describe('the carrier format table', () => {
  it('has unique ids, known carriers, ISO markets, anchored patterns and a source on every row', () => {
    const ids = CARRIER_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of CARRIER_FORMATS) {
      const carriers =
        typeof f.carrier === 'string'
          ? [f.carrier]
          : [...Object.values(f.carrier.table), f.carrier.otherwise];
      for (const c of carriers) expect(CARRIER_NAMES, `${f.id}: ${c}`).toHaveProperty(String(c));
      for (const m of f.markets) expect(ISO_COUNTRIES.has(m), `${f.id}: ${m}`).toBe(true);
      expect(f.markets.length > 0 || f.marketGroup !== undefined, f.id).toBe(true);
      expect(f.pattern.source.startsWith('^') && f.pattern.source.endsWith('$'), f.id).toBe(true);
      expect(f.pattern.flags, f.id).not.toContain('g');
      expect(['standard', 'community', 'unverified']).toContain(f.source);
      expect(f.specificity, f.id).toBeGreaterThanOrEqual(0);
      expect(f.specificity, f.id).toBeLessThanOrEqual(1);
      if (f.check) expect(f.pattern.source, f.id).toMatch(/\(\?<data>[\s\S]*\(\?<check>/);
      // Rows without a public source carry no check digit, so they can never outrank a checked match.
      if (f.source === 'unverified') expect(f.check, f.id).toBeUndefined();
    }
  });

  it('lists the 249 ISO 3166-1 alpha-2 codes, and numeric codes that map into them', () => {
    expect(ISO_COUNTRIES.size).toBe(249);
    for (const cc of ['GB', 'TH', 'VN', 'MY', 'US', 'SS', 'CW']) expect(ISO_COUNTRIES.has(cc)).toBe(true);
    for (const cc of ['UK', 'EU', 'XK', 'AN', 'ZZ']) expect(ISO_COUNTRIES.has(cc)).toBe(false);
    for (const alpha of Object.values(ISO_NUMERIC)) expect(ISO_COUNTRIES.has(alpha)).toBe(true);
  });
});

/**
 * Sample numbers published with the community data set these rows came from
 * (jkeen/tracking_number_data, MIT): its "valid" numbers must pass our rules, its "invalid" ones
 * must not. They check our check-digit rules against somebody else's reading of the same specs.
 */
describe('published sample numbers', () => {
  const valid: [string, string][] = [
    ['986578788855', 'fedex-12'],
    ['477179081230', 'fedex-12'],
    ['1001921334250001000300779017972697', 'fedex-34'],
    ['9622001900000000000000776632517510', 'fedex-34'],
    ['041441760228964', 'fedex-15'],
    ['568283610012000', 'fedex-15'],
    ['9611020987654312345672', 'fedex-96-22'],
    ['61299998820821171811', 'fedex-smartpost'],
    ['9261292700768711948021', 'fedex-smartpost'],
    ['3318810025', 'dhl-express-waybill'],
    ['73891051146', 'dhl-express-waybill'],
    ['JJD0099999999', 'dhl-express-piece'],
    ['GM2951173225174494', 'dhl-ecommerce'],
    ['008182709980000020033350276C', 'dpd-28'],
    ['008182709980000020045327276N', 'dpd-28'],
    ['JJD0002257639032011', 'yodel'],
    ['JD0002242617644732', 'yodel'],
    ['YT2229521272164446', 'yunexpress'],
    ['1Z5R89390357567127', 'ups-1z'],
    ['1Z879E930346834440', 'ups-1z'],
    ['1Z410E7W0392751591', 'ups-1z'],
    ['9400111201080805483016', 'usps-impb-22'],
    ['9361289878700317633795', 'usps-impb-22'],
    ['9505511069605048600624', 'usps-impb-22'],
    ['92748931507708513018050063', 'usps-impb-26'],
    ['03071790000523483741', 'usps-20'],
    ['420221539101026837331000039521', 'usps-impb-zip5'],
  ];
  it.each(valid)('%s is a valid %s', (code, format) => {
    expect(recognise(code).candidates.find((c) => c.format === format)).toMatchObject({ valid: true });
  });

  const invalid: [string, string][] = [
    ['996578788855', 'fedex-12'],
    ['1001901781990001000300617767839438', 'fedex-34'],
    ['568283610012732', 'fedex-15'],
    ['9261292700768711948020', 'fedex-smartpost'],
    ['3318810010', 'dhl-express-waybill'],
    ['008182709980000020033350276A', 'dpd-28'],
    ['1Z1111111111111111', 'ups-1z'],
    ['03071790000523483742', 'usps-20'],
    ['JC0002254405060992', 'yodel'],
    ['YT123456789012345', 'yunexpress'],
  ];
  it.each(invalid)('%s is not a valid %s', (code, format) => {
    expect(recognise(code).candidates.filter((c) => c.format === format && c.valid)).toEqual([]);
  });
});
