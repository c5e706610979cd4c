import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock';
import { seededRandom } from '../../random';
import { TokenBucket } from '../../sync/token-bucket';
import { decodeCursor, encodeCursor, PullData, type TRACKING_STATUSES } from './pull-data';

/**
 * A local carrier for tests, benchmarks and the demo: a real HTTP server on 127.0.0.1 serving any
 * number of destination names under /d/<name>/, each with
 *   POST /d/<name>/oauth/token   client-credentials token (expires after tokenTtlMs of `clock`)
 *   POST /d/<name>/events        batch delivery {events:[{idempotency_key, ordering_key, seq, type, payload}]}
 *                                → {results:[{idempotency_key, status: applied|duplicate|rejected, reason?}]}
 *   GET  /d/<name>/returns?cursor=&limit=    TikTok-Shop-like return orders  → {returns, next_cursor, more}
 *   GET  /d/<name>/tracking?cursor=&limit=   normalised tracking updates     → {events, next_cursor, more}
 * It applies each idempotency key once (later copies are counted as duplicates), counts every copy
 * it received before de-duplicating (so a test can tell "sent twice" from "applied twice"), records
 * the order in which each ordering key's events were applied and the copies that arrived after a
 * later event of their key was applied, enforces a declared rate limit per destination
 * on the events endpoint (429 + Retry-After beyond it), and serves faults on demand via inject().
 *
 * Public API: startTestCarrier(options) → Promise<TestCarrier>; see TestCarrier below.
 */
export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

export interface TestCarrierOptions {
  port?: number;
  clock?: Clock;
  tokenTtlMs?: number;
  credentials?: { clientId: string; clientSecret: string };
  /** Declared limit of every destination's events endpoint (default 1000/s, burst 100). */
  rateLimit?: RateLimit;
  rateLimits?: Record<string, RateLimit>;
  maxBatchSize?: number;
  /** Delay before answering an events request, ms (fixed, or a range drawn from `seed`). */
  latencyMs?: number | { min: number; max: number };
  /** Delay before answering a token request, ms (an OAuth server that takes its time). */
  tokenLatencyMs?: number;
  seed?: number;
  /** Pull feeds: how many return orders, and tracking updates for which tracking numbers. */
  returns?: number;
  trackingNumbers?: readonly string[];
  trackingPerParcel?: number;
  carrierName?: string;
}

export type FaultRoute = 'events' | 'token' | 'returns' | 'tracking';

interface FaultBase {
  /** Only requests to this destination (default: any). */
  destination?: string;
  route?: FaultRoute;
  /** How many matching requests get the fault (default 1; Infinity for "until cleared"). */
  times?: number;
  /** Let this many matching requests through first (a pull failing mid-way). */
  skip?: number;
  /** Apply the events first, then misbehave: the carrier has them, the client does not know. */
  afterApply?: boolean;
}

export type Fault =
  | (FaultBase & { kind: 'status'; status: number; retryAfter?: string; body?: string })
  | (FaultBase & { kind: 'hang' })
  | (FaultBase & { kind: 'reset' })
  | (FaultBase & { kind: 'garbage'; body?: string });

export interface FaultHandle {
  remaining(): number;
  cancel(): void;
}

export interface CarrierStats {
  requests: Record<FaultRoute, number>;
  eventsReceived: number;
  applied: number;
  duplicates: number;
  rejected: number;
  rateLimited: number;
  unauthorized: number;
  faultsServed: number;
  /** Most events-endpoint requests that arrived within any 1 s window. */
  maxRequestsPerSecond: number;
  /**
   * Copies of an already applied event that arrived after a later event of the same ordering key
   * was applied: a late request overtaken by the next one (harmless only because of the key).
   */
  staleDuplicates: number;
  /** Events applied after their request's client had given up on it (timed out, killed). */
  appliedAfterClientLeft: number;
  /** An event applied after a later one of the same ordering key. */
  orderViolations: Array<{ orderingKey: string; seq: number; after: number }>;
}

export interface AppliedEvent {
  destination: string;
  idempotencyKey: string;
  orderingKey: string;
  seq: number;
  type: string;
  payload: unknown;
  appliedAt: number;
}

export interface TestCarrier {
  readonly url: string;
  readonly port: number;
  /** Base URL of one destination name (what a client's baseUrl + remote name resolve to). */
  destinationUrl(name: string): string;
  stats(destination?: string): CarrierStats;
  /** Every applied event, in application order. */
  applied(destination?: string): AppliedEvent[];
  /**
   * How many times this key took effect (the applied log's entries for it): 1 for a delivered
   * event, whatever was sent; more would mean the carrier applied a copy.
   */
  applications(key: string): number;
  /** How many copies of this key arrived, before de-duplication (every send, every resend). */
  received(key: string): number;
  /** Seqs applied for an ordering key at one destination (default: the only one using it), in order. */
  appliedOrder(orderingKey: string, destination?: string): number[];
  inject(fault: Fault): FaultHandle;
  clearFaults(): void;
  /** Refuse these idempotency keys for good (422-like per-event rejection). */
  rejectKeys(keys: readonly string[], reason?: string): void;
  /** Invalidate every token issued so far: the next requests get 401. */
  expireTokens(): void;
  /** Accepts only these credentials from now on (a rotated key): every token issued so far stops working. */
  setCredentials(next: { clientId: string; clientSecret: string }): void;
  setLatency(latency: TestCarrierOptions['latencyMs']): void;
  addReturns(count: number): void;
  addTracking(
    trackingNumbers: readonly string[],
    perParcel: number,
    status?: (typeof TRACKING_STATUSES)[number],
  ): void;
  close(): Promise<void>;
}

const eventsBodySchema = z.object({
  events: z
    .array(
      z.object({
        idempotency_key: z.string().min(1),
        ordering_key: z.string().min(1),
        seq: z.number().int(),
        type: z.string(),
        payload: z.unknown(),
      }),
    )
    .min(1),
});

const tokenBodySchema = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string(),
  client_secret: z.string(),
});

interface DestinationState {
  bucket: TokenBucket;
  stats: CarrierStats;
  window: number[];
}

function emptyStats(): CarrierStats {
  return {
    requests: { events: 0, token: 0, returns: 0, tracking: 0 },
    eventsReceived: 0,
    applied: 0,
    duplicates: 0,
    rejected: 0,
    rateLimited: 0,
    unauthorized: 0,
    faultsServed: 0,
    maxRequestsPerSecond: 0,
    staleDuplicates: 0,
    appliedAfterClientLeft: 0,
    orderViolations: [],
  };
}

export async function startTestCarrier(options: TestCarrierOptions = {}): Promise<TestCarrier> {
  const clock = options.clock ?? systemClock;
  const tokenTtlMs = options.tokenTtlMs ?? 15 * 60_000;
  let credentials = options.credentials ?? { clientId: 'lastmile', clientSecret: 'test-secret' };
  const maxBatchSize = options.maxBatchSize ?? 500;
  const random = seededRandom(options.seed ?? 1);
  let latency = options.latencyMs ?? 0;

  const tokens = new Map<string, { destination: string; expiresAt: number }>();
  let tokenCounter = 0;
  const destinations = new Map<string, DestinationState>();
  // The de-duplication index and the effects are kept apart, so the effects count what the index
  // let through, not what it says.
  const appliedByKey = new Map<string, AppliedEvent>();
  const effects = new Map<string, number>();
  const receivedCount = new Map<string, number>();
  const maxAppliedSeq = new Map<string, number>();
  const appliedLog: AppliedEvent[] = [];
  const orderByKey = new Map<string, number[]>();
  const rejected = new Map<string, string>();
  const faults: Array<Fault & { left: number; skipped: number }> = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  const total = emptyStats();

  const pullData = new PullData(options.seed ?? 1, clock.now(), options.carrierName ?? 'test-carrier');
  pullData.addReturns(options.returns ?? 0, options.trackingNumbers ?? []);
  if (options.trackingNumbers && (options.trackingPerParcel ?? 0) > 0) {
    pullData.addTracking(options.trackingNumbers, options.trackingPerParcel ?? 0);
  }

  const stateOf = (name: string): DestinationState => {
    let state = destinations.get(name);
    if (!state) {
      const limit = options.rateLimits?.[name] ??
        options.rateLimit ?? { requestsPerSecond: 1000, burst: 100 };
      state = {
        bucket: new TokenBucket(clock, { ratePerSecond: limit.requestsPerSecond, burst: limit.burst }),
        stats: emptyStats(),
        window: [],
      };
      destinations.set(name, state);
    }
    return state;
  };

  const bump = (state: DestinationState, f: (s: CarrierStats) => void): void => {
    f(state.stats);
    f(total);
  };

  const takeFault = (destination: string, route: FaultRoute): Fault | null => {
    for (const fault of faults) {
      if (fault.left <= 0) continue;
      if (fault.destination !== undefined && fault.destination !== destination) continue;
      if ((fault.route ?? 'events') !== route) continue;
      if (fault.skipped < (fault.skip ?? 0)) {
        fault.skipped += 1;
        return null;
      }
      fault.left -= 1;
      return fault;
    }
    return null;
  };

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  const misbehave = (fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): void => {
    switch (fault.kind) {
      case 'status':
        send(res, fault.status, fault.body ?? { error: `injected ${fault.status.toString()}` }, {
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        });
        return;
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'garbage':
        send(res, 200, fault.body ?? '{"results": [{"idempotency_key": tru');
        return;
    }
  };

  const authorised = (req: http.IncomingMessage, destination: string): boolean => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const entry = tokens.get(token);
    return entry !== undefined && entry.destination === destination && entry.expiresAt > clock.now();
  };

  const applyEvents = (destination: string, body: z.infer<typeof eventsBodySchema>, clientLeft: boolean) => {
    const state = stateOf(destination);
    return body.events.map((event) => {
      bump(state, (s) => (s.eventsReceived += 1));
      receivedCount.set(event.idempotency_key, (receivedCount.get(event.idempotency_key) ?? 0) + 1);
      const orderKey = `${destination}\u0000${event.ordering_key}`;
      const refusal = rejected.get(event.idempotency_key);
      if (refusal !== undefined) {
        bump(state, (s) => (s.rejected += 1));
        return { idempotency_key: event.idempotency_key, status: 'rejected', reason: refusal };
      }
      if (appliedByKey.has(event.idempotency_key)) {
        bump(state, (s) => (s.duplicates += 1));
        if (event.seq < (maxAppliedSeq.get(orderKey) ?? -Infinity))
          bump(state, (s) => (s.staleDuplicates += 1));
        return { idempotency_key: event.idempotency_key, status: 'duplicate' };
      }
      const applied: AppliedEvent = {
        destination,
        idempotencyKey: event.idempotency_key,
        orderingKey: event.ordering_key,
        seq: event.seq,
        type: event.type,
        payload: event.payload,
        appliedAt: clock.now(),
      };
      appliedByKey.set(event.idempotency_key, applied);
      effects.set(event.idempotency_key, (effects.get(event.idempotency_key) ?? 0) + 1);
      appliedLog.push(applied);
      if (clientLeft) bump(state, (s) => (s.appliedAfterClientLeft += 1));
      maxAppliedSeq.set(orderKey, Math.max(maxAppliedSeq.get(orderKey) ?? -Infinity, event.seq));
      // Order is per destination: each carrier only ever sees (and cares about) its own stream.
      const order = orderByKey.get(orderKey) ?? [];
      const last = order[order.length - 1];
      if (last !== undefined && event.seq < last) {
        bump(state, (s) =>
          s.orderViolations.push({ orderingKey: event.ordering_key, seq: event.seq, after: last }),
        );
      }
      order.push(event.seq);
      orderByKey.set(orderKey, order);
      bump(state, (s) => (s.applied += 1));
      return { idempotency_key: event.idempotency_key, status: 'applied' };
    });
  };

  const countWindow = (state: DestinationState): void => {
    const now = clock.now();
    state.window.push(now);
    while ((state.window[0] ?? now) <= now - 1000) state.window.shift();
    const n = state.window.length;
    bump(state, (s) => (s.maxRequestsPerSecond = Math.max(s.maxRequestsPerSecond, n)));
  };

  const delay = (): Promise<void> => {
    const ms =
      typeof latency === 'number' ? latency : latency.min + random.next() * (latency.max - latency.min);
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  };

  const handleEvents = async (
    destination: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: string,
  ) => {
    const state = stateOf(destination);
    countWindow(state);
    if (!state.bucket.tryTake()) {
      bump(state, (s) => (s.rateLimited += 1));
      const wait = Math.max(1, Math.ceil(state.bucket.waitMs() / 1000));
      return send(res, 429, { error: 'rate limit exceeded' }, { 'retry-after': wait.toString() });
    }
    const fault = takeFault(destination, 'events');
    if (fault && !fault.afterApply) {
      bump(state, (s) => (s.faultsServed += 1));
      return misbehave(fault, req, res);
    }
    if (!authorised(req, destination)) {
      bump(state, (s) => (s.unauthorized += 1));
      return send(res, 401, { error: 'invalid or expired token' });
    }
    let parsed: z.infer<typeof eventsBodySchema>;
    try {
      parsed = eventsBodySchema.parse(JSON.parse(raw));
    } catch {
      return send(res, 400, { error: 'body is not an events batch' });
    }
    if (parsed.events.length > maxBatchSize) {
      return send(res, 413, { error: `at most ${maxBatchSize.toString()} events per request` });
    }
    // A client that gives up (times out, is killed) does not stop the carrier: like a real one it
    // applies what it received, later than the client thinks.
    let clientLeft = false;
    res.once('close', () => {
      if (!res.writableEnded) clientLeft = true;
    });
    await delay();
    const results = applyEvents(destination, parsed, clientLeft);
    if (fault) {
      bump(state, (s) => (s.faultsServed += 1));
      return misbehave(fault, req, res);
    }
    send(res, 200, { results });
  };

  const handlePull = (
    destination: string,
    feed: 'returns' | 'tracking',
    url: URL,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ) => {
    const state = stateOf(destination);
    const fault = takeFault(destination, feed);
    if (fault) {
      bump(state, (s) => (s.faultsServed += 1));
      return misbehave(fault, req, res);
    }
    if (!authorised(req, destination)) {
      bump(state, (s) => (s.unauthorized += 1));
      return send(res, 401, { error: 'invalid or expired token' });
    }
    const offset = decodeCursor(feed, url.searchParams.get('cursor'));
    if (offset === null) return send(res, 400, { error: 'bad cursor' });
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
    const rows = feed === 'returns' ? pullData.returns : pullData.tracking;
    const page = rows.slice(offset, offset + limit);
    const next = offset + page.length;
    // The cursor always points after what was served, so a caught-up client asks again from there.
    send(res, 200, {
      [feed === 'returns' ? 'returns' : 'events']: page,
      next_cursor: encodeCursor(feed, next),
      more: next < rows.length,
    });
  };

  const handleToken = async (
    destination: string,
    res: http.ServerResponse,
    raw: string,
    req: http.IncomingMessage,
  ) => {
    if ((options.tokenLatencyMs ?? 0) > 0) await new Promise((r) => setTimeout(r, options.tokenLatencyMs));
    const state = stateOf(destination);
    const fault = takeFault(destination, 'token');
    if (fault) {
      bump(state, (s) => (s.faultsServed += 1));
      return misbehave(fault, req, res);
    }
    let body: z.infer<typeof tokenBodySchema>;
    try {
      body = tokenBodySchema.parse(JSON.parse(raw));
    } catch {
      return send(res, 400, { error: 'invalid_request' });
    }
    if (body.client_id !== credentials.clientId || body.client_secret !== credentials.clientSecret) {
      return send(res, 401, { error: 'invalid_client' });
    }
    tokenCounter += 1;
    const token = `tok-${tokenCounter.toString()}-${Buffer.from(random.bytes(8)).toString('hex')}`;
    tokens.set(token, { destination, expiresAt: clock.now() + tokenTtlMs });
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: Math.floor(tokenTtlMs / 1000) });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/d\/([A-Za-z0-9_.-]{1,64})\/(oauth\/token|events|returns|tracking)$/.exec(
        url.pathname,
      );
      if (!match) return send(res, 404, { error: 'not found' });
      const destination = match[1] ?? '';
      const route = (match[2] === 'oauth/token' ? 'token' : match[2]) as FaultRoute;
      bump(stateOf(destination), (s) => (s.requests[route] += 1));
      const wantPost = route === 'token' || route === 'events';
      if ((req.method === 'POST') !== wantPost) return send(res, 405, { error: 'method not allowed' });
      if (route === 'token') {
        handleToken(destination, res, raw, req).catch(() => res.destroy());
        return;
      }
      if (route === 'events') {
        handleEvents(destination, req, res, raw).catch(() => res.destroy());
        return;
      }
      handlePull(destination, route, url, req, res);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port.toString()}`;

  return {
    url,
    port,
    destinationUrl: (name) => `${url}/d/${name}`,
    stats: (destination) => {
      const s = destination === undefined ? total : (destinations.get(destination)?.stats ?? emptyStats());
      return { ...s, requests: { ...s.requests }, orderViolations: [...s.orderViolations] };
    },
    applied: (destination) =>
      destination === undefined ? [...appliedLog] : appliedLog.filter((a) => a.destination === destination),
    applications: (key) => effects.get(key) ?? 0,
    received: (key) => receivedCount.get(key) ?? 0,
    appliedOrder: (key, destination) =>
      destination === undefined
        ? appliedLog.filter((a) => a.orderingKey === key).map((a) => a.seq)
        : [...(orderByKey.get(`${destination}\u0000${key}`) ?? [])],
    inject: (fault) => {
      const entry = { ...fault, left: fault.times ?? 1, skipped: 0 };
      faults.push(entry);
      return {
        remaining: () => entry.left,
        cancel: () => {
          entry.left = 0;
        },
      };
    },
    clearFaults: () => {
      faults.length = 0;
      for (const res of hanging) res.destroy();
    },
    rejectKeys: (keys, reason = 'rejected by the carrier: unknown parcel') => {
      for (const key of keys) rejected.set(key, reason);
    },
    expireTokens: () => {
      for (const entry of tokens.values()) entry.expiresAt = Number.NEGATIVE_INFINITY;
    },
    setCredentials: (next) => {
      credentials = { ...next };
      for (const entry of tokens.values()) entry.expiresAt = Number.NEGATIVE_INFINITY;
    },
    setLatency: (value) => {
      latency = value ?? 0;
    },
    addReturns: (count) => pullData.addReturns(count, options.trackingNumbers ?? []),
    addTracking: (numbers, perParcel, status) => pullData.addTracking(numbers, perParcel, status),
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
