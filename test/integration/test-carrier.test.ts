import { afterEach, describe, expect, it } from 'vitest';
import {
  pulledReturnOrderSchema,
  pulledTrackingEventSchema,
  TestCarrierClient,
} from '../../src/main/carriers/test-carrier/client';
import { startTestCarrier, type TestCarrier } from '../../src/main/carriers/test-carrier/server';
import { ManualClock, systemClock } from '../../src/main/clock';
import { buildDestination, destinationConfigSchema } from '../../src/main/sync/destination-config';
import { DeliveryError, type OutboundEvent } from '../../src/main/sync/destination';
import { CREDENTIALS, client, limits, until } from './fixtures/carrier-harness';

function ev(n: number, key = `k${n.toString()}`, seq = n): OutboundEvent {
  return {
    id: `id-${n.toString()}`,
    seq,
    idempotencyKey: `idem-${n.toString()}`,
    destination: 'c1',
    orderingKey: key,
    type: 'scan.unknown',
    payload: { n },
    attempts: 1,
  };
}

const signal = (ms = 2_000) => AbortSignal.timeout(ms);

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected a DeliveryError');
}

describe('local test carrier (server and client)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(options: Parameters<typeof startTestCarrier>[0] = {}): Promise<TestCarrier> {
    const carrier = await startTestCarrier(options);
    cleanups.push(() => carrier.close());
    return carrier;
  }
  function clientFor(
    carrier: TestCarrier,
    name = 'c1',
    clock = systemClock as ManualClock | typeof systemClock,
  ) {
    const c = client(carrier.url, name, clock);
    cleanups.push(() => c.close());
    return c;
  }

  it('listens on 127.0.0.1 only', async () => {
    const carrier = await start();
    expect(carrier.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('applies each idempotency key once and counts the duplicates', async () => {
    const carrier = await start();
    const c = clientFor(carrier);
    const first = await c.deliver([ev(1), ev(2)], signal());
    expect(first).toEqual([
      { id: 'id-1', status: 'delivered' },
      { id: 'id-2', status: 'delivered' },
    ]);
    const again = await c.deliver([ev(2), ev(3)], signal());
    expect(again.map((o) => o.status)).toEqual(['delivered', 'delivered']);
    expect(carrier.stats('c1')).toMatchObject({ eventsReceived: 4, applied: 3, duplicates: 1 });
    // Sent twice, applied once: copies are counted before de-duplication, effects after it.
    expect(carrier.received('idem-2')).toBe(2);
    expect(carrier.applications('idem-2')).toBe(1);
    expect(carrier.received('idem-1')).toBe(1);
    expect(carrier.received('never-sent')).toBe(0);
    expect(carrier.applied().map((a) => a.idempotencyKey)).toEqual(['idem-1', 'idem-2', 'idem-3']);
  });

  it('applies a key once however its copies arrive: together, side by side, in one batch', async () => {
    const carrier = await start({ latencyMs: 30 });
    const c = clientFor(carrier);
    // Five requests at once, each carrying key 7; a sixth carries it twice in one batch.
    await Promise.all([
      ...Array.from({ length: 5 }, () => c.deliver([ev(7)], signal())),
      c.deliver([ev(7), ev(7), ev(8)], signal()),
    ]);
    expect(carrier.received('idem-7')).toBe(7);
    expect(carrier.applications('idem-7')).toBe(1);
    expect(carrier.applied('c1').filter((a) => a.idempotencyKey === 'idem-7')).toHaveLength(1);
    expect(carrier.stats('c1')).toMatchObject({ eventsReceived: 8, applied: 2, duplicates: 6 });
  });

  it('counts a late copy that arrives after the next event of its key, and one applied after its client left', async () => {
    const carrier = await start();
    const c = clientFor(carrier);
    await c.deliver([ev(1, 'parcel:9', 1)], signal());
    await c.deliver([ev(2, 'parcel:9', 2)], signal());
    // The first event again, late: the next one of its key is already applied.
    await c.deliver([ev(1, 'parcel:9', 1)], signal());
    expect(carrier.stats('c1')).toMatchObject({ staleDuplicates: 1, orderViolations: [] });
    expect(carrier.appliedOrder('parcel:9', 'c1')).toEqual([1, 2]);

    // A client that gives up before the carrier answers: the carrier applies it all the same.
    carrier.setLatency(400);
    const gaveUp = await failure(c.deliver([ev(3)], AbortSignal.timeout(50)));
    expect(gaveUp.kind).toBe('timeout');
    await until(() => carrier.applications('idem-3') > 0, 5_000);
    expect(carrier.applications('idem-3')).toBe(1);
    expect(carrier.stats('c1').appliedAfterClientLeft).toBe(1);
  });

  it('detects an ordering violation (so tests relying on it can fail)', async () => {
    const carrier = await start();
    const c = clientFor(carrier);
    await c.deliver([ev(10, 'parcel:1', 10)], signal());
    await c.deliver([ev(11, 'parcel:1', 5)], signal());
    expect(carrier.stats().orderViolations).toEqual([{ orderingKey: 'parcel:1', seq: 5, after: 10 }]);
    expect(carrier.appliedOrder('parcel:1')).toEqual([10, 5]);
    expect(carrier.appliedOrder('parcel:1', 'c1')).toEqual([10, 5]);
    // The same key at another destination is another stream: no violation there.
    const other = clientFor(carrier, 'c2');
    await other.deliver([ev(12, 'parcel:1', 1)], signal());
    expect(carrier.stats().orderViolations).toHaveLength(1);
    expect(carrier.appliedOrder('parcel:1', 'c2')).toEqual([1]);
  });

  it('serves many destinations under one server, each with its own tokens and counts', async () => {
    const carrier = await start();
    const a = clientFor(carrier, 'alpha');
    const b = clientFor(carrier, 'beta');
    await a.deliver([ev(1)], signal());
    await b.deliver([ev(2), ev(3)], signal());
    expect(carrier.stats('alpha').applied).toBe(1);
    expect(carrier.stats('beta').applied).toBe(2);
    expect(carrier.stats().applied).toBe(3);
    // A token is valid for the destination that issued it only.
    const token = await fetch(`${carrier.url}/d/alpha/oauth/token`, {
      method: 'POST',
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'lastmile',
        client_secret: 'test-secret',
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const cross = await fetch(`${carrier.url}/d/beta/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({
        events: [{ idempotency_key: 'x', ordering_key: 'y', seq: 1, type: 't', payload: {} }],
      }),
    });
    expect(cross.status).toBe(401);
    expect((await fetch(`${carrier.url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${carrier.url}/d/alpha/events`)).status).toBe(405);
  });

  it('tokens expire on the carrier clock: 401 until the client refreshes', async () => {
    const carrierClock = new ManualClock(Date.UTC(2026, 0, 1));
    const carrier = await start({ clock: carrierClock, tokenTtlMs: 60_000 });
    // The client's own clock still thinks the token is fresh; only the carrier knows it is not.
    const c = clientFor(carrier, 'c1', systemClock);
    await c.deliver([ev(1)], signal());
    carrierClock.advance(59_000);
    await c.deliver([ev(2)], signal());
    carrierClock.advance(2_000);
    const err = await failure(c.deliver([ev(3)], signal()));
    expect(err).toMatchObject({ kind: 'auth', details: { status: 401 } });
    await c.refreshCredentials(signal());
    await expect(c.deliver([ev(3)], signal())).resolves.toHaveLength(1);
    expect(carrier.stats('c1')).toMatchObject({ unauthorized: 1, applied: 3 });
    expect(carrier.stats('c1').requests.token).toBe(2);
  });

  it('wrong credentials are an auth failure about the carrier, not a rejection of the events', async () => {
    const carrier = await start();
    const c = new TestCarrierClient({
      name: 'c1',
      baseUrl: carrier.url,
      credentials: { clientId: 'lastmile', clientSecret: 'wrong' },
      limits: limits(),
      clock: systemClock,
    });
    cleanups.push(() => c.close());
    const err = await failure(c.deliver([ev(1)], signal()));
    expect(err.kind).toBe('auth');
    expect(err.message).toBe('the carrier refused our credentials');
    expect(carrier.stats('c1').requests.events).toBe(0);
  });

  it('enforces its declared rate limit with 429 and Retry-After', async () => {
    const carrier = await start({ rateLimits: { c1: { requestsPerSecond: 1, burst: 2 } } });
    const c = clientFor(carrier);
    await c.deliver([ev(1)], signal());
    await c.deliver([ev(2)], signal());
    const err = await failure(c.deliver([ev(3)], signal()));
    expect(err.kind).toBe('throttled');
    expect(err.details).toMatchObject({ status: 429, retryAfterMs: 1_000 });
    expect(carrier.stats('c1')).toMatchObject({ rateLimited: 1, applied: 2, maxRequestsPerSecond: 3 });
  });

  it('injects each fault on demand, and the client classifies it', async () => {
    const carrier = await start();
    const c = clientFor(carrier);
    await c.deliver([ev(0)], signal());

    carrier.inject({ kind: 'status', status: 429, retryAfter: '7' });
    expect((await failure(c.deliver([ev(1)], signal()))).details).toEqual({
      status: 429,
      retryAfterMs: 7_000,
    });
    carrier.inject({ kind: 'status', status: 503 });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('server');
    carrier.inject({ kind: 'status', status: 500 });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('server');
    carrier.inject({ kind: 'hang' });
    expect((await failure(c.deliver([ev(1)], signal(200)))).kind).toBe('timeout');
    carrier.inject({ kind: 'reset' });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('network');
    carrier.inject({ kind: 'garbage' });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('malformed');
    carrier.inject({ kind: 'garbage', body: '{"results": "all good"}' });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('malformed');
    expect(carrier.stats('c1').applied).toBe(1);

    // After-apply faults: the carrier has the event, the client cannot know.
    carrier.inject({ kind: 'reset', afterApply: true });
    expect((await failure(c.deliver([ev(1)], signal()))).kind).toBe('network');
    carrier.inject({ kind: 'garbage', afterApply: true });
    expect((await failure(c.deliver([ev(2)], signal()))).kind).toBe('malformed');
    expect(carrier.stats('c1').applied).toBe(3);
    await c.deliver([ev(1), ev(2)], signal());
    expect(carrier.stats('c1')).toMatchObject({ applied: 3, duplicates: 2 });

    carrier.rejectKeys(['idem-9'], 'no such parcel');
    expect(await c.deliver([ev(9), ev(8)], signal())).toEqual([
      { id: 'id-9', status: 'rejected', reason: 'no such parcel' },
      { id: 'id-8', status: 'delivered' },
    ]);
    expect(carrier.stats('c1').faultsServed).toBe(9);
  });

  it('faults can be limited to a destination, skip requests, repeat, and be cancelled', async () => {
    const carrier = await start();
    const a = clientFor(carrier, 'alpha');
    const b = clientFor(carrier, 'beta');
    const handle = carrier.inject({
      kind: 'status',
      status: 503,
      destination: 'beta',
      skip: 1,
      times: Infinity,
    });
    await b.deliver([ev(1)], signal());
    expect((await failure(b.deliver([ev(2)], signal()))).kind).toBe('server');
    expect((await failure(b.deliver([ev(2)], signal()))).kind).toBe('server');
    await a.deliver([ev(3)], signal());
    handle.cancel();
    await b.deliver([ev(2)], signal());
    expect(carrier.stats().applied).toBe(3);
  });

  it('pulls return orders and tracking updates page by page with a cursor, deterministic from the seed', async () => {
    const tracking = ['TH1000000001', 'TH1000000002', 'TH1000000003'];
    const carrier = await start({ seed: 5, returns: 120, trackingNumbers: tracking, trackingPerParcel: 4 });
    const twin = await start({ seed: 5, returns: 120, trackingNumbers: tracking, trackingPerParcel: 4 });
    const returns = clientFor(carrier).returnsSource();
    const pages: number[] = [];
    let cursor: string | null = null;
    const all: string[] = [];
    for (;;) {
      const page = await returns.pull(cursor, signal());
      pages.push(page.items.length);
      all.push(...page.items.map((r) => r.return_id));
      for (const item of page.items) expect(pulledReturnOrderSchema.safeParse(item).success).toBe(true);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(new Set(all).size).toBe(120);
    const twinFirst = await clientFor(twin).returnsSource().pull(null, signal());
    const first = await returns.pull(null, signal());
    expect(twinFirst.items).toEqual(first.items);
    expect(first.items[0]).toMatchObject({
      return_id: expect.stringMatching(/^RT\d+$/),
      return_tracking_number: 'TH1000000001',
      items: expect.arrayContaining([expect.objectContaining({ quantity: expect.any(Number) })]),
    });

    // Caught up: the saved cursor yields nothing new until the carrier has more.
    const caughtUp = await returns.pull(cursor, signal());
    expect(caughtUp).toMatchObject({ items: [], hasMore: false });
    carrier.addReturns(3);
    expect((await returns.pull(cursor, signal())).items).toHaveLength(3);

    const updates = await clientFor(carrier).trackingSource().pull(null, signal());
    expect(updates.items).toHaveLength(12);
    for (const u of updates.items) expect(pulledTrackingEventSchema.safeParse(u).success).toBe(true);
    const statuses = updates.items.filter((u) => u.tracking_number === 'TH1000000002').map((u) => u.status);
    expect(statuses).toEqual(['picked_up', 'in_transit', 'in_transit', 'out_for_delivery']);
  });

  it('a pull that fails mid-way resumes from the saved cursor with nothing lost or repeated', async () => {
    const carrier = await start({ returns: 130 });
    const returns = clientFor(carrier).returnsSource();
    carrier.inject({ kind: 'reset', route: 'returns', skip: 1 });
    const page1 = await returns.pull(null, signal());
    expect((await failure(returns.pull(page1.nextCursor, signal()))).kind).toBe('network');
    carrier.inject({ kind: 'garbage', route: 'returns', body: '{"returns": [{"return_id": 5}]' });
    expect((await failure(returns.pull(page1.nextCursor, signal()))).kind).toBe('malformed');
    const page2 = await returns.pull(page1.nextCursor, signal());
    const page3 = await returns.pull(page2.nextCursor, signal());
    const ids = [...page1.items, ...page2.items, ...page3.items].map((r) => r.return_id);
    expect(new Set(ids).size).toBe(130);
    expect(page3.hasMore).toBe(false);
    const bad = await fetch(`${carrier.url}/d/c1/returns?cursor=bm9wZQ`);
    expect(bad.status).toBe(401);
  });

  it('a pull refreshes an expired token by itself', async () => {
    const carrier = await start({ returns: 5 });
    const returns = clientFor(carrier).returnsSource();
    await returns.pull(null, signal());
    carrier.expireTokens();
    await expect(returns.pull(null, signal())).resolves.toMatchObject({ hasMore: false });
    expect(carrier.stats('c1').unauthorized).toBe(1);
  });
});

describe('destination config', () => {
  const base = {
    name: 'j_and_t',
    kind: 'test-carrier' as const,
    baseUrl: 'http://127.0.0.1:4010',
    credentials: CREDENTIALS,
  };

  it('fills limits with defaults and accepts loopback URLs only', () => {
    const parsed = destinationConfigSchema.parse(base);
    expect(parsed.limits).toMatchObject({ maxBatchSize: 100, requestsPerSecond: 20 });
    expect(destinationConfigSchema.safeParse({ ...base, baseUrl: 'http://localhost:9' }).success).toBe(true);
    for (const url of [
      'https://127.0.0.1:1',
      'http://10.0.0.5:80',
      'http://api.carrier.example',
      'nonsense',
    ]) {
      expect(destinationConfigSchema.safeParse({ ...base, baseUrl: url }).success).toBe(false);
    }
    expect(destinationConfigSchema.safeParse({ ...base, name: 'has space' }).success).toBe(false);
    expect(destinationConfigSchema.safeParse({ ...base, limits: { maxBatchSize: 0 } }).success).toBe(false);
  });

  it('builds a working destination with its pull feeds', async () => {
    const carrier = await startTestCarrier({ returns: 2 });
    try {
      const built = buildDestination(
        { ...base, baseUrl: carrier.url, limits: { maxBatchSize: 5 } },
        { clock: systemClock },
      );
      expect(built.destination.limits.maxBatchSize).toBe(5);
      await built.destination.deliver([ev(1)], signal());
      expect(carrier.stats('j_and_t').applied).toBe(1);
      const page = await built.pulls.returns?.pull(null, signal());
      expect(page?.items).toHaveLength(2);
      built.close();
    } finally {
      await carrier.close();
    }
  });
});
