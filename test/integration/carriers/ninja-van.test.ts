import { afterEach, describe, expect, it } from 'vitest';
import { WebhookRejected } from '../../../src/main/carriers/connector';
import { MemoryConnectorState } from '../../../src/main/carriers/memory-state';
import { ninjaVanConfigSchema } from '../../../src/main/carriers/ninja-van/config';
import { ninjaVanConnector } from '../../../src/main/carriers/ninja-van/definition';
import { startNinjaVanFake, type FakeNinjaVanEvent } from '../../../src/main/carriers/ninja-van/fake-server';
import { NINJA_VAN_STATUS_TABLE } from '../../../src/main/carriers/ninja-van/status-table';
import { ManualClock, systemClock, type Clock } from '../../../src/main/clock';
import { mapStatus } from '../../../src/shared/tracking';
import { TempDirs } from '../../helpers/temp-dir';
import {
  failure,
  HUGE_NUMBER,
  makeDeps,
  ParcelList,
  parcels,
  pullAll,
  runOnStation,
  signal,
} from './harness';

const ID = 'nv-client';
const SECRET = 'nv-secret';
const T0 = Date.UTC(2026, 4, 12, 3, 0);

const EXPECTED: Record<string, string> = {
  'Pending Pickup': 'info_received',
  'Pending Pickup, Shipper Dropoff': 'info_received',
  'Driver dispatched for Pickup': 'info_received',
  'Picked Up, In Transit To Origin Hub': 'picked_up',
  'Pickup Exception, Pending Reschedule': 'exception/rescheduled',
  'Pickup Exception, Reattempt Scheduled': 'exception/rescheduled',
  'Pickup Exception, Max Attempts Reached': 'exception/other',
  'Pickup Exception, Pending Retrieval from PUDO': 'exception/held_at_depot',
  'Arrived at Origin Hub': 'in_transit',
  'Arrived at Transit Hub': 'in_transit',
  'Arrived at Destination Hub': 'in_transit',
  'In Transit to Next Sorting Hub': 'in_transit',
  'On Vehicle for Delivery': 'out_for_delivery',
  'At PUDO, Pending Customer Collection': 'ready_for_pickup',
  'Delivered, Received by Customer': 'delivered',
  'Delivered, Left at Doorstep': 'delivered',
  'Delivered, Collected by Customer': 'delivered',
  'Delivery Exception, Pending Reschedule': 'delivery_failed/rescheduled',
  'Delivery Exception, Reattempt Scheduled': 'delivery_failed/rescheduled',
  'Delivery Exception, Max Attempts Reached': 'delivery_failed/other',
  'Delivery Exception, Parcel Overstayed at PUDO': 'exception/held_at_depot',
  'Delivery Exception, Parcel Lost': 'lost/lost',
  'Delivery Exception, Parcel Damaged': 'exception/damaged',
  'Delivery Exception, Return to Sender Initiated': 'return_to_sender',
  'Returned to Sender': 'returned',
  'Return to Shipper Exception, Parcel triggered for Shipper Collection': 'return_to_sender/held_at_depot',
  'Return to Shipper Exception, Parcel collected by Shipper': 'returned',
  'Return to Shipper Exception, Parcel Scrapped': 'lost/damaged',
  'Return to Shipper Exception, Max Attempts Reached': 'exception/other',
  Cancelled: 'exception/other',
  'Parcel Measurements Update': 'unknown',
  'International Transit, Fulfillment Request Submitted': 'info_received',
  'International Transit, Fulfillment Packed': 'info_received',
  'International Transit, En Route to Origin Facility': 'in_transit',
  'International Transit, Handed Over to Origin Facility': 'in_transit',
  'International Transit, Arrived at Origin Facility': 'in_transit',
  'International Transit, Processed at Origin Facility': 'in_transit',
  'International Transit, Handed Over to Linehaul': 'in_transit',
  'International Transit, Export Cleared': 'in_transit',
  'International Transit, Linehaul Scheduled': 'in_transit',
  'International Transit, Linehaul Departed': 'in_transit',
  'International Transit, Linehaul Arrived': 'in_transit',
  'International Transit, Customs Cleared': 'in_transit',
  'International Transit, Customs Held': 'exception/customs',
  'International Transit, Handed Over to Last Mile': 'in_transit',
  'International Transit, Parcel Exception': 'exception/other',
  'International Transit, Parcel Lost': 'lost/lost',
  'International Transit, Parcel Damaged': 'exception/damaged',
  'International Transit, Parcel Disposed': 'lost/other',
  'International Transit, Returned to Sender at Origin Facility': 'returned',
  'International Transit, Returned to XB Warehouse': 'returned',
  'Picked Up': 'picked_up',
  'Pickup Exception': 'exception/other',
  'Delivery Exception': 'delivery_failed/other',
  'Return to Shipper Exception': 'exception/other',
  'At PUDO': 'ready_for_pickup',
  Delivered: 'delivered',
  'International Transit': 'in_transit',
  'Van en-route to pickup': 'info_received',
  'Successful Pickup': 'picked_up',
  'Pickup fail': 'exception/other',
  'En-route to Sorting Hub': 'in_transit',
  'Arrived at Sorting Hub': 'in_transit',
  'Arrived at Distribution Point': 'in_transit',
  'Cross Border Transit': 'in_transit',
  'Customs Cleared': 'in_transit',
  'Customs Held': 'exception/customs',
  'Transferred to 3PL': 'in_transit',
  Staging: 'info_received',
  'First Attempt Delivery Fail': 'delivery_failed/other',
  'Pending Reschedule': 'delivery_failed/rescheduled',
  'Successful Delivery': 'delivered',
  Completed: 'delivered',
  'Return to Sender Triggered': 'return_to_sender',
  'Parcel Size': 'unknown',
  'Parcel Weight': 'unknown',
};

const asText = (e: { status: string; reason?: string | null }) =>
  e.reason ? `${e.status}/${e.reason}` : e.status;

const at = (minute: number) => `2026-05-12T09:${minute.toString().padStart(2, '0')}:00+0800`;

describe('Ninja Van connector against its fake', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const dirs = new TempDirs();
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    dirs.cleanup();
  });

  async function setup(
    options: {
      list?: ParcelList;
      config?: Record<string, unknown>;
      state?: MemoryConnectorState;
      clock?: Clock;
    } = {},
  ) {
    const clock = options.clock ?? new ManualClock(T0);
    const fake = await startNinjaVanFake({ clientId: ID, clientSecret: SECRET, country: 'my', clock });
    cleanups.push(() => fake.close());
    const deps = makeDeps({ clock, ...(options.list ? { list: options.list } : {}) });
    if (options.state) deps.state = options.state;
    const config = ninjaVanConfigSchema.parse({
      kind: 'ninja-van',
      clientId: ID,
      clientSecret: SECRET,
      country: 'my',
      baseUrl: fake.baseUrl,
      pageSize: 10,
      limits: { requestsPerSecond: 200, burst: 50, maxConcurrency: 3, requestTimeoutMs: 2_000 },
      ...options.config,
    });
    return { fake, deps, clock, instance: ninjaVanConnector.create('nv', config, deps) };
  }

  it('lists every status it knows, each mapped as stated', () => {
    expect(Object.keys(NINJA_VAN_STATUS_TABLE).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const hit = mapStatus(NINJA_VAN_STATUS_TABLE, code);
      expect(hit.known, code).toBe(true);
      expect(asText(hit), code).toBe(expected);
    }
  });

  it('maps every status arriving through tracking-events: detailed event first, else the status', async () => {
    const list = new ParcelList([{ trackingNumber: 'NVMY0001', carrier: 'ninjavan-my' }]);
    const { fake, instance, deps } = await setup({ list });
    const codes = Object.keys(EXPECTED);
    fake.setEvents(
      'NVMY0001',
      codes.map((code, i): FakeNinjaVanEvent =>
        code.includes(', ')
          ? {
              event: code,
              status: code.split(', ')[0]!,
              timestamp: `2026-05-12T${(8 + Math.floor(i / 60)).toString().padStart(2, '0')}:${(i % 60).toString().padStart(2, '0')}:00+0800`,
            }
          : {
              status: code,
              timestamp: `2026-05-12T${(8 + Math.floor(i / 60)).toString().padStart(2, '0')}:${(i % 60).toString().padStart(2, '0')}:00+0800`,
            },
      ),
    );
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => e.code)).toEqual(codes);
    for (const e of items) expect(asText(e), e.code).toBe(EXPECTED[e.code]);
    expect(deps.unknown).toEqual([]);
  });

  it('keeps an unknown status as "unknown" and reports it', async () => {
    const list = new ParcelList([{ trackingNumber: 'NVMY0002', carrier: 'ninjavan-my' }]);
    const { fake, instance, deps } = await setup({ list });
    fake.setEvents('NVMY0002', [{ status: 'Teleported to Hub', timestamp: at(1) }]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => [e.code, e.status])).toEqual([['Teleported to Hub', 'unknown']]);
    expect(deps.unknown).toEqual([
      { connector: 'ninja-van', code: 'Teleported to Hub', sample: 'NVMY0002: Teleported to Hub' },
    ]);
  });

  it('takes the reason from failure_reason, and reads the return leg', async () => {
    const list = new ParcelList([{ trackingNumber: 'NVMY0003', carrier: 'ninjavan-my' }]);
    const { fake, instance } = await setup({ list });
    fake.setEvents('NVMY0003', [
      {
        status: 'Delivery Exception',
        event: 'Delivery Exception, Max Attempts Reached',
        timestamp: at(1),
        delivery_exception: { failure_reason: 'Customer refused to accept parcel' },
      },
      {
        status: 'In Transit to Next Sorting Hub',
        timestamp: at(2),
        is_parcel_on_rts_leg: true,
        hub_information: { hub: 'KUL-HUB', city: 'Kuala Lumpur' },
      },
      {
        status: 'Delivered',
        event: 'Delivered, Received by Customer',
        timestamp: at(3),
        is_parcel_on_rts_leg: true,
      },
    ]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => asText(e))).toEqual(['delivery_failed/refused', 'return_to_sender', 'returned']);
    expect(items[0]!.description).toBe(
      'Delivery Exception, Max Attempts Reached — Customer refused to accept parcel',
    );
    expect(items[1]!.location).toBe('KUL-HUB, Kuala Lumpur');
  });

  it('asks only for its own carrier code, across pages, and skips numbers Ninja Van does not know', async () => {
    const mine = parcels(25, 'ninjavan-my', 'NVMY');
    const list = new ParcelList([...mine, ...parcels(5, 'jnt-my', 'JT')]);
    const { fake, instance } = await setup({ list });
    for (const p of mine.slice(0, 24))
      fake.setEvents(p.trackingNumber, [{ status: 'Pending Pickup', timestamp: at(0) }]);
    const { items, pages } = await pullAll(instance.pulls.tracking!);
    expect(pages).toBe(3);
    expect(items).toHaveLength(24);
    const asked = fake.http.requests
      .filter((r) => r.route === 'tracking')
      .map((r) => r.path.split('/').at(-1));
    expect(asked.sort()).toEqual(mine.map((p) => p.trackingNumber).sort());
    expect(list.queries.every((q) => q.carriers?.join() === 'ninjavan-my')).toBe(true);
  });

  it('keeps the token in ConnectorState, renews it before expiry and after a 401', async () => {
    const clock = new ManualClock(T0);
    const state = new MemoryConnectorState(clock);
    const list = new ParcelList([{ trackingNumber: 'NVMY0009', carrier: 'ninjavan-my' }]);
    const { fake, instance } = await setup({ list, state, clock });
    fake.setEvents('NVMY0009', [{ status: 'Pending Pickup', timestamp: at(0) }]);
    await pullAll(instance.pulls.tracking!);
    await pullAll(instance.pulls.tracking!);
    expect(fake.tokensIssued()).toBe(1);

    // A restart (a second instance on the same state) reuses the stored token.
    const restarted = ninjaVanConnector.create(
      'nv',
      ninjaVanConfigSchema.parse({
        kind: 'ninja-van',
        clientId: ID,
        clientSecret: SECRET,
        country: 'my',
        baseUrl: fake.baseUrl,
      }),
      { ...makeDeps({ clock, list }), state },
    );
    await pullAll(restarted.pulls.tracking!);
    expect(fake.tokensIssued()).toBe(1);

    fake.expireTokens();
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items).toHaveLength(1);
    expect(fake.tokensIssued()).toBe(2);
    const statuses = fake.http.requests.filter((r) => r.route === 'tracking').length;
    expect(statuses).toBe(5);

    clock.advance(3_600_000 - 4 * 60_000);
    await pullAll(instance.pulls.tracking!);
    expect(fake.tokensIssued()).toBe(3);
  });

  it('says "credentials refused" for a wrong secret, and reports 500, garbage and a hang', async () => {
    const list = new ParcelList([{ trackingNumber: 'NVMY0010', carrier: 'ninjavan-my' }]);
    const bad = await setup({ list, config: { clientSecret: 'wrong' } });
    const auth = await failure(bad.instance.pulls.tracking!.pull(null, signal()));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('Invalid client credentials');
    expect(await bad.instance.testConnection(signal())).toEqual({
      ok: false,
      reason: 'auth',
      detail: 'Ninja Van refused the credentials',
    });

    // A real clock: the pacer's budget refills with time, which a manual clock never lets pass.
    const { fake, instance } = await setup({ list, clock: systemClock });
    expect(await instance.testConnection(signal())).toEqual({
      ok: true,
      detail: 'client nv-client accepted for MY',
    });
    fake.setEvents('NVMY0010', [{ status: 'Pending Pickup', timestamp: at(0) }]);
    fake.http.inject({ route: 'tracking', fault: { kind: 'status', status: 500 } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('server');
    fake.http.inject({ route: 'tracking', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    expect((await instance.pulls.tracking!.pull(null, signal())).items).toHaveLength(1);
    fake.http.inject({ route: 'tracking', fault: { kind: 'status', status: 429, retryAfter: '30' } });
    expect(await failure(instance.pulls.tracking!.pull(null, signal()))).toMatchObject({
      kind: 'throttled',
      details: { retryAfterMs: 30_000 },
    });
    fake.http.inject({ route: 'tracking', fault: { kind: 'garbage' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('malformed');
    fake.http.inject({ route: 'tracking', fault: { kind: 'hang' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('timeout');
  });

  it('refuses a page whose field changed type and applies nothing of it', async () => {
    const mine = parcels(20, 'ninjavan-my', 'NVMY');
    const { fake, instance } = await setup({
      list: new ParcelList(mine),
      config: { limits: { maxConcurrency: 1, requestsPerSecond: 200, burst: 50 } },
    });
    for (const p of mine) fake.setEvents(p.trackingNumber, [{ status: 'Pending Pickup', timestamp: at(0) }]);
    fake.http.inject({ route: 'tracking', skip: 12, fault: { kind: 'typeChange' } });
    const run = await runOnStation(dirs.make(), instance.pulls.tracking!);
    expect(run.result.error).toContain('Ninja Van tracking-events: unexpected answer at events.0.timestamp');
    expect(run.applied).toHaveLength(10);
    expect(run.cursor).toBe('10');
  });

  it('refuses a 4 KB tracking number without sending it', async () => {
    const list = new ParcelList([
      { trackingNumber: HUGE_NUMBER, carrier: 'ninjavan-my' },
      { trackingNumber: 'NVMY0011', carrier: 'ninjavan-my' },
    ]);
    const { fake, instance } = await setup({ list });
    fake.setEvents('NVMY0011', [{ status: 'Pending Pickup', timestamp: at(0) }]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items).toHaveLength(1);
    expect(fake.http.requests.filter((r) => r.route === 'tracking').map((r) => r.path)).toEqual([
      '/my/1.0/orders/tracking-events/NVMY0011',
    ]);
    const push = fake.push({ tracking_id: HUGE_NUMBER, status: 'Pending Pickup', timestamp: at(0) });
    expect(() => instance.webhooks!.receive(push.headers, push.body)).toThrow(/too long/);
  });

  it('accepts a signed webhook once, refuses a bad signature, marks a replay as a duplicate', async () => {
    const { fake, instance } = await setup();
    const push = fake.push({
      tracking_id: 'NVMY0100',
      event: 'On Vehicle for Delivery',
      status: 'On Vehicle for Delivery',
      timestamp: at(5),
    });
    const first = instance.webhooks!.receive(push.headers, push.body);
    expect(first.duplicate).toBe(false);
    expect(first.notification.tracking).toMatchObject([
      {
        trackingNumber: 'NVMY0100',
        carrier: 'ninjavan-my',
        status: 'out_for_delivery',
        occurredAt: '2026-05-12T09:05:00+08:00',
      },
    ]);
    expect(instance.webhooks!.receive(push.headers, push.body).duplicate).toBe(true);
    expect(() =>
      instance.webhooks!.receive(
        { 'x-ninjavan-hmac-sha256': push.headers['X-Ninjavan-Hmac-Sha256']! },
        push.body.replace('0100', '0101'),
      ),
    ).toThrow(WebhookRejected);
    expect(() => instance.webhooks!.receive({}, push.body)).toThrow(/missing/);
  });

  it('creates an order and answers the tracking number; a 4xx is refused with its reason', async () => {
    const { fake, instance } = await setup();
    const order = {
      service_type: 'Parcel' as const,
      service_level: 'Standard' as const,
      requested_tracking_number: '12345',
      reference: { merchant_order_number: 'SO-1' },
      from: {
        name: 'Warehouse',
        phone_number: '+60123',
        address: { address1: 'Jalan 1', postcode: '50000', country: 'MY' },
      },
      to: {
        name: 'Buyer',
        phone_number: '+60456',
        address: { address1: 'Jalan 2', city: 'Petaling Jaya', postcode: '47000', country: 'MY' },
      },
      parcel_job: {
        is_pickup_required: false,
        delivery_start_date: '2026-05-13',
        dimensions: { weight: 1.2 },
      },
    };
    expect(await instance.createOrder(order, signal())).toEqual({
      carrier: 'ninjavan-my',
      trackingNumber: 'NVTESTMY12345',
      requestedTrackingNumber: '12345',
      serviceType: 'Parcel',
      serviceLevel: 'Standard',
    });
    expect(fake.orders).toHaveLength(1);
    fake.http.inject({
      route: 'orders',
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({
          error: { code: 1000, title: 'INVALID_REQUEST', message: 'to.address.postcode is invalid' },
        }),
      },
    });
    expect(await failure(instance.createOrder(order, signal()))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('to.address.postcode is invalid'),
    });
    fake.http.inject({ route: 'orders', fault: { kind: 'status', status: 502 } });
    expect((await failure(instance.createOrder(order, signal()))).kind).toBe('server');
    expect(fake.orders).toHaveLength(1);
  });

  it("gives a timestamp without an offset the market's zone (MY +08:00)", async () => {
    const list = new ParcelList([{ trackingNumber: 'NVMY0200', carrier: 'ninjavan-my' }]);
    const { fake, instance } = await setup({ list });
    fake.setEvents('NVMY0200', [{ status: 'Pending Pickup', timestamp: '2026-05-12 09:00:00' }]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items[0]).toMatchObject({
      occurredAt: '2026-05-12T09:00:00+08:00',
      occurredAtMs: Date.UTC(2026, 4, 12, 1),
    });
  });
});
