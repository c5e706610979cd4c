import http from 'node:http';
import { z } from 'zod';
import type { Clock } from '../../clock';
import { parseRetryAfter } from '../../sync/backoff';
import { classifyStatus, classifyTransportError } from '../../sync/classify-http';
import {
  DeliveryError,
  type DeliveryOutcome,
  type Destination,
  type DestinationLimits,
  type OutboundEvent,
  type PullPage,
  type PullSource,
} from '../../sync/destination';
import { TIKTOK_RETURN_STATUSES, TRACKING_STATUSES } from './pull-data';

/**
 * The HTTP client side of the local test carrier: a Destination (batched event delivery over a
 * keep-alive agent, client-credentials token fetched lazily and refreshed on 401) and the two
 * PullSources ('returns', 'tracking'). The pulled item shapes are exported as zod schemas; the
 * sync's upserts are written against them.
 *
 * Public API:
 *   new TestCarrierClient({ name, baseUrl, remoteName?, credentials, limits, clock, pageSize? })
 *     .deliver(events, signal) / .prepare(signal) / .refreshCredentials(signal) / .returnsSource()
 *     / .trackingSource() / .close()
 */

export const pulledReturnOrderSchema = z.object({
  return_id: z.string().min(1),
  order_id: z.string().min(1),
  return_type: z.string(),
  return_status: z.enum(TIKTOK_RETURN_STATUSES).or(z.string()),
  return_reason: z.string().nullable().optional(),
  return_tracking_number: z.string().nullable(),
  return_provider_name: z.string().nullable().optional(),
  create_time: z.number().int(),
  update_time: z.number().int(),
  items: z.array(
    z.object({
      sku_id: z.string(),
      seller_sku: z.string(),
      product_name: z.string(),
      quantity: z.number().int().positive(),
    }),
  ),
});
export type PulledReturnOrder = z.infer<typeof pulledReturnOrderSchema>;

export const pulledTrackingEventSchema = z.object({
  event_id: z.string().min(1),
  tracking_number: z.string().min(1),
  carrier: z.string(),
  status: z.enum(TRACKING_STATUSES),
  description: z.string(),
  occurred_at: z.iso.datetime({ offset: true }),
  location: z.string().nullable(),
});
export type PulledTrackingEvent = z.infer<typeof pulledTrackingEventSchema>;

const deliverAnswerSchema = z.object({
  results: z.array(
    z.object({
      idempotency_key: z.string(),
      status: z.enum(['applied', 'duplicate', 'rejected']),
      reason: z.string().optional(),
    }),
  ),
});

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

const pageSchema = <T extends z.ZodType>(key: string, item: T) =>
  z.object({ [key]: z.array(item), next_cursor: z.string().nullable(), more: z.boolean() });

export interface TestCarrierClientOptions {
  /** The destination name events are queued under. */
  name: string;
  /** http://127.0.0.1:port of the carrier. */
  baseUrl: string;
  /** The carrier-side name, when it differs from `name`. */
  remoteName?: string;
  credentials: { clientId: string; clientSecret: string };
  limits: DestinationLimits;
  clock: Clock;
  pageSize?: number;
}

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export class TestCarrierClient implements Destination {
  readonly name: string;
  readonly limits: DestinationLimits;
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly prefix: string;
  private token: { value: string; expiresAt: number } | null = null;
  private tokenRequest: Promise<void> | null = null;

  constructor(private readonly options: TestCarrierClientOptions) {
    this.name = options.name;
    this.limits = options.limits;
    this.base = new URL(options.baseUrl);
    this.prefix = `${this.base.pathname.replace(/\/$/, '')}/d/${encodeURIComponent(options.remoteName ?? options.name)}`;
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: Math.max(1, options.limits.maxConcurrency) + 2,
    });
  }

  async deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]> {
    const body = JSON.stringify({
      events: events.map((e) => ({
        idempotency_key: e.idempotencyKey,
        ordering_key: e.orderingKey,
        seq: e.seq,
        type: e.type,
        payload: e.payload,
      })),
    });
    const answer = await this.authorised('POST', '/events', body, signal);
    const parsed = parseJson(answer.body, deliverAnswerSchema);
    if (!parsed) throw new DeliveryError('malformed', 'the carrier answered 2xx with an unreadable body');
    const byKey = new Map(events.map((e) => [e.idempotencyKey, e.id]));
    const outcomes: DeliveryOutcome[] = [];
    for (const r of parsed.results) {
      const id = byKey.get(r.idempotency_key);
      if (id === undefined) continue;
      outcomes.push(
        r.status === 'rejected'
          ? { id, status: 'rejected', reason: r.reason ?? 'rejected by the carrier' }
          : { id, status: 'delivered' },
      );
    }
    return outcomes;
  }

  /** The OAuth token, fetched before the engine counts a request against the rate. */
  prepare(signal: AbortSignal): Promise<void> {
    return this.ensureToken(signal);
  }

  async refreshCredentials(signal: AbortSignal): Promise<void> {
    this.token = null;
    await this.ensureToken(signal);
  }

  returnsSource(): PullSource<PulledReturnOrder> {
    return this.source('returns', 'returns', pulledReturnOrderSchema);
  }

  trackingSource(): PullSource<PulledTrackingEvent> {
    return this.source('tracking', 'events', pulledTrackingEventSchema);
  }

  close(): void {
    this.agent.destroy();
  }

  private source<T extends z.ZodType>(feed: string, key: string, item: T): PullSource<z.infer<T>> {
    const schema = pageSchema(key, item);
    return {
      name: `${this.name}:${feed}`,
      pull: async (cursor, signal): Promise<PullPage<z.infer<T>>> => {
        const query = new URLSearchParams({ limit: String(this.options.pageSize ?? 50) });
        if (cursor !== null) query.set('cursor', cursor);
        let answer: HttpAnswer;
        try {
          answer = await this.authorised('GET', `/${feed}?${query.toString()}`, null, signal);
        } catch (err) {
          if (err instanceof DeliveryError && err.kind === 'auth') {
            await this.refreshCredentials(signal);
            answer = await this.authorised('GET', `/${feed}?${query.toString()}`, null, signal);
          } else throw err;
        }
        const page = parseJson(answer.body, schema);
        if (!page) throw new DeliveryError('malformed', `the ${feed} page is unreadable`);
        return {
          items: page[key] as z.infer<T>[],
          nextCursor: page.next_cursor as string | null,
          hasMore: page.more as boolean,
        };
      },
    };
  }

  /** One request with the current token; non-2xx answers become DeliveryErrors. */
  private async authorised(method: string, path: string, body: string | null, signal: AbortSignal) {
    await this.ensureToken(signal);
    const answer = await this.request(method, path, body, signal, {
      authorization: `Bearer ${this.token?.value ?? ''}`,
    });
    const kind = classifyStatus(answer.status);
    if (kind === 'auth') this.token = null;
    if (kind) throw httpError(kind, answer, this.options.clock.now());
    return answer;
  }

  private async ensureToken(signal: AbortSignal): Promise<void> {
    // Renew a little early so a token does not expire between our check and the carrier's.
    if (this.token && this.token.expiresAt - 5_000 > this.options.clock.now()) return;
    this.tokenRequest ??= this.fetchToken(signal).finally(() => {
      this.tokenRequest = null;
    });
    await this.tokenRequest;
  }

  private async fetchToken(signal: AbortSignal): Promise<void> {
    const answer = await this.request(
      'POST',
      '/oauth/token',
      JSON.stringify({
        grant_type: 'client_credentials',
        client_id: this.options.credentials.clientId,
        client_secret: this.options.credentials.clientSecret,
      }),
      signal,
      {},
    );
    const kind = classifyStatus(answer.status);
    // A refused token request is about our credentials, not the events: never 'rejected', which
    // would dead-letter every queued event; they wait (with backoff) until the secret is fixed.
    if (kind === 'auth' || kind === 'rejected') {
      throw new DeliveryError('auth', 'the carrier refused our credentials', { status: answer.status });
    }
    if (kind) throw httpError(kind, answer, this.options.clock.now());
    const parsed = parseJson(answer.body, tokenAnswerSchema);
    if (!parsed) throw new DeliveryError('malformed', 'the token answer is unreadable');
    this.token = {
      value: parsed.access_token,
      expiresAt: this.options.clock.now() + parsed.expires_in * 1000,
    };
  }

  private request(
    method: string,
    path: string,
    body: string | null,
    signal: AbortSignal,
    headers: Record<string, string>,
  ): Promise<HttpAnswer> {
    return new Promise<HttpAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(abortError(signal));
      const req = http.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method,
          path: this.prefix + path,
          agent: this.agent,
          headers: {
            ...headers,
            ...(body !== null
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString() }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            signal.removeEventListener('abort', onAbort);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', fail);
          res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        },
      );
      function fail(err: unknown): void {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
      function onAbort(): void {
        req.destroy(abortError(signal));
      }
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? abortError(signal) : transportError(err));
      });
      req.end(body ?? undefined);
    });
  }
}

function abortError(signal: AbortSignal): DeliveryError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError'
    ? new DeliveryError('timeout', 'no answer in time')
    : new DeliveryError('network', 'request cancelled');
}

function transportError(err: Error): DeliveryError {
  const code = (err as NodeJS.ErrnoException).code;
  return new DeliveryError(classifyTransportError(err), code ? `${code}: ${err.message}` : err.message);
}

function httpError(kind: DeliveryError['kind'], answer: HttpAnswer, now: number): DeliveryError {
  const header = answer.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(header) ? header[0] : header, now);
  let message = `HTTP ${answer.status.toString()}`;
  try {
    const parsed = JSON.parse(answer.body) as { error?: unknown };
    if (typeof parsed.error === 'string') message = parsed.error;
  } catch {
    // a non-JSON error body: the status says enough
  }
  return new DeliveryError(kind, message, {
    status: answer.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
