import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { CodeLookup } from '../../src/main/scans/lookup';
import type { ScanResult } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import { makeTestCore } from '../helpers/core-factory';
import { insertParcel, insertReturnOrder } from '../helpers/fixtures-db';
import { TempDirs } from '../helpers/temp-dir';

const GS = '\u001d';
const USPS = '9400111201080805483016';
const SSCC = '340123450000000000';

const temps = new TempDirs();
let core: Core;

beforeEach(() => {
  ({ core } = makeTestCore(temps.make()));
  insertParcel(core.db, {
    id: 'P-USPS',
    trackingNumber: USPS,
    carrier: 'usps',
    country: 'US',
    orderId: 'O-1',
  });
  // Some carriers (DHL Parcel, pallet freight) use the SSCC as the parcel's number.
  insertParcel(core.db, { id: 'P-SSCC', trackingNumber: SSCC, carrier: 'dhl_parcel', country: 'GB' });
  insertParcel(core.db, {
    id: 'P-RET',
    trackingNumber: 'TH0112345678',
    carrier: 'flash',
    orderId: 'O-2',
    direction: 'return',
    status: 'returning',
  });
  insertReturnOrder(core.db, {
    id: 'R-1',
    platformReturnId: '403500000000000001',
    orderId: 'O-2',
    parcelId: 'P-RET',
    returnTrackingNumber: 'TH0112345678',
  });
});
afterEach(async () => {
  await core.close();
  temps.cleanup();
});

async function scan(code: string): Promise<ScanResult> {
  const envelope = (await core.dispatch('recordScan', { code, source: 'scanner' })) as Envelope<ScanResult>;
  if (!envelope.ok)
    throw new Error(`scan of ${JSON.stringify(code)} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

describe('a scan carrying more than the number still finds the parcel', () => {
  it('a return tracking number followed by the GS a scanner sends after it (F8)', async () => {
    const r = await scan(`TH0112345678${GS}\r`);
    expect(r).toMatchObject({ outcome: 'return_order', code: 'TH0112345678', returnOrder: { id: 'R-1' } });
  });

  it('a USPS IMpb barcode with its 420 + ZIP routing prefix, with or without FNC1', async () => {
    for (const raw of [`]C142010001${GS}${USPS}\r`, `]C142010001${USPS}\r`, `420100011234${USPS}`]) {
      const r = await scan(raw);
      expect(r.outcome, raw).toBe('parcel');
      expect(r.parcel?.id, raw).toBe('P-USPS');
    }
  });

  it('a GS1-128 logistics label: the parcel by the SSCC inside, the code kept whole with its GS', async () => {
    const r = await scan(`]C100${SSCC}${GS}42010001${GS}\r`);
    expect(r).toMatchObject({ outcome: 'parcel', parcel: { id: 'P-SSCC' }, symbology: 'C1' });
    expect(r.code).toBe(`00${SSCC}${GS}42010001`);
    const row = core.db
      .prepare<[string], { code: string }>('SELECT code FROM scans WHERE id = ?')
      .get(r.scanId);
    expect(row?.code).toBe(`00${SSCC}${GS}42010001`);
  });

  it('a GS1 string that names nothing here is an unknown scan, recorded with its GS', async () => {
    const r = await scan(`]d20109501101530003${GS}10LOT7`);
    expect(r.outcome).toBe('unknown');
    expect(r.code).toBe(`0109501101530003${GS}10LOT7`);
  });

  it('does not try a candidate whose check digit fails', async () => {
    // 420 + ZIP + the USPS number with its last digit changed: no probe for the broken number.
    const broken = `${USPS.slice(0, -1)}${(Number(USPS.at(-1)) + 1) % 10}`;
    insertParcel(core.db, { id: 'P-BROKEN', trackingNumber: broken, carrier: 'usps', country: 'US' });
    const r = await scan(`42010001${broken}`);
    expect(r.outcome).toBe('unknown');
  });
});

describe('CodeLookup.findFirst', () => {
  it('tries the codes in order and answers with the first that finds something', () => {
    const lookup = new CodeLookup(core.db);
    expect(lookup.findFirst(['NOPE', SSCC, USPS])).toMatchObject({ matched: SSCC, parcel: { id: 'P-SSCC' } });
    expect(lookup.findFirst(['NOPE', USPS, SSCC])).toMatchObject({ matched: USPS, parcel: { id: 'P-USPS' } });
    expect(lookup.findFirst(['403500000000000001'])).toMatchObject({ returnOrder: { id: 'R-1' } });
    expect(lookup.findFirst([])).toEqual({ parcel: null, returnOrder: null, matched: null });
    expect(lookup.findFirst(['A', 'B'])).toEqual({ parcel: null, returnOrder: null, matched: null });
  });
});
