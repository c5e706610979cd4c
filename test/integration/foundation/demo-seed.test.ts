import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { seedDemo } from '../../../src/main/demo/seed';
import { DEMO_CARRIERS } from '../../../src/main/demo/tracking-numbers';
import { gs1CheckDigit, s10CheckDigit, upsCheckDigit } from '../../../src/shared/codes/check-digits';
import { TEST_EPOCH, makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const TABLES = ['parcels', 'return_orders', 'return_items', 'users'] as const;
const PARCELS = 600;

function seeded(seed: number): Core {
  const { core } = makeTestCore(temps.make());
  seedDemo(core.db, core.users, { seed, parcels: PARCELS, now: TEST_EPOCH });
  return core;
}

function hashRows(core: Core): string {
  const h = crypto.createHash('sha256');
  for (const table of TABLES) {
    for (const row of core.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all()) {
      h.update(JSON.stringify([table, row]));
    }
  }
  return h.digest('hex');
}

let a: Core;
let b: Core;
let c: Core;
beforeAll(() => {
  a = seeded(42);
  b = seeded(42);
  c = seeded(43);
});
afterAll(async () => {
  for (const core of [a, b, c]) await core?.close();
  temps.cleanup();
});

describe('demo data', () => {
  it('is identical for the same seed and different for another', () => {
    expect(hashRows(a)).toBe(hashRows(b));
    expect(hashRows(a)).not.toBe(hashRows(c));
  });

  it('has parcels of every market, returns with items, and staff to sign in', () => {
    const countries = a.db
      .prepare<[], { country: string }>('SELECT DISTINCT country FROM parcels ORDER BY country')
      .all();
    expect(countries.map((r) => r.country)).toEqual(['GB', 'MY', 'TH', 'US', 'VN']);
    const outbound = a.db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM parcels WHERE direction = 'outbound'")
      .get()?.n;
    expect(outbound).toBe(PARCELS);
    const returns = countRows(a.db, 'return_orders');
    expect(returns).toBeGreaterThan(PARCELS * 0.15);
    expect(returns).toBeLessThan(PARCELS * 0.35);
    expect(
      a.db
        .prepare<[], { n: number }>(
          'SELECT count(*) AS n FROM return_orders r WHERE NOT EXISTS (SELECT 1 FROM return_items i WHERE i.return_order_id = r.id)',
        )
        .get()?.n,
    ).toBe(0);
    expect(a.users.list().map((u) => u.role)).toEqual(
      expect.arrayContaining(['clerk', 'packer', 'supervisor']),
    );
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('uses tracking numbers valid for their carrier format and check digit', () => {
    const rows = a.db
      .prepare<[], { tracking_number: string; carrier: string }>(
        'SELECT tracking_number, carrier FROM parcels',
      )
      .all();
    const seen = new Set<string>();
    for (const { tracking_number: t, carrier } of rows) {
      seen.add(carrier);
      switch (carrier) {
        case 'royalmail':
        case 'poslaju': {
          const m = /^[A-Z]{2}(\d{8})(\d)([A-Z]{2})$/.exec(t);
          expect(m, t).not.toBeNull();
          expect(Number(m?.[2]), t).toBe(s10CheckDigit(m?.[1] ?? ''));
          expect(m?.[3]).toBe(carrier === 'royalmail' ? 'GB' : 'MY');
          break;
        }
        case 'usps': {
          expect(t, t).toMatch(/^\d{20,22}$/);
          expect(Number(t.at(-1)), t).toBe(gs1CheckDigit(t.slice(0, -1)));
          break;
        }
        case 'ups': {
          expect(t, t).toMatch(/^1Z[0-9A-Z]{16}$/);
          expect(Number(t.at(-1)), t).toBe(upsCheckDigit(t.slice(2, 17)));
          break;
        }
        default:
          expect(t, `${carrier} ${t}`).toMatch(/^[0-9A-Z]{10,30}$/);
      }
    }
    expect([...seen].sort()).toEqual(DEMO_CARRIERS.map((d) => d.name).sort());
  });

  it('demo tracking numbers are found when scanned', async () => {
    const ret = a.db
      .prepare<[], { return_tracking_number: string; id: string }>(
        'SELECT return_tracking_number, id FROM return_orders WHERE return_tracking_number IS NOT NULL LIMIT 1',
      )
      .get();
    const out = a.db
      .prepare<[], { tracking_number: string }>(
        `SELECT tracking_number FROM parcels p WHERE direction = 'outbound'
         AND NOT EXISTS (SELECT 1 FROM return_orders r WHERE r.order_id = p.order_id) LIMIT 1`,
      )
      .get();
    expect(
      await a.dispatch('recordScan', { code: ret?.return_tracking_number ?? '', source: 'scanner' }),
    ).toMatchObject({
      ok: true,
      value: { outcome: 'return_order', returnOrder: { id: ret?.id } },
    });
    expect(
      await a.dispatch('recordScan', { code: out?.tracking_number ?? '', source: 'scanner' }),
    ).toMatchObject({
      ok: true,
      value: { outcome: 'parcel' },
    });
  });
});
