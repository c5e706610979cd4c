import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../clock';
import { FakeRateLimit, startFakeHttp, type FakeAnswer, type FakeHttp, type FakeRequest } from '../fake-http';

/**
 * A fake 17TRACK v2.2 on 127.0.0.1 for tests: POST /track/v2.2/{register,gettrackinfo,getquota}
 * with the `17token` header checked against its own key (HTTP 401 otherwise), JSON arrays of at
 * most 40 numbers (code -18010014 above, and the oversized call is counted), per-number errors
 * inside 200 answers (-18019901 already registered, -18019902 not registered, or any injected),
 * a per-second rate limit answering 429 with Retry-After, and signed webhook pushes built with its
 * own signing code. Faults come from fake-http (inject()).
 *
 * Public API: startSeventeenTrackFake(options) → Promise<SeventeenTrackFake>.
 */
export interface FakeTrackEvent {
  time_iso: string;
  time_utc?: string | null;
  description: string;
  location?: string | null;
  stage?: string | null;
  sub_status?: string | null;
}

export interface SeventeenTrackFakeOptions {
  apiKey?: string;
  clock?: Clock;
  /** Requests per second before 429 (default: no limit). */
  rateLimitPerSecond?: number;
}

export interface SeventeenTrackFake {
  /** The base URL a connector is configured with ({url}/track/v2.2). */
  baseUrl: string;
  http: FakeHttp;
  /** Register calls per number, counted before the fake's own "already registered" check. */
  registrations(number: string): number;
  isRegistered(number: string): boolean;
  /** Marks numbers registered without a register call. */
  preRegister(numbers: readonly string[]): void;
  setEvents(number: string, events: FakeTrackEvent[], carrier?: number): void;
  /** The next gettrackinfo answers this number with a per-number error. */
  rejectNumber(number: string, code: number, message: string): void;
  /** Sizes of every register / gettrackinfo array received, in order. */
  readonly batchSizes: number[];
  /** Calls refused for carrying more than 40 numbers. */
  oversizedCalls(): number;
  /** Numbers asked about in gettrackinfo, in order (repeats kept). */
  readonly asked: string[];
  rateLimited(): number;
  /** A push as 17TRACK sends it: raw body and headers, signed with the fake's key. */
  push(
    event: 'TRACKING_UPDATED' | 'TRACKING_STOPPED',
    number: string,
  ): { headers: Record<string, string>; body: string };
  close(): Promise<void>;
}

const PREFIX = '/track/v2.2';
const MAX = 40;

export async function startSeventeenTrackFake(
  options: SeventeenTrackFakeOptions = {},
): Promise<SeventeenTrackFake> {
  const apiKey = options.apiKey ?? 'fake-17token';
  const clock = options.clock ?? systemClock;
  const registered = new Map<string, number | null>();
  const registerCounts = new Map<string, number>();
  const tracks = new Map<string, { carrier: number; events: FakeTrackEvent[] }>();
  const oneShotErrors = new Map<string, { code: number; message: string }>();
  const batchSizes: number[] = [];
  const asked: string[] = [];
  let oversized = 0;
  const limiter = options.rateLimitPerSecond
    ? new FakeRateLimit(options.rateLimitPerSecond, () => clock.now())
    : null;

  const failure = (code: number, message: string) => ({ code, data: { errors: [{ code, message }] } });

  const trackInfo = (number: string, typeChange: boolean) => {
    const track = tracks.get(number);
    const events = [...(track?.events ?? [])].reverse();
    const latest = events[0];
    const sub = latest?.sub_status ?? 'NotFound_Other';
    return {
      number,
      carrier: track?.carrier ?? registered.get(number) ?? 0,
      param: null,
      tag: null,
      track_info: {
        latest_status: { status: sub.split('_')[0] ?? 'NotFound', sub_status: sub, sub_status_descr: null },
        latest_event: latest ?? null,
        tracking: {
          providers_hash: events.length,
          providers: [
            {
              provider: {
                key: track?.carrier ?? 0,
                name: 'Fake Post',
                alias: null,
                tel: null,
                homepage: null,
                country: 'TH',
              },
              service_type: null,
              latest_sync_status: 'Success',
              latest_sync_time: new Date(clock.now()).toISOString(),
              events_hash: events.length,
              events: events.map((e, i) => ({
                time_iso: typeChange && i === 0 ? Date.parse(e.time_iso) : e.time_iso,
                time_utc:
                  e.time_utc ??
                  (Number.isNaN(Date.parse(e.time_iso))
                    ? null
                    : new Date(Date.parse(e.time_iso)).toISOString()),
                time_raw: null,
                description: e.description,
                description_translation: null,
                location: e.location ?? null,
                stage: e.stage ?? null,
                sub_status: e.sub_status ?? null,
                address: null,
              })),
            },
          ],
        },
      },
    };
  };

  const numbersOf = (body: string): Array<{ number: string; carrier?: number }> | null => {
    try {
      const value: unknown = JSON.parse(body);
      if (!Array.isArray(value)) return null;
      const out: Array<{ number: string; carrier?: number }> = [];
      for (const item of value) {
        if (item === null || typeof item !== 'object') return null;
        const { number, carrier } = item as { number?: unknown; carrier?: unknown };
        if (typeof number !== 'string' || number === '') return null;
        if (carrier !== undefined && typeof carrier !== 'number') return null;
        out.push(carrier === undefined ? { number } : { number, carrier });
      }
      return out;
    } catch {
      return null;
    }
  };

  const handle = (req: FakeRequest, typeChange: boolean): FakeAnswer => {
    if (limiter) {
      const wait = limiter.take();
      if (wait > 0)
        return {
          status: 429,
          body: failure(-18010003, 'Access frequency exceeds limit.'),
          headers: { 'retry-after': wait.toString() },
        };
    }
    if (req.headers['17token'] !== apiKey) {
      return { status: 401, body: failure(-18010002, 'The security key is invalid.') };
    }
    if (req.route === 'getquota') {
      return {
        status: 200,
        body: {
          code: 0,
          data: {
            quota_total: 1000,
            quota_used: registered.size,
            quota_remain: 1000 - registered.size,
            today_used: 0,
            max_track_daily: 1000,
          },
        },
      };
    }
    const items = numbersOf(req.body);
    if (items === null) return { status: 200, body: failure(-18010013, 'Submitted data is invalid.') };
    batchSizes.push(items.length);
    if (items.length > MAX) {
      oversized += 1;
      return {
        status: 200,
        body: failure(-18010014, `The submitted tracking numbers exceed the limit of ${MAX.toString()}.`),
      };
    }
    const accepted: unknown[] = [];
    const rejected: unknown[] = [];
    for (const { number, carrier } of items) {
      if (req.route === 'register') {
        registerCounts.set(number, (registerCounts.get(number) ?? 0) + 1);
        if (registered.has(number)) {
          rejected.push({
            number,
            error: {
              code: -18019901,
              message: `The tracking number '${number}' has been registered, don't need to repeat registration.`,
            },
          });
        } else {
          registered.set(number, carrier ?? null);
          accepted.push({ origin: 1, number, carrier: carrier ?? 190001 });
        }
        continue;
      }
      asked.push(number);
      const injected = oneShotErrors.get(number);
      if (injected) {
        oneShotErrors.delete(number);
        rejected.push({ number, error: injected });
      } else if (!registered.has(number)) {
        rejected.push({
          number,
          error: {
            code: -18019902,
            message: `The tracking number '${number}' does not register, please register first.`,
          },
        });
      } else {
        accepted.push(trackInfo(number, typeChange));
      }
    }
    return { status: 200, body: { code: 0, data: { accepted, rejected } } };
  };

  const http = await startFakeHttp({
    route: (method, path) => {
      if (method !== 'POST' || !path.startsWith(`${PREFIX}/`)) return null;
      const name = path.slice(PREFIX.length + 1);
      return ['register', 'gettrackinfo', 'getquota'].includes(name) ? name : null;
    },
    handle,
    errorBody: (status) =>
      status === 401
        ? failure(-18010002, 'The security key is invalid.')
        : status === 429
          ? failure(-18010003, 'Access frequency exceeds limit.')
          : status === 404
            ? failure(-18010010, 'The requested URL address is incorrect.')
            : failure(-18010003, 'Server Error.'),
    now: () => clock.now(),
  });

  return {
    baseUrl: `${http.url}${PREFIX}`,
    http,
    registrations: (number) => registerCounts.get(number) ?? 0,
    isRegistered: (number) => registered.has(number),
    preRegister: (numbers) => {
      for (const n of numbers) registered.set(n, null);
    },
    setEvents: (number, events, carrier = 190001) => {
      tracks.set(number, { carrier, events });
    },
    rejectNumber: (number, code, message) => {
      oneShotErrors.set(number, { code, message });
    },
    batchSizes,
    oversizedCalls: () => oversized,
    asked,
    rateLimited: () => limiter?.rejected ?? 0,
    push: (event, number) => {
      const data =
        event === 'TRACKING_UPDATED'
          ? trackInfo(number, false)
          : { number, carrier: tracks.get(number)?.carrier ?? 0, param: null, tag: null };
      const body = JSON.stringify({ event, data });
      const sign = createHash('sha256').update(`${body}/${apiKey}`, 'utf8').digest('hex');
      return { headers: { 'content-type': 'application/json', sign }, body };
    },
    close: () => http.close(),
  };
}
