import { createHmac, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../clock';
import { startFakeHttp, type FakeAnswer, type FakeHttp, type FakeRequest } from '../fake-http';

/**
 * A fake Ninja Van shipper API on 127.0.0.1: POST /{cc}/2.0/oauth/access_token (client
 * credentials checked against its own pair; tokens expire on the fake's clock), GET
 * /{cc}/1.0/orders/tracking-events/{number} and POST /{cc}/4.2/orders behind the bearer token
 * (401 with Ninja Van's error envelope otherwise), and webhooks signed with its own HMAC code.
 * Orders are de-duplicated on `reference.merchant_order_number` (the same reference again answers
 * the order already made, and stores nothing new), and an address without a street, city or a
 * postcode of the country's form is refused with 400 and Ninja Van's error envelope
 * (`error.details[]{reason, field, message}`). Faults come from fake-http (inject());
 * `slowAnswers(ms, times)` makes the next orders be stored at once but answered late (a lost answer).
 * DELETE /{cc}/2.2/orders/{number} cancels behind the same bearer check, on per-order state: a
 * booked order is cancelled (counted in `cancels`, and a "Cancelled" tracking event added); an
 * order cancelled already or picked up (`pickUp(number)`) is refused with 400 and the error
 * envelope, in the same words for both; a number it never made is 404. `loseCancelAnswers(n)`
 * applies the next cancels and then drops the connection before answering.
 *
 * Public API: startNinjaVanFake(options) → Promise<NinjaVanFake>.
 */
export interface FakeNinjaVanEvent {
  event?: string;
  status: string;
  timestamp: string;
  comments?: string | null;
  is_parcel_on_rts_leg?: boolean;
  delivery_exception?: { failure_reason: string } | null;
  hub_information?: { hub: string; city: string } | null;
}

export interface NinjaVanFakeOptions {
  clientId?: string;
  clientSecret?: string;
  country?: string;
  clock?: Clock;
  tokenTtlSeconds?: number;
}

export interface NinjaVanFake {
  baseUrl: string;
  http: FakeHttp;
  setEvents(number: string, events: FakeNinjaVanEvent[]): void;
  /** Every token issued so far stops working. */
  expireTokens(): void;
  tokensIssued(): number;
  /** Orders created, in order, as the fake stored them (one per merchant reference). */
  readonly orders: Array<{ trackingNumber: string; body: Record<string, unknown> }>;
  /** Order requests received with a valid token, duplicates and refusals included. */
  orderRequests(): number;
  /** The next `times` orders are stored at once and answered after `ms`. */
  slowAnswers(ms: number, times?: number): void;
  /** Tracking numbers cancelled, once per cancel applied (the truth of "exactly once"). */
  readonly cancels: string[];
  /** A driver has the parcel: its order can no longer be cancelled. */
  pickUp(trackingNumber: string): void;
  /** The next `times` cancels are applied, then their connection is dropped unanswered. */
  loseCancelAnswers(times?: number): void;
  push(payload: Record<string, unknown>): { headers: Record<string, string>; body: string };
  close(): Promise<void>;
}

const error = (code: number, title: string, message: string, details: unknown[] = []) => ({
  error: { code, request_id: randomBytes(8).toString('hex'), title, message, details },
});

export async function startNinjaVanFake(options: NinjaVanFakeOptions = {}): Promise<NinjaVanFake> {
  const clientId = options.clientId ?? 'fake-client';
  const clientSecret = options.clientSecret ?? 'fake-secret';
  const cc = options.country ?? 'my';
  const clock = options.clock ?? systemClock;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const tokens = new Map<string, number>();
  const events = new Map<string, FakeNinjaVanEvent[]>();
  const orders: Array<{ trackingNumber: string; body: Record<string, unknown> }> = [];
  let issued = 0;
  let orderRequests = 0;
  let slow = { ms: 0, left: 0 };
  const byReference = new Map<string, number>();
  const orderState = new Map<string, 'booked' | 'cancelled' | 'picked_up'>();
  const cancels: string[] = [];
  let loseCancels = 0;

  const bearerOk = (req: FakeRequest): boolean => {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const until = tokens.get(token);
    return until !== undefined && until > clock.now();
  };

  const handle = async (req: FakeRequest, typeChange: boolean): Promise<FakeAnswer> => {
    const answer = answerOf(req, typeChange);
    if (req.route === 'orders' && slow.left > 0) {
      slow.left -= 1;
      await new Promise((resolve) => setTimeout(resolve, slow.ms));
    }
    if (req.route === 'cancel' && answer.status === 200 && loseCancels > 0) {
      loseCancels -= 1;
      // fake-http destroys the response of a handler that fails: applied, never answered.
      throw new Error('answer lost');
    }
    return answer;
  };

  const answerOf = (req: FakeRequest, typeChange: boolean): FakeAnswer => {
    if (req.route === 'token') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return { status: 400, body: error(1000, 'INVALID_REQUEST', 'Request body is not valid JSON') };
      }
      if (body.grant_type !== 'client_credentials')
        return { status: 400, body: error(1000, 'INVALID_REQUEST', 'grant_type must be client_credentials') };
      if (body.client_id !== clientId || body.client_secret !== clientSecret) {
        return { status: 401, body: error(2001, 'AUTHENTICATION_ERROR', 'Invalid client credentials') };
      }
      issued += 1;
      const token = randomBytes(16).toString('hex');
      tokens.set(token, clock.now() + ttl * 1000);
      return {
        status: 200,
        body: {
          access_token: token,
          expires: Math.floor(clock.now() / 1000) + ttl,
          token_type: 'bearer',
          expires_in: ttl,
        },
      };
    }
    if (!bearerOk(req))
      return { status: 401, body: error(2002, 'UNAUTHORIZED', 'Access token is invalid or expired') };
    if (req.route === 'tracking') {
      const number = decodeURIComponent(req.path.split('/').at(-1) ?? '');
      const list = events.get(number);
      if (!list) return { status: 404, body: error(4004, 'NOT_FOUND', `Order ${number} not found`) };
      return {
        status: 200,
        body: {
          tracking_number: number,
          events: list.map((e, i) => ({
            ...e,
            timestamp: typeChange && i === 0 ? Date.parse(e.timestamp) : e.timestamp,
          })),
        },
      };
    }
    if (req.route === 'cancel') return cancelOf(decodeURIComponent(req.path.split('/').at(-1) ?? ''));
    orderRequests += 1;
    let order: Record<string, unknown>;
    try {
      order = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: error(1000, 'INVALID_REQUEST', 'Request body is not valid JSON') };
    }
    const missing = ['service_type', 'service_level', 'from', 'to', 'parcel_job'].filter(
      (k) => order[k] === undefined,
    );
    if (missing.length > 0) {
      return {
        status: 400,
        body: error(
          1000,
          'INVALID_REQUEST',
          'Request failed validation',
          missing.map((field) => ({ reason: 'REQUIRED', field, message: `${field} is required` })),
        ),
      };
    }
    const reference = (order.reference as { merchant_order_number?: unknown } | undefined)
      ?.merchant_order_number;
    const earlier = typeof reference === 'string' ? byReference.get(reference) : undefined;
    if (earlier !== undefined) {
      const first = orders[earlier] as { trackingNumber: string; body: Record<string, unknown> };
      return { status: 200, body: createdAnswer(first.trackingNumber, first.body) };
    }
    const bad = addressProblem(order.to);
    if (bad) {
      return {
        status: 400,
        body: error(1000, 'INVALID_REQUEST', `Request failed validation: ${bad.message}`, [
          { reason: 'INVALID_FIELD', ...bad },
        ]),
      };
    }
    const requested =
      typeof order.requested_tracking_number === 'string'
        ? order.requested_tracking_number
        : (100000 + orders.length).toString();
    const trackingNumber = `NVTEST${cc.toUpperCase()}${requested}`;
    if (typeof reference === 'string') byReference.set(reference, orders.length);
    orders.push({ trackingNumber, body: order });
    orderState.set(trackingNumber, 'booked');
    return { status: 200, body: createdAnswer(trackingNumber, order) };
  };

  const addEvent = (number: string, status: string, comments: string) => {
    const list = events.get(number) ?? [];
    list.push({ status, timestamp: new Date(clock.now()).toISOString(), comments });
    events.set(number, list);
  };

  const cancelOf = (number: string): FakeAnswer => {
    const state = orderState.get(number);
    if (state === undefined)
      return { status: 404, body: error(4004, 'NOT_FOUND', `Order ${number} not found`) };
    if (state !== 'booked') {
      return {
        status: 400,
        body: error(1000, 'INVALID_REQUEST', `Order ${number} cannot be cancelled in its current status`),
      };
    }
    orderState.set(number, 'cancelled');
    cancels.push(number);
    addEvent(number, 'Cancelled', 'Cancelled by shipper');
    return {
      status: 200,
      body: { trackingId: number, status: 'Cancelled', updatedAt: new Date(clock.now()).toISOString() },
    };
  };

  const createdAnswer = (trackingNumber: string, order: Record<string, unknown>) => ({
    requested_tracking_number: order.requested_tracking_number ?? null,
    tracking_number: trackingNumber,
    service_type: order.service_type,
    service_level: order.service_level,
    reference: order.reference ?? null,
    from: order.from,
    to: order.to,
    parcel_job: order.parcel_job,
  });

  const http = await startFakeHttp({
    route: (method, path) => {
      if (method === 'POST' && path === `/${cc}/2.0/oauth/access_token`) return 'token';
      if (method === 'POST' && path === `/${cc}/4.2/orders`) return 'orders';
      if (method === 'GET' && path.startsWith(`/${cc}/1.0/orders/tracking-events/`)) return 'tracking';
      const cancelPrefix = `/${cc}/2.2/orders/`;
      if (
        method === 'DELETE' &&
        path.startsWith(cancelPrefix) &&
        !path.slice(cancelPrefix.length).includes('/')
      )
        return 'cancel';
      return null;
    },
    handle,
    errorBody: (status) =>
      status === 401
        ? error(2002, 'UNAUTHORIZED', 'Access token is invalid or expired')
        : status === 429
          ? error(4290, 'TOO_MANY_REQUESTS', 'Rate limit exceeded')
          : status === 404
            ? error(4004, 'NOT_FOUND', 'Resource not found')
            : error(5000, 'INTERNAL_SERVER_ERROR', 'Something went wrong'),
    now: () => clock.now(),
  });

  return {
    baseUrl: http.url,
    http,
    setEvents: (number, list) => {
      events.set(number, list);
    },
    expireTokens: () => {
      for (const key of tokens.keys()) tokens.set(key, 0);
    },
    tokensIssued: () => issued,
    orders,
    orderRequests: () => orderRequests,
    slowAnswers: (ms, times = 1) => {
      slow = { ms, left: times };
    },
    cancels,
    pickUp: (number) => {
      if (orderState.get(number) !== 'booked') throw new Error(`fake: ${number} is not a booked order`);
      orderState.set(number, 'picked_up');
      addEvent(number, 'Picked Up', 'Picked up by driver');
    },
    loseCancelAnswers: (times = 1) => {
      loseCancels = times;
    },
    push: (payload) => {
      const body = JSON.stringify(payload);
      const hmac = createHmac('sha256', clientSecret).update(body).digest('base64');
      return { headers: { 'content-type': 'application/json', 'X-Ninjavan-Hmac-Sha256': hmac }, body };
    },
    close: () => http.close(),
  };
}

/** Postcode forms of the fake's countries (5 digits MY/TH, 6 SG/VN/PH, 5 ID). */
const POSTCODES: Record<string, RegExp> = {
  MY: /^\d{5}$/,
  TH: /^\d{5}$/,
  ID: /^\d{5}$/,
  SG: /^\d{6}$/,
  VN: /^\d{6}$/,
  PH: /^\d{4}$/,
};

function addressProblem(to: unknown): { field: string; message: string } | null {
  const address = (to as { address?: Record<string, unknown> } | undefined)?.address ?? {};
  const text = (k: string) => (typeof address[k] === 'string' ? (address[k] as string).trim() : '');
  if (!text('address1')) return { field: 'to.address.address1', message: 'address1 is required' };
  if (!text('city')) return { field: 'to.address.city', message: 'city is required' };
  const form = POSTCODES[text('country').toUpperCase()];
  if (form && !form.test(text('postcode')))
    return { field: 'to.address.postcode', message: `postcode "${text('postcode')}" is not valid` };
  return null;
}
