import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import { exchange, httpFailure, jsonField, parseJsonAnswer, type HttpAnswer } from '../http';
import type { NinjaVanConfig } from './config';
import type { NinjaVanTokens } from './oauth';

/**
 * Ninja Van shipper API calls with a bearer token: a 401 renews the token once and resends.
 * Tracking: GET /{cc}/1.0/orders/tracking-events/{tracking number} (community-sourced path and
 * shape; 404 when Ninja Van has no such parcel). Orders: POST /{cc}/4.2/orders; their cancel,
 * DELETE /{cc}/2.2/orders/{tracking number}, goes through authorised() (cancel.ts).
 *
 * Public API: new NinjaVanClient(config, fetch, clock, tokens).trackingEvents(number, signal) /
 * .createOrder(order, signal); ninjaVanEventSchema.
 */
const infoSchema = z
  .object({ hub: z.string().nullable().optional(), city: z.string().nullable().optional() })
  .nullable()
  .optional();

export const ninjaVanEventSchema = z.object({
  /** The detailed event name of Webhooks v2 ("Delivered, Received by Customer"), when given. */
  event: z.string().nullable().optional(),
  /** The status name ("Delivered", "Delivery Exception", or a v1 status). */
  status: z.string(),
  timestamp: z.string(),
  comments: z.string().nullable().optional(),
  is_parcel_on_rts_leg: z.boolean().optional(),
  delivery_exception: z.object({ failure_reason: z.string().nullable().optional() }).nullable().optional(),
  pickup_exception: z.object({ failure_reason: z.string().nullable().optional() }).nullable().optional(),
  hub_information: infoSchema,
  delivery_information: infoSchema,
});
export type NinjaVanEvent = z.infer<typeof ninjaVanEventSchema>;

const trackingAnswerSchema = z.object({
  tracking_number: z.string().optional(),
  events: z.array(ninjaVanEventSchema),
});

export const errorReason = (body: string) =>
  jsonField('error', 'message')(body) ?? jsonField('error', 'title')(body) ?? jsonField('message')(body);

export class NinjaVanClient {
  constructor(
    private readonly config: NinjaVanConfig,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly tokens: NinjaVanTokens,
  ) {}

  /** The parcel's events, or null when Ninja Van does not know the number. */
  async trackingEvents(trackingNumber: string, signal: AbortSignal): Promise<NinjaVanEvent[] | null> {
    const what = 'Ninja Van tracking-events';
    const answer = await this.authorised(
      'GET',
      `/1.0/orders/tracking-events/${encodeURIComponent(trackingNumber)}`,
      undefined,
      signal,
    );
    if (answer.status === 404) return null;
    const failed = httpFailure(answer, what, this.clock.now(), errorReason);
    if (failed) throw failed;
    return parseJsonAnswer(trackingAnswerSchema, answer.body, what).events;
  }

  async post(path: string, body: string, signal: AbortSignal): Promise<HttpAnswer> {
    return this.authorised('POST', path, body, signal);
  }

  async authorised(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    const send = async (token: string) =>
      exchange(
        this.fetchFn,
        {
          method,
          url: `${this.config.baseUrl}/${this.config.country}${path}`,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body } : {}),
        },
        { signal, timeoutMs: this.config.limits.requestTimeoutMs },
      );
    const token = await this.tokens.token(signal);
    const first = await send(token);
    if (first.status !== 401) return first;
    this.tokens.invalidate(token);
    const again = await send(await this.tokens.token(signal));
    if (again.status === 401) {
      throw new DeliveryError('auth', 'Ninja Van refused a fresh access token', { status: 401 });
    }
    return again;
  }
}
