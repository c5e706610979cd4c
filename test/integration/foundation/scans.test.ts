import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { Db } from '../../../src/main/db/open';
import { CodeLookup } from '../../../src/main/scans/lookup';
import type { ScanResult } from '../../../src/shared/domain';
import type { Envelope } from '../../../src/shared/errors';
import { makeTestCore, recordingLogger } from '../../helpers/core-factory';
import { countRows, insertParcel, insertReturnOrder } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
let core: Core;
const logger = recordingLogger();

beforeEach(() => {
  logger.lines.length = 0;
  ({ core } = makeTestCore(temps.make(), { logger }));
  const db = core.db;
  // An outbound parcel (no return), a returning parcel with its TikTok Shop return, and a return
  // announced by the platform before any carrier label exists.
  insertParcel(db, {
    id: 'P-OUT',
    trackingNumber: 'RB123456785GB',
    carrier: 'royalmail',
    country: 'GB',
    orderId: 'O-100',
  });
  insertParcel(db, { id: 'P-OUT2', trackingNumber: 'TH0198765432', carrier: 'flash', orderId: 'O-200' });
  insertParcel(db, {
    id: 'P-RET',
    trackingNumber: 'TH0112345678',
    carrier: 'flash',
    orderId: 'O-200',
    direction: 'return',
    status: 'returning',
  });
  insertReturnOrder(db, {
    id: 'R-1',
    platformReturnId: '4035000000000001',
    orderId: 'O-200',
    parcelId: 'P-RET',
    returnTrackingNumber: 'TH0112345678',
  });
  insertReturnOrder(db, { id: 'R-2', platformReturnId: '4035000000000002', orderId: 'O-300' });
});
afterEach(async () => {
  await core.close();
  temps.cleanup();
});

async function scan(code: string): Promise<ScanResult> {
  const envelope = (await core.dispatch('recordScan', { code, source: 'scanner' })) as Envelope<ScanResult>;
  if (!envelope.ok) throw new Error(`scan of ${code} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

function eventOf(id: string) {
  return core.db
    .prepare<
      [string],
      { destination: string; ordering_key: string; type: string; status: string; payload: string }
    >('SELECT destination, ordering_key, type, status, payload FROM outbox_events WHERE id = ?')
    .get(id);
}

describe('a scan is looked up', () => {
  it('by the return tracking number → the return order and its parcel', async () => {
    const r = await scan('th0112345678\r');
    expect(r.outcome).toBe('return_order');
    expect(r.code).toBe('TH0112345678');
    expect(r.returnOrder).toMatchObject({ id: 'R-1', platformReturnId: '4035000000000001' });
    expect(r.returnOrder?.items).toEqual([{ id: 'R-1-I1', sku: 'SKU-1', name: 'Item', quantity: 1 }]);
    expect(r.parcel).toMatchObject({ id: 'P-RET', direction: 'return', carrier: 'flash' });
  });

  it('by the platform return id → the return order', async () => {
    const r = await scan('4035000000000002');
    expect(r.outcome).toBe('return_order');
    expect(r.returnOrder?.id).toBe('R-2');
    expect(r.parcel).toBeNull();
  });

  it('by the order id → the return order of that order', async () => {
    const r = await scan('o-300');
    expect(r.outcome).toBe('return_order');
    expect(r.returnOrder?.id).toBe('R-2');
  });

  it('by an outbound tracking number → the parcel', async () => {
    const r = await scan(']C1RB123456785GB\n');
    expect(r.outcome).toBe('parcel');
    expect(r.symbology).toBe('C1');
    expect(r.parcel).toMatchObject({ id: 'P-OUT', trackingNumber: 'RB123456785GB', carrier: 'royalmail' });
    expect(r.returnOrder).toBeNull();
    const row = core.db
      .prepare('SELECT code, symbology, outcome, parcel_id FROM scans WHERE id = ?')
      .get(r.scanId);
    expect(row).toEqual({ code: 'RB123456785GB', symbology: 'C1', outcome: 'parcel', parcel_id: 'P-OUT' });
  });

  it('by the outbound label of an order with an open return → that return (goods sent back in the original box)', async () => {
    const r = await scan('TH0198765432');
    expect(r.outcome).toBe('return_order');
    expect(r.parcel).toMatchObject({ id: 'P-OUT2', direction: 'outbound' });
    expect(r.returnOrder?.id).toBe('R-1');
  });

  it('by the outbound label of an order whose return is completed → the parcel only', async () => {
    core.db.prepare("UPDATE return_orders SET status = 'completed' WHERE id = 'R-1'").run();
    const r = await scan('TH0198765432');
    expect(r.outcome).toBe('parcel');
    expect(r.returnOrder).toBeNull();
  });

  it('nothing matching → unknown, still recorded', async () => {
    const r = await scan('NOPE-12345');
    expect(r.outcome).toBe('unknown');
    expect(r.parcel).toBeNull();
    expect(r.returnOrder).toBeNull();
    expect(countRows(core.db, 'scans')).toBe(1);
  });
});

describe('a scan and its outbox event', () => {
  it('are routed: a return to tiktok_shop, a parcel to its carrier, an unknown code to the hub', async () => {
    const ret = await scan('TH0112345678');
    const parcel = await scan('RB123456785GB');
    const unknown = await scan('NOPE-1');
    expect(eventOf(ret.outboxEventId)).toMatchObject({
      destination: 'tiktok_shop',
      ordering_key: 'return:R-1',
      type: 'scan.recorded',
      status: 'pending',
    });
    expect(JSON.parse(eventOf(ret.outboxEventId)?.payload ?? '{}')).toMatchObject({
      scanId: ret.scanId,
      returnOrderId: 'R-1',
      platformReturnId: '4035000000000001',
      trackingNumber: 'TH0112345678',
      station: 'QC-1',
    });
    expect(eventOf(parcel.outboxEventId)).toMatchObject({
      destination: 'royalmail',
      ordering_key: 'parcel:P-OUT',
      type: 'scan.recorded',
    });
    expect(eventOf(unknown.outboxEventId)).toMatchObject({
      destination: 'hub',
      ordering_key: 'code:NOPE-1',
      type: 'scan.unknown',
    });
  });

  it('of one return keep their commit order under one ordering key', async () => {
    const a = await scan('TH0112345678');
    const b = await scan('4035000000000001');
    const rows = core.db
      .prepare<[], { id: string }>(
        "SELECT id FROM outbox_events WHERE ordering_key = 'return:R-1' ORDER BY seq",
      )
      .all();
    expect(rows.map((r) => r.id)).toEqual([a.outboxEventId, b.outboxEventId]);
  });

  it('commit together: if the outbox insert fails, the scan is not written either', async () => {
    core.db.exec(
      "CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox_events BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;",
    );
    const envelope = await core.dispatch('recordScan', { code: 'TH0112345678', source: 'scanner' });
    expect(envelope).toEqual({ ok: false, error: { code: 'INTERNAL', params: { call: 'recordScan' } } });
    expect(countRows(core.db, 'scans')).toBe(0);
    expect(countRows(core.db, 'outbox_events')).toBe(0);
    expect(logger.lines).toEqual([{ level: 'error', message: 'call failed' }]);

    core.db.exec('DROP TRIGGER outbox_refuses');
    await scan('TH0112345678');
    expect(countRows(core.db, 'scans')).toBe(1);
    expect(countRows(core.db, 'outbox_events')).toBe(1);
  });

  it('commit together: if the scan insert fails, no event is written', async () => {
    core.db.exec(
      "CREATE TRIGGER scans_refuse BEFORE INSERT ON scans BEGIN SELECT RAISE(ABORT, 'scan refused'); END;",
    );
    const envelope = await core.dispatch('recordScan', { code: 'NOPE-2', source: 'keyboard' });
    expect(envelope.ok).toBe(false);
    expect(countRows(core.db, 'outbox_events')).toBe(0);
    expect(countRows(core.db, 'scans')).toBe(0);
  });

  it.each([
    ['', 'SCAN_EMPTY'],
    ['\u0007RB1', 'SCAN_BAD_CHARACTERS'],
    ['退货单号', 'SCAN_NOT_ASCII'],
    ['x'.repeat(4096), 'SCAN_TOO_LONG'],
  ])('bad input %j is refused with %s and nothing is written', async (code, expected) => {
    const envelope = await core.dispatch('recordScan', { code, source: 'keyboard' });
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.code).toBe(expected);
    expect(countRows(core.db, 'scans')).toBe(0);
    expect(countRows(core.db, 'outbox_events')).toBe(0);
  });
});

describe('lookups use the indexes', () => {
  it('every query CodeLookup prepares searches by index, never scans a table', () => {
    const sqls: string[] = [];
    const db = core.db;
    const spy = new Proxy(db, {
      get(target, prop) {
        if (prop === 'prepare') {
          return (sql: string) => {
            sqls.push(sql);
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Db;
    new CodeLookup(spy);
    expect(sqls.length).toBeGreaterThanOrEqual(3);

    const details = sqls.flatMap((sql) => {
      const params = (sql.match(/\?/g) ?? []).map(() => 'x');
      return db
        .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => r.detail);
    });
    const fullScans = details.filter(
      (d) => /^SCAN (parcels|return_orders|return_items)\b/.test(d) && !/USING/.test(d),
    );
    expect(fullScans).toEqual([]);
    for (const index of [
      'parcels_by_tracking',
      'return_orders_by_tracking',
      'return_orders_by_return_id',
      'return_orders_by_order',
      'return_orders_by_parcel',
      'return_items_by_return',
    ]) {
      expect(
        details.some((d) => d.includes(`USING INDEX ${index} `)),
        index,
      ).toBe(true);
    }
  });

  it('an order id lookup on parcels uses parcels_by_order', () => {
    const plan = core.db
      .prepare<[string], { detail: string }>('EXPLAIN QUERY PLAN SELECT id FROM parcels WHERE order_id = ?')
      .all('O-1');
    expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX parcels_by_order');
  });
});
