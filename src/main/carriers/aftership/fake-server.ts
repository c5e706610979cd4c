import { createHmac } from 'node:crypto';
import { systemClock, type Clock } from '../../clock';
import { FakeRateLimit, startFakeHttp, type FakeAnswer, type FakeHttp, type FakeRequest } from '../fake-http';

/**
 * A fake AfterShip Tracking API on 127.0.0.1: GET/POST /tracking/2025-04/trackings and GET
 * /couriers, the `as-api-key` header checked against its own key (401 with AfterShip's error
 * envelope), cursor pages of trackings filtered by updated_at_min, 4003 for a tracking that
 * exists, a per-second limit answering 429 with x-ratelimit-reset, and webhooks signed with its own
 * HMAC code. Faults come from fake-http (inject()).
 *
 * Public API: startAfterShipFake(options) → Promise<AfterShipFake>.
 */
export interface FakeCheckpoint {
  checkpoint_time: string;
  message: string;
  tag: string;
  subtag?: string | null;
  location?: string | null;
  city?: string | null;
}

export interface AfterShipFakeOptions {
  apiKey?: string;
  webhookSecret?: string;
  clock?: Clock;
  rateLimitPerSecond?: number;
}

export interface AfterShipFake {
  baseUrl: string;
  http: FakeHttp;
  /** Adds or replaces a tracking with its checkpoints, updated at `updatedAt` (ms). */
  setTracking(number: string, slug: string, checkpoints: FakeCheckpoint[], updatedAt: number): void;
  /** POST /trackings calls per number, counted before the fake's own "already exists" check. */
  creations(number: string): number;
  has(number: string): boolean;
  rateLimited(): number;
  push(number: string, eventId: string): { headers: Record<string, string>; body: string };
  close(): Promise<void>;
}

const PREFIX = '/tracking/2025-04';

interface Stored {
  id: string;
  number: string;
  slug: string;
  checkpoints: FakeCheckpoint[];
  updatedAt: number;
}

export async function startAfterShipFake(options: AfterShipFakeOptions = {}): Promise<AfterShipFake> {
  const apiKey = options.apiKey ?? 'fake-aftership-key';
  const webhookSecret = options.webhookSecret ?? 'fake-aftership-webhook-secret';
  const clock = options.clock ?? systemClock;
  const trackings = new Map<string, Stored>();
  const creations = new Map<string, number>();
  const limiter = options.rateLimitPerSecond
    ? new FakeRateLimit(options.rateLimitPerSecond, () => clock.now())
    : null;
  let ids = 0;

  const envelope = (code: number, message: string, type: string, data: unknown = {}) => ({
    meta: { code, message, type },
    data,
  });

  const json = (t: Stored, typeChange = false) => ({
    id: t.id,
    tracking_number: t.number,
    slug: t.slug,
    tag: t.checkpoints.at(-1)?.tag ?? 'Pending',
    subtag: t.checkpoints.at(-1)?.subtag ?? 'Pending_001',
    created_at: new Date(t.updatedAt).toISOString(),
    updated_at: new Date(t.updatedAt).toISOString(),
    checkpoints: t.checkpoints.map((c, i) => ({
      slug: t.slug,
      created_at: new Date(t.updatedAt).toISOString(),
      checkpoint_time: typeChange && i === 0 ? Date.parse(c.checkpoint_time) : c.checkpoint_time,
      message: c.message,
      tag: c.tag,
      subtag: c.subtag ?? null,
      subtag_message: null,
      location: c.location ?? null,
      city: c.city ?? null,
      state: null,
      zip: null,
      country_region: null,
      raw_tag: null,
    })),
  });

  const handle = (req: FakeRequest, typeChange: boolean): FakeAnswer => {
    if (limiter && limiter.take() > 0) {
      return {
        status: 429,
        body: envelope(429, 'You have exceeded the API call rate limit.', 'TooManyRequests'),
        headers: {
          'x-ratelimit-reset': Math.ceil((clock.now() + 1_000) / 1000).toString(),
          'x-ratelimit-limit': '10',
        },
      };
    }
    if (req.headers['as-api-key'] !== apiKey)
      return { status: 401, body: envelope(401, 'Invalid API key.', 'Unauthorized') };
    if (req.route === 'couriers') {
      return {
        status: 200,
        body: envelope(200, 'OK', 'OK', {
          total: 2,
          couriers: [{ slug: 'ninjavan' }, { slug: 'thailand-post' }],
        }),
      };
    }
    if (req.route === 'create') {
      let body: { tracking_number?: unknown; slug?: unknown };
      try {
        body = JSON.parse(req.body) as typeof body;
      } catch {
        return { status: 400, body: envelope(4001, 'Invalid JSON data.', 'BadRequest') };
      }
      if (
        typeof body.tracking_number !== 'string' ||
        body.tracking_number.length === 0 ||
        body.tracking_number.length > 100
      ) {
        return {
          status: 400,
          body: envelope(4005, 'The value of `tracking_number` is invalid.', 'BadRequest'),
        };
      }
      const number = body.tracking_number;
      creations.set(number, (creations.get(number) ?? 0) + 1);
      if (trackings.has(number))
        return { status: 400, body: envelope(4003, 'Tracking already exists.', 'BadRequest') };
      const stored = {
        id: `t${(ids++).toString()}`,
        number,
        slug: typeof body.slug === 'string' ? body.slug : 'detected',
        checkpoints: [],
        updatedAt: clock.now(),
      };
      trackings.set(number, stored);
      return { status: 201, body: envelope(201, 'Created', 'Created', json(stored)) };
    }
    const limit = Number(req.query.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      return { status: 400, body: envelope(4006, 'The value of `limit` is invalid.', 'BadRequest') };
    }
    const min = Date.parse(req.query.get('updated_at_min') ?? '');
    const rows = [...trackings.values()]
      .filter((t) => !Number.isFinite(min) || t.updatedAt >= min)
      .sort((a, b) => a.updatedAt - b.updatedAt || a.number.localeCompare(b.number));
    const cursor = req.query.get('cursor');
    const from =
      cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString().replace('after:', ''));
    if (!Number.isInteger(from) || from < 0)
      return { status: 400, body: envelope(4007, 'The value of `cursor` is invalid.', 'BadRequest') };
    const page = rows.slice(from, from + limit);
    const next = from + page.length;
    const more = next < rows.length;
    return {
      status: 200,
      body: envelope(200, 'OK', 'OK', {
        pagination: {
          total: rows.length,
          next_cursor: more ? Buffer.from(`after:${next.toString()}`).toString('base64url') : null,
          has_next_page: more,
        },
        trackings: page.map((t, i) => json(t, typeChange && i === 0)),
      }),
    };
  };

  const http = await startFakeHttp({
    route: (method, path) => {
      if (path === `${PREFIX}/trackings`)
        return method === 'GET' ? 'list' : method === 'POST' ? 'create' : null;
      if (path === `${PREFIX}/couriers` && method === 'GET') return 'couriers';
      return null;
    },
    handle,
    errorBody: (status) =>
      status === 401
        ? envelope(401, 'Invalid API key.', 'Unauthorized')
        : status === 429
          ? envelope(429, 'You have exceeded the API call rate limit.', 'TooManyRequests')
          : status === 404
            ? envelope(
                404,
                'The URI requested is invalid or the resource requested does not exist.',
                'NotFound',
              )
            : envelope(500, "Something went wrong on AfterShip's end.", 'InternalError'),
    now: () => clock.now(),
  });

  return {
    baseUrl: `${http.url}${PREFIX}`,
    http,
    setTracking: (number, slug, checkpoints, updatedAt) => {
      trackings.set(number, {
        id: trackings.get(number)?.id ?? `t${(ids++).toString()}`,
        number,
        slug,
        checkpoints,
        updatedAt,
      });
    },
    creations: (number) => creations.get(number) ?? 0,
    has: (number) => trackings.has(number),
    rateLimited: () => limiter?.rejected ?? 0,
    push: (number, eventId) => {
      const t = trackings.get(number);
      if (!t) throw new Error(`no tracking ${number}`);
      const body = JSON.stringify({
        event: 'tracking_update',
        event_id: eventId,
        is_tracking_first_tag: false,
        msg: json(t),
        ts: Math.floor(clock.now() / 1000),
      });
      const hmac = createHmac('sha256', webhookSecret).update(body).digest('base64');
      return { headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': hmac }, body };
    },
    close: () => http.close(),
  };
}
