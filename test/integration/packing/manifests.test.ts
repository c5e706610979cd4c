import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { createIdGenerator } from '../../../src/main/ids';
import { manifestCsv } from '../../../src/main/packing/manifests/manifest-csv';
import { manifestPdf } from '../../../src/main/packing/manifests/manifest-pdf';
import { ManifestStore } from '../../../src/main/packing/manifests/manifest-store';
import { seededRandom } from '../../../src/main/random';
import { parseCsv } from '../../../src/shared/csv/csv';
import { decodePng } from '../../helpers/printing/barcode-reader';
import { TempDirs } from '../../helpers/temp-dir';

const T0 = Date.UTC(2026, 5, 8, 9, 0); // 17:00 in Kuala Lumpur
const NAMES: Record<string, string> = { 'jnt-my': 'J&T Express', 'ninjavan-my': 'Ninja Van' };

describe('carrier manifests', () => {
  const dirs = new TempDirs();
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    dirs.cleanup();
  });

  function setup() {
    const dir = dirs.make();
    const db = openDatabase({ file: path.join(dir, 'lastmile.sqlite') });
    dbs.push(db);
    const clock = new ManualClock(T0);
    const store = new ManifestStore(
      db,
      clock,
      createIdGenerator(clock, seededRandom(4)),
      'st-7f3c',
      (c) => NAMES[c] ?? c,
    );
    return { dir, db, clock, store };
  }

  const scan = (trackingNumber: string, extra: Partial<Parameters<ManifestStore['addParcel']>[1]> = {}) => ({
    trackingNumber,
    carrier: 'jnt-my',
    weightGrams: 1250,
    cod: null,
    orderRef: null,
    scannedBy: 'packer-2',
    ...extra,
  });

  it('one open manifest per carrier and day; parcels of another carrier are refused by name', async () => {
    const { store } = setup();
    const m = await store.open({ carrier: 'jnt-my', date: '2026-06-08', openedBy: 'lead-1' });
    expect((await store.open({ carrier: 'jnt-my', date: '2026-06-08', openedBy: 'lead-2' })).id).toBe(m.id);
    expect(
      (await store.open({ carrier: 'ninjavan-my', date: '2026-06-08', openedBy: 'lead-1' })).id,
    ).not.toBe(m.id);
    await expect(store.addParcel(m.id, scan('NV123', { carrier: 'ninjavan-my' }))).rejects.toMatchObject({
      code: 'MANIFEST_WRONG_CARRIER',
      params: { trackingNumber: 'NV123', expected: 'J&T Express', actual: 'Ninja Van' },
    });
    expect(store.get(m.id).parcels).toEqual([]);
  });

  it('a double scan is harmless; a parcel handed over is refused on the next manifest', async () => {
    const { store, clock } = setup();
    const m = await store.open({ carrier: 'jnt-my', date: '2026-06-08', openedBy: 'lead-1' });
    expect((await store.addParcel(m.id, scan('630000000001'))).added).toBe(true);
    expect((await store.addParcel(m.id, scan(' 630000000001 '))).added).toBe(false);
    await store.close(m.id, { driverName: 'Ahmad', closedBy: 'lead-1' });
    clock.advance(86_400_000);
    const next = await store.open({ carrier: 'jnt-my', date: '2026-06-09', openedBy: 'lead-1' });
    await expect(store.addParcel(next.id, scan('630000000001'))).rejects.toMatchObject({
      code: 'MANIFEST_PARCEL_HANDED_OVER',
      params: { manifestId: m.id },
    });
    await expect(store.addParcel(m.id, scan('630000000002'))).rejects.toMatchObject({
      code: 'MANIFEST_CLOSED',
    });
  });

  it('closing needs a driver and a parcel; the missing ones are kept', async () => {
    const { store } = setup();
    const m = await store.open({ carrier: 'jnt-my', date: '2026-06-08', openedBy: 'lead-1' });
    await expect(store.close(m.id, { driverName: ' ', closedBy: 'lead-1' })).rejects.toMatchObject({
      code: 'MANIFEST_DRIVER_REQUIRED',
    });
    await expect(store.close(m.id, { driverName: 'Ahmad', closedBy: 'lead-1' })).rejects.toMatchObject({
      code: 'MANIFEST_EMPTY',
    });
    await store.addParcel(m.id, scan('A1'));
    await store.addParcel(m.id, scan('A2'));
    const closed = await store.close(m.id, {
      driverName: 'Ahmad',
      closedBy: 'lead-1',
      expected: ['A1', 'A2', 'A3'],
    });
    expect(closed).toMatchObject({ status: 'closed', driverName: 'Ahmad', missing: ['A3'] });
    expect(() => store.get('nope')).toThrow(expect.objectContaining({ code: 'MANIFEST_NOT_FOUND' }));
  });

  it('the PDF and the CSV say the same counts, COD totals and sign-off, read back by pdftotext and a CSV parser', async () => {
    const { dir, store, clock } = setup();
    const m = await store.open({ carrier: 'jnt-my', date: '2026-06-08', openedBy: 'lead-1' });
    const parcels = [
      scan('630000000101', {
        weightGrams: 1250,
        cod: { amountMinor: 12_950, currency: 'MYR' },
        orderRef: '5763001',
      }),
      scan('630000000102', { weightGrams: 480, orderRef: 'ERP-77, "gift"' }),
      scan('630000000103', {
        weightGrams: 3005,
        cod: { amountMinor: 5_000, currency: 'MYR' },
        orderRef: '=HYPERLINK("x")',
      }),
    ];
    for (const p of parcels) {
      clock.advance(60_000);
      await store.addParcel(m.id, p);
    }
    for (let i = 0; i < 60; i++)
      await store.addParcel(m.id, scan(`63000000${String(200 + i)}`, { weightGrams: 100 }));
    const closed = await store.close(m.id, {
      driverName: 'Nguyễn Văn An 陈伟 สมชาย',
      closedBy: 'lead-1',
      vehicle: 'WXY 1234',
      expected: ['630000000101', '630000000999'],
    });
    expect(closed.totals).toEqual({
      parcels: 63,
      weightGrams: 1250 + 480 + 3005 + 6000,
      codParcels: 2,
      cod: [{ currency: 'MYR', amountMinor: 17_950 }],
    });

    const options = { timeZone: 'Asia/Kuala_Lumpur', carrierName: 'J&T Express' };
    const csvBytes = manifestCsv(closed, options);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(csvBytes.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const kv = new Map(
      parsed.records.filter((r) => r.fields.length === 2).map((r) => [r.fields[0], r.fields[1]]),
    );
    expect(kv.get('Manifest')).toBe(m.id);
    expect(kv.get('Parcels')).toBe('63');
    expect(kv.get('Total weight (kg)')).toBe('10.735');
    expect(kv.get('COD parcels')).toBe('2');
    expect(kv.get('COD total MYR')).toBe('179.50');
    expect(kv.get('Missing')).toBe('630000000999');
    expect(kv.get('Driver')).toBe('Nguyễn Văn An 陈伟 สมชาย');
    expect(kv.get('Closed at')).toBe('2026-06-08T17:03:00+08:00');
    const table = parsed.records.filter((r) => r.fields.length === 8);
    expect(table[0]?.fields[1]).toBe('Tracking number');
    expect(table.slice(1, 4).map((r) => [r.fields[1], r.fields[2], r.fields[3], r.fields[4]])).toEqual([
      ['630000000101', '5763001', '1.250', '129.50'],
      ['630000000102', 'ERP-77, "gift"', '0.480', ''],
      ['630000000103', `'=HYPERLINK("x")`, '3.005', '50.00'],
    ]);
    expect(table).toHaveLength(64);

    const pdf = await manifestPdf(closed, { ...options, createdAt: new Date(T0) });
    const file = path.join(dir, 'manifest.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Carrier manifest — J&T Express');
    expect(text).toContain(m.id);
    expect(text).toMatch(/Parcels: 63/);
    expect(text).toMatch(/Total weight: 10\.735 kg/);
    expect(text).toMatch(/COD total MYR: 179\.50/);
    expect(text).toMatch(/Missing parcels: 1 — 630000000999/);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('陈伟');
    expect(text).toContain('สมชาย');
    for (const p of parcels) expect(text).toContain(p.trackingNumber);
    expect(text).toContain('63000000259'); // the last row, on page 2
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(pages).toMatch(/Pages:\s+2/);
    // The manifest id is a barcode on page 1.
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    const codes = await decodePng(fs.readFileSync(path.join(dir, png ?? '')));
    expect(codes.map((c) => c.text)).toContain(m.id);
  });
});
