import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTikTokShop, type FakeTikTokShop } from '../../../src/main/carriers/tiktok-shop/fake-server';
import { ManualClock } from '../../../src/main/clock';
import { rasterizePdf } from '../../../src/main/printing/render/pdf-raster';
import { monoToPng } from '../../../src/main/printing/render/raster';
import { DeliveryError } from '../../../src/main/sync/destination';
import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';
import { zbarRead } from '../../helpers/printing/zbar';
import { connectTo, never, type Harness } from './harness';

const T0 = Date.UTC(2026, 5, 8, 3, 0, 0); // Monday 10:00 Bangkok
const S0 = T0 / 1000;

/**
 * The fulfilment calls over real HTTP against the fake platform, which checks every signature,
 * timestamp and token as the platform does. Deadlines, packages, split and combine, handover
 * slots, labels and provider lists; the ship calls through the outbox are in ship-calls.test.ts.
 */
describe('TikTok Shop fulfilment calls', () => {
  let clock: ManualClock;
  let fake: FakeTikTokShop;
  let h: Harness;
  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = await startFakeTikTokShop({ clock, region: 'TH' });
    h = connectTo(fake, clock, { config: { region: 'TH', fulfilment: { ordersPageSize: 10 } } });
  });
  afterEach(async () => {
    await fake.close();
  });

  async function pullAll(
    cursor: string | null = null,
  ): Promise<{ items: OutboundOrder[]; cursor: string | null; pages: number }> {
    const items: OutboundOrder[] = [];
    let pages = 0;
    for (;;) {
      const page = await h.connector.orders.pull(cursor, never);
      pages += 1;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!page.hasMore) return { items, cursor, pages };
      if (pages > 50) throw new Error('the pull never ended');
    }
  }

  it('pulls orders with every deadline field, COD, recipient and lines, mapped for the pack queue', async () => {
    const o = fake.fulfilment.addOrder({
      orderId: '578100000000000001',
      lines: [
        { sku: 'TEE-M', name: 'Cotton tee', price: '199.00' },
        { sku: 'CAP', name: 'Cap', price: '60.00' },
      ],
      isCod: true,
      deadlines: {
        rts_sla_time: S0 + 86_400,
        tts_sla_time: S0 + 2 * 86_400,
        shipping_due_time: S0 + 3 * 86_400,
        collection_due_time: S0 + 4 * 86_400,
        delivery_sla_time: S0 + 6 * 86_400,
        delivery_due_time: S0 + 9 * 86_400,
      },
      updateTime: S0 - 60,
    });
    const { items } = await pullAll();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      source: 'tiktok-shop:tiktok-th',
      externalId: o.id,
      market: 'TH',
      stage: 'to_ship',
      platformStatus: 'AWAITING_SHIPMENT',
      cancellation: null,
      cod: { amountMinor: 25_900, currency: 'THB' },
      recipient: {
        name: 'Somchai Jaidee',
        postcode: '10110',
        city: 'Watthana',
        region: 'Bangkok',
        country: 'TH',
      },
      deadlines: {
        shipBy: T0 + 86_400_000,
        collectBy: T0 + 2 * 86_400_000,
        shipAutoCancel: T0 + 3 * 86_400_000,
        collectAutoCancel: T0 + 4 * 86_400_000,
        deliverBy: T0 + 6 * 86_400_000,
        deliverAutoCancel: T0 + 9 * 86_400_000,
      },
      shippingType: 'platform',
      deliveryOptionId: '7091146663229654785',
      sourceUpdatedAt: T0 - 60_000,
    });
    expect(items[0]?.lines.map((l) => [l.sku, l.quantity, l.packageId !== null])).toEqual([
      ['TEE-M', 1, true],
      ['CAP', 1, true],
    ]);
    const search = fake.log('orderSearch')[0];
    expect(search?.path).toBe('/order/202309/orders/search');
    expect(search?.query).toMatchObject({ page_size: '10', sort_field: 'update_time', sort_order: 'ASC' });
    expect(JSON.parse(search?.body ?? '{}')).toEqual({
      update_time_ge: S0 - 14 * 86_400,
      update_time_lt: S0 + 1,
    });
  });

  it('misses no order that changes while the pull pages through (keyset on update time), and sees the cancellation', async () => {
    const ids = Array.from(
      { length: 25 },
      (_, i) => fake.fulfilment.addOrder({ updateTime: S0 - 1000 + i }).id,
    );
    const first = await h.connector.orders.pull(null, never);
    expect(first.items.map((o) => o.externalId)).toEqual(ids.slice(0, 10));
    // Two already-read orders change now: with offset page tokens every later order would slide
    // one place back and one would never be read. One of them is cancelled.
    fake.fulfilment.updateOrder(ids[2] ?? '', { buyer_message: 'please hurry' });
    fake.fulfilment.cancelOrder(ids[3] ?? '');
    const rest = await pullAll(first.nextCursor);
    const seen = new Set([...first.items, ...rest.items].map((o) => o.externalId));
    expect([...seen].sort()).toEqual([...ids].sort());
    const last = (id: string) => [...first.items, ...rest.items].filter((o) => o.externalId === id).at(-1);
    expect(last(ids[2] ?? '')?.notes).toBe('please hurry');
    expect(last(ids[3] ?? '')).toMatchObject({
      stage: 'cancelled',
      cancellation: { state: 'cancelled', reason: 'Buyer changed their mind' },
    });
    // The next window starts a little before this one ended and finds nothing new.
    clock.advance(60_000);
    const again = await pullAll(rest.cursor);
    expect(again.items.map((o) => o.externalId)).toEqual([ids[2], ids[3]]);
  });

  it('the first load takes every order awaiting shipment, and a webhook-named order is fetched whole', async () => {
    const keep = fake.fulfilment.addOrder();
    fake.fulfilment.addOrder({ status: 'IN_TRANSIT' });
    fake.fulfilment.addOrder({ status: 'ON_HOLD' });
    const waiting = await h.connector.orders.awaitingShipment(never);
    expect(waiting.map((o) => o.externalId)).toEqual([keep.id]);
    fake.fulfilment.requestCancel(keep.id);
    const [refetched] = await h.connector.refetchOrders([keep.id], never);
    expect(refetched?.cancellation).toMatchObject({ state: 'requested' });
    expect(JSON.parse(fake.log('orderSearch')[0]?.body ?? '{}')).toEqual({
      order_status: 'AWAITING_SHIPMENT',
    });
  });

  it('finds packages, and reads one package whole', async () => {
    const o = fake.fulfilment.addOrder();
    const found = await h.connector.fulfillment.searchPackages(
      { packageStatus: 'TO_FULFILL', pageSize: 10, pageToken: null },
      never,
    );
    const pkg = found.packages?.[0];
    expect(pkg).toMatchObject({ status: 'TO_FULFILL', orders: [{ id: o.id }] });
    const detail = await h.connector.fulfillment.packageDetail(pkg?.id ?? '', never);
    expect(detail).toMatchObject({
      package_id: pkg?.id,
      order_id: o.id,
      package_status: 'TO_FULFILL',
      shipping_type: 'TIKTOK',
    });
    await expect(h.connector.fulfillment.packageDetail('999', never)).rejects.toMatchObject({
      kind: 'rejected',
      platformCode: 21001001,
    });
  });

  it('splits an order the platform lets us split into one package per group', async () => {
    const two = fake.fulfilment.addOrder({
      lines: [
        { sku: 'A', name: 'A' },
        { sku: 'B', name: 'B' },
      ],
    });
    const one = fake.fulfilment.addOrder();
    expect(await h.connector.fulfillment.splitAttributes([two.id, one.id], never)).toEqual([
      { orderId: two.id, canSplit: true, reason: null },
      { orderId: one.id, canSplit: false, reason: 'the order has one item' },
    ]);
    const [a, b] = two.line_items.map((l) => l.id) as [string, string];
    const split = await h.connector.fulfillment.splitOrder(
      two.id,
      [
        { id: 'g1', orderLineItemIds: [a] },
        { id: 'g2', orderLineItemIds: [b] },
      ],
      never,
    );
    expect(split.map((s) => s.groupId)).toEqual(['g1', 'g2']);
    expect(fake.fulfilment.packagesOf(two.id).map((p) => p.line_ids)).toEqual([[a], [b]]);
    await expect(
      h.connector.fulfillment.splitOrder(one.id, [{ id: 'g', orderLineItemIds: [] }], never),
    ).rejects.toMatchObject({
      kind: 'rejected',
    });
  });

  it('combines the orders the platform offers, and takes one out again', async () => {
    const a = fake.fulfilment.addOrder();
    const b = fake.fulfilment.addOrder();
    const cid = fake.fulfilment.makeCombinable([a.id, b.id]);
    expect(await h.connector.fulfillment.combinablePackages(never)).toEqual([
      { id: cid, orderIds: [a.id, b.id] },
    ]);
    const combined = await h.connector.fulfillment.combinePackages([{ id: cid }], never);
    expect(combined.refused).toEqual([]);
    const pkg = combined.packages[0];
    expect(pkg?.orderIds).toEqual([a.id, b.id]);
    expect(fake.fulfilment.packagesOf(a.id).map((p) => p.id)).toEqual([pkg?.packageId]);
    const again = await h.connector.fulfillment.combinePackages([{ id: cid }], never);
    expect(again.refused).toEqual([expect.objectContaining({ combinableId: cid, code: 21011040 })]);
    const after = await h.connector.fulfillment.uncombinePackage(pkg?.packageId ?? '', [b.id], never);
    expect(after.map((p) => p.orderIds)).toEqual([[a.id], [b.id]]);
    expect(fake.log('uncombine')[0]?.path).toBe(
      `/fulfillment/202309/packages/${pkg?.packageId ?? ''}/uncombine`,
    );
  });

  it('answers the handover options with only the available pickup slots', async () => {
    const o = fake.fulfilment.addOrder();
    const pkg = fake.fulfilment.packagesOf(o.id)[0]?.id ?? '';
    fake.fulfilment.setHandover(pkg, {
      can_pickup: true,
      can_drop_off: false,
      pickup_slots: [
        { start_time: S0 + 3600, end_time: S0 + 7200, avaliable: false },
        { start_time: S0 + 86_400, end_time: S0 + 90_000, avaliable: true },
      ],
    });
    expect(await h.connector.fulfillment.handoverTimeSlots(pkg, never)).toEqual({
      canPickup: true,
      canDropOff: false,
      dropOffPointUrl: 'https://example.invalid/drop-off',
      pickupSlots: [{ startTime: S0 + 86_400, endTime: S0 + 90_000 }],
    });
  });

  it('a label exists only after the ship call, as PDF, fetched fresh before printing; an expired link is asked for again', async () => {
    const o = fake.fulfilment.addOrder();
    const pkg = fake.fulfilment.packagesOf(o.id)[0]?.id ?? '';
    await expect(h.connector.labels.freshPdf(pkg, never)).rejects.toMatchObject({
      kind: 'rejected',
      platformCode: 21011050,
    });
    await h.connector.fulfillment.shipPackage(pkg, { method: 'DROP_OFF', pickupSlot: null }, never);
    const doc = await h.connector.labels.document(pkg, never);
    expect(doc).toMatchObject({ packageId: pkg, type: 'SHIPPING_LABEL', expiresAt: T0 + 24 * 3_600_000 });
    expect(fake.log('shippingDocuments').at(-1)?.query).toMatchObject({
      document_type: 'SHIPPING_LABEL',
      document_size: 'A6',
      document_format: 'PDF',
    });
    // A day later the link from packing has expired: the host refuses it, and a fresh print asks anew.
    clock.advance(25 * 3_600_000);
    expect(h.connector.labels.isExpired(doc)).toBe(true);
    await expect(h.connector.fulfillment.download(doc.docUrl, never)).rejects.toMatchObject({
      kind: 'rejected',
    });
    const fetchesBefore = fake.fulfilment.docFetches();
    const { pdf, document } = await h.connector.labels.freshPdf(pkg, never);
    expect(document.trackingNumber).toMatch(/^TH7\d+$/);
    // A real PDF: rasterised as a station would print it, its barcode is the package's tracking number.
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bitmap = await rasterizePdf(pdf, { widthDots: 799, heightDots: 1199 });
    expect(await zbarRead(monoToPng(bitmap))).toEqual([`CODE-128:${document.trackingNumber ?? ''}`]);
    expect(fake.fulfilment.docFetches()).toBe(fetchesBefore + 1);
    expect(fake.fulfilment.docDownloads()).toBe(1);
  });

  it('keeps a delivery option’s provider list for a while and says which providers are listed', async () => {
    fake.fulfilment.setShippingProviders('DO-1', [
      { id: 'P-JT', name: 'J&T Express' },
      { id: 'P-FL', name: 'Flash Express' },
    ]);
    expect(await h.connector.providers.check('DO-1', 'P-JT', never)).toEqual({
      ok: true,
      provider: { id: 'P-JT', name: 'J&T Express' },
    });
    expect(await h.connector.providers.check('DO-1', 'P-FL', never)).toMatchObject({ ok: true });
    expect(fake.stats().requests.shippingProviders).toBe(1);
    const refused = await h.connector.providers.check('DO-1', 'P-USPS', never);
    expect(refused).toMatchObject({ ok: false });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.reason).toBe(
      "shipping provider P-USPS is not on TikTok Shop's list for delivery option DO-1 (listed: J&T Express P-JT, Flash Express P-FL)",
    );
    // An unknown id made it look again once (the list may have grown), no more.
    expect(fake.stats().requests.shippingProviders).toBe(2);
    clock.advance(13 * 3_600_000);
    await h.connector.providers.list('DO-1', never);
    expect(fake.stats().requests.shippingProviders).toBe(3);
  });

  it('a refused token is refreshed once and the call made again', async () => {
    fake.fulfilment.addOrder();
    await h.connector.orders.awaitingShipment(never);
    fake.expireTokens();
    await h.connector.orders.awaitingShipment(never);
    expect(fake.stats().refreshes).toBe(2);
    fake.inject({ route: 'orderSearch', kind: 'status', status: 503 });
    await expect(h.connector.orders.awaitingShipment(never)).rejects.toBeInstanceOf(DeliveryError);
  });
});
