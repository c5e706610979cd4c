import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { writeTransaction } from '../../../src/main/db/write';
import { createIdGenerator } from '../../../src/main/ids';
import { BoxPresetStore } from '../../../src/main/packing/box-presets-store';
import { OutboundOrderStore } from '../../../src/main/packing/outbound-orders';
import { seededRandom } from '../../../src/main/random';
import { calendarForMarket } from '../../../src/shared/calendar/calendars';
import { boxBarcode, boxPresetSchema, parseBoxBarcode } from '../../../src/shared/packing/box-presets';
import { boxPresetSheetPdf } from '../../../src/main/packing/box-preset-sheet';
import { decodePng } from '../../helpers/printing/barcode-reader';
import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';
import { TempDirs } from '../../helpers/temp-dir';

const NOW = Date.UTC(2026, 5, 5, 10); // Friday 17:00 Bangkok
const HOUR = 3_600_000;

function order(externalId: string, over: Partial<OutboundOrder> = {}): OutboundOrder {
  return {
    source: 'tiktok-shop:tiktok-th',
    externalId,
    seller: null,
    market: 'TH',
    stage: 'to_ship',
    platformStatus: 'AWAITING_SHIPMENT',
    cancellation: null,
    recipient: {
      name: 'S',
      phone: null,
      address1: 'a',
      address2: null,
      city: 'c',
      region: null,
      postcode: '10110',
      country: 'TH',
    },
    cod: null,
    deadlines: {
      shipBy: null,
      shipAutoCancel: null,
      collectBy: null,
      collectAutoCancel: null,
      deliverBy: null,
      deliverAutoCancel: null,
    },
    lines: [
      {
        lineRef: `${externalId}-1`,
        sku: 'TEE',
        productName: 'Tee',
        quantity: 1,
        unitGrams: 180,
        barcode: null,
        packageId: null,
      },
    ],
    shippingType: 'platform',
    deliveryOptionId: null,
    service: null,
    notes: null,
    sourceUpdatedAt: NOW - HOUR,
    ...over,
  };
}

describe('the outbound order store', () => {
  const dirs = new TempDirs();
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    dirs.cleanup();
  });

  function setup() {
    const db = openDatabase({ file: path.join(dirs.make(), 'lastmile.sqlite') });
    dbs.push(db);
    const clock = new ManualClock(NOW);
    return { db, clock, store: new OutboundOrderStore(db, clock, createIdGenerator(clock, seededRandom(2))) };
  }

  it('queues by deadline, the late and the at-risk first, on the market calendar', async () => {
    const { store } = setup();
    const deadlines = (shipBy: number) => ({
      shipBy,
      shipAutoCancel: null,
      collectBy: null,
      collectAutoCancel: null,
      deliverBy: null,
      deliverAutoCancel: null,
    });
    await store.upsertMany([
      order('A-later', { deadlines: deadlines(NOW + 100 * HOUR) }),
      order('B-monday-10', { deadlines: deadlines(Date.UTC(2026, 5, 8, 3)) }), // Mon 10:00 Bangkok
      order('C-late', { deadlines: deadlines(NOW - HOUR) }),
      order('D-none'),
      order('E-shipped', { stage: 'in_transit', deadlines: deadlines(NOW - HOUR) }),
    ]);
    const queue = store.queue({
      now: NOW,
      calendarFor: calendarForMarket,
      policy: { hours: { startMinute: 540, endMinute: 1080 } },
    });
    expect(queue.map((q) => [q.order.externalId, q.risk.status])).toEqual([
      ['C-late', 'late'],
      ['B-monday-10', 'at_risk'],
      ['A-later', 'on_time'],
      ['D-none', 'on_time'],
    ]);
  });

  it('a cancellation is applied even while packing; an older update never wins', async () => {
    const { db, store } = setup();
    const [first] = await store.upsertMany([order('X')]);
    await writeTransaction(db, () => store.setStatus(db, first?.id ?? '', 'packing'));
    const cancelled = order('X', {
      stage: 'cancelled',
      platformStatus: 'CANCELLED',
      cancellation: { state: 'cancelled', reason: 'buyer', at: NOW },
      lines: [
        {
          lineRef: 'X-1',
          sku: 'TEE',
          productName: 'Tee',
          quantity: 2,
          unitGrams: 180,
          barcode: null,
          packageId: null,
        },
      ],
      sourceUpdatedAt: NOW,
    });
    expect((await store.upsertMany([cancelled]))[0]?.result).toBe('conflict');
    expect(store.bySource('tiktok-shop:tiktok-th', 'X')).toMatchObject({
      status: 'cancelled',
      stage: 'cancelled',
      cancellation: { state: 'cancelled' },
      lines: [{ quantity: 1 }],
    });
    expect((await store.upsertMany([order('X', { sourceUpdatedAt: NOW - 2 * HOUR })]))[0]?.result).toBe(
      'older',
    );
    expect((await store.upsertMany([cancelled]))[0]?.result).toBe('unchanged');
  });

  it('an order that arrives cancelled is never queued', async () => {
    const { store } = setup();
    await store.upsertMany([
      order('Z', { cancellation: { state: 'cancelled', reason: null, at: null }, stage: 'cancelled' }),
    ]);
    expect(store.bySource('tiktok-shop:tiktok-th', 'Z')?.status).toBe('cancelled');
    expect(store.queue({ now: NOW, calendarFor: calendarForMarket })).toEqual([]);
  });
});

describe('box presets', () => {
  const dirs = new TempDirs();
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    dirs.cleanup();
  });

  it('resolve from the sheet barcode or a typed code; a wrong check or unknown box is refused', async () => {
    const db = openDatabase({ file: path.join(dirs.make(), 'lastmile.sqlite') });
    dbs.push(db);
    const store = new BoxPresetStore(db, new ManualClock(NOW));
    await store.save({
      code: 'S2',
      name: 'Small',
      innerMm: { lengthMm: 250, widthMm: 200, heightMm: 100 },
      tareGrams: 85,
    });
    await store.save({
      code: 'L1',
      name: 'Large',
      innerMm: { lengthMm: 500, widthMm: 400, heightMm: 300 },
      tareGrams: 310,
      active: false,
    });
    expect(store.fromScan(boxBarcode('S2'))).toMatchObject({ code: 'S2', tareGrams: 85 });
    expect(store.fromScan(' s2 ').code).toBe('S2');
    const worn = boxBarcode('S2').slice(0, -1) + (boxBarcode('S2').endsWith('A') ? 'B' : 'A');
    expect(() => store.fromScan(worn)).toThrow(expect.objectContaining({ code: 'BOX_CODE_INVALID' }));
    expect(() => store.fromScan(boxBarcode('XL9'))).toThrow(
      expect.objectContaining({ code: 'BOX_PRESET_UNKNOWN', params: { code: 'XL9' } }),
    );
    expect(() => store.get('L1')).toThrow(expect.objectContaining({ code: 'BOX_PRESET_UNKNOWN' }));
    expect(store.list().map((p) => p.code)).toEqual(['S2']);
    expect(store.list({ includeInactive: true }).map((p) => p.code)).toEqual(['L1', 'S2']);
    await expect(
      store.save({
        code: 'bad code',
        name: 'x',
        innerMm: { lengthMm: 1, widthMm: 1, heightMm: 1 },
        tareGrams: 0,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      params: { field: 'code' },
    });
  });
});

describe('the box preset sheet', () => {
  const dirs = new TempDirs();
  afterEach(() => dirs.cleanup());

  it('prints every preset with a barcode that scans back to its code', async () => {
    const presets = ['S1', 'S2', 'M10', 'L1', 'XL'].map((code, i) =>
      boxPresetSchema.parse({
        code,
        name: `Box ${code}`,
        innerMm: { lengthMm: 200 + 50 * i, widthMm: 150 + 30 * i, heightMm: 100 + 20 * i },
        tareGrams: 60 + 40 * i,
      }),
    );
    const dir = dirs.make();
    const file = path.join(dir, 'sheet.pdf');
    fs.writeFileSync(file, await boxPresetSheetPdf(presets));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('M10 — Box M10');
    expect(text).toContain('300 × 210 × 140 mm inside · tare 140 g');
    execFileSync('pdftoppm', ['-png', '-r', '200', file, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png')) ?? '';
    const read = (await decodePng(fs.readFileSync(path.join(dir, png)))).map((c) => c.text).sort();
    expect(read).toEqual(presets.map((p) => boxBarcode(p.code)).sort());
    for (const code of read) expect(parseBoxBarcode(code).ok).toBe(true);
  });
});
