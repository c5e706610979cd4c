/**
 * Carrier tracking-number formats, as data: one row per format. To add or correct a carrier,
 * edit a row here (docs/CODES.md says how) — the recogniser has no carrier-specific code.
 *
 * `source` says how far to trust a row:
 * - `standard`: a published standard (UPU S10, GS1) or shared/reference/codes.md, which we checked;
 * - `community`: public community data sets, chiefly jkeen/tracking_number_data (MIT; its
 *   published sample numbers pass our check digits, see test/unit/codes/carrier-formats.test.ts);
 * - `unverified`: the shape we see on labels and in the demo seed, with no public source found.
 *   These rows have no check digit and a low `specificity`, so they never outrank a checked
 *   match; correct them from a real label when one disagrees.
 */

export type CheckAlgorithm = 'gs1-mod10' | 'ups' | 's10' | 'fedex-mod11' | 'mod7' | 'mod37-36';

export type Source = 'standard' | 'community' | 'unverified';

/** A value read from a named group of the pattern, looked up in a table. */
export interface ByGroup {
  group: string;
  table: Readonly<Record<string, string>>;
  /** When the group's value is not in the table. */
  otherwise: string | null;
}

export interface CarrierFormat {
  /** Stable id, e.g. `ups-1z`; candidates carry it as `format`. */
  id: string;
  name: string;
  /** Carrier id (see CARRIER_NAMES), fixed or read from the code (S10: the issuing country). */
  carrier: string | ByGroup;
  service?: string | ByGroup;
  /** Countries whose docks see this format; `marketGroup` takes it from the code instead. */
  markets: readonly string[];
  marketGroup?: string;
  /** Anchored, upper case. Groups `data` and `check` feed the check rule. */
  pattern: RegExp;
  check?: {
    algorithm: CheckAlgorithm;
    /** Digits the rule counts before `data` though the code does not carry them (FedEx SmartPost `92`). */
    implied?: string;
  };
  /** A group holding an ISO 3166 alpha-2 country the code must name (S10). */
  countryGroup?: string;
  /** The group holding the number as the carrier's own systems know it; the whole code if absent. */
  numberGroup?: string;
  /**
   * 0–1: how much of the code the pattern pins down (letters, fixed prefix) rather than leaves to
   * chance. Ranks candidates of equal check verdict; a bare run of digits is near 0.
   */
  specificity: number;
  source: Source;
  note?: string;
}

export const CARRIER_NAMES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl_express: 'DHL Express',
  dhl_ecommerce: 'DHL eCommerce',
  dpd: 'DPD',
  yodel: 'Yodel',
  evri: 'Evri',
  royalmail: 'Royal Mail',
  yunexpress: 'YunExpress',
  thailandpost: 'Thailand Post',
  kerry: 'Kerry Express',
  flash: 'Flash Express',
  jnt: 'J&T Express',
  ninjavan: 'Ninja Van',
  ghn: 'Giao Hàng Nhanh (GHN)',
  ghtk: 'Giao Hàng Tiết Kiệm (GHTK)',
  viettelpost: 'Viettel Post',
  vnpost: 'Vietnam Post',
  poslaju: 'Pos Malaysia (Pos Laju)',
  chinapost: 'China Post',
  hongkongpost: 'Hongkong Post',
  singpost: 'SingPost',
  post: 'Postal operator (UPU)',
};

/**
 * A carrier id as people say it: `ups` → UPS, `jnt_th` / `jnt-th` → J&T Express TH (an adapter's
 * market suffix kept), an id we do not know as it is.
 */
export function carrierDisplayName(id: string): string {
  const known = CARRIER_NAMES[id] ?? CARRIER_NAMES[id.replace(/[-_]/g, '')];
  if (known) return known;
  const m = /^([a-z]+)[-_]([a-z]{2})$/.exec(id);
  const base = m?.[1] ? CARRIER_NAMES[m[1]] : undefined;
  return base && m?.[2] ? `${base} ${m[2].toUpperCase()}` : id;
}

/** S10 ends with the issuing post's country; these are the posts we deliver with or receive from. */
const POST_BY_COUNTRY: ByGroup = {
  group: 'country',
  table: {
    GB: 'royalmail',
    TH: 'thailandpost',
    MY: 'poslaju',
    VN: 'vnpost',
    US: 'usps',
    CN: 'chinapost',
    HK: 'hongkongpost',
    SG: 'singpost',
  },
  otherwise: 'post',
};

/** UPU S10 service indicator, by its first letter (S10 standard, annex on service indicators). */
const S10_SERVICES: ByGroup = {
  group: 'service',
  table: {
    E: 'EMS',
    R: 'Registered',
    C: 'Parcel',
    L: 'Letter post, tracked',
    V: 'Insured letter',
    U: 'Letter post, barcoded',
    H: 'E-commerce parcel',
    M: 'M-bag',
    Q: 'Business reply',
    B: 'Domestic',
    D: 'Domestic',
    N: 'Domestic',
    P: 'Domestic',
    Z: 'Domestic',
  },
  otherwise: null,
};

/** Characters 9–10 of a 1Z number (community: jkeen/tracking_number_data ups.json). */
const UPS_SERVICES: ByGroup = {
  group: 'service',
  table: {
    '01': 'Next Day Air',
    '02': '2nd Day Air',
    '03': 'Ground',
    '12': '3 Day Select',
    '13': 'Next Day Air Saver',
    '15': 'Next Day Air Early',
    '22': 'Ground Returns',
    '42': 'Ground, signature required',
    '66': 'Worldwide Express',
    '72': 'Ground COD',
    '90': 'Ground Returns (UPS prints label)',
  },
  otherwise: null,
};

/** The first four digits of a 22-digit IMpb number (community; the service type code list is USPS Pub 199). */
const USPS_SERVICES: ByGroup = {
  group: 'lead',
  table: {
    '9400': 'USPS Tracking',
    '9205': 'Priority Mail',
    '9270': 'Priority Mail Express',
    '9407': 'Certified Mail',
  },
  otherwise: 'IMpb',
};

/** DPD product codes inside the parcel barcode (community: DPD label spec as summarised in jkeen/tracking_number_data). */
const DPD_SERVICES: ByGroup = {
  group: 'service',
  table: {
    '101': 'DPD Classic',
    '109': 'DPD Classic COD',
    '136': 'DPD Classic small parcel',
    '154': 'DPD Parcel Letter',
    '155': 'DPD Guarantee',
    '179': 'DPD 10:00',
    '225': 'DPD 12:00',
    '327': 'DPD Return',
    '350': 'DPD 8:30',
  },
  otherwise: null,
};

const EVERYWHERE = ['GB', 'US', 'TH', 'VN', 'MY'] as const;

export const CARRIER_FORMATS: readonly CarrierFormat[] = [
  {
    id: 'upu-s10',
    name: 'UPU S10 (international post)',
    carrier: POST_BY_COUNTRY,
    service: S10_SERVICES,
    markets: [],
    marketGroup: 'country',
    pattern: /^(?<service>[A-Z])[A-Z](?<data>\d{8})(?<check>\d)(?<country>[A-Z]{2})$/,
    check: { algorithm: 's10' },
    countryGroup: 'country',
    specificity: 0.8,
    source: 'standard',
    note: 'Royal Mail, Thailand Post, Pos Malaysia (Pos Laju), Vietnam Post and USPS international all issue S10 numbers.',
  },
  {
    id: 'ups-1z',
    name: 'UPS 1Z',
    carrier: 'ups',
    service: UPS_SERVICES,
    markets: EVERYWHERE,
    pattern: /^1Z(?<data>[0-9A-Z]{6}(?<service>[0-9A-Z]{2})[0-9A-Z]{7})(?<check>\d)$/,
    check: { algorithm: 'ups' },
    specificity: 0.9,
    source: 'standard',
  },
  {
    id: 'usps-impb-22',
    name: 'USPS IMpb (22 digits)',
    carrier: 'usps',
    service: USPS_SERVICES,
    markets: ['US'],
    pattern: /^(?<data>(?<lead>9[1-5]\d\d)\d{17})(?<check>\d)$/,
    check: { algorithm: 'gs1-mod10' },
    specificity: 0.4,
    source: 'standard',
  },
  {
    id: 'usps-impb-26',
    name: 'USPS IMpb (26 digits, 9-digit mailer id)',
    carrier: 'usps',
    service: USPS_SERVICES,
    markets: ['US'],
    pattern: /^(?<data>(?<lead>9[1-5]\d\d)\d{21})(?<check>\d)$/,
    check: { algorithm: 'gs1-mod10' },
    specificity: 0.4,
    source: 'community',
  },
  ...(['5', '9'] as const).map((zipDigits): CarrierFormat => ({
    id: `usps-impb-zip${zipDigits}`,
    name: `USPS IMpb with its 420 + ${zipDigits === '5' ? 'ZIP' : 'ZIP+4'} routing prefix`,
    carrier: 'usps',
    service: USPS_SERVICES,
    markets: ['US'],
    // GS1 puts FNC1 after the ZIP; many labels and scanners leave it out.
    pattern: new RegExp(
      `^420(?<zip>\\d{${zipDigits}})(?<number>(?<data>(?<lead>9[1-5]\\d\\d)\\d{17}(?:\\d{4})?)(?<check>\\d))$`,
    ),
    check: { algorithm: 'gs1-mod10' },
    numberGroup: 'number',
    specificity: 0.55,
    source: 'standard',
    note: 'codes.md: the 420+ZIP prefix scanned from the same label is not part of the number.',
  })),
  {
    id: 'usps-20',
    name: 'USPS (older 20-digit)',
    carrier: 'usps',
    markets: ['US'],
    pattern: /^(?<data>\d{19})(?<check>\d)$/,
    check: { algorithm: 'gs1-mod10' },
    specificity: 0.05,
    source: 'community',
  },
  {
    id: 'fedex-12',
    name: 'FedEx Express (12 digits)',
    carrier: 'fedex',
    service: 'Express',
    markets: EVERYWHERE,
    pattern: /^(?<data>\d{11})(?<check>\d)$/,
    check: { algorithm: 'fedex-mod11' },
    specificity: 0.1,
    source: 'community',
  },
  {
    id: 'fedex-15',
    name: 'FedEx Ground (15 digits)',
    carrier: 'fedex',
    service: 'Ground',
    markets: ['US'],
    pattern: /^(?<data>\d{14})(?<check>\d)$/,
    check: { algorithm: 'gs1-mod10' },
    specificity: 0.1,
    source: 'community',
  },
  {
    id: 'fedex-smartpost',
    name: 'FedEx Ground Economy / SmartPost (20 digits, or 22 with 92)',
    carrier: 'fedex',
    service: 'Ground Economy (SmartPost)',
    markets: ['US'],
    // The 20-digit form leaves out the 92 that the check digit still counts.
    pattern: /^(?:92)?(?<data>\d{19})(?<check>\d)$/,
    check: { algorithm: 'gs1-mod10', implied: '92' },
    specificity: 0.1,
    source: 'community',
  },
  {
    id: 'fedex-96-22',
    name: 'FedEx Ground barcode (22 digits, 96…)',
    carrier: 'fedex',
    service: 'Ground',
    markets: ['US'],
    // 96 + 2-digit SCNC + 3-digit service, then the 15-digit Ground number it carries.
    pattern: /^96\d{5}(?<number>(?<data>\d{14})(?<check>\d))$/,
    check: { algorithm: 'gs1-mod10' },
    numberGroup: 'number',
    specificity: 0.35,
    source: 'community',
  },
  {
    id: 'fedex-34',
    name: 'FedEx barcode (34 digits)',
    carrier: 'fedex',
    markets: EVERYWHERE,
    // 100xx… (Express) or 96xx… (Ground): a 13-digit serial and its check digit end the
    // barcode, and the 12-digit tracking number is its last 12 digits.
    pattern: /^(?=\d{22}(?<number>\d{12})$)(?:100\d{17}|96\d{18})(?<data>\d{13})(?<check>\d)$/,
    check: { algorithm: 'fedex-mod11' },
    numberGroup: 'number',
    specificity: 0.4,
    source: 'community',
  },
  {
    id: 'dhl-express-waybill',
    name: 'DHL Express waybill (10–11 digits)',
    carrier: 'dhl_express',
    service: 'Express',
    markets: EVERYWHERE,
    pattern: /^(?<data>\d{9,10})(?<check>\d)$/,
    check: { algorithm: 'mod7' },
    specificity: 0.1,
    source: 'community',
  },
  {
    id: 'dhl-express-piece',
    name: 'DHL Express piece id (JD, JJD, JVGL)',
    carrier: 'dhl_express',
    service: 'Express piece',
    markets: EVERYWHERE,
    pattern: /^(?:JJD|JVGL|JD)\d{10,18}$/,
    specificity: 0.5,
    source: 'community',
    note: 'JD/JJD + 16 digits is also Yodel; both are offered.',
  },
  {
    id: 'dhl-ecommerce',
    name: 'DHL eCommerce',
    carrier: 'dhl_ecommerce',
    service: 'eCommerce',
    markets: ['US', 'GB', 'TH', 'MY', 'VN'],
    pattern: /^(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)\d{10,39}$/,
    specificity: 0.4,
    source: 'community',
  },
  {
    id: 'dpd-barcode',
    name: 'DPD parcel barcode (%…)',
    carrier: 'dpd',
    service: DPD_SERVICES,
    markets: ['GB'],
    // % + postcode (7, zero-padded) + parcel number (14) + service (3) + ISO numeric country (3).
    pattern: /^%(?<postcode>[0-9A-Z]{7})(?<number>\d{14})(?<service>\d{3})(?<country>\d{3})$/,
    numberGroup: 'number',
    specificity: 0.8,
    source: 'community',
  },
  {
    id: 'dpd-28',
    name: 'DPD parcel barcode text with check character (28)',
    carrier: 'dpd',
    service: DPD_SERVICES,
    markets: ['GB'],
    pattern: /^(?<data>[0-9A-Z]{7}(?<number>\d{14})(?<service>\d{3})\d{3})(?<check>[0-9A-Z])$/,
    check: { algorithm: 'mod37-36' },
    numberGroup: 'number',
    specificity: 0.3,
    source: 'community',
  },
  {
    id: 'dpd-14',
    name: 'DPD parcel number (14 digits)',
    carrier: 'dpd',
    markets: ['GB'],
    pattern: /^\d{14}$/,
    specificity: 0.02,
    source: 'community',
  },
  {
    id: 'yodel',
    name: 'Yodel (JD / JJD + 16 digits)',
    carrier: 'yodel',
    markets: ['GB'],
    pattern: /^J?JD\d{16}$/,
    specificity: 0.7,
    source: 'community',
  },
  {
    id: 'evri',
    name: 'Evri (16 characters)',
    carrier: 'evri',
    markets: ['GB'],
    pattern: /^[HT]\d{2}[0-9A-Z]{3}\d{10}$/,
    specificity: 0.5,
    source: 'unverified',
    note: 'H/T + 2 digits + 3 characters + 10 digits, as on Evri labels and the demo seed.',
  },
  {
    id: 'yunexpress',
    name: 'YunExpress (YT + 16 digits)',
    carrier: 'yunexpress',
    markets: ['GB', 'US', 'TH', 'VN', 'MY'],
    pattern: /^YT\d{16}$/,
    specificity: 0.7,
    source: 'community',
  },
  {
    id: 'flash-th',
    name: 'Flash Express (TH…)',
    carrier: 'flash',
    markets: ['TH'],
    pattern: /^TH\d{2}[0-9A-Z]{8,11}$/,
    specificity: 0.45,
    source: 'unverified',
    note: 'TH + 10–13 characters, digits first; Flash letters appear near the end.',
  },
  {
    id: 'kerry',
    name: 'Kerry Express / KEX',
    carrier: 'kerry',
    markets: ['TH', 'VN', 'MY'],
    pattern: /^(?:KER|KEX|KBK)[0-9A-Z]{7,15}$/,
    specificity: 0.4,
    source: 'unverified',
    note: 'Kerry (now KEX) consignment numbers seen with KER/KEX/KBK prefixes.',
  },
  {
    id: 'jnt-12',
    name: 'J&T Express (12 digits)',
    carrier: 'jnt',
    markets: ['TH', 'VN'],
    pattern: /^8\d{11}$/,
    specificity: 0.08,
    source: 'unverified',
    note: 'TH and VN waybills: 12 digits from 8 (VN often 84…).',
  },
  {
    id: 'jnt-my',
    name: 'J&T Express Malaysia (12 digits)',
    carrier: 'jnt',
    markets: ['MY'],
    pattern: /^6\d{11}$/,
    specificity: 0.08,
    source: 'unverified',
  },
  {
    id: 'ninjavan',
    name: 'Ninja Van (NV + country)',
    carrier: 'ninjavan',
    markets: [],
    marketGroup: 'country',
    pattern: /^NV(?<country>SG|MY|TH|VN|PH|ID)[0-9A-Z]{8,16}$/,
    specificity: 0.75,
    source: 'unverified',
    note: 'NV + market + shipper prefix and serial, as in the demo seed (NVMY…).',
  },
  {
    id: 'ghn',
    name: 'Giao Hàng Nhanh (GHN)',
    carrier: 'ghn',
    markets: ['VN'],
    pattern: /^G[A-Z]\d{2}[A-Z]{2}\d{4}$/,
    specificity: 0.45,
    source: 'unverified',
    note: 'The 10-character order code (G + letter + 2 digits + 2 letters + 4 digits).',
  },
  {
    id: 'ghtk',
    name: 'Giao Hàng Tiết Kiệm (GHTK)',
    carrier: 'ghtk',
    markets: ['VN'],
    pattern: /^S\d{6,10}(?:\.[0-9A-Z]{1,12}){1,4}$/,
    specificity: 0.6,
    source: 'unverified',
    note: 'S + shop id, then dot-separated route and serial parts.',
  },
  {
    id: 'viettelpost',
    name: 'Viettel Post',
    carrier: 'viettelpost',
    markets: ['VN'],
    pattern: /^VTP[0-9A-Z]{8,12}$/,
    specificity: 0.6,
    source: 'unverified',
  },
];
