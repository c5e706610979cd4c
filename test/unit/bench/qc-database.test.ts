import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareQcDatabase, qcCodes, qcDatabaseKey, type QcDatabaseSize } from '../../../bench/qc-database';
import { createCore, DATABASE_FILE, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { TempDirs } from '../../helpers/temp-dir';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

const SIZE: QcDatabaseSize = { parcels: 1000, returnOrders: 200 };

function open(dataDir: string): Core {
  const core = createCore({ dataDir, logger: silentLogger, printing: { start: false } });
  cores.push(core);
  return core;
}

const count = (core: Core, sql: string): number => core.db.prepare(sql).pluck().get() as number;

describe('the QC benchmarks’ station database (bench/qc-database.ts)', () => {
  it('holds exactly the parcels, return parcels, returns and items it was asked for', async () => {
    const prepared = await prepareQcDatabase(temp.make(), SIZE, { cacheDir: temp.make() });
    expect(prepared.cached).toBe(false);
    const core = open(prepared.dataDir);
    expect(count(core, 'SELECT count(*) FROM parcels')).toBe(1000);
    expect(count(core, "SELECT count(*) FROM parcels WHERE direction = 'return'")).toBe(200);
    expect(count(core, 'SELECT count(*) FROM return_orders')).toBe(200);
    expect(count(core, "SELECT count(*) FROM return_orders WHERE status = 'expected'")).toBe(150);
    // 1, 2 or 3 items by j % 3: 67 + 67 + 66 returns.
    expect(count(core, 'SELECT count(*) FROM return_items')).toBe(67 * 2 + 67 * 3 + 66 * 1);
    expect(
      count(
        core,
        'SELECT count(*) FROM return_orders r WHERE NOT EXISTS (SELECT 1 FROM return_items i WHERE i.return_order_id = r.id)',
      ),
    ).toBe(0);
    // Every return's parcel exists and carries its return tracking number.
    expect(
      count(
        core,
        `SELECT count(*) FROM return_orders r JOIN parcels p ON p.id = r.parcel_id
         WHERE p.tracking_number = r.return_tracking_number AND p.direction = 'return'`,
      ),
    ).toBe(200);
    expect(count(core, 'SELECT count(*) FROM return_search')).toBe(200);
    expect(count(core, "SELECT count(*) FROM bins WHERE kind = 'stock'")).toBeGreaterThan(0);
  });

  it('makes the codes qcCodes names findable by the bench’s own lookup, and nothing else', async () => {
    const prepared = await prepareQcDatabase(temp.make(), SIZE, { cacheDir: temp.make() });
    const core = open(prepared.dataDir);
    const codes = qcCodes(SIZE);
    for (const j of [1, 7, 150, 199]) {
      const id = `BR${String(j).padStart(7, '0')}`;
      const byTracking = core.qc.lookup.findFirst([codes.returnTracking(j)]);
      expect(byTracking.candidates.map((c) => [c.id, c.matchedBy])).toEqual([[id, 'return_tracking']]);
      expect(byTracking.parcel?.direction).toBe('return');
      expect(core.qc.lookup.findFirst([codes.platformReturnId(j)]).candidates.map((c) => c.id)).toEqual([id]);
      expect(core.qc.lookup.findFirst([codes.orderOfReturn(j)]).candidates.map((c) => c.id)).toEqual([id]);
      // The outbound label of the order leads to the return while it is still open.
      const outbound = core.qc.lookup.findFirst([codes.outboundTracking(codes.outboundOfReturn(j))]);
      expect(outbound.parcel?.direction).toBe('outbound');
      expect(outbound.candidates.map((c) => c.id)).toEqual(codes.isExpected(j) ? [id] : []);
    }
    const plain = core.qc.lookup.findFirst([codes.outboundTracking(1)]);
    expect(plain.candidates).toEqual([]);
    expect(plain.parcel).toMatchObject({ id: 'BP0000001', direction: 'outbound' });
    const unknown = core.qc.lookup.findFirst([codes.unknown(1)]);
    expect(unknown).toEqual({ candidates: [], parcel: null });
    // The manual search finds a return by part of its number, through the FTS index the triggers filled.
    expect(core.qc.lookup.searchText(codes.platformReturnId(7).slice(2)).map((c) => c.id)).toEqual([
      'BR0000007',
    ]);
  });

  it('builds once per schema, generator and size, and hands each caller its own copy', async () => {
    const cacheDir = temp.make();
    const first = await prepareQcDatabase(temp.make(), SIZE, { cacheDir });
    const second = await prepareQcDatabase(temp.make(), SIZE, { cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.file).toBe(first.file);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(first.file)]);
    // Changing one copy leaves the cache and the other copy alone.
    const core = open(first.dataDir);
    core.db.prepare("UPDATE return_orders SET status = 'received' WHERE id = 'BR0000001'").run();
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const again = open(second.dataDir);
    expect(again.db.prepare("SELECT status FROM return_orders WHERE id = 'BR0000001'").pluck().get()).toBe(
      'expected',
    );
    expect(path.join(second.dataDir, DATABASE_FILE)).not.toBe(first.file);
    expect(qcDatabaseKey({ parcels: 2000, returnOrders: 200 })).not.toBe(qcDatabaseKey(SIZE));
    expect(qcDatabaseKey(SIZE)).toMatch(/^qc-v\d+-[0-9a-f]{12}-g\d+-1000p-200r$/);
  });

  it('refuses a size with fewer than two parcels per return', async () => {
    await expect(
      prepareQcDatabase(temp.make(), { parcels: 300, returnOrders: 200 }, { cacheDir: temp.make() }),
    ).rejects.toThrow(/at least twice as many parcels/);
  });
});
