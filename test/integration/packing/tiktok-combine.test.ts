import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import type { PackCombinable, PackSession } from '../../../src/shared/packing/pack-views';
import { benchCalls } from '../../helpers/packing/pack-bench';
import { TempDirs } from '../../helpers/temp-dir';
import { platformPackBench } from './platform-bench';

const BENCH = { clientId: 'tt-combine-bench' };
const SUPERVISOR = { clientId: 'tt-combine-supervisor' };

/**
 * TikTok Shop orders combined at the bench, end to end on a real SQLite file: the platform's
 * combinable packages asked over HTTP, the combination and then the ship call delivered by the
 * real delivery engine to the fake platform — which checks the combination itself and records
 * what it applied, in order — and the label of the combined package printed to a TCP sink.
 */
describe('combining TikTok Shop packages at the bench', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

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
    return { ...b, order };
  }

  const { call, pack, refused } = benchCalls(BENCH, 'ttc');
  const scan = (code: string) => ({ code, source: 'scanner' });
  const idOf = (core: Core, ref: string) =>
    core.db.prepare<[string], { id: string }>('SELECT id FROM outbound_orders WHERE external_id = ?').get(ref)
      ?.id ?? '';
  const statusOf = (core: Core, ref: string) => core.packing.orders.get(idOf(core, ref))?.status;
  async function seal(core: Core, skus: string[]) {
    for (const sku of skus) await pack(core, 'packScanItem', scan(sku));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '900 g' },
      box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
    });
    return pack<{ state: string; shipEventId: string | null }>(core, 'packComplete', {});
  }

  it('combines once, then ships the combined package once, in that order, with an answer lost each time', async () => {
    const b = await bench();
    const host = b.order('SKU-MUG');
    const joins = b.order('SKU-CAP');
    const alone = b.order('SKU-SOCKS');
    const before = b.fake.fulfilment.packagesOf(host.id)[0]?.id ?? '';
    b.fake.fulfilment.makeCombinable([host.id, joins.id]);
    await b.pull();

    await pack(b.core, 'packOpen', scan(host.id));
    // The platform cannot be asked: nothing offered, and the screen is told why.
    b.fake.inject({ route: 'combinableSearch', kind: 'reset', times: 5 });
    expect(await call<PackCombinable>(b.core, 'packCombinable', BENCH, {})).toEqual({
      basis: 'none',
      reason: 'platform_unreachable',
      orders: [],
    });
    b.fake.clearFaults();
    // Back: the platform's group names the other order of the buyer, not the third one.
    expect(await call<PackCombinable>(b.core, 'packCombinable', BENCH, {})).toEqual({
      basis: 'platform',
      reason: null,
      orders: [{ orderId: idOf(b.core, joins.id), orderRef: joins.id, lines: 1, items: 1 }],
    });
    expect(await refused(b.core, 'packCombine', { orderId: idOf(b.core, alone.id) })).toMatchObject({
      code: 'PACK_COMBINE_NOT_ALLOWED',
    });
    const combined = await pack<{ session: PackSession; combineEventId: string | null }>(
      b.core,
      'packCombine',
      { orderId: idOf(b.core, joins.id) },
    );
    expect(combined.combineEventId).not.toBeNull();
    expect(combined.session.combined).toEqual([{ orderId: idOf(b.core, joins.id), orderRef: joins.id }]);
    // The combination and its event committed together; nothing has reached the platform yet.
    const event = b.core.db
      .prepare<[string], { type: string; ordering_key: string; idempotency_key: string; status: string }>(
        'SELECT type, ordering_key, idempotency_key, status FROM outbox_events WHERE id = ?',
      )
      .get(combined.combineEventId ?? '');
    expect(event).toEqual({
      type: 'package.combine',
      ordering_key: `tiktok-order:${host.id}`,
      idempotency_key: `tiktok-combine:${[host.id, joins.id].sort().join('+')}`,
      status: 'pending',
    });
    expect(b.fake.fulfilment.applied()).toEqual([]);

    // Sealed before the platform answered: the ship call queues behind the combination.
    const done = await seal(b.core, ['SKU-MUG', 'SKU-CAP']);
    expect(done.state).toBe('awaiting_label');
    expect([statusOf(b.core, host.id), statusOf(b.core, joins.id)]).toEqual(['packed', 'packed']);

    // Both answers lost after the platform applied the call: each is applied once all the same.
    b.fake.inject({ route: 'combine', kind: 'reset', afterApply: true });
    b.fake.inject({ route: 'ship', kind: 'reset', afterApply: true });
    await b.drain();
    const after = b.fake.fulfilment.packagesOf(host.id);
    expect(after).toHaveLength(1);
    const merged = after[0]?.id ?? '';
    expect(merged).not.toBe(before);
    expect(
      b.fake.fulfilment.applied().map(({ kind, packageId, orderIds }) => ({ kind, packageId, orderIds })),
    ).toEqual([
      { kind: 'combine', packageId: merged, orderIds: [host.id, joins.id] },
      { kind: 'ship', packageId: merged, orderIds: [host.id, joins.id] },
    ]);
    expect(b.fake.stats().requests.combine).toBe(1);
    expect(b.fake.fulfilment.shipRequests(merged)).toBe(1);
    expect(b.fake.fulfilment.shipRequests(before)).toBe(0);

    // The label is the combined package's, fetched after the ship call; both orders are packed.
    expect(await b.core.packing.station.retryLabels()).toBe(1);
    await b.printer.waitForJobs(2);
    const tracking = b.fake.fulfilment.getPackage(merged)?.tracking_number ?? '';
    expect(tracking).not.toBe('');
    const row = b.core.db
      .prepare<[], { state: string; tracking_number: string | null }>(
        'SELECT state, tracking_number FROM pack_packages WHERE packed_at IS NOT NULL',
      )
      .all();
    expect(row).toEqual([{ state: 'packed', tracking_number: tracking }]);
    expect([statusOf(b.core, host.id), statusOf(b.core, joins.id)]).toEqual(['packed', 'packed']);
  });

  it('a combination the platform refuses is undone at the bench: each order ships alone, once', async () => {
    const b = await bench();
    const host = b.order('SKU-LAMP');
    const joins = b.order('SKU-BULB');
    const cid = b.fake.fulfilment.makeCombinable([host.id, joins.id]);
    await b.pull();
    await pack(b.core, 'packOpen', scan(host.id));
    await pack(b.core, 'packCombine', { orderId: idOf(b.core, joins.id) });
    // The buyer changed one address meanwhile: the platform no longer combines them (21011040).
    b.fake.fulfilment.withdrawCombinable(cid);
    await b.drain();
    expect(b.fake.fulfilment.applied()).toEqual([]);
    for (const sku of ['SKU-LAMP', 'SKU-BULB']) await pack(b.core, 'packScanItem', scan(sku));
    await pack(b.core, 'packWeigh', {
      reading: { kind: 'typed', text: '900 g' },
      box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
    });
    expect(await refused(b.core, 'packComplete')).toEqual({
      code: 'PACK_COMBINE_REFUSED',
      params: { orderRef: joins.id },
    });
    // Undone: the host's own line, scanned, waits for its weight; the other order is back in the queue.
    const state = await call<{ session: PackSession }>(b.core, 'packState', BENCH, {});
    expect(state.session).toMatchObject({ step: 'weigh', combined: [] });
    expect(state.session.lines.map((l) => [l.sku, l.verified])).toEqual([['SKU-LAMP', 1]]);
    expect(statusOf(b.core, joins.id)).toBe('to_pack');

    const first = await seal(b.core, []);
    expect(first.state).toBe('awaiting_label');
    await pack(b.core, 'packOpen', scan(joins.id));
    await seal(b.core, ['SKU-BULB']);
    await b.drain();
    const pkgOf = (id: string) => b.fake.fulfilment.packagesOf(id)[0]?.id ?? '';
    // Two orders, two streams: either may ship first.
    expect(
      b.fake.fulfilment
        .applied()
        .map((a) => `${a.kind} ${a.packageId}`)
        .sort(),
    ).toEqual([`ship ${pkgOf(host.id)}`, `ship ${pkgOf(joins.id)}`].sort());
    expect(await b.core.packing.station.retryLabels()).toBe(2);
  });
  it('refused after the parcel was sealed: nothing ships, the package keeps the reason for the supervisor', async () => {
    const b = await bench();
    const host = b.order('SKU-KETTLE');
    const joins = b.order('SKU-FILTER');
    const cid = b.fake.fulfilment.makeCombinable([host.id, joins.id]);
    await b.pull();
    await pack(b.core, 'packOpen', scan(host.id));
    await pack(b.core, 'packCombine', { orderId: idOf(b.core, joins.id) });
    // Sealed while the combination is still on its way (the platform has not answered yet).
    expect((await seal(b.core, ['SKU-KETTLE', 'SKU-FILTER'])).state).toBe('awaiting_label');
    b.fake.fulfilment.withdrawCombinable(cid);
    // The ship call stays pending behind the dead combination, so the outbox cannot drain.
    await expect(b.drain()).rejects.toThrow('the outbox did not drain');
    const statuses = b.core.db
      .prepare<[], { type: string; status: string }>('SELECT type, status FROM outbox_events ORDER BY seq')
      .all();
    expect(statuses).toEqual([
      { type: 'package.combine', status: 'dead' },
      { type: 'package.ship', status: 'pending' },
    ]);
    expect(b.fake.fulfilment.applied()).toEqual([]);
    expect(b.fake.stats().requests.ship).toBe(0);
    expect(await b.core.packing.station.retryLabels()).toBe(0);
    const row = b.core.db
      .prepare<[], { state: string; label_error: string | null }>(
        'SELECT state, label_error FROM pack_packages WHERE packed_at IS NOT NULL',
      )
      .get();
    expect(row?.state).toBe('awaiting_label');
    expect(row?.label_error).toMatch(
      /^TikTok Shop refused to combine the orders in this parcel; nothing was shipped: .*21011040/,
    );
  });
});
