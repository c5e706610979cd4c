import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { writeTransaction } from '../../../src/main/db/write';
import { createIdGenerator } from '../../../src/main/ids';
import { importErpCsv } from '../../../src/main/packing/erp-import';
import { OutboundOrderStore } from '../../../src/main/packing/outbound-orders';
import { seededRandom } from '../../../src/main/random';
import { ERP_COLUMNS } from '../../../src/shared/packing/erp-csv';
import { TempDirs } from '../../helpers/temp-dir';

const HEADER =
  'order_ref,sku,product_name,quantity,unit_weight_g,recipient_name,address1,city,postcode,country,cod_amount,currency,ship_by,notes';
const GOOD = [
  HEADER,
  'SO-1001,TEE-M,Cotton tee M,2,180,Somchai Jaidee,"12/3 Moo 4, Soi ""Sukhumvit"" 21",Bangkok,10110,TH,259.00,THB,2026-06-09T12:00+07:00,',
  'SO-1001,CAP,Cap,1,95,Somchai Jaidee,"12/3 Moo 4, Soi ""Sukhumvit"" 21",Bangkok,10110,TH,259.00,THB,2026-06-09T12:00+07:00,',
  'SO-1002,MUG,"Mug, ceramic",1,,Nguyễn Thị Lan,"Tầng 3,',
  'Số 5 Lê Lợi",Hà Nội,,VN,150000,VND,2026-06-09 17:00,"fragile',
  'handle with care"',
  'SO-1003,TEE-L,Cotton tee L,1,190,Jane Smith,1 High Street,London,SW1A 1AA,GB,,,2026-06-10,',
].join('\r\n');

describe('ERP CSV import', () => {
  const dirs = new TempDirs();
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    dirs.cleanup();
  });

  function setup() {
    const db = openDatabase({ file: path.join(dirs.make(), 'lastmile.sqlite') });
    dbs.push(db);
    const clock = new ManualClock(Date.UTC(2026, 5, 8, 2));
    const store = new OutboundOrderStore(db, clock, createIdGenerator(clock, seededRandom(9)));
    const run = (text: string | Uint8Array, partial = false) =>
      importErpCsv(db, store, typeof text === 'string' ? new TextEncoder().encode(text) : text, {
        seller: 'acme',
        timeZone: 'Asia/Bangkok',
        partial,
      });
    return { db, store, run };
  }

  it('imports multi-line orders with commas, quotes and line breaks in fields, BOM or not', async () => {
    const { store, run } = setup();
    const report = await run(`\uFEFF${GOOD}`);
    expect(report).toMatchObject({ committed: true, orders: 3, errors: [], results: { created: 3 } });
    const thai = store.bySource('erp:acme', 'SO-1001');
    expect(thai).toMatchObject({
      status: 'to_pack',
      market: 'TH',
      recipient: { address1: '12/3 Moo 4, Soi "Sukhumvit" 21', postcode: '10110' },
      cod: { amountMinor: 25_900, currency: 'THB' },
      deadlines: { shipBy: Date.UTC(2026, 5, 9, 5) },
    });
    expect(thai?.lines.map((l) => [l.lineRef, l.sku, l.quantity, l.unitGrams])).toEqual([
      ['1', 'TEE-M', 2, 180],
      ['2', 'CAP', 1, 95],
    ]);
    const vn = store.bySource('erp:acme', 'SO-1002');
    expect(vn).toMatchObject({
      recipient: { address1: 'Tầng 3,\r\nSố 5 Lê Lợi', postcode: null, country: 'VN' },
      cod: { amountMinor: 150_000, currency: 'VND' },
      notes: 'fragile\r\nhandle with care',
      deadlines: { shipBy: Date.UTC(2026, 5, 9, 10) }, // 17:00 station time (Bangkok)
      lines: [{ productName: 'Mug, ceramic', unitGrams: null }],
    });
    expect(store.bySource('erp:acme', 'SO-1003')?.deadlines.shipBy).toBe(Date.UTC(2026, 5, 10, 16, 59));
  });

  it('importing the same file again duplicates nothing; a changed order is updated, unless packing started', async () => {
    const { db, store, run } = setup();
    await run(GOOD);
    const again = await run(`\uFEFF${GOOD}`);
    expect(again.results).toEqual({ created: 0, updated: 0, unchanged: 3, conflict: 0, older: 0 });
    expect(store.count()).toBe(3);
    const changed = GOOD.replace('SO-1003,TEE-L,Cotton tee L,1,', 'SO-1003,TEE-L,Cotton tee L,3,');
    expect((await run(changed)).results).toMatchObject({ updated: 1, unchanged: 2 });
    expect(store.bySource('erp:acme', 'SO-1003')?.lines[0]?.quantity).toBe(3);
    const id = store.bySource('erp:acme', 'SO-1003')?.id ?? '';
    await writeTransaction(db, () => store.setStatus(db, id, 'packing'));
    expect((await run(GOOD)).results).toMatchObject({ conflict: 1, unchanged: 2 });
    expect(store.bySource('erp:acme', 'SO-1003')?.lines[0]?.quantity).toBe(3);
  });

  it('reports every bad row with its line and column, and writes nothing', async () => {
    const { store, run } = setup();
    const bad = [
      HEADER,
      'SO-1,TEE-M,Tee,0,180,A,"x,',
      'y",Bangkok,10110,TH,,,,',
      'SO-2,TEE-M,Tee,1,180,B,Street,Bangkok,10110,XX,,,,',
      'SO-3,TEE-M,Tee,1,180,C,Street,Bangkok,10110,TH,12.345,THB,,',
      'SO-4,TEE-M,Tee,1,180,D,Street,Bangkok,10110,TH,10,,tomorrow,',
      'SO-5,TEE-M,Tee,1,180,E,Street,Bangkok,10110,TH,,,,',
      'SO-5,CAP,Cap,1,95,E2,Street,Bangkok,10110,TH,,,,',
      'SO-6,TEE-M,Tee,1,180,F,Street,Bangkok,10110,TH,,,',
      'SO-7,TEE-M,Tee,1,180,G,Street,Bangkok,10110,TH,,,,',
    ].join('\n');
    const report = await run(bad);
    expect(report.committed).toBe(false);
    expect(store.count()).toBe(0);
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'quantity', 'invalid_value'],
      [4, 'country', 'invalid_value'],
      [5, 'cod_amount', 'invalid_value'],
      [6, 'currency', 'invalid_value'],
      [6, 'ship_by', 'invalid_value'],
      [8, 'recipient_name', 'order_mismatch'],
      [9, null, 'field_count'],
    ]);
    expect(report.rejectedOrders).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5', 'SO-6']);
    // With partial, the one good order goes in.
    const partial = await run(bad, true);
    expect(partial).toMatchObject({ committed: true, results: { created: 1 } });
    expect(store.bySource('erp:acme', 'SO-7')).not.toBeNull();
  });

  it('refuses a file that is not UTF-8, a broken CSV, and wrong headers, saying where', async () => {
    const { run } = setup();
    const cp1252 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\nSO-1,TEE,Caf`),
      0xe9,
      ...new TextEncoder().encode(',1,,A,B,C,D,TH,,,,\n'),
    ]);
    expect((await run(cp1252)).errors).toEqual([expect.objectContaining({ line: 2, code: 'not_utf8' })]);
    expect((await run(`${HEADER}\nSO-1,"unterminated`)).errors).toEqual([
      expect.objectContaining({ line: 2, code: 'csv_syntax' }),
    ]);
    const headers = await run('order_ref,qty,sku,sku\nx,1,a,a');
    expect(headers.errors.map((e) => [e.code, e.column])).toEqual([
      ['unknown_column', 'qty'],
      ['duplicate_column', 'sku'],
      ['missing_column', 'product_name'],
      ['missing_column', 'quantity'],
      ['missing_column', 'recipient_name'],
      ['missing_column', 'address1'],
      ['missing_column', 'city'],
      ['missing_column', 'country'],
    ]);
    expect((await run(HEADER)).errors).toEqual([expect.objectContaining({ code: 'empty' })]);
    expect((await run('')).errors).toEqual([expect.objectContaining({ code: 'empty' })]);
  });

  it('a duplicate line_ref within one order is refused', async () => {
    const { run } = setup();
    const text = [
      `${HEADER},line_ref`,
      `SO-9,A,A,1,1,N,S,C,P,TH,,,,,L1`,
      `SO-9,B,B,1,1,N,S,C,P,TH,,,,,L1`,
    ].join('\n');
    expect((await run(text)).errors).toEqual([
      expect.objectContaining({ line: 3, column: 'line_ref', code: 'duplicate_line' }),
    ]);
  });

  it('documents every column once', () => {
    expect(new Set(ERP_COLUMNS.map((c) => c.name)).size).toBe(ERP_COLUMNS.length);
    expect(ERP_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual([
      'order_ref',
      'sku',
      'product_name',
      'quantity',
      'recipient_name',
      'address1',
      'city',
      'country',
    ]);
  });
});
