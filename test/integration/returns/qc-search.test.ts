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

const SHIRT = { sku: 'SKU-TSHIRT-M-BLK', barcode: '8850001000019', category: 'apparel', price: '250' };

describe('manual search at the bench', () => {
  it('finds a return by any part of its numbers or its buyer, accents and word order aside', async () => {
    const { core } = makeTestCore(temp.make());
    cores.push(core);
    const lan = addReturn(core, { buyer: 'Nguyễn Thị Lan', tracking: 'SPXVN0123456789', items: [SHIRT] });
    const other = addReturn(core, { buyer: 'Trần Văn Minh', tracking: 'SPXVN0999999999', items: [SHIRT] });
    const search = async (query: string): Promise<string[]> => {
      const env = await core.dispatch('qcSearch', { query });
      if (!env.ok) throw new Error(env.error.code);
      return (env.value as { id: string }[]).map((r) => r.id);
    };
    expect(await search('3456789')).toEqual([lan.id]);
    expect(await search('SPXVN0')).toEqual(expect.arrayContaining([lan.id, other.id]));
    expect(await search(lan.platformReturnId.slice(-6))).toEqual([lan.id]);
    expect(await search('lan nguyen')).toEqual([lan.id]);
    expect(await search('VĂN MINH')).toEqual([other.id]);
    // Query text is never FTS syntax.
    expect(await search('"lan" OR *')).toEqual([]);
    expect(await search('ab cd')).toEqual([]);
  });

  it('reads the trigram index, never every return order', () => {
    const { core } = makeTestCore(temp.make());
    cores.push(core);
    const plan = core.db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT r.id FROM return_orders r WHERE r.rowid IN
           (SELECT rowid FROM return_search WHERE return_search MATCH '"abc"' ORDER BY rowid DESC LIMIT 200)`,
      )
      .all()
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    expect(plan.some((d) => /^SCAN r\b/.test(d))).toBe(false);
  });
});
