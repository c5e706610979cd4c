import { afterEach, describe, expect, it } from 'vitest';
import { WebhookRejected } from '../../../src/main/carriers/connector';
import { SeventeenTrackClient } from '../../../src/main/carriers/seventeen-track/client';
import { seventeenTrackConfigSchema } from '../../../src/main/carriers/seventeen-track/config';
import { seventeenTrackConnector } from '../../../src/main/carriers/seventeen-track/definition';
import {
  startSeventeenTrackFake,
  type SeventeenTrackFake,
} from '../../../src/main/carriers/seventeen-track/fake-server';
import { SEVENTEEN_TRACK_STATUS_TABLE } from '../../../src/main/carriers/seventeen-track/status-table';
import { mapStatus, type TrackingEvent } from '../../../src/shared/tracking';
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
  watchEvent,
  type TestDeps,
} from './harness';

const KEY = 'sekret-17';

/** What each 17TRACK code means in the model, stated here independently of the table. */
const EXPECTED: Record<string, string> = {
  NotFound: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  Expired: 'expired',
  AvailableForPickup: 'ready_for_pickup',
  OutForDelivery: 'out_for_delivery',
  DeliveryFailure: 'delivery_failed/other',
  Delivered: 'delivered',
  Exception: 'exception/other',
  NotFound_Other: 'pending',
  NotFound_InvalidCode: 'exception/other',
  InTransit_PickedUp: 'picked_up',
  InTransit_Other: 'in_transit',
  InTransit_Departure: 'in_transit',
  InTransit_Arrival: 'in_transit',
  InTransit_CustomsProcessing: 'in_transit',
  InTransit_CustomsReleased: 'in_transit',
  InTransit_CustomsRequiringInformation: 'exception/customs',
  Expired_Other: 'expired',
  AvailableForPickup_Other: 'ready_for_pickup',
  OutForDelivery_Other: 'out_for_delivery',
  DeliveryFailure_Other: 'delivery_failed/other',
  DeliveryFailure_NoBody: 'delivery_failed/contact_failed',
  DeliveryFailure_Security: 'delivery_failed/customs',
  DeliveryFailure_Rejected: 'delivery_failed/refused',
  DeliveryFailure_InvalidAddress: 'delivery_failed/bad_address',
  Delivered_Other: 'delivered',
  Exception_Other: 'exception/other',
  Exception_Returning: 'return_to_sender',
  Exception_Returned: 'returned',
  Exception_NoBody: 'exception/contact_failed',
  Exception_Security: 'exception/customs',
  Exception_Damage: 'exception/damaged',
  Exception_Rejected: 'exception/refused',
  Exception_Delayed: 'exception/carrier_delay',
  Exception_Lost: 'lost/lost',
  Exception_Destroyed: 'lost/damaged',
  Exception_Cancel: 'exception/other',
  InTransit_TransportArrived: 'in_transit',
  InTransit_TransportDeparted: 'in_transit',
  Exception_Held: 'exception/held_at_depot',
  PickedUp: 'picked_up',
  Departure: 'in_transit',
  Arrival: 'in_transit',
  Returning: 'return_to_sender',
  Returned: 'returned',
};

const asText = (e: { status: string; reason?: string | null }) =>
  e.reason ? `${e.status}/${e.reason}` : e.status;

describe('17TRACK connector against its fake', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const dirs = new TempDirs();
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    dirs.cleanup();
  });

  async function setup(options: { list?: ParcelList; config?: Record<string, unknown>; rate?: number } = {}) {
    const fake = await startSeventeenTrackFake({
      apiKey: KEY,
      ...(options.rate ? { rateLimitPerSecond: options.rate } : {}),
    });
    cleanups.push(() => fake.close());
    const deps: TestDeps = makeDeps(options.list ? { list: options.list } : {});
    const config = seventeenTrackConfigSchema.parse({
      kind: 'seventeen-track',
      apiKey: KEY,
      baseUrl: fake.baseUrl,
      market: 'TH',
      carrierKeys: { 'thailand-post': 22041 },
      limits: { requestsPerSecond: 200, burst: 50, requestTimeoutMs: 2_000 },
      ...options.config,
    });
    const instance = seventeenTrackConnector.create('t17', config, deps);
    cleanups.push(() => instance.close());
    return { fake, deps, instance, config };
  }

  const events = (fake: SeventeenTrackFake, number: string, codes: string[]) =>
    fake.setEvents(
      number,
      codes.map((code, i) => ({
        time_iso: `2026-05-01T${(8 + Math.floor(i / 60)).toString().padStart(2, '0')}:${(i % 60).toString().padStart(2, '0')}:00+07:00`,
        description: `step ${i.toString()} ${code}`,
        location: 'Bangkok',
        sub_status: code,
      })),
    );

  it('lists every code it knows, each mapped as stated', () => {
    expect(Object.keys(SEVENTEEN_TRACK_STATUS_TABLE).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const hit = mapStatus(SEVENTEEN_TRACK_STATUS_TABLE, code);
      expect(hit.known, code).toBe(true);
      expect(asText(hit), code).toBe(expected);
    }
  });

  it('maps every sub-status and stage code on events pulled through the API', async () => {
    const subCodes = Object.keys(EXPECTED).filter((c) => c.includes('_') || c === 'InfoReceived');
    const list = new ParcelList([{ trackingNumber: 'EE123456789TH', carrier: 'thailand-post' }]);
    const { fake, instance, deps } = await setup({ list });
    fake.preRegister(['EE123456789TH']);
    events(fake, 'EE123456789TH', subCodes);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items).toHaveLength(subCodes.length);
    for (const e of items) expect(asText(e), e.code).toBe(EXPECTED[e.code]);
    expect(new Set(items.map((e) => e.code))).toEqual(new Set(subCodes));
    expect(deps.unknown).toEqual([]);
    // The carrier key of our carrier code went along with the number.
    expect(JSON.parse(fake.http.requests.find((r) => r.route === 'gettrackinfo')!.body)).toEqual([
      { number: 'EE123456789TH', carrier: 22041 },
    ]);
  });

  it('keeps an unknown code as "unknown" and reports it', async () => {
    const list = new ParcelList([{ trackingNumber: 'EE1', carrier: 'kerry' }]);
    const { fake, instance, deps } = await setup({ list });
    fake.preRegister(['EE1']);
    events(fake, 'EE1', ['InTransit_PickedUp', 'InTransit_Teleported']);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => [e.code, e.status])).toEqual([
      ['InTransit_PickedUp', 'picked_up'],
      ['InTransit_Teleported', 'unknown'],
    ]);
    expect(deps.unknown).toEqual([
      {
        connector: 'seventeen-track',
        code: 'InTransit_Teleported',
        sample: 'EE1: step 1 InTransit_Teleported',
      },
    ]);
  });

  it('walks the tracked list in calls of at most 40, registers what 17TRACK does not know, and starts over after a pass', async () => {
    const tracked = parcels(95, 'flash');
    const list = new ParcelList(tracked);
    const { fake, instance } = await setup({ list });
    fake.preRegister(tracked.slice(0, 90).map((p) => p.trackingNumber));
    for (const p of tracked) events(fake, p.trackingNumber, ['InfoReceived', 'InTransit_PickedUp']);

    const first = await pullAll(instance.pulls.tracking!);
    expect(first.pages).toBe(3);
    expect(first.cursors.at(-1)).toBeNull();
    expect(first.items).toHaveLength(90 * 2);
    expect(Math.max(...fake.batchSizes)).toBeLessThanOrEqual(40);
    expect(fake.oversizedCalls()).toBe(0);
    for (const p of tracked.slice(90)) expect(fake.registrations(p.trackingNumber)).toBe(1);

    const second = await pullAll(instance.pulls.tracking!);
    expect(second.items).toHaveLength(95 * 2);
    // Same checkpoints, same ids: a second pass inserts nothing twice.
    const ids = new Set(first.items.map((e) => e.externalId));
    expect(second.items.filter((e) => ids.has(e.externalId))).toHaveLength(180);
    expect(fake.oversizedCalls()).toBe(0);
  });

  it('handles per-number errors inside a 200 answer number by number', async () => {
    const list = new ParcelList(parcels(3, 'flash'));
    const { fake, instance, deps } = await setup({ list });
    const [a, b, c] = list.parcels.map((p) => p.trackingNumber) as [string, string, string];
    fake.preRegister([a, b, c]);
    for (const n of [a, b, c]) events(fake, n, ['Delivered_Other']);
    fake.rejectNumber(b, -18019909, 'No tracking information at this time.');
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => e.trackingNumber).sort()).toEqual([a, c]);
    expect(deps.logger.lines.some((l) => l.message === '17TRACK refused a number')).toBe(true);
    expect(fake.registrations(b)).toBe(0);
  });

  it('waits out a short 429 with Retry-After, and stops on a long one with the wait it was given', async () => {
    const list = new ParcelList(parcels(2, 'flash'));
    const { fake, instance } = await setup({ list });
    fake.preRegister(list.parcels.map((p) => p.trackingNumber));
    fake.http.inject({ route: 'gettrackinfo', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const started = Date.now();
    const page = await instance.pulls.tracking!.pull(null, signal());
    expect(page.hasMore).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.http.requests.filter((r) => r.route === 'gettrackinfo')).toHaveLength(2);

    fake.http.inject({ route: 'gettrackinfo', fault: { kind: 'status', status: 429, retryAfter: '120' } });
    const err = await failure(instance.pulls.tracking!.pull(null, signal()));
    expect(err.kind).toBe('throttled');
    expect(err.details.retryAfterMs).toBe(120_000);
  });

  it("is throttled by the fake's own rate limit and still gets every page", async () => {
    const list = new ParcelList(parcels(120, 'flash'));
    const { fake, instance } = await setup({ list, rate: 2, config: { batchSize: 20 } });
    fake.preRegister(list.parcels.map((p) => p.trackingNumber));
    for (const p of list.parcels) events(fake, p.trackingNumber, ['InTransit_Other']);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items).toHaveLength(120);
    expect(fake.rateLimited()).toBeGreaterThan(0);
  });

  it('reports a refused key, a server error, garbage and a hang as the engine expects', async () => {
    const list = new ParcelList(parcels(1, 'flash'));
    const { fake, instance } = await setup({ list, config: { apiKey: 'wrong-key' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('auth');
    expect(await instance.testConnection(signal())).toEqual({
      ok: false,
      reason: 'auth',
      detail: '17TRACK refused the credentials',
    });

    const good = await setup({ list });
    expect((await good.instance.testConnection(signal())).ok).toBe(true);
    good.fake.http.inject({ route: 'gettrackinfo', fault: { kind: 'status', status: 500 } });
    const server = await failure(good.instance.pulls.tracking!.pull(null, signal()));
    expect(server.kind).toBe('server');
    expect(server.message).toContain('Server Error.');
    good.fake.http.inject({ route: 'gettrackinfo', fault: { kind: 'garbage' } });
    expect((await failure(good.instance.pulls.tracking!.pull(null, signal()))).kind).toBe('malformed');
    good.fake.http.inject({ route: 'gettrackinfo', fault: { kind: 'hang' } });
    expect((await failure(good.instance.pulls.tracking!.pull(null, signal()))).kind).toBe('timeout');
    expect(fake.http.requests.every((r) => r.headers['17token'] === 'wrong-key')).toBe(true);
  });

  it('refuses a page whose field changed type, naming the field, and applies nothing of it', async () => {
    const list = new ParcelList(parcels(60, 'flash'));
    const { fake, instance } = await setup({ list });
    fake.preRegister(list.parcels.map((p) => p.trackingNumber));
    for (const p of list.parcels) events(fake, p.trackingNumber, ['InTransit_Other']);
    fake.http.inject({ route: 'gettrackinfo', skip: 1, fault: { kind: 'typeChange' } });
    const run = await runOnStation(dirs.make(), instance.pulls.tracking!);
    expect(run.result.error).toMatch(
      /malformed: 17TRACK gettrackinfo: unexpected answer at accepted\.0\.track_info\.tracking\.providers\.0\.events\.0\.time_iso/,
    );
    expect(run.applied).toHaveLength(40);
    expect(run.cursor).toBe('40');
  });

  it('refuses a 4 KB tracking number without sending it, and pulls the rest', async () => {
    const list = new ParcelList([
      { trackingNumber: HUGE_NUMBER, carrier: 'flash' },
      { trackingNumber: 'TH000000001', carrier: 'flash' },
    ]);
    const { fake, instance, deps } = await setup({ list });
    fake.preRegister(['TH000000001']);
    events(fake, 'TH000000001', ['Delivered_Other']);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => e.trackingNumber)).toEqual(['TH000000001']);
    expect(fake.asked).toEqual(['TH000000001']);
    expect(fake.http.requests.some((r) => r.body.includes('AAAAAAAAAAAAAAAAAAAA'))).toBe(false);
    const warning = deps.logger.lines.find(
      (l) => l.message === 'tracked parcel refused before asking the carrier',
    );
    expect(warning).toBeDefined();

    const [outcome] = await instance.destination!.deliver([watchEvent(1, HUGE_NUMBER, 'flash')], signal());
    expect(outcome).toMatchObject({ id: 'ev-1', status: 'rejected' });
    expect(fake.http.requests.filter((r) => r.route === 'register')).toHaveLength(0);
  });

  it('registers watched parcels in calls of at most 40, once each, and a resend is harmless', async () => {
    const { fake, instance } = await setup();
    const tracked = parcels(95, 'thailand-post');
    const batch = tracked.map((p, i) => watchEvent(i, p.trackingNumber, p.carrier));
    batch.push(watchEvent(999, tracked[0]!.trackingNumber, 'thailand-post'));
    const outcomes = await instance.destination!.deliver(batch, signal());
    expect(outcomes.filter((o) => o.status === 'delivered')).toHaveLength(96);
    expect(fake.batchSizes).toEqual([40, 40, 15]);
    expect(tracked.every((p) => fake.registrations(p.trackingNumber) === 1)).toBe(true);

    const again = await instance.destination!.deliver(batch.slice(0, 3), signal());
    expect(again.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(fake.registrations(tracked[0]!.trackingNumber)).toBe(2);
    expect(fake.oversizedCalls()).toBe(0);

    const wrongType = { ...watchEvent(5, 'TH1', 'x'), type: 'scan.unknown' };
    expect(await instance.destination!.deliver([wrongType], signal())).toEqual([
      {
        id: 'ev-5',
        status: 'rejected',
        reason: '17TRACK takes only tracking.watch events, not scan.unknown',
      },
    ]);
  });

  it('fails a whole registration call as the engine expects, and never sends more than 40 numbers', async () => {
    const { fake, instance, config, deps } = await setup();
    fake.http.inject({ route: 'register', fault: { kind: 'status', status: 429, retryAfter: '7' } });
    const throttled = await failure(instance.destination!.deliver([watchEvent(1, 'TH1', 'flash')], signal()));
    expect(throttled).toMatchObject({ kind: 'throttled', details: { retryAfterMs: 7_000 } });
    const wrongKey = seventeenTrackConnector.create('t17', { ...config, apiKey: 'nope' }, deps);
    expect(
      (await failure(wrongKey.destination!.deliver([watchEvent(1, 'TH1', 'flash')], signal()))).kind,
    ).toBe('auth');
    const client = new SeventeenTrackClient({ config, fetch: globalThis.fetch, clock: deps.clock });
    await expect(
      client.register(
        parcels(41, 'x').map((p) => ({ number: p.trackingNumber })),
        signal(),
      ),
    ).rejects.toThrow(RangeError);
    expect(fake.batchSizes.every((n) => n <= 40)).toBe(true);
  });

  it('accepts a signed push once, refuses a bad signature, and marks a replay as a duplicate', async () => {
    const { fake, instance } = await setup();
    fake.preRegister(['EE777']);
    events(fake, 'EE777', ['InTransit_PickedUp', 'OutForDelivery_Other']);
    const push = fake.push('TRACKING_UPDATED', 'EE777');
    const first = instance.webhooks!.receive(push.headers, push.body);
    expect(first.duplicate).toBe(false);
    expect(first.notification.type).toBe('TRACKING_UPDATED');
    expect(first.notification.tracking?.map((e: TrackingEvent) => e.status)).toEqual([
      'picked_up',
      'out_for_delivery',
    ]);
    expect(first.notification.tracking?.[0]?.carrier).toBe('17track-190001');
    expect(instance.webhooks!.receive(push.headers, push.body).duplicate).toBe(true);

    const tampered = push.body.replace('EE777', 'EE778');
    expect(() => instance.webhooks!.receive(push.headers, tampered)).toThrow(WebhookRejected);
    expect(() => instance.webhooks!.receive({}, push.body)).toThrow(/sign header is missing/);

    const stopped = fake.push('TRACKING_STOPPED', 'EE777');
    const stop = instance.webhooks!.receive(stopped.headers, stopped.body);
    expect(stop).toMatchObject({
      duplicate: false,
      notification: { type: 'TRACKING_STOPPED', tracking: [] },
    });

    // Pull and push name one checkpoint by one id.
    const list = new ParcelList([{ trackingNumber: 'EE777', carrier: 'x' }]);
    const pulled = await setup({ list });
    pulled.fake.preRegister(['EE777']);
    events(pulled.fake, 'EE777', ['InTransit_PickedUp', 'OutForDelivery_Other']);
    const { items } = await pullAll(pulled.instance.pulls.tracking!);
    expect(new Set(items.map((e) => e.externalId))).toEqual(
      new Set(first.notification.tracking?.map((e) => e.externalId)),
    );
  });

  it("keeps the carrier's offset, and gives a time without one the market's zone", async () => {
    const list = new ParcelList([{ trackingNumber: 'EE9', carrier: 'x' }]);
    const { fake, instance } = await setup({ list, config: { market: 'MY' } });
    fake.preRegister(['EE9']);
    fake.setEvents('EE9', [
      { time_iso: '2026-05-01T09:30:00+07:00', description: 'a', sub_status: 'InTransit_Other' },
      { time_iso: '2026-05-01 10:00:00', time_utc: null, description: 'b', sub_status: 'InTransit_Other' },
    ]);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => [e.occurredAt, e.occurredAtMs])).toEqual([
      ['2026-05-01T10:00:00+08:00', Date.UTC(2026, 4, 1, 2, 0)],
      ['2026-05-01T09:30:00+07:00', Date.UTC(2026, 4, 1, 2, 30)],
    ]);
  });
});
