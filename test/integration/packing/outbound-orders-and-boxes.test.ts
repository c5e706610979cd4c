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
import { boxBarcode } from '../../../src/shared/packing/box-presets';
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
