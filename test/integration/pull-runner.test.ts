import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { createCore, type Core } from '../../src/main/core';
import { silentLogger } from '../../src/main/logger';
import { seededRandom } from '../../src/main/random';
import type { PullPage, PullSource } from '../../src/main/sync/destination';
import { PullRunner } from '../../src/main/sync/pull-runner';
import { ReturnOrderUpserts, type ReturnOrderRecord } from '../../src/main/sync/return-order-upserts';
import { TrackingUpserts, type TrackingUpdateRecord } from '../../src/main/sync/tracking-upserts';

const T0 = Date.UTC(2026, 4, 1, 8);
const HOUR = 3_600_000;

function returnRecord(i: number): ReturnOrderRecord {
  return {
    platform: 'tiktok_shop',
    platformReturnId: `RET-${String(i).padStart(4, '0')}`,
    orderId: `ORD-${i}`,
    status: 'expected',
    reason: 'defective',
    returnTrackingNumber: `TH${String(1000000 + i)}`,
    returnCarrier: 'flash',
    country: 'TH',
    items: [
      { sku: `SKU-${i % 7}`, barcode: `885${i}`, name: 'Thing', quantity: 1 },
      { sku: 'SKU-CASE', barcode: null, name: 'Case', quantity: 2 },
    ],
  };
}

/** An in-memory feed with numeric cursors; `failAt` makes one page request fail once. */
class ArrayFeed<T> implements PullSource<T> {
  requests: (string | null)[] = [];
  failAt: number | null = null;
  constructor(
    readonly name: string,
    private readonly items: T[],
    private readonly pageSize: number,
  ) {}
  async pull(cursor: string | null, signal: AbortSignal): Promise<PullPage<T>> {
    signal.throwIfAborted();
    this.requests.push(cursor);
    const from = cursor === null ? 0 : Number(cursor);
    if (this.failAt !== null && from === this.failAt) {
      this.failAt = null;
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    const items = this.items.slice(from, from + this.pageSize);
    const next = from + items.length;
    return { items, nextCursor: String(next), hasMore: next < this.items.length };
  }
}

describe('pull runner', () => {
  let dir: string;
  let core: Core;
  let clock: ManualClock;
  let runner: PullRunner;
  let returns: ReturnOrderUpserts;
  let tracking: TrackingUpserts;
  const signal = new AbortController().signal;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-pull-'));
    clock = new ManualClock(T0);
    core = createCore({ dataDir: dir, clock, random: seededRandom(7), logger: silentLogger });
    runner = new PullRunner(core.db, clock);
    returns = new ReturnOrderUpserts(core.db, clock, core.newId);
    tracking = new TrackingUpserts(core.db, clock, core.newId);
  });
  afterEach(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = (sql: string): number =>
    core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${sql}`).get()?.n ?? -1;

  it('resumes after a page request fails halfway: every row once, cursor saved per page', async () => {
    const feed = new ArrayFeed(
      'tiktok_returns',
      Array.from({ length: 95 }, (_, i) => returnRecord(i)),
      10,
    );
    feed.failAt = 40;
    const first = await runner.run(feed, { signal, apply: (items) => returns.apply(items) });
    expect(first.error).toContain('socket hang up');
    expect(first.fetched).toBe(40);
    expect(count('return_orders')).toBe(40);
    expect(runner.cursor('tiktok_returns')).toBe('40');

    const second = await runner.run(feed, { signal, apply: (items) => returns.apply(items) });
    expect(second.error).toBeNull();
    expect(feed.requests.filter((c) => c === '40')).toHaveLength(2);
    expect(second.fetched).toBe(55);
    expect(count('return_orders')).toBe(95);
    expect(count('(SELECT DISTINCT platform_return_id FROM return_orders)')).toBe(95);
    expect(count('return_items')).toBe(190);
    expect(count("parcels WHERE direction = 'return'")).toBe(95);
    const linked = count(
      'return_orders r JOIN parcels p ON p.id = r.parcel_id AND p.tracking_number = r.return_tracking_number',
    );
    expect(linked).toBe(95);
  });

  it('rolls back a page whose upserts die midway, and the rerun applies it exactly once', async () => {
    const feed = new ArrayFeed(
      'tiktok_returns',
      Array.from({ length: 30 }, (_, i) => returnRecord(i)),
      10,
    );
    let crashes = 1;
    const result = await runner.run(feed, {
      signal,
      apply: (items) => {
        if (feed.requests.length === 2 && crashes-- > 0) {
          returns.apply(items.slice(0, 5));
          throw new Error('process died while writing the page');
        }
        return returns.apply(items);
      },
    });
    expect(result.error).toContain('process died');
    // The first page is saved; none of the five rows written before the crash survived.
    expect(count('return_orders')).toBe(10);
    expect(runner.cursor('tiktok_returns')).toBe('10');

    const again = await runner.run(feed, { signal, apply: (items) => returns.apply(items) });
    expect(again).toMatchObject({ error: null, fetched: 20, upserted: 20 });
    expect(count('return_orders')).toBe(30);
    expect(count('return_items')).toBe(60);
  });

  it('applying a page twice changes nothing the second time, and keeps the warehouse progress', async () => {
    const records = Array.from({ length: 5 }, (_, i) => returnRecord(i));
    core.db.transaction(() => returns.apply(records))();
    core.db
      .prepare("UPDATE return_orders SET status = 'inspecting' WHERE platform_return_id = 'RET-0001'")
      .run();
    const before = core.db.prepare('SELECT * FROM return_orders ORDER BY id').all();
    const itemsBefore = core.db.prepare('SELECT * FROM return_items ORDER BY id').all();
    clock.advance(HOUR);
    const changed = core.db.transaction(() => returns.apply(records))();
    expect(changed).toBe(0);
    expect(core.db.prepare('SELECT * FROM return_orders ORDER BY id').all()).toEqual(before);
    expect(core.db.prepare('SELECT * FROM return_items ORDER BY id').all()).toEqual(itemsBefore);

    // The platform cancels one still expected and one the warehouse is already inspecting.
    const cancelled = records.map((r) => ({ ...r, status: 'cancelled' as const }));
    core.db.transaction(() => returns.apply(cancelled.slice(0, 2)))();
    const statuses = core.db
      .prepare<[], { platform_return_id: string; status: string }>(
        "SELECT platform_return_id, status FROM return_orders WHERE platform_return_id IN ('RET-0000', 'RET-0001') ORDER BY 1",
      )
      .all();
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'inspecting']);
  });

  it('tracking events insert once per (source, id) and never move last_tracking_at backwards', async () => {
    core.db
      .prepare(
        `INSERT INTO parcels (id, tracking_number, carrier, country, order_id, direction, status, last_tracking_at, created_at, updated_at)
         VALUES ('P1', 'TH0001', 'flash', 'TH', 'O1', 'outbound', 'in_transit', ?, ?, ?)`,
      )
      .run(T0 - 10 * HOUR, T0 - 20 * HOUR, T0 - 20 * HOUR);
    const event = (
      id: string,
      hoursAgo: number,
      status: 'in_transit' | 'out_for_delivery',
    ): TrackingUpdateRecord => ({
      externalId: id,
      carrier: 'flash',
      trackingNumber: 'TH0001',
      status,
      description: status,
      occurredAt: T0 - hoursAgo * HOUR,
    });
    const feedItems = [
      event('e1', 5, 'out_for_delivery'),
      event('e2', 12, 'in_transit'), // older than what we know: history only
      { ...event('e3', 1, 'in_transit'), trackingNumber: 'UNKNOWN-1' },
    ];
    // A feed whose cursor does not advance past the last page replays it: the replay must be a no-op.
    const feed = new ArrayFeed('flash_tracking', feedItems, 2);
    const apply = (items: TrackingUpdateRecord[]) => tracking.apply('flash_tracking', items).inserted;
    const first = await runner.run(feed, { signal, apply });
    expect(first).toMatchObject({ fetched: 3, upserted: 2, error: null });
    core.db.prepare("DELETE FROM sync_cursors WHERE source = 'flash_tracking'").run();
    const replay = await runner.run(feed, { signal, apply });
    expect(replay).toMatchObject({ fetched: 3, upserted: 0, error: null });

    expect(count('tracking_events')).toBe(2);
    const parcel = core.db
      .prepare<[], { status: string; last_tracking_at: number }>(
        "SELECT status, last_tracking_at FROM parcels WHERE id = 'P1'",
      )
      .get();
    expect(parcel).toEqual({ status: 'out_for_delivery', last_tracking_at: T0 - 5 * HOUR });
  });

  it('stops a source that repeats its cursor while claiming more, and a cancelled pull saves nothing of the page in the air', async () => {
    const stuck: PullSource<ReturnOrderRecord> = {
      name: 'stuck',
      pull: async () => ({ items: [returnRecord(1)], nextCursor: 'same', hasMore: true }),
    };
    const result = await runner.run(stuck, { signal, apply: (items) => returns.apply(items) });
    expect(result.error).toContain('same cursor');
    expect(count('return_orders')).toBe(1);

    const controller = new AbortController();
    const slow: PullSource<ReturnOrderRecord> = {
      name: 'slow',
      pull: async () => {
        controller.abort();
        return { items: [returnRecord(2)], nextCursor: '1', hasMore: false };
      },
    };
    const cancelled = await runner.run(slow, {
      signal: controller.signal,
      apply: (items) => returns.apply(items),
    });
    expect(cancelled.error).toBe('cancelled');
    expect(runner.cursor('slow')).toBeNull();
    expect(count('return_orders')).toBe(1);
  });
});
