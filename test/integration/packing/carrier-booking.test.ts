import { afterEach, describe, expect, it } from 'vitest';
import { handoverRecordKey } from '../../../src/main/carriers/handover-acknowledgement';
import type { Core } from '../../../src/main/core';
import type { AppErrorShape } from '../../../src/shared/errors';
import type { OutboundOrder } from '../../../src/shared/packing/outbound-order';
import { erpLampOrder } from '../../helpers/packing/erp-order';
import en from '../../../src/renderer/src/features/packing/locales/en';
import ms from '../../../src/renderer/src/features/packing/locales/ms';
import th from '../../../src/renderer/src/features/packing/locales/th';
import vi from '../../../src/renderer/src/features/packing/locales/vi';
import zh from '../../../src/renderer/src/features/packing/locales/zh-CN';
import { TempDirs } from '../../helpers/temp-dir';
import { carrierLineStation, MY_T0 } from '../../helpers/packing/carrier-line-station';
import { benchCalls, saveSmallBox } from '../../helpers/packing/pack-bench';

/** Thursday 2026-01-15 16:00 in Kuala Lumpur. */
const T0 = MY_T0;
const BENCH = { clientId: 'booking-bench' };
const SUPERVISOR = { clientId: 'booking-supervisor' };

/**
 * Real bookings at the pack station: the core's booking is the one sync builds from the station's
 * connector accounts (nothing injected), booking over HTTP on 127.0.0.1 with the Ninja Van fake
 * (OAuth bearer checked by the fake) and the J&T fake (digest checked by the fake). Each fake's
 * own order store is the truth of what was booked.
 */
describe('carrier bookings at the pack station', () => {
  const dirs = new TempDirs();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    dirs.cleanup();
  });

  async function station(options: { jntKey?: string } = {}) {
    const s = await carrierLineStation(dirs.make(), cleanups, SUPERVISOR, {
      ...(options.jntKey !== undefined ? { jntKey: options.jntKey } : {}),
      bookingTimeoutMs: 1_000,
      requestTimeoutMs: 5_000,
      idleRecheckMs: 50,
    });
    const { core } = s;
    // Ninja Van for the country; one seller ships J&T.
    await call(core, 'setRoute', SUPERVISOR, { country: 'MY', primary: 'ninjavan-my', backup: null });
    await call(core, 'setRoute', SUPERVISOR, {
      country: 'MY',
      sellerId: 'jnt-seller',
      primary: 'jnt-my',
      backup: null,
    });
    await saveSmallBox(core);
    return s;
  }

  const { id, call, pack, refused } = benchCalls(BENCH, 'act');
  const scan = (code: string) => ({ code, source: 'scanner' });

  async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Opens, verifies, weighs and routes one ERP order, ready to complete. */
  async function readyToSeal(core: Core, ref: string) {
    await pack(core, 'packOpen', scan(ref));
    await pack(core, 'packScanItem', scan('ACME-LAMP'));
    await pack(core, 'packWeigh', {
      reading: { kind: 'typed', text: '600 g' },
      box: { kind: 'preset', code: 'S2' },
    });
    return (await pack(core, 'packRoute', {})) as { route: { primary: { carrier: string } } };
  }

  type Completed = { state: string; trackingNumber: string | null; packageId: string; printJobs: unknown[] };

  const erpOrder = (ref: string, seller = 'acme', postcode = '50450'): OutboundOrder =>
    erpLampOrder(ref, T0, { seller, postcode, phone: '+60123456789', region: 'WP Kuala Lumpur' });

  const outboxOf = (core: Core, type: string) =>
    core.db
      .prepare<[string], { destination: string; status: string; idempotency_key: string }>(
        'SELECT destination, status, idempotency_key FROM outbox_events WHERE type = ? ORDER BY seq',
      )
      .all(type);

  it('Ninja Van: books once per package (double Enter, a retry after a lost answer), prints its tracking number, and the handover drains', async () => {
    const s = await station();
    await s.core.packing.orders.upsertMany([erpOrder('ACME-1001'), erpOrder('ACME-1002')]);
    // The accounts that book are route lines.
    expect([...s.core.packing.station.bookingLines()].sort()).toEqual(['jnt-my', 'ninjavan-my']);

    const routed = await readyToSeal(s.core, 'ACME-1001');
    expect(routed.route.primary.carrier).toBe('ninjavan-my');
    // Enter twice, quickly: one booking, one label.
    const [first, second] = await Promise.all([
      s.core.dispatch('packComplete', { clientActionId: id() }, BENCH),
      s.core.dispatch('packComplete', { clientActionId: id() }, BENCH),
    ]);
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(false);
    const done = (first.ok ? first.value : null) as Completed;
    expect(s.nv.orders).toHaveLength(1);
    expect(s.nv.orderRequests()).toBe(1);
    const booked = s.nv.orders[0] as { trackingNumber: string; body: Record<string, unknown> };
    expect(done).toMatchObject({ state: 'packed', trackingNumber: booked.trackingNumber });
    // What Ninja Van was asked: our package as its reference, COD, weight, box, recipient, sender.
    expect(booked.body).toMatchObject({
      service_type: 'Parcel',
      reference: { merchant_order_number: done.packageId },
      from: { name: 'Acme Fulfilment', address: { postcode: '40000', country: 'MY' } },
      to: {
        name: 'Siti Rahman',
        phone_number: '+60123456789',
        address: { address1: '8 Jalan Ampang', city: 'Kuala Lumpur', postcode: '50450', country: 'MY' },
      },
      parcel_job: {
        cash_on_delivery: 129.5,
        dimensions: { weight: 0.6, length: 25, width: 20, height: 10 },
        delivery_start_date: '2026-01-15',
      },
    });
    expect(booked.body.requested_tracking_number).toMatch(/^LM[0-9A-Z]{16}$/);
    await s.printer.waitForJobs(1);
    expect(s.printer.jobs[0]?.toString('latin1')).toContain(booked.trackingNumber);

    // The second parcel: Ninja Van stores the order but its answer comes after the bench gave up.
    await readyToSeal(s.core, 'ACME-1002');
    s.nv.slowAnswers(2_500);
    const late = (await pack(s.core, 'packComplete', {})) as Completed;
    expect(late).toMatchObject({ state: 'awaiting_label', trackingNumber: null });
    expect(s.nv.orders).toHaveLength(2);
    await s.printer.waitForJobs(2); // the packing slip
    // Asked again, Ninja Van answers the order it already has: still two orders, the same number.
    expect(await s.core.packing.station.retryLabels()).toBe(1);
    expect(s.nv.orderRequests()).toBe(3);
    expect(s.nv.orders).toHaveLength(2);
    const second2 = s.nv.orders[1] as { trackingNumber: string; body: Record<string, unknown> };
    expect(second2.body.reference).toEqual({ merchant_order_number: late.packageId });
    expect(s.core.packing.station.store.pkg(late.packageId)?.tracking_number).toBe(second2.trackingNumber);
    await s.printer.waitForJobs(3);
    expect(s.printer.jobs[2]?.toString('latin1')).toContain(second2.trackingNumber);

    // Handover: Ninja Van has no handover call — the events are acknowledged, not left waiting.
    const manifest = (await pack(s.core, 'manifestOpen', { carrier: 'ninjavan-my' })) as { id: string };
    for (const n of [booked.trackingNumber, second2.trackingNumber])
      await pack(s.core, 'manifestScan', { manifestId: manifest.id, ...scan(n) });
    const closed = (await pack(s.core, 'manifestClose', {
      manifestId: manifest.id,
      driverName: 'Ahmad bin Ali',
    })) as { handoverEvents: number };
    expect(closed.handoverEvents).toBe(2);
    await until('the handovers delivered', () =>
      outboxOf(s.core, 'package.handed_over').every((e) => e.status === 'delivered'),
    );
    const handovers = outboxOf(s.core, 'package.handed_over');
    expect(handovers.map((e) => [e.destination, e.status])).toEqual([
      ['ninjavan-my', 'delivered'],
      ['ninjavan-my', 'delivered'],
    ]);
    // Recorded as "not applicable" in the account's state and log; nothing was sent to Ninja Van.
    const recorded = (key: string) =>
      s.core.db
        .prepare<[string, string], { n: number }>(
          // The state store files remembered keys under its own prefix; the key is ours.
          "SELECT count(*) AS n FROM connector_state WHERE destination = ? AND key LIKE '%' || ?",
        )
        .get('ninjavan-my', handoverRecordKey(key))?.n === 1;
    await until('the no-op results recorded', () => handovers.every((e) => recorded(e.idempotency_key)));
    expect(
      s.logger.lines.filter((l) => l.message.startsWith('handover acknowledged')).map((l) => l.level),
    ).toEqual(['info', 'info']);
    expect(s.nv.http.requests.filter((r) => r.route === 'orders')).toHaveLength(3);
  });

  it('Ninja Van: a refused address gives PACK_LABEL_REFUSED in the clerk’s words and loses nothing', async () => {
    const s = await station();
    await s.core.packing.orders.upsertMany([erpOrder('ACME-2001', 'acme', 'KL-1')]);
    await readyToSeal(s.core, 'ACME-2001');
    const error: AppErrorShape = await refused(s.core, 'packComplete');
    expect(error).toMatchObject({ code: 'PACK_LABEL_REFUSED', params: { carrier: 'Ninja Van' } });
    expect(String(error.params?.reason)).toContain('postcode "KL-1" is not valid');
    // The screen's text names the carrier and Ninja Van's reason.
    const text = en.errors.PACK_LABEL_REFUSED.replace(/\{\{(\w+)\}\}/g, (_, k: string) =>
      String(error.params?.[k]),
    );
    expect(text).toContain('Ninja Van');
    expect(text).toContain('postcode "KL-1" is not valid');
    for (const locale of [zh, th, vi, ms]) expect(locale.errors.PACK_LABEL_REFUSED).toContain('{{reason}}');
    // Nothing booked, shipped or printed; the session waits at the seal step for the supervisor.
    expect(s.nv.orders).toHaveLength(0);
    expect(s.nv.orderRequests()).toBe(1);
    const state = (await call(s.core, 'packState', BENCH, {})) as { session: { step: string } | null };
    expect(state.session?.step).toBe('ready');
    expect(s.core.db.prepare('SELECT count(*) AS n FROM outbox_events').get()).toEqual({ n: 0 });
    expect(s.printer.jobs).toHaveLength(0);
  });

  it('J&T: books once per package through a digest the fake checks itself; a retry after a lost answer and a refused address', async () => {
    const s = await station();
    await s.core.packing.orders.upsertMany([
      erpOrder('JNT-3001', 'jnt-seller'),
      erpOrder('JNT-3002', 'jnt-seller'),
      erpOrder('JNT-3003', 'jnt-seller', '5045'),
    ]);
    const routed = await readyToSeal(s.core, 'JNT-3001');
    expect(routed.route.primary.carrier).toBe('jnt-my');
    const done = (await pack(s.core, 'packComplete', {})) as Completed;
    expect(s.jnt.orders).toHaveLength(1);
    const bill = s.jnt.orders[0] as { billCode: string; content: Record<string, unknown> };
    expect(done).toMatchObject({ state: 'packed', trackingNumber: bill.billCode });
    expect(bill.content).toMatchObject({
      customerCode: 'ITTEST0001',
      txlogisticId: `LM${done.packageId}`,
      weight: '0.600',
      codMoney: '129.50',
      receiver: { name: 'Siti Rahman', postCode: '50450', countryCode: 'MYS', city: 'Kuala Lumpur' },
      sender: { name: 'Acme Fulfilment', postCode: '40000' },
    });
    expect(s.jnt.signatureFailures()).toBe(0);
    await s.printer.waitForJobs(1);
    expect(s.printer.jobs[0]?.toString('latin1')).toContain(bill.billCode);

    await readyToSeal(s.core, 'JNT-3002');
    s.jnt.slowAnswers(2_500);
    const late = (await pack(s.core, 'packComplete', {})) as Completed;
    expect(late).toMatchObject({ state: 'awaiting_label', trackingNumber: null });
    expect(await s.core.packing.station.retryLabels()).toBe(1);
    expect(s.jnt.orderRequests()).toBe(3);
    expect(s.jnt.orders).toHaveLength(2);
    const bill2 = s.jnt.orders[1] as { billCode: string };
    expect(s.core.packing.station.store.pkg(late.packageId)?.tracking_number).toBe(bill2.billCode);
    await s.printer.waitForJobs(3);
    expect(s.printer.jobs[2]?.toString('latin1')).toContain(bill2.billCode);

    await readyToSeal(s.core, 'JNT-3003');
    const error = await refused(s.core, 'packComplete');
    expect(error).toMatchObject({ code: 'PACK_LABEL_REFUSED', params: { carrier: 'J&T Express' } });
    expect(String(error.params?.reason)).toContain('receiver postCode "5045" is invalid');
    expect(s.jnt.orders).toHaveLength(2);
    expect(((await call(s.core, 'packState', BENCH, {})) as { session: { step: string } }).session.step).toBe(
      'ready',
    );

    // The handover of a J&T parcel is acknowledged the same way.
    const manifest = (await pack(s.core, 'manifestOpen', { carrier: 'jnt-my' })) as { id: string };
    await pack(s.core, 'manifestScan', { manifestId: manifest.id, ...scan(bill.billCode) });
    await pack(s.core, 'manifestClose', { manifestId: manifest.id, driverName: 'Lee Chong' });
    await until('the J&T handover delivered', () =>
      outboxOf(s.core, 'package.handed_over').every((e) => e.status === 'delivered'),
    );
    expect(outboxOf(s.core, 'package.handed_over').map((e) => [e.destination, e.status])).toEqual([
      ['jnt-my', 'delivered'],
    ]);
  });

  it('J&T: a wrong private key is refused by the fake’s own digest check — the parcel waits for its label, nothing is booked', async () => {
    const s = await station({ jntKey: 'not-the-key' });
    await s.core.packing.orders.upsertMany([erpOrder('JNT-4001', 'jnt-seller')]);
    await readyToSeal(s.core, 'JNT-4001');
    const done = (await pack(s.core, 'packComplete', {})) as Completed;
    // Our credentials are wrong, not the parcel: it is packed with a slip, never set aside.
    expect(done).toMatchObject({ state: 'awaiting_label', trackingNumber: null });
    expect(s.jnt.signatureFailures()).toBe(1);
    expect(s.jnt.orders).toHaveLength(0);
    expect(s.jnt.orderRequests()).toBe(0);
  });
});
