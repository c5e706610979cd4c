import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import { checkShape, exchange, httpFailure, jsonField, parseJsonAnswer, type HttpAnswer } from '../http';
import type { AfterShipConfig } from './config';

/**
 * AfterShip Tracking API (versioned paths, e.g. /tracking/2025-04): the `as-api-key` header on
 * every call; answers are {meta: {code, message, type}, data}. GET /trackings pages by cursor
 * (data.pagination.next_cursor / has_next_page) and filters by updated_at_min; POST /trackings
 * creates one tracking (meta.code 4003 when it already exists); GET /couriers lists the account's
 * couriers (the connection check).
 *
 * Public API: new AfterShipClient({ config, fetch, clock }).listTrackings(query, signal) /
 * .createTracking(input, signal) / .couriers(signal); trackingSchema.
 */
export const checkpointSchema = z.object({
  checkpoint_time: z.string(),
  message: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  state: z.string().nullable().optional(),
  country_region: z.string().nullable().optional(),
  tag: z.string(),
  subtag: z.string().nullable().optional(),
  slug: z.string().nullable().optional(),
});
export type AfterShipCheckpoint = z.infer<typeof checkpointSchema>;

export const trackingSchema = z.object({
  id: z.string().optional(),
  tracking_number: z.string(),
  slug: z.string().nullable().optional(),
  tag: z.string().optional(),
  updated_at: z.string().nullable().optional(),
  checkpoints: z.array(checkpointSchema).default([]),
});
export type AfterShipTracking = z.infer<typeof trackingSchema>;

const listSchema = z.object({
  pagination: z.object({
    total: z.number().int().nullable().optional(),
    next_cursor: z.string().nullable().optional(),
    has_next_page: z.boolean(),
  }),
  trackings: z.array(trackingSchema),
});
export type TrackingList = z.infer<typeof listSchema>;

const envelopeSchema = z.object({
  meta: z.object({
    code: z.number().int(),
    message: z.string().nullable().optional(),
    type: z.string().nullable().optional(),
  }),
  data: z.unknown(),
});

/** meta.code of POST /trackings for a tracking the account already has. */
export const TRACKING_EXISTS = 4003;

export interface AfterShipClientOptions {
  config: AfterShipConfig;
  fetch: typeof fetch;
  clock: Clock;
}

export type CreateOutcome =
  { status: 'created' | 'exists' } | { status: 'refused'; code: number; message: string };

export class AfterShipClient {
  constructor(private readonly options: AfterShipClientOptions) {}

  async listTrackings(
    query: { updatedAtMin: string; cursor: string | null; limit: number },
    signal: AbortSignal,
  ): Promise<TrackingList> {
    const params = new URLSearchParams({ limit: query.limit.toString(), updated_at_min: query.updatedAtMin });
    if (query.cursor !== null) params.set('cursor', query.cursor);
    const answer = await this.send('GET', `/trackings?${params.toString()}`, undefined, signal);
    return this.data(answer, listSchema, 'AfterShip GET /trackings');
  }

  async createTracking(
    input: { trackingNumber: string; slug?: string },
    signal: AbortSignal,
  ): Promise<CreateOutcome> {
    const body = JSON.stringify(
      input.slug !== undefined
        ? { tracking_number: input.trackingNumber, slug: input.slug }
        : { tracking_number: input.trackingNumber },
    );
    const what = 'AfterShip POST /trackings';
    const answer = await this.send('POST', '/trackings', body, signal, false);
    if (
      answer.status >= 400 &&
      answer.status < 500 &&
      answer.status !== 401 &&
      answer.status !== 429 &&
      answer.status !== 408
    ) {
      const envelope = envelopeSchema.safeParse(safeJson(answer.body));
      const code = envelope.success ? envelope.data.meta.code : answer.status;
      const message = envelope.success ? (envelope.data.meta.message ?? '') : '';
      return code === TRACKING_EXISTS ? { status: 'exists' } : { status: 'refused', code, message };
    }
    this.fail(answer, what);
    parseJsonAnswer(envelopeSchema, answer.body, what);
    return { status: 'created' };
  }

  async couriers(signal: AbortSignal): Promise<number> {
    const answer = await this.send('GET', '/couriers', undefined, signal);
    const data = this.data(answer, z.object({ couriers: z.array(z.unknown()) }), 'AfterShip GET /couriers');
    return data.couriers.length;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    signal: AbortSignal,
    failOnStatus = true,
  ): Promise<HttpAnswer> {
    const { config } = this.options;
    const answer = await exchange(
      this.options.fetch,
      {
        method,
        url: `${config.baseUrl}${path}`,
        headers: {
          'as-api-key': config.apiKey,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      },
      { signal, timeoutMs: config.limits.requestTimeoutMs },
    );
    if (failOnStatus) this.fail(answer, `AfterShip ${method} ${path.split('?')[0] ?? path}`);
    return answer;
  }

  private fail(answer: HttpAnswer, what: string): void {
    const failed = httpFailure(answer, what, this.options.clock.now(), jsonField('meta', 'message'));
    if (!failed) return;
    if (failed.kind === 'throttled' && failed.details.retryAfterMs === undefined) {
      // AfterShip says when the window resets (x-ratelimit-reset, Unix seconds) rather than Retry-After.
      const reset = Number(answer.headers.get('x-ratelimit-reset'));
      if (Number.isFinite(reset) && reset > 0) {
        throw new DeliveryError('throttled', failed.message, {
          ...failed.details,
          retryAfterMs: Math.max(0, reset * 1000 - this.options.clock.now()),
        });
      }
    }
    throw failed;
  }

  private data<S extends z.ZodType>(answer: HttpAnswer, schema: S, what: string): z.infer<S> {
    const envelope = parseJsonAnswer(envelopeSchema, answer.body, what);
    return checkShape(schema, envelope.data, what);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
