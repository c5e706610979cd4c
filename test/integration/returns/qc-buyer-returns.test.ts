import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addReturn } from './qc-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

const ITEM = { sku: 'SKU-BOTTLE-750', barcode: '8850001000064', category: 'home', price: '525' };

describe('a buyer’s other expected returns beside an open parcel', () => {
  it('are the oldest 20 still expected (less those in the parcel), whatever the name’s case, read through their own index', () => {
    const { core, clock } = makeTestCore(temp.make());
    cores.push(core);
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) {
      clock.advance(60_000);
      ids.push(addReturn(core, { buyer: n % 2 === 0 ? 'Somsak Jaidee' : 'SOMSAK JAIDEE', items: [ITEM] }).id);
      addReturn(core, { buyer: 'Ploy Chaiyaporn', items: [ITEM] });
    }
    // Received and cancelled ones are no longer waiting for a parcel.
    const setStatus = core.db.prepare('UPDATE return_orders SET status = ? WHERE id = ?');
    setStatus.run('received', ids[0]);
    setStatus.run('cancelled', ids[3]);
    const others = core.qc.lookup.otherReturnsOfBuyer('somsak jaidee', new Set([ids[1] as string]));
    // The 20 oldest still expected, less the one already in the parcel.
    const expected = ids
      .filter((_, n) => n !== 0 && n !== 3)
      .slice(0, 20)
      .filter((id) => id !== ids[1]);
    expect(others.map((r) => r.id)).toEqual(expected);

    const plan = core.db
      .prepare<[string], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT r.id FROM return_orders r
         WHERE r.buyer_name = ? COLLATE NOCASE AND r.status = 'expected' ORDER BY r.created_at LIMIT 20`,
      )
      .all('x')
      .map((r) => r.detail);
    expect(plan).toEqual(['SEARCH r USING INDEX return_orders_expected_by_buyer (buyer_name=?)']);
  });
});
