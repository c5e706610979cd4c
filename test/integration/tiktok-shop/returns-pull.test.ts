import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { openDatabase, type Db } from '../../../src/main/db/open';
import { PullRunner } from '../../../src/main/sync/pull-runner';
import type { PlatformReturnOrder } from '../../../src/shared/platform-returns';
import { TempDirs } from '../../helpers/temp-dir';
import { connectTo, never, type Harness } from './harness';

const T0 = Date.UTC(2026, 5, 1, 6, 0, 0);
const S0 = T0 / 1000;

/**
 * The returns pull against the fake over real HTTP, run by the real PullRunner on a real SQLite
 * file (cursor saved with each page): what a collected return looks like, and that every return
 * arrives in its latest version across pages, windows, changes mid-pull, repeated and skipped
 * pages, failures halfway and stale page tokens.
 */
describe('TikTok Shop returns pull', () => {
  const dirs = new TempDirs();
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  let db: Db;
  let runner: PullRunner;
  let h: Harness;
  /** What the station would hold: the newest version of each return. */
  let held: Map<string, PlatformReturnOrder>;
  let applied: number;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock });
    db = openDatabase({ file: path.join(dirs.make(), 'lastmile.sqlite') });
    runner = new PullRunner(db, clock);
    h = connectTo(fake, clock, { config: { pull: { pageSize: 10, initialLookbackDays: 2 } } });
    held = new Map();
    applied = 0;
  });
  afterEach(async () => {
    db.close();
    await fake.close();
    dirs.cleanup();
  });

  const run = () =>
    runner.run(h.connector.pulls.returns, {
      signal: never,
      apply: (items) => {
        for (const item of items) {
          const before = held.get(item.platformReturnId);
          if (!before || before.updatedAt <= item.updatedAt) held.set(item.platformReturnId, item);
        }
        applied += items.length;
        return items.length;
      },
    });

  /** Every return at the fake is held in its latest version. */
  const expectAllLatest = () => {
    const truth = fake.returns();
    expect([...held.keys()].sort()).toEqual(truth.map((r) => r.return_id).sort());
    for (const r of truth) {
      expect(held.get(r.return_id)?.updatedAt, r.return_id).toBe(r.update_time * 1000);
      expect(held.get(r.return_id)?.platformStatus, r.return_id).toBe(r.return_status);
    }
  };

  /** `n` returns updated a minute apart, the last a minute before now. */
  const seed = (n: number) => {
    for (let i = 0; i < n; i++) fake.addReturn({ updateTime: S0 - (n - i) * 60 });
  };

  it('maps a return with its order: buyer, items with price and sku, next action and deadline', async () => {
    const ret = fake.addReturn({
      buyerName: 'Nattaya Srisuk',
      updateTime: S0 - 120,
      lines: [
        { sku: 'TEE-RED-M', name: 'Cotton tee', price: '199.00' },
        { sku: 'CAP-01', name: 'Cap', price: '89.50' },
      ],
    });
    const result = await run();
    expect(result.error).toBeNull();
    const got = held.get(ret.return_id);
    expect(got).toEqual({
      platform: 'tiktok_shop',
      platformReturnId: ret.return_id,
      orderId: ret.order_id,
      status: 'expected',
      platformStatus: 'BUYER_SHIPPED_ITEM',
      returnType: 'RETURN_AND_REFUND',
      reason: 'Wrong size',
      buyerName: 'Nattaya Srisuk',
      returnTrackingNumber: ret.return_tracking_number,
      returnCarrier: 'flash-th',
      country: 'TH',
      nextAction: { action: 'SELLER_RESPOND_RECEIVE_PACKAGE', deadline: (S0 - 120 + 3 * 86_400) * 1000 },
      updatedAt: (S0 - 120) * 1000,
      items: [
        {
          platformItemId: `${ret.order_id}0`,
          sku: 'TEE-RED-M',
          barcode: null,
          name: 'Cotton tee — Default',
          quantity: 1,
          unitPrice: { amount: '199.00', currency: 'THB' },
          category: null,
        },
        {
          platformItemId: `${ret.order_id}1`,
          sku: 'CAP-01',
          barcode: null,
          name: 'Cap — Default',
          quantity: 1,
          unitPrice: { amount: '89.50', currency: 'THB' },
          category: null,
        },
      ],
    });

    // The request as the platform documents it: paging and sorting in the query, filters in the body.
    const search = fake.log('search')[0];
    expect(search?.query).toMatchObject({ page_size: '10', sort_field: 'update_time', sort_order: 'ASC' });
    expect(search?.query.sign).toMatch(/^[0-9a-f]{64}$/);
    expect(search?.query.access_token).toBeUndefined();
    expect(search?.accessToken).toMatch(/^TTP_/);
    expect(JSON.parse(search?.body ?? '{}')).toEqual({
      update_time_ge: S0 - 2 * 86_400,
      update_time_lt: S0,
      locale: 'en-US',
    });
    expect(fake.log('orders')[0]?.query.ids).toBe(ret.order_id);
  });

  it('pulls across pages and windows: each window once, the next from where the last ended (with overlap)', async () => {
    seed(35);
    const first = await run();
    expect(first).toMatchObject({ error: null, pages: 4, fetched: 35 });
    expectAllLatest();
    expect(fake.log('search').map((l) => l.query.page_token === undefined)).toEqual([
      true,
      false,
      false,
      false,
    ]);

    // An hour later: two returns change, one is new.
    clock.advance(3_600_000);
    const [a, b] = fake.returns();
    fake.updateReturn(a?.return_id ?? '', { return_status: 'RETURN_OR_REFUND_REQUEST_SUCCESS' });
    fake.updateReturn(b?.return_id ?? '', { return_status: 'REJECT_RECEIVE_PACKAGE' });
    fake.addReturn({ status: 'AWAITING_BUYER_SHIP' });
    clock.advance(1_000);
    const second = await run();
    // The three changes, and the ten returns of the last ten minutes read again (the overlap).
    expect(second).toMatchObject({ error: null, pages: 2, fetched: 13 });
    const body = JSON.parse(fake.log('search').at(-1)?.body ?? '{}') as Record<string, number>;
    expect(body.update_time_ge).toBe(S0 - 600);
    expectAllLatest();
    expect(held.get(a?.return_id ?? '')?.status).toBe('completed');
  });

  it('changes arriving mid-pull: the shifted result set is detected, read again from the watermark, nothing missed', async () => {
    seed(40);
    const before = fake.returns();
    // While page 1 is read, three returns of pages 1–2 are updated: they leave the window and
    // every later return moves three places forward.
    fake.afterSearchPage((n) => {
      if (n !== 1) return;
      for (const r of [before[2], before[11], before[15]])
        fake.updateReturn(r?.return_id ?? '', { return_status: 'RETURN_OR_REFUND_REQUEST_CANCEL' });
    });
    const first = await run();
    expect(first.error).toBeNull();
    fake.afterSearchPage(null);
    // Only the two updated before they were read are missing (they left the window); without the
    // restart the three returns that slid into page 1's place would be missing too, for good.
    const missing = before.filter((r) => !held.has(r.return_id)).map((r) => r.return_id);
    expect(missing.sort()).toEqual([before[11], before[15]].map((r) => r?.return_id).sort());
    expect(held.get(before[2]?.return_id ?? '')?.status).toBe('expected');
    // The moved ones arrive in the next window.
    clock.advance(60_000);
    expect((await run()).error).toBeNull();
    expectAllLatest();
    expect(held.get(before[11]?.return_id ?? '')?.status).toBe('cancelled');
  });

  it('a page served twice and a page skipped by the platform: detected, and every return still arrives', async () => {
    seed(45);
    fake.inject({ route: 'search', kind: 'repeat-page', skip: 2 });
    fake.inject({ route: 'search', kind: 'skip-page', skip: 1 });
    const result = await run();
    expect(result.error).toBeNull();
    expectAllLatest();
    expect(fake.stats().faultsServed).toBe(2);
  });

  it('resumes after failing halfway: the saved cursor continues where it stopped, nothing lost', async () => {
    seed(38);
    fake.inject({ route: 'search', kind: 'status', status: 500, skip: 2 });
    const first = await run();
    expect(first.error).toMatch(/server \(HTTP 500\).*returns search/);
    expect(first.fetched).toBe(20);
    const saved = JSON.parse(runner.cursor(h.connector.pulls.returns.name) ?? 'null') as {
      query: { token: string };
    };
    expect(saved.query.token).not.toBeNull();
    const second = await run();
    expect(second.error).toBeNull();
    expect(second.fetched).toBe(18);
    expect(fake.log('search').at(-2)?.query.page_token).toBe(saved.query.token);
    expectAllLatest();
    expect(applied).toBe(38);
  });

  it('a page token saved too long ago is not trusted: the query restarts at the watermark', async () => {
    seed(30);
    fake.inject({ route: 'search', kind: 'status', status: 503, skip: 1 });
    expect((await run()).error).not.toBeNull();
    const saved = JSON.parse(runner.cursor(h.connector.pulls.returns.name) ?? 'null') as {
      query: { mark: number; token: string };
    };
    clock.advance(31 * 60_000);
    expect((await run()).error).toBeNull();
    const resumed = fake.log('search')[2];
    expect(resumed?.query.page_token).toBeUndefined();
    expect((JSON.parse(resumed?.body ?? '{}') as { update_time_ge: number }).update_time_ge).toBe(
      saved.query.mark,
    );
    expectAllLatest();
  });

  it('an unknown return status is reported and the return kept, visible as expected', async () => {
    const ret = fake.addReturn({ status: 'RETURN_OR_REFUND_REQUEST_ESCALATED', updateTime: S0 - 30 });
    expect((await run()).error).toBeNull();
    expect(held.get(ret.return_id)).toMatchObject({
      status: 'expected',
      platformStatus: 'RETURN_OR_REFUND_REQUEST_ESCALATED',
    });
    expect(h.unknown).toEqual([
      {
        connector: 'tiktok-th',
        code: 'RETURN_OR_REFUND_REQUEST_ESCALATED',
        sample: `return ${ret.return_id}`,
      },
    ]);
  });

  it('a field whose type changed: a clear error naming it, nothing applied, the cursor unmoved', async () => {
    seed(5);
    fake.inject({
      route: 'search',
      kind: 'mutate',
      mutate: (data) => {
        const d = data as { return_orders: Array<Record<string, unknown>> };
        const first = d.return_orders[0];
        if (first) first.update_time = String(first.update_time);
        return d;
      },
    });
    const result = await run();
    expect(result.error).toContain('data.return_orders.0.update_time');
    expect(result.error).toContain('expected number');
    expect(applied).toBe(0);
    expect(runner.cursor(h.connector.pulls.returns.name)).toBeNull();
    // The platform fixed its answer: the next run gets everything.
    expect((await run()).error).toBeNull();
    expectAllLatest();
  });

  it('fetches returns named by a notification, by id', async () => {
    seed(3);
    const target = fake.returns()[1];
    const got = await h.connector.refetchReturns([target?.return_id ?? ''], never);
    expect(got.map((r) => r.platformReturnId)).toEqual([target?.return_id]);
    expect(JSON.parse(fake.log('search')[0]?.body ?? '{}')).toMatchObject({
      return_ids: [target?.return_id],
    });
  });
});
