import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { DeliveryStore } from '../../../src/main/outbox/delivery-store';
import type { PackSession } from '../../../src/shared/packing/pack-views';
import { benchCalls } from '../../helpers/packing/pack-bench';
import { TempDirs } from '../../helpers/temp-dir';
import { platformPackBench } from './platform-bench';

const BENCH = { clientId: 'tt-uncombine-bench' };
const SUPERVISOR = { clientId: 'tt-uncombine-supervisor' };

type Combined = { session: PackSession; combineEventId: string | null; confirmed: boolean };
type Uncombined = {
  session: PackSession;
  orderRef: string;
  itemsOut: number;
  uncombineEventId: string | null;
};

/**
 * K asks TikTok Shop again before an order joins the parcel, and a combined order can be taken
 * back out before sealing: on a real SQLite file, against the fake platform over HTTP, which
 * records every request and what it applied — so "nothing sent twice, nothing lost" is asserted
 * where the platform sees it.
 */
describe('TikTok Shop combinations checked at K and undone at the bench', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  const { call, pack, refused } = benchCalls(BENCH, 'ttu');
  const scan = (code: string) => ({ code, source: 'scanner' });
  const idOf = (core: Core, ref: string) =>
    core.db.prepare<[string], { id: string }>('SELECT id FROM outbound_orders WHERE external_id = ?').get(ref)
      ?.id ?? '';
  const statusOf = (core: Core, ref: string) => core.packing.orders.get(idOf(core, ref))?.status;
  const events = (core: Core) =>
    core.db
      .prepare<[], { type: string; status: string; key: string }>(
        'SELECT type, status, idempotency_key AS key FROM outbox_events ORDER BY seq',
      )
      .all();

  async function bench() {
    const b = await platformPackBench(dirs, cleanups, SUPERVISOR);
    const order = (sku: string) =>
      b.fake.fulfilment.addOrder({
        region: 'MY',
        currency: 'MYR',
        shippingType: 'TIKTOK',
        postcode: '40000',
        buyerName: 'Nur Aisyah',
        lines: [{ sku, name: `Item ${sku}` }],
      });
    const host = order('SKU-MUG');
    const joins = order('SKU-CAP');
    const cid = b.fake.fulfilment.makeCombinable([host.id, joins.id]);
    await b.pull();
    await pack(b.core, 'packOpen', scan(host.id));
    // The screen asks what may share the parcel when it opens: K offers the other order.
    expect(await call(b.core, 'packCombinable', BENCH, {})).toMatchObject({
      basis: 'platform',
      orders: [{ orderRef: joins.id }],
    });
    const seal = async (skus: string[]) => {
      for (const sku of skus) await pack(b.core, 'packScanItem', scan(sku));
      await pack(b.core, 'packWeigh', {
        reading: { kind: 'typed', text: '900 g' },
        box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
      });
      return pack<{ state: string }>(b.core, 'packComplete', {});
    };
    const applied = () => b.fake.fulfilment.applied().map((a) => `${a.kind} ${a.orderIds.join('+')}`);
    return { ...b, host, joins, cid, seal, applied };
  }

  it('K is refused at once when the platform no longer offers the order: nothing goes in the box', async () => {
    const b = await bench();
    const searches = b.fake.stats().requests.combinableSearch;
    // The buyer changed an address since the parcel was opened.
    b.fake.fulfilment.withdrawCombinable(b.cid);
    expect(await refused(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) })).toEqual({
      code: 'PACK_COMBINE_DECLINED',
      params: { orderRef: b.joins.id },
    });
    // Asked fresh at K (one more search), nothing combined or queued, the other order untouched.
    expect(b.fake.stats().requests.combinableSearch).toBe(searches + 1);
    const state = await call<{ session: PackSession }>(b.core, 'packState', BENCH, {});
    expect(state.session.combined).toEqual([]);
    expect(state.session.lines.map((l) => l.sku)).toEqual(['SKU-MUG']);
    expect(statusOf(b.core, b.joins.id)).toBe('to_pack');
    expect(events(b.core)).toEqual([]);
    await b.drain();
    expect(b.fake.stats().requests.combine).toBe(0);
  });

  it('K with the platform unreachable joins the order it offered, unconfirmed, and the combination goes later', async () => {
    const b = await bench();
    b.fake.inject({ route: 'combinableSearch', kind: 'reset', times: 10 });
    const r = await pack<Combined>(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) });
    expect(r.confirmed).toBe(false);
    expect(r.session.combined).toEqual([{ orderId: idOf(b.core, b.joins.id), orderRef: b.joins.id }]);
    expect(events(b.core).map((e) => [e.type, e.status])).toEqual([['package.combine', 'pending']]);
    b.fake.clearFaults();
    expect((await b.seal(['SKU-MUG', 'SKU-CAP'])).state).toBe('awaiting_label');
    await b.drain();
    expect(b.applied()).toEqual([`combine ${b.host.id}+${b.joins.id}`, `ship ${b.host.id}+${b.joins.id}`]);
  });

  it('an order the platform never offered is still ours to refuse, even offline', async () => {
    const b = await bench();
    const stranger = b.fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      lines: [{ sku: 'SKU-X', name: 'X' }],
    });
    await b.pull();
    b.fake.inject({ route: 'combinableSearch', kind: 'reset', times: 10 });
    expect(await refused(b.core, 'packCombine', { orderId: idOf(b.core, stranger.id) })).toMatchObject({
      code: 'PACK_COMBINE_NOT_ALLOWED',
    });
    expect(events(b.core)).toEqual([]);
  });

  it('taken out before the combination was sent: it is discarded, never reaches the platform, and K works again', async () => {
    const b = await bench();
    await pack<Combined>(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) });
    for (const sku of ['SKU-MUG', 'SKU-CAP']) await pack(b.core, 'packScanItem', scan(sku));
    const out = await pack<Uncombined>(b.core, 'packUncombine', { orderId: idOf(b.core, b.joins.id) });
    // Its one scanned item comes out of the box; the host's line stays scanned and waits for a weight.
    expect(out).toMatchObject({ orderRef: b.joins.id, itemsOut: 1, uncombineEventId: null });
    expect(out.session).toMatchObject({ step: 'weigh', combined: [] });
    expect(out.session.lines.map((l) => [l.sku, l.verified])).toEqual([['SKU-MUG', 1]]);
    expect(statusOf(b.core, b.joins.id)).toBe('to_pack');
    expect(events(b.core).map((e) => [e.type, e.status])).toEqual([['package.combine', 'discarded']]);
    await b.drain();
    expect(b.fake.stats().requests.combine).toBe(0);
    expect(b.fake.stats().requests.uncombine).toBe(0);
    // Taken out by mistake: K again combines anew, under a key of its own, sent once.
    const again = await pack<Combined>(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) });
    expect(again.confirmed).toBe(true);
    const keys = events(b.core).map((e) => e.key);
    expect(new Set(keys).size).toBe(2);
    expect((await b.seal(['SKU-CAP'])).state).toBe('awaiting_label');
    await b.drain();
    expect(b.applied()).toEqual([`combine ${b.host.id}+${b.joins.id}`, `ship ${b.host.id}+${b.joins.id}`]);
    expect(b.fake.stats().requests.combine).toBe(1);
  });

  it('taken out after the platform combined: uncombined there once (answer lost), then each order ships alone', async () => {
    const b = await bench();
    await pack<Combined>(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) });
    await b.drain();
    expect(b.applied()).toEqual([`combine ${b.host.id}+${b.joins.id}`]);
    const merged = b.fake.fulfilment.packagesOf(b.host.id)[0]?.id ?? '';
    await pack(b.core, 'packScanItem', scan('SKU-CAP'));
    const press = { orderId: idOf(b.core, b.joins.id), clientActionId: 'ttu-uncombine-once' };
    const out = await call<Uncombined>(b.core, 'packUncombine', BENCH, press);
    expect(out).toMatchObject({ orderRef: b.joins.id, itemsOut: 1 });
    expect(out.uncombineEventId).not.toBeNull();
    expect(out.session.lines.map((l) => [l.sku, l.verified])).toEqual([['SKU-MUG', 0]]);
    // The same action again (a double press, a resend) answers the first answer: one uncombination.
    expect(await call<Uncombined>(b.core, 'packUncombine', BENCH, press)).toEqual(out);
    expect(events(b.core).map((e) => [e.type, e.status])).toEqual([
      ['package.combine', 'delivered'],
      ['package.uncombine', 'pending'],
      ['package.uncombine', 'pending'],
    ]);
    // Both orders sealed before the platform heard of the uncombination: neither ship call may overtake it.
    expect((await b.seal(['SKU-MUG'])).state).toBe('awaiting_label');
    await pack(b.core, 'packOpen', scan(b.joins.id));
    expect((await b.seal(['SKU-CAP'])).state).toBe('awaiting_label');
    b.fake.inject({ route: 'uncombine', kind: 'reset', afterApply: true });
    const orderReads = b.fake.stats().requests.orders;
    // A second later: the lane's request budget (it refills with the station clock) is whole again.
    b.clock.advance(1_000);
    await b.drain();
    // The resend asked the order where its lines are now and found it out already: sent once.
    expect(b.fake.stats().requests.uncombine).toBe(1);
    expect(b.fake.stats().requests.orders).toBeGreaterThan(orderReads);
    const hostPkg = b.fake.fulfilment.packagesOf(b.host.id);
    const joinsPkg = b.fake.fulfilment.packagesOf(b.joins.id);
    expect(hostPkg.map((p) => [p.id, p.order_ids])).toEqual([[merged, [b.host.id]]]);
    expect(joinsPkg).toHaveLength(1);
    expect(joinsPkg[0]?.id).not.toBe(merged);
    // Each ships as the package the uncombination left it: the host the old one, the other its new one.
    const applied = b.fake.fulfilment
      .applied()
      .map(({ kind, packageId, orderIds }) => ({ kind, packageId, orderIds }));
    expect(applied.slice(0, 2)).toEqual([
      { kind: 'combine', packageId: merged, orderIds: [b.host.id, b.joins.id] },
      { kind: 'uncombine', packageId: merged, orderIds: [b.joins.id] },
    ]);
    expect(applied.slice(2).sort((x, y) => x.packageId.localeCompare(y.packageId))).toEqual(
      [
        { kind: 'ship', packageId: merged, orderIds: [b.host.id] },
        { kind: 'ship', packageId: joinsPkg[0]?.id ?? '', orderIds: [b.joins.id] },
      ].sort((x, y) => x.packageId.localeCompare(y.packageId)),
    );
    expect(b.fake.stats().requests.combine).toBe(1);
    expect(b.fake.stats().requests.ship).toBe(2);
    // Each label is its own package's.
    expect(await b.core.packing.station.retryLabels()).toBe(2);
    const rows = b.core.db
      .prepare<[], { tracking_number: string | null }>(
        'SELECT tracking_number FROM pack_packages WHERE packed_at IS NOT NULL ORDER BY packed_at, id',
      )
      .all()
      .map((r) => r.tracking_number)
      .sort();
    expect(rows).toEqual(
      [
        b.fake.fulfilment.getPackage(merged)?.tracking_number,
        b.fake.fulfilment.getPackage(joinsPkg[0]?.id ?? '')?.tracking_number,
      ].sort(),
    );
  });

  it('while the combination is being sent it cannot be withdrawn: busy, then taken out once it settles', async () => {
    const b = await bench();
    await pack<Combined>(b.core, 'packCombine', { orderId: idOf(b.core, b.joins.id) });
    // Another delivery holds the combination right now (claimed, its answer not back yet).
    const store = new DeliveryStore(b.core.db, b.clock);
    const claimed = await store.claim('tiktok-my', {
      limit: 10,
      owner: 'other-worker',
      leaseMs: 60_000,
      now: b.clock.now(),
    });
    expect(claimed.map((e) => e.type)).toEqual(['package.combine']);
    expect(await refused(b.core, 'packUncombine', { orderId: idOf(b.core, b.joins.id) })).toEqual({
      code: 'PACK_UNCOMBINE_BUSY',
      params: { orderRef: b.joins.id },
    });
    const state = await call<{ session: PackSession }>(b.core, 'packState', BENCH, {});
    expect(state.session.combined).toHaveLength(1);
    // That delivery gave it back unsent: now it is simply discarded.
    await store.releaseLeases('other-worker');
    const out = await pack<Uncombined>(b.core, 'packUncombine', { orderId: idOf(b.core, b.joins.id) });
    expect(out.uncombineEventId).toBeNull();
    await b.drain();
    expect(b.fake.stats().requests.combine).toBe(0);
    expect(await refused(b.core, 'packUncombine', { orderId: idOf(b.core, b.joins.id) })).toMatchObject({
      code: 'PACK_UNCOMBINE_NOT_ALLOWED',
    });
  });
});
