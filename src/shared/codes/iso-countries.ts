/**
 * ISO 3166-1 alpha-2: the 249 officially assigned codes. UPU S10 ends with the issuing post's
 * country, which must be one of these; `XX`, `ZZ` or a typo is not a label. Add a code here when
 * ISO assigns one (the test counts them, so an accidental deletion shows).
 */
const CODES = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`;

export const ISO_COUNTRIES: ReadonlySet<string> = new Set(CODES.split(/\s+/).filter(Boolean));

export function isIsoCountry(code: string): boolean {
  return ISO_COUNTRIES.has(code);
}

/**
 * ISO 3166-1 numeric → alpha-2 for the countries a DPD barcode names most often here (the
 * barcode ends with the destination's numeric code). Extend when a label shows another.
 */
export const ISO_NUMERIC: Readonly<Record<string, string>> = {
  '036': 'AU',
  '040': 'AT',
  '056': 'BE',
  '124': 'CA',
  '156': 'CN',
  '203': 'CZ',
  '208': 'DK',
  '250': 'FR',
  '276': 'DE',
  '344': 'HK',
  '360': 'ID',
  '372': 'IE',
  '380': 'IT',
  '392': 'JP',
  '410': 'KR',
  '442': 'LU',
  '458': 'MY',
  '528': 'NL',
  '608': 'PH',
  '616': 'PL',
  '620': 'PT',
  '702': 'SG',
  '704': 'VN',
  '724': 'ES',
  '752': 'SE',
  '756': 'CH',
  '764': 'TH',
  '826': 'GB',
  '840': 'US',
};
