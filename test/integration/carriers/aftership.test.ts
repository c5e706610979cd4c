import { afterEach, describe, expect, it } from 'vitest';
import { afterShipConfigSchema } from '../../../src/main/carriers/aftership/config';
import { afterShipConnector } from '../../../src/main/carriers/aftership/definition';
import { startAfterShipFake, type FakeCheckpoint } from '../../../src/main/carriers/aftership/fake-server';
import { AFTERSHIP_STATUS_TABLE } from '../../../src/main/carriers/aftership/status-table';
import { WebhookRejected } from '../../../src/main/carriers/connector';
import { ManualClock, systemClock } from '../../../src/main/clock';
import { mapStatus } from '../../../src/shared/tracking';
import { TempDirs } from '../../helpers/temp-dir';
import { failure, HUGE_NUMBER, makeDeps, pullAll, runOnStation, signal, watchEvent } from './harness';

const KEY = 'as-key-1';
const SECRET = 'as-webhook-secret';
const T0 = Date.UTC(2026, 4, 10, 12, 0);

const EXPECTED: Record<string, string> = {
  Pending: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  AttemptFail: 'delivery_failed/other',
  Delivered: 'delivered',
  AvailableForPickup: 'ready_for_pickup',
  Exception: 'exception/other',
  Expired: 'expired',
  Delivered_001: 'delivered',
  Delivered_002: 'delivered',
  Delivered_003: 'delivered',
  Delivered_004: 'delivered',
  Delivered_005: 'delivered',
  AvailableForPickup_001: 'ready_for_pickup',
  Exception_001: 'exception/other',
  Exception_002: 'exception/bad_address',
  Exception_003: 'exception/refused',
  Exception_004: 'exception/customs',
  Exception_005: 'exception/carrier_delay',
  Exception_006: 'exception/held_at_depot',
  Exception_007: 'exception/bad_address',
  Exception_008: 'exception/held_at_depot',
  Exception_009: 'exception/other',
  Exception_010: 'return_to_sender',
  Exception_011: 'returned',
  Exception_012: 'exception/damaged',
  Exception_013: 'lost/lost',
  Exception_016: 'exception/carrier_delay',
  Exception_017: 'exception/weather',
  Exception_018: 'exception/customs',
  AttemptFail_001: 'delivery_failed/other',
  AttemptFail_002: 'delivery_failed/not_home',
  AttemptFail_003: 'delivery_failed/not_home',
  InTransit_001: 'in_transit',
  InTransit_002: 'picked_up',
  InTransit_003: 'in_transit',
  InTransit_004: 'in_transit',
  InTransit_005: 'in_transit',
  InTransit_006: 'in_transit',
  InTransit_007: 'in_transit',
  InTransit_008: 'in_transit',
  InTransit_009: 'in_transit',
  InfoReceived_001: 'info_received',
  OutForDelivery_001: 'out_for_delivery',
  OutForDelivery_003: 'out_for_delivery',
  OutForDelivery_004: 'out_for_delivery',
  Pending_001: 'pending',
  Expired_001: 'expired',
  OutForDelivery_002: 'ready_for_pickup',
  Pending_002: 'pending',
  Pending_003: 'pending',
  Pending_004: 'pending',
  Pending_005: 'pending',
  Pending_006: 'pending',
};

const asText = (e: { status: string; reason?: string | null }) =>
  e.reason ? `${e.status}/${e.reason}` : e.status;
const tagOf = (code: string) => code.split('_')[0] ?? code;

function checkpoints(codes: string[], day = '2026-05-09'): FakeCheckpoint[] {
  return codes.map((code, i) => ({
    checkpoint_time: `${day}T${(8 + Math.floor(i / 60)).toString().padStart(2, '0')}:${(i % 60).toString().padStart(2, '0')}:00+07:00`,
    message: `checkpoint ${i.toString()}`,
    tag: tagOf(code),
    subtag: code.includes('_') ? code : null,
    city: 'Bangkok',
  }));
}

describe('AfterShip connector against its fake', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const dirs = new TempDirs();
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    dirs.cleanup();
  });

  async function setup(
    options: { config?: Record<string, unknown>; rate?: number; realClock?: boolean } = {},
  ) {
    const clock = options.realClock ? systemClock : new ManualClock(T0);
    const fake = await startAfterShipFake({
      apiKey: KEY,
      webhookSecret: SECRET,
      clock,
      ...(options.rate ? { rateLimitPerSecond: options.rate } : {}),
    });
    cleanups.push(() => fake.close());
    const deps = makeDeps({ clock });
    const config = afterShipConfigSchema.parse({
      kind: 'aftership',
      apiKey: KEY,
      webhookSecret: SECRET,
      baseUrl: fake.baseUrl,
      market: 'VN',
      slugs: { 'ninjavan-vn': 'ninjavan' },
      pageSize: 10,
      limits: { requestsPerSecond: 200, burst: 50, requestTimeoutMs: 2_000 },
      ...options.config,
    });
    const instance = afterShipConnector.create('as', config, deps);
    return { fake, deps, instance, clock };
  }

  it('lists every status and sub-status it knows, each mapped as stated', () => {
    expect(Object.keys(AFTERSHIP_STATUS_TABLE).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const hit = mapStatus(AFTERSHIP_STATUS_TABLE, code);
      expect(hit.known, code).toBe(true);
      expect(asText(hit), code).toBe(expected);
    }
  });

  it('maps every code on checkpoints pulled through the API, subtag first, tag when there is none', async () => {
    const { fake, instance, deps } = await setup();
    const codes = Object.keys(EXPECTED);
    fake.setTracking('NV123', 'ninjavan', checkpoints(codes), T0 - 3_600_000);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items).toHaveLength(codes.length);
    for (const e of items) expect(asText(e), e.code).toBe(EXPECTED[e.code]);
    expect(new Set(items.map((e) => e.code))).toEqual(new Set(codes));
    expect(items[0]).toMatchObject({ carrier: 'ninjavan-vn', location: 'Bangkok', trackingNumber: 'NV123' });
    expect(deps.unknown).toEqual([]);
  });

  it('keeps an unknown subtag as "unknown" and reports it', async () => {
    const { fake, instance, deps } = await setup();
    fake.setTracking('NV1', 'kerry', checkpoints(['InTransit_001', 'InTransit_042']), T0 - 1000);
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items.map((e) => [e.code, e.status, e.carrier])).toEqual([
      ['InTransit_001', 'in_transit', 'kerry'],
      ['InTransit_042', 'unknown', 'kerry'],
    ]);
    expect(deps.unknown).toEqual([
      { connector: 'aftership', code: 'InTransit_042', sample: 'NV1: checkpoint 1' },
    ]);
  });

  it('pulls across cursor pages, then reads only what changed since the newest update seen', async () => {
    const { fake, instance, clock } = await setup();
    const clockOf = clock as ManualClock;
    for (let i = 0; i < 25; i++)
      fake.setTracking(
        `VN${i.toString().padStart(4, '0')}`,
        'ninjavan',
        checkpoints(['InTransit_001']),
        T0 - 7_200_000 + i * 61_000,
      );
    const first = await pullAll(instance.pulls.tracking!);
    expect(first.pages).toBe(3);
    expect(first.items).toHaveLength(25);
    const cursor = first.cursors.at(-1)!;
    expect(JSON.parse(cursor)).toMatchObject({ page: null });

    clockOf.advance(3_600_000);
    fake.setTracking('VN0003', 'ninjavan', checkpoints(['InTransit_001', 'Delivered_001']), clockOf.now());
    const page = await instance.pulls.tracking!.pull(cursor, signal());
    expect(page.hasMore).toBe(false);
    // The overlap re-reads the newest tracking of the first pass; nothing older.
    expect(new Set(page.items.map((e) => e.trackingNumber))).toEqual(new Set(['VN0003', 'VN0024']));
    expect(page.items.find((e) => e.code === 'Delivered_001')?.status).toBe('delivered');
    const listCalls = fake.http.requests.filter((r) => r.route === 'list');
    expect(listCalls.at(-1)!.query.get('updated_at_min')).toBe(
      new Date(T0 - 7_200_000 + 24 * 61_000 - 60_000).toISOString(),
    );
  });

  it('waits out a 429 with Retry-After, or with x-ratelimit-reset, and stops on a long one', async () => {
    const { fake, instance } = await setup({ rate: 1, realClock: true });
    fake.setTracking('VN1', 'ninjavan', checkpoints(['InTransit_001']), Date.now() - 1000);
    fake.http.inject({ route: 'list', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    expect((await instance.pulls.tracking!.pull(null, signal())).items).toHaveLength(1);
    expect(fake.http.requests.filter((r) => r.route === 'list').length).toBeGreaterThanOrEqual(2);

    // Straight away again: the fake's own limit answers 429 with x-ratelimit-reset only.
    expect((await instance.pulls.tracking!.pull(null, signal())).items).toHaveLength(1);
    expect(fake.rateLimited()).toBeGreaterThanOrEqual(1);

    fake.http.inject({ route: 'list', fault: { kind: 'status', status: 429, retryAfter: '600' } });
    const err = await failure(instance.pulls.tracking!.pull(null, signal()));
    expect(err).toMatchObject({ kind: 'throttled', details: { retryAfterMs: 600_000 } });
  });

  it('reports a refused key, a server error, garbage and a hang as the engine expects', async () => {
    const bad = await setup({ config: { apiKey: 'nope' } });
    const auth = await failure(bad.instance.pulls.tracking!.pull(null, signal()));
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('Invalid API key.');
    expect(await bad.instance.testConnection(signal())).toEqual({
      ok: false,
      reason: 'auth',
      detail: 'AfterShip refused the credentials',
    });

    const { fake, instance } = await setup();
    expect(await instance.testConnection(signal())).toEqual({
      ok: true,
      detail: 'key accepted; 2 couriers active',
    });
    fake.http.inject({ route: 'list', fault: { kind: 'status', status: 503 } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('server');
    fake.http.inject({ route: 'list', fault: { kind: 'garbage', body: '<html>' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).message).toContain('not JSON');
    fake.http.inject({ route: 'list', fault: { kind: 'hang' } });
    expect((await failure(instance.pulls.tracking!.pull(null, signal()))).kind).toBe('timeout');
  });

  it('refuses a page whose field changed type and applies nothing of it', async () => {
    const { fake, instance } = await setup();
    for (let i = 0; i < 15; i++)
      fake.setTracking(
        `VN${i.toString().padStart(3, '0')}`,
        'ninjavan',
        checkpoints(['InTransit_001']),
        T0 - 100_000 + i,
      );
    fake.http.inject({ route: 'list', skip: 1, fault: { kind: 'typeChange' } });
    const run = await runOnStation(dirs.make(), instance.pulls.tracking!);
    expect(run.result.error).toContain('unexpected answer at trackings.0.checkpoints.0.checkpoint_time');
    expect(run.applied).toHaveLength(10);
    expect(JSON.parse(run.cursor!)).toMatchObject({ page: expect.any(String) });
  });

  it('creates trackings for watched parcels once, treats "already exists" as done, refuses a 4 KB number', async () => {
    const { fake, instance } = await setup();
    const outcomes = await instance.destination!.deliver(
      [
        watchEvent(1, 'NVVN0001', 'ninjavan-vn'),
        watchEvent(2, HUGE_NUMBER, 'ninjavan-vn'),
        watchEvent(3, 'NVVN0002', 'other'),
      ],
      signal(),
    );
    expect(outcomes).toEqual([
      {
        id: 'ev-2',
        status: 'rejected',
        reason: expect.stringContaining('tracking.watch payload: trackingNumber: Too big'),
      },
      { id: 'ev-1', status: 'delivered' },
      { id: 'ev-3', status: 'delivered' },
    ]);
    expect(JSON.parse(fake.http.requests.find((r) => r.route === 'create')!.body)).toEqual({
      tracking_number: 'NVVN0001',
      slug: 'ninjavan',
    });
    expect(fake.http.requests.filter((r) => r.route === 'create')).toHaveLength(2);

    expect(await instance.destination!.deliver([watchEvent(1, 'NVVN0001', 'ninjavan-vn')], signal())).toEqual(
      [{ id: 'ev-1', status: 'delivered' }],
    );
    expect(fake.creations('NVVN0001')).toBe(2);
  });

  it('accepts a signed webhook once, refuses a bad signature, marks a replay as a duplicate', async () => {
    const { fake, instance } = await setup();
    fake.setTracking('VN77', 'ninjavan', checkpoints(['InTransit_002', 'Delivered_003']), T0);
    const push = fake.push('VN77', 'evt-1');
    const first = instance.webhooks!.receive(push.headers, push.body);
    expect(first).toMatchObject({ duplicate: false, notification: { id: 'evt-1', type: 'tracking_update' } });
    expect(first.notification.tracking?.map((e) => e.status)).toEqual(['picked_up', 'delivered']);
    expect(instance.webhooks!.receive(push.headers, push.body).duplicate).toBe(true);
    expect(() => instance.webhooks!.receive({ 'aftership-hmac-sha256': 'AAAA' }, push.body)).toThrow(
      WebhookRejected,
    );
    expect(() => instance.webhooks!.receive(push.headers, `${push.body} `)).toThrow(/does not match/);
  });

  it("gives a checkpoint time without an offset the market's zone (VN +07:00)", async () => {
    const { fake, instance } = await setup();
    fake.setTracking(
      'VN5',
      'ninjavan',
      [{ checkpoint_time: '2026-05-09T21:15:00', message: 'x', tag: 'InTransit', subtag: 'InTransit_001' }],
      T0 - 5,
    );
    const { items } = await pullAll(instance.pulls.tracking!);
    expect(items[0]).toMatchObject({
      occurredAt: '2026-05-09T21:15:00+07:00',
      occurredAtMs: Date.UTC(2026, 4, 9, 14, 15),
    });
  });
});
