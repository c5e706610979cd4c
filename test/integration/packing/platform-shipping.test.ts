import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { zbarRead } from '../../helpers/printing/zbar';
import { zplToPng } from '../../helpers/printing/zpl-image';
import { TempDirs } from '../../helpers/temp-dir';
import { PLATFORM_T0, platformPackBench } from './platform-bench';

const BENCH = { clientId: 'pack-bench' };
const SUPERVISOR = { clientId: 'pack-supervisor' };

/**
 * Packages TikTok Shop's own carrier takes, end to end on a real SQLite file: orders pulled from
 * the fake platform over HTTP, packed at the bench without a route, the ship call with its
 * handover delivered by the real delivery engine, the platform's PDF label fetched after it and
 * printed as ZPL to a TCP printer sink — whose bytes a ZPL engine prints and ZBar reads back.
 */
describe('platform-shipped packages', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function bench() {
    const b = await platformPackBench(dirs, cleanups, SUPERVISOR);
    return b;
  }

  let actions = 0;
  async function pack(core: Core, name: string, input: Record<string, unknown> = {}) {
    const env = await core.dispatch(
      name,
      { clientActionId: `act-${String(++actions).padStart(8, '0')}`, ...input },
      BENCH,
    );
    if (!env.ok) throw new Error(`${name}: ${JSON.stringify(env.error)}`);
    return env.value as never;
  }
  async function packWhole(core: Core, orderRef: string, sku: string) {
    await pack(core, 'packOpen', { code: orderRef, source: 'scanner' });
    await pack(core, 'packScanItem', { code: sku, source: 'scanner' });
    const weighed = (await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'dims', dims: { lengthMm: 250, widthMm: 200, heightMm: 100 }, tareGrams: 120 },
    })) as { session: { step: string } };
    // No route step: the platform picks the carrier.
    expect(weighed.session.step).toBe('ready');
    return pack(core, 'packComplete', {}) as Promise<{
      state: string;
      carrier: string;
      trackingNumber: string | null;
      shipEventId: string | null;
      printJobs: Array<{ kind: string }>;
    }>;
  }
  const packageRow = (core: Core, orderId: string) =>
    core.db
      .prepare<[string], { state: string; tracking_number: string | null; label_job_id: string | null }>(
        'SELECT p.state, p.tracking_number, p.label_job_id FROM pack_packages p JOIN outbound_orders o ON o.id = p.order_id WHERE o.external_id = ?',
      )
      .get(orderId);

  it('ships once with the handover from the time slots, prints the slip now and the platform label after delivery', async () => {
    const b = await bench();
    const myOrder = (sku: string, buyer: string) =>
      b.fake.fulfilment.addOrder({
        region: 'MY',
        currency: 'MYR',
        shippingType: 'TIKTOK',
        postcode: '40000',
        buyerName: buyer,
        lines: [{ sku, name: `Item ${sku}` }],
      });
    const pickup = myOrder('SKU-MUG', 'Nur Aisyah');
    const dropOff = myOrder('SKU-CAP', 'Tan Wei Ming');
    const offline = myOrder('SKU-SOCKS', 'Lim Mei Ling');
    const pkgOf = (orderId: string) => b.fake.fulfilment.packagesOf(orderId)[0]?.id ?? '';
    b.fake.fulfilment.setHandover(pkgOf(dropOff.id), {
      can_pickup: false,
      can_drop_off: true,
      pickup_slots: [],
    });
    await b.pull();

    // 1. A pickup slot offered: PICKUP in the first slot; ONE transaction queued the ship call and a slip.
    const first = await packWhole(b.core, pickup.id, 'SKU-MUG');
    expect(first).toMatchObject({
      state: 'awaiting_label',
      carrier: 'tiktok-platform',
      trackingNumber: null,
      printJobs: [{ kind: 'packing_slip' }],
    });
    expect(first.shipEventId).not.toBeNull();
    await b.printer.waitForJobs(1);
    expect(b.printer.jobs[0]?.toString('latin1')).toContain(pickup.id);
    // The label exists only after the ship call: nothing is fetched before the event is delivered.
    expect(await b.core.packing.station.retryLabels()).toBe(0);
    expect(b.fake.fulfilment.docFetches()).toBe(0);

    // 2. Pickup not offered: DROP_OFF.
    await packWhole(b.core, dropOff.id, 'SKU-CAP');
    await b.printer.waitForJobs(2);

    // 3. The platform unreachable while packing: the clerk is not held up; drop-off, slip printed.
    b.fake.inject({ route: 'handoverSlots', kind: 'reset', times: 20 });
    const third = await packWhole(b.core, offline.id, 'SKU-SOCKS');
    expect(third).toMatchObject({ state: 'awaiting_label', printJobs: [{ kind: 'packing_slip' }] });
    await b.printer.waitForJobs(3);

    // Delivery, the first ship call's answer lost after the platform applied it: still shipped once.
    b.fake.inject({ route: 'ship', kind: 'reset', afterApply: true });
    await b.drain();
    const shipments = b.fake.fulfilment.shipments();
    // Orders ship independently (one ordering key each): the lost answer's retry may come last.
    expect(new Map(shipments.map((s) => [s.packageId, s.handoverMethod]))).toEqual(
      new Map([
        [pkgOf(pickup.id), 'PICKUP'],
        [pkgOf(dropOff.id), 'DROP_OFF'],
        [pkgOf(offline.id), 'DROP_OFF'],
      ]),
    );
    const day = Math.floor(PLATFORM_T0 / 86_400_000) * 86_400;
    expect(shipments.find((s) => s.packageId === pkgOf(pickup.id))?.pickupSlot).toEqual({
      start_time: day + 86_400 + 7200,
      end_time: day + 86_400 + 36_000,
    });
    for (const o of [pickup, dropOff, offline])
      expect(b.fake.fulfilment.shipApplications(pkgOf(o.id))).toBe(1);
    // The resend asked the platform first, found the package shipped as ours, and sent nothing again.
    const requests = [pickup, dropOff, offline].map((o) => b.fake.fulfilment.shipRequests(pkgOf(o.id)));
    expect(requests).toEqual([1, 1, 1]);
    expect(b.fake.stats().requests.packageDetail).toBeGreaterThanOrEqual(1);

    // The label download fails once (offline again): that package waits; the others print.
    b.fake.inject({ route: 'shippingDocuments', kind: 'reset', times: 1 });
    const printed = await b.core.packing.station.retryLabels();
    expect(printed).toBe(2);
    expect(await b.core.packing.station.retryLabels()).toBe(1);
    expect(await b.core.packing.station.retryLabels()).toBe(0);
    await b.printer.waitForJobs(6);

    // Each label is the platform's PDF as a ^GFA bitmap: a ZPL engine prints it, ZBar reads the
    // package's tracking number, and the package is packed under that number.
    const labels = b.printer.jobs.slice(3).map((j) => j.toString('latin1'));
    const read = new Set<string>();
    for (const zpl of labels) {
      expect(zpl).toMatch(/\^FO0,0\n\^GFA,119900,119900,100,/);
      for (const code of await zbarRead(await zplToPng(zpl, 100, 150, 203))) read.add(code);
    }
    const tracking = [pickup, dropOff, offline].map(
      (o) => b.fake.fulfilment.getPackage(pkgOf(o.id))?.tracking_number,
    );
    expect([...read].sort()).toEqual(tracking.map((t) => `CODE-128:${t ?? ''}`).sort());
    for (const [i, o] of [pickup, dropOff, offline].entries()) {
      expect(packageRow(b.core, o.id)).toMatchObject({ state: 'packed', tracking_number: tracking[i] });
    }
    // Fetched fresh for printing: one document link and one download per label, the failed try aside.
    expect(b.fake.fulfilment.docDownloads()).toBe(3);

    const summary = (await b.core.dispatch('packShiftSummary', { scope: 'station' }, BENCH)) as {
      ok: true;
      value: Record<string, unknown>;
    };
    expect(summary.value).toMatchObject({ parcels: 3, awaitingLabel: 0 });
  });

  it('a ship call the platform refuses keeps the package waiting with the reason, and nothing prints', async () => {
    const b = await bench();
    const order = b.fake.fulfilment.addOrder({
      region: 'MY',
      currency: 'MYR',
      shippingType: 'TIKTOK',
      lines: [{ sku: 'SKU-LAMP', name: 'Lamp' }],
    });
    await b.pull();
    await packWhole(b.core, order.id, 'SKU-LAMP');
    await b.printer.waitForJobs(1);
    b.fake.fulfilment.updateOrder(order.id, { status: 'ON_HOLD' });
    await b.drain();
    expect(b.fake.fulfilment.shipApplications(b.fake.fulfilment.packagesOf(order.id)[0]?.id ?? '')).toBe(0);
    expect(await b.core.packing.station.retryLabels()).toBe(0);
    const row = b.core.db
      .prepare<[], { state: string; label_error: string | null }>(
        'SELECT state, label_error FROM pack_packages',
      )
      .get();
    expect(row?.state).toBe('awaiting_label');
    expect(row?.label_error).toMatch(/^TikTok Shop did not take the ship call: .*on hold/);
    expect(b.fake.fulfilment.docFetches()).toBe(0);
    expect(b.printer.jobs).toHaveLength(1);
  });
});
