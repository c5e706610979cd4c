import { describe, expect, it } from 'vitest';
import { makeBadge, makeLicensePlate } from '../../../src/shared/codes/own-codes';
import { recognise, type Candidate, type RecogniseOptions } from '../../../src/shared/codes/recognise';
import { refFedex, refGs1, refMod37_36, refMod7, refS10, refUps } from '../../helpers/reference-check-digits';

const GS = '\u001d';

const top = (raw: string, options?: RecogniseOptions) => recognise(raw, options);
const candidate = (raw: string, format: string, options?: RecogniseOptions): Candidate | undefined =>
  recognise(raw, options).candidates.find((c) => c.format === format);
const s10 = (svc: string, serial: string, cc: string) => `${svc}${serial}${refS10(serial)}${cc}`;
const gs1 = (data: string) => data + refGs1(data);

describe('the samples in shared/reference/codes.md', () => {
  it('RB123456785GB is a Royal Mail registered S10 item', () => {
    expect(top('RB123456785GB')).toMatchObject({
      kind: 'tracking',
      carrier: 'royalmail',
      service: 'Registered',
      valid: true,
      candidates: [{ format: 'upu-s10', value: 'RB123456785GB', check: 'passed', markets: ['GB'] }],
    });
  });

  it('1Z999AA10123456784 is UPS with a matching check digit', () => {
    expect(top('1Z999AA10123456784')).toMatchObject({ kind: 'tracking', carrier: 'ups', valid: true });
  });

  it(']E04006381333931 is an EAN-13; the same digits bare are still a GTIN', () => {
    expect(top(']E04006381333931')).toMatchObject({
      kind: 'gtin',
      symbology: 'E0',
      valid: true,
      candidates: [{ format: 'ean-13', value: '4006381333931', alternates: ['04006381333931'] }],
    });
    expect(top('4006381333931')).toMatchObject({ kind: 'gtin', valid: true });
  });

  it('an EAN symbology with a wrong check digit is an invalid GTIN, not something else', () => {
    expect(top(']E04006381333932')).toMatchObject({
      kind: 'gtin',
      valid: false,
      candidates: [{ format: 'ean-13', check: 'failed', why: 'EAN-13: the check digit should be 1' }],
    });
    // Without the symbology a failed check digit on bare digits is no GTIN at all.
    expect(candidate('4006381333932', 'ean-13')).toBeUndefined();
  });

  it('(00) 340123450000000000 from a GS1-128 pallet label is an SSCC', () => {
    const r = top(']C100340123450000000000\r');
    expect(r).toMatchObject({
      kind: 'sscc',
      symbology: 'C1',
      valid: true,
      gs1: [{ ai: '00', value: '340123450000000000', valid: true }],
    });
    expect(r.candidates[0]).toMatchObject({ format: 'gs1-00', value: '340123450000000000' });
    // The same 20 digits also pass the older USPS rule: offered, ranked below.
    expect(r.candidates.map((c) => c.format)).toEqual(['gs1-00', 'usps-20']);
  });

  it('(01) 09501101530003 is a GTIN-14, also findable as its EAN-13', () => {
    expect(top('0109501101530003')).toMatchObject({
      kind: 'gtin',
      candidates: [{ format: 'gs1-01', value: '09501101530003', alternates: ['9501101530003'] }],
    });
  });
});

describe('UPU S10', () => {
  it.each([
    [s10('EF', '58234567', 'TH'), 'thailandpost', 'EMS', 'TH'],
    [s10('EP', '12345678', 'MY'), 'poslaju', 'EMS', 'MY'],
    [s10('LX', '20981234', 'VN'), 'vnpost', 'Letter post, tracked', 'VN'],
    [s10('EA', '10345678', 'US'), 'usps', 'EMS', 'US'],
    [s10('CP', '55512345', 'CN'), 'chinapost', 'Parcel', 'CN'],
    [s10('RR', '11223344', 'DE'), 'post', 'Registered', 'DE'],
    [s10('PQ', '00000001', 'GB'), 'royalmail', 'Domestic', 'GB'],
  ])('%s → %s, %s, issued in %s', (code, carrier, service, country) => {
    expect(top(code)).toMatchObject({
      kind: 'tracking',
      carrier,
      service,
      valid: true,
      candidates: [{ details: { country }, markets: [country] }],
    });
  });

  it('refuses a check digit that does not match, saying which it should be', () => {
    expect(top('RB123456784GB')).toMatchObject({
      kind: 'tracking',
      valid: false,
      candidates: [
        { format: 'upu-s10', check: 'failed', why: expect.stringContaining('should be 5, not 4') },
      ],
    });
  });

  it('refuses a country that is not ISO 3166, even with a good check digit', () => {
    for (const cc of ['XX', 'ZZ', 'UK', 'EU']) {
      expect(top(`RB123456785${cc}`), cc).toMatchObject({
        valid: false,
        candidates: [{ format: 'upu-s10', why: expect.stringContaining(`${cc} is not an ISO 3166 country`) }],
      });
    }
  });
});

describe('UPS, USPS, FedEx', () => {
  it('UPS 1Z: service from characters 9–10; a wrong check digit is invalid', () => {
    const body = '5R8939' + '03' + '5756712';
    const code = `1Z${body}${refUps(body)}`;
    expect(top(code)).toMatchObject({ carrier: 'ups', service: 'Ground', valid: true });
    const wrong = `1Z${body}${(Number(refUps(body)) + 1) % 10}`;
    expect(top(wrong)).toMatchObject({ carrier: 'ups', valid: false, candidates: [{ check: 'failed' }] });
  });

  it('USPS IMpb 22: the service from its first four digits', () => {
    const code = gs1('940011120108080548301');
    expect(top(code, { markets: ['US'] })).toMatchObject({
      carrier: 'usps',
      service: 'USPS Tracking',
      valid: true,
    });
    expect(top(gs1('920559016491731275108')).service).toBe('Priority Mail');
  });

  it('USPS IMpb scanned with 420 + ZIP or ZIP+4: the number without its routing prefix', () => {
    const number = gs1('920559016491731275108');
    for (const raw of ['42010001', '420100011234', `]C142010001${GS}`].map((p) => p + number)) {
      const r = top(raw);
      expect(r, raw).toMatchObject({ kind: 'tracking', carrier: 'usps', valid: true });
      expect(r.candidates[0]?.value, raw).toBe(number);
    }
  });

  it('USPS IMpb 26 and the older 20-digit numbers', () => {
    expect(candidate(gs1('9274893150770851301805006'), 'usps-impb-26')).toMatchObject({ valid: true });
    expect(candidate(gs1('0307179000052348374'), 'usps-20')).toMatchObject({ valid: true });
  });

  it('FedEx Express 12 digits', () => {
    const code = `12345678901${refFedex('12345678901')}`;
    expect(candidate(code, 'fedex-12')).toMatchObject({ carrier: 'fedex', service: 'Express', valid: true });
  });

  it('FedEx Ground 15 digits and its 22-digit 96… barcode, which carries the 15-digit number', () => {
    const ground = gs1('04144176022896');
    expect(candidate(ground, 'fedex-15')).toMatchObject({ valid: true, value: ground });
    expect(top(`9611020${ground}`)).toMatchObject({
      carrier: 'fedex',
      service: 'Ground',
      candidates: [{ format: 'fedex-96-22', value: ground }],
    });
  });

  it('FedEx SmartPost: 20 digits whose check digit counts a 92 left off the label', () => {
    const data = '6129999882082117181';
    const code = data + refGs1(`92${data}`);
    expect(candidate(code, 'fedex-smartpost')).toMatchObject({ valid: true });
    expect(candidate(`92${code}`, 'fedex-smartpost')).toMatchObject({ valid: true });
  });

  it('FedEx 34-digit barcodes: the 12-digit tracking number is their last 12 digits', () => {
    // 20 routing digits, then a 13-digit serial (here 00 + 11) and its check digit.
    const eleven = '77901797269';
    const number = eleven + refFedex(eleven);
    for (const routing of ['10019213342500010003', '96220019000000000000']) {
      expect(candidate(`${routing}0${'0'}${number}`, 'fedex-34'), routing).toMatchObject({
        carrier: 'fedex',
        valid: true,
        value: number,
      });
    }
    expect(candidate(number, 'fedex-12')).toMatchObject({ valid: true });
  });
});

describe('DHL, DPD and the UK carriers', () => {
  it('DHL Express waybill: 10 or 11 digits with a mod 7 check digit', () => {
    for (const serial of ['123456789', '4567890123']) {
      const code = serial + refMod7(serial);
      expect(candidate(code, 'dhl-express-waybill'), code).toMatchObject({
        carrier: 'dhl_express',
        valid: true,
      });
      expect(candidate(serial + ((Number(refMod7(serial)) + 1) % 7), 'dhl-express-waybill')).toBeUndefined();
    }
  });

  it('JD/JJD + 16 digits is both Yodel and a DHL piece id: both offered, Yodel first', () => {
    const r = top('JJD0002257639032011');
    expect(r.candidates.map((c) => c.carrier)).toEqual(['yodel', 'dhl_express']);
    expect(r.candidates.every((c) => c.valid && c.check === 'none')).toBe(true);
  });

  it('DHL eCommerce GM… numbers', () => {
    expect(top('GM2951173225174494')).toMatchObject({ carrier: 'dhl_ecommerce', valid: true });
  });

  it('DPD: the % barcode and its printed text with the MOD 37,36 check character', () => {
    expect(top('%008182709980000020033350276')).toMatchObject({
      carrier: 'dpd',
      service: 'DPD 8:30',
      candidates: [{ format: 'dpd-barcode', value: '09980000020033', details: { postcode: '0081827' } }],
    });
    const data = 'SW1A1AA' + '15501234567890' + '101' + '826';
    expect(top(data + refMod37_36(data))).toMatchObject({
      carrier: 'dpd',
      service: 'DPD Classic',
      valid: true,
      candidates: [{ value: '15501234567890' }],
    });
    expect(candidate(data + (refMod37_36(data) === 'A' ? 'B' : 'A'), 'dpd-28')).toBeUndefined();
  });

  it('Evri, Yodel, YunExpress', () => {
    expect(top('H01ABC0123456789', { markets: ['GB'] })).toMatchObject({ carrier: 'evri', valid: true });
    expect(top('JD0002242617644732')).toMatchObject({ carrier: 'yodel' });
    expect(top('YT2229521272164446')).toMatchObject({ carrier: 'yunexpress', valid: true });
  });
});

describe('South-East Asian carriers', () => {
  it.each([
    ['TH0112345678', ['TH'], 'flash'],
    ['TH01273Q9HXQ2B', ['TH'], 'flash'],
    ['KERTH0012345678', ['TH'], 'kerry'],
    ['820045678901', ['TH'], 'jnt'],
    ['630012345678', ['MY'], 'jnt'],
    ['NVMYABCD12345678', ['MY'], 'ninjavan'],
    ['GA12BC3456', ['VN'], 'ghn'],
    ['S1234567.SGN.A12.123456789', ['VN'], 'ghtk'],
    ['VTP1234567890', ['VN'], 'viettelpost'],
  ])('%s in %j → %s', (code, markets, carrier) => {
    expect(top(code, { markets })).toMatchObject({ kind: 'tracking', carrier, valid: true });
  });

  it('Ninja Van takes the market from the code', () => {
    expect(candidate('NVTHSHOPE0012345', 'ninjavan')?.markets).toEqual(['TH']);
  });

  it('ranks the station market first among pattern-only matches', () => {
    // TH + digits is Flash in Thailand and a DHL eCommerce number elsewhere.
    expect(top('TH0112345678', { markets: ['TH'] }).carrier).toBe('flash');
    expect(top('TH0112345678', { markets: ['GB'] }).carrier).toBe('dhl_ecommerce');
  });

  it('a passed check digit outranks a pattern, even out of market — and both are offered', () => {
    // 841234567890 looks like J&T Vietnam and happens to pass FedEx's check digit.
    const r = top('841234567890', { markets: ['VN'] });
    expect(r.candidates.map((c) => `${c.carrier}:${c.check}`)).toEqual(['fedex:passed', 'jnt:none']);
  });
});

describe('GS1 element strings', () => {
  const gtin = '09501101530003';

  it('a DataMatrix with GTIN, expiry, batch and serial: kind gs1, the GTIN as a candidate', () => {
    const r = top(`]d201${gtin}17261231${GS}10ABC123${GS}21xyz9`);
    expect(r).toMatchObject({ kind: 'gs1', valid: true, symbology: 'd2' });
    expect(r.gs1).toEqual([
      { ai: '01', title: 'GTIN', value: gtin, valid: true },
      { ai: '17', title: 'USE BY', value: '261231', valid: true },
      { ai: '10', title: 'BATCH/LOT', value: 'ABC123', valid: true },
      { ai: '21', title: 'SERIAL', value: 'xyz9', valid: true },
    ]);
    expect(r.candidates.map((c) => [c.kind, c.value])).toEqual([
      ['gs1', null],
      ['gtin', gtin],
    ]);
  });

  it('reads the bracketed text printed under the barcode', () => {
    expect(top(`(01)${gtin}(10)LOT7(21)S1`).gs1?.map((e) => e.ai)).toEqual(['01', '10', '21']);
  });

  it('a fixed-length element needs no GS; a trailing GS is dropped', () => {
    const r = top(`]C100340123450000000000${GS}`);
    expect(r).toMatchObject({ kind: 'sscc', valid: true });
    expect(r.notes).toEqual(expect.arrayContaining(['AIM identifier ]C1', 'trailing GS']));
    expect(top(`]C101${gtin}${GS}10A`).gs1?.map((e) => e.ai)).toEqual(['01', '10']);
  });

  it('(01) with a wrong check digit is an invalid GTIN', () => {
    expect(top(`]C101${gtin.slice(0, -1)}4`)).toMatchObject({
      kind: 'gtin',
      valid: false,
      candidates: [{ format: 'gs1-01', why: 'GS1 (01) GTIN: check digit does not match' }],
    });
  });

  it.each([
    [`01${gtin}${GS}01${gtin.slice(0, -1)}4`, '(01) check digit does not match'],
    [`01${gtin}17261331`, '(17) is not a date YYMMDD'],
    [`01${gtin}17260230`, '(17) is not a date YYMMDD'],
    [`01${gtin}3012a`, '(30) must be digits'],
    [`10${'X'.repeat(21)}`, '(10) is longer than 20 characters (a missing GS?)'],
    [`01${gtin}8888`, 'no known AI at position 17'],
    [`01${gtin}10AB C`, '(10) has characters outside the GS1 set'],
  ])('%j is an invalid element string: %s', (body, problem) => {
    const whole = top(`]C1${body}`).candidates.find((c) => c.kind === 'gs1');
    expect(whole).toMatchObject({ valid: false, why: `GS1 element string: ${problem}` });
  });

  it('still offers the GTIN parsed before an AI it does not know', () => {
    const r = top(`]C101${gtin}8004ABC`);
    expect(r.candidates.find((c) => c.kind === 'gtin')).toMatchObject({ value: gtin, valid: true });
  });

  it('(00) with a wrong check digit is an invalid SSCC', () => {
    const r = top(']C100340123450000000001');
    expect(r.candidates.find((c) => c.kind === 'sscc')).toMatchObject({ format: 'gs1-00', valid: false });
    // These 20 digits happen to pass FedEx SmartPost's check digit, which therefore ranks first.
    expect(r.candidates[0]).toMatchObject({ format: 'fedex-smartpost', valid: true });
  });

  it('does not read bare digits as GS1 without a check-digit element first', () => {
    expect(top('1012345').gs1).toBeNull();
    expect(top('10123456789012').candidates.some((c) => c.kind === 'gs1')).toBe(false);
  });
});

describe('platform ids', () => {
  it('TikTok Shop order and return ids', () => {
    expect(top('576461413038785752')).toMatchObject({ kind: 'order_id', carrier: 'tiktok_shop' });
    expect(top('403512345678901234')).toMatchObject({ kind: 'return_id', carrier: 'tiktok_shop' });
  });

  it('a bare 18-digit SSCC is offered only when it is no platform id', () => {
    // 576461413038785752 passes the GS1 mod 10 check, but it is an order id.
    expect(top('576461413038785752').candidates.map((c) => c.kind)).toEqual(['order_id']);
    const sscc = gs1('34012345000000001');
    expect(top(sscc)).toMatchObject({ kind: 'sscc', candidates: [{ format: 'sscc-18', value: sscc }] });
  });
});

describe('our own codes', () => {
  it('license plates: made with a check digit, recognised, a misread refused', () => {
    const lp = makeLicensePlate(1234);
    expect(lp).toBe(`LP00001234${refGs1('00001234')}`);
    expect(top(lp)).toMatchObject({ kind: 'license_plate', valid: true, candidates: [{ check: 'passed' }] });
    const misread = `${lp.slice(0, -1)}${(Number(lp.at(-1)) + 1) % 10}`;
    expect(top(misread)).toMatchObject({ kind: 'license_plate', valid: false });
    expect(() => makeLicensePlate(100_000_000)).toThrow(RangeError);
    expect(() => makeLicensePlate(-1)).toThrow(RangeError);
  });

  it('badges: made with a check character, recognised, a misread refused', () => {
    const badge = makeBadge('mei01');
    expect(badge).toBe(`BADGE-MEI01-${refMod37_36('MEI01')}`);
    expect(top(badge)).toMatchObject({ kind: 'badge', valid: true });
    expect(top('BADGE-MEI02-' + badge.at(-1))).toMatchObject({ kind: 'badge', valid: false });
    expect(() => makeBadge('x')).toThrow(RangeError);
    expect(() => makeBadge('a-b')).toThrow(RangeError);
  });

  it('bins, SKUs and RMAs by their default patterns', () => {
    expect(top('A-01-02')).toMatchObject({ kind: 'bin', valid: true });
    expect(top('Q-12-03-04')).toMatchObject({ kind: 'bin' });
    expect(top('sku-tshirt-m-blk')).toMatchObject({
      kind: 'sku',
      candidates: [{ value: 'SKU-TSHIRT-M-BLK' }],
    });
    expect(top('RMA-004512')).toMatchObject({ kind: 'return_id', carrier: null });
  });

  it('takes other prefixes and patterns from the options', () => {
    const own = { licensePlate: { prefix: 'PLT', digits: 6 }, bin: { pattern: /^BIN\d{4}$/ } };
    const plate = makeLicensePlate(42, {
      licensePlate: own.licensePlate,
      badge: { prefix: 'BADGE-' },
      bin: own.bin,
      sku: { pattern: /^$/ },
      rma: { pattern: /^$/ },
    });
    expect(plate).toBe(`PLT000042${refGs1('000042')}`);
    expect(top(plate, { own })).toMatchObject({ kind: 'license_plate', valid: true });
    expect(top('BIN0042', { own }).kind).toBe('bin');
    expect(top('A-01-02', { own }).kind).toBe('unknown');
  });
});

describe('framing and notes', () => {
  it('strips STX/ETX, AIM identifiers, terminators and spaces, and says so', () => {
    expect(top('\u0002]C1 1Z999AA10123456784 \u0003\r\n')).toMatchObject({
      code: '1Z999AA10123456784',
      symbology: 'C1',
      carrier: 'ups',
      notes: expect.arrayContaining(['leading STX', 'AIM identifier ]C1', 'trailing ETX', 'trailing CR']),
    });
  });

  it('reads a number typed with spaces from the human-readable line', () => {
    expect(top('1Z 999 AA1 0123 4567 84')).toMatchObject({
      carrier: 'ups',
      valid: true,
      notes: ['spaces removed'],
    });
  });

  it('shows control characters visibly in `display`', () => {
    expect(top(`01${'09501101530003'}${GS}10A${GS}21B`).display).toBe('0109501101530003‹GS›10A‹GS›21B');
  });

  it('calls what it cannot read unknown, with the reason', () => {
    expect(top('')).toMatchObject({ kind: 'unknown', notes: ['empty'] });
    expect(top('\r\n')).toMatchObject({ kind: 'unknown', notes: ['leading CR', 'leading LF', 'empty'] });
    expect(top('hello').notes).toEqual(['matches no known format']);
    expect(top('退货123').notes).toEqual(['character U+9000 at position 1 is not on any label']);
    expect(top('AB\u0007CD').notes).toEqual(['control character U+0007 at position 3']);
  });
});

describe('table checks', () => {
  it('a format with a check digit names its check digit in why', () => {
    const code = s10('RB', '12345678', 'GB');
    expect(candidate(code, 'upu-s10')?.why).toBe(
      `UPU S10 (international post): check digit ${code[10]} matches`,
    );
  });

  it('every pattern-only row says where its facts come from', () => {
    const r = top('KEX1234567890');
    expect(r.candidates[0]?.why).toMatch(/\(unverified format\)$/);
    expect(r.candidates[0]?.source).toBe('unverified');
  });
});
