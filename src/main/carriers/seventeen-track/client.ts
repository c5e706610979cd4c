import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import { checkShape, exchange, httpFailure, jsonField, parseJsonAnswer } from '../http';
import { SEVENTEEN_TRACK_MAX_BATCH, type SeventeenTrackConfig } from './config';

/**
 * 17TRACK Tracking API v2.2: every call is a POST of a JSON array to {baseUrl}/{call} with the
 * security key in the `17token` header. The answer is {code, data}: code 0 with data.accepted /
 * data.rejected (per-number errors inside a 200), or a non-zero code for the whole request with
 * data.errors. At most 40 numbers per call.
 *
 * Public API: new SeventeenTrackClient({ config, fetch, clock }).register(items, signal) /
 * .getTrackInfo(items, signal) / .getQuota(signal); the answer schemas below.
 */
export interface NumberItem {
  number: string;
  /** 17TRACK's carrier key; absent: 17TRACK detects the carrier. */
  carrier?: number;
}

const numberError = z.object({ code: z.number().int(), message: z.string() });

const rejectedSchema = z.object({ number: z.string(), error: numberError });

export const registerAnswerSchema = z.object({
  accepted: z.array(z.object({ number: z.string(), carrier: z.number().int().nullable().optional() })),
  rejected: z.array(rejectedSchema),
});
export type RegisterAnswer = z.infer<typeof registerAnswerSchema>;

const eventSchema = z.object({
  time_iso: z.string().nullable(),
  time_utc: z.string().nullable().optional(),
  description: z.string().nullable(),
  location: z.string().nullable().optional(),
  stage: z.string().nullable().optional(),
  sub_status: z.string().nullable().optional(),
});
export type SeventeenTrackEvent = z.infer<typeof eventSchema>;

export const trackInfoSchema = z.object({
  latest_status: z
    .object({ status: z.string(), sub_status: z.string().nullable().optional() })
    .nullable()
    .optional(),
  tracking: z
    .object({
      providers: z.array(
        z.object({
          provider: z
            .object({ key: z.number().int(), name: z.string().nullable().optional() })
            .nullable()
            .optional(),
          events: z.array(eventSchema),
        }),
      ),
    })
    .nullable()
    .optional(),
});
export type TrackInfo = z.infer<typeof trackInfoSchema>;

export const acceptedTrackSchema = z.object({
  number: z.string(),
  carrier: z.number().int().nullable().optional(),
  track_info: trackInfoSchema.nullable(),
});

export const trackInfoAnswerSchema = z.object({
  accepted: z.array(acceptedTrackSchema),
  rejected: z.array(rejectedSchema),
});
export type TrackInfoAnswer = z.infer<typeof trackInfoAnswerSchema>;

const quotaAnswerSchema = z.object({
  quota_total: z.number().optional(),
  quota_remain: z.number().optional(),
});

const envelopeSchema = z.object({
  code: z.number().int(),
  data: z.unknown(),
});

const errorsSchema = z.object({ errors: z.array(numberError).min(1) });

/** Whole-request error codes that are about our key or account, not the numbers. */
const AUTH_CODES = new Set([-18010001, -18010002, -18010004, -18010005]);
const SERVER_CODES = new Set([-18010003]);

export const NOT_REGISTERED = -18019902;
export const ALREADY_REGISTERED = -18019901;
export const TOO_MANY_NUMBERS = -18010014;

export interface SeventeenTrackClientOptions {
  config: SeventeenTrackConfig;
  fetch: typeof fetch;
  clock: Clock;
}

export class SeventeenTrackClient {
  constructor(private readonly options: SeventeenTrackClientOptions) {}

  register(items: readonly NumberItem[], signal: AbortSignal): Promise<RegisterAnswer> {
    return this.call('register', items, registerAnswerSchema, signal);
  }

  getTrackInfo(items: readonly NumberItem[], signal: AbortSignal): Promise<TrackInfoAnswer> {
    return this.call('gettrackinfo', items, trackInfoAnswerSchema, signal);
  }

  async getQuota(signal: AbortSignal): Promise<{ remaining: number | null }> {
    const data = await this.post('getquota', '[]', quotaAnswerSchema, signal);
    return { remaining: data.quota_remain ?? null };
  }

  private async call<S extends z.ZodType>(
    name: string,
    items: readonly NumberItem[],
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    if (items.length === 0) throw new RangeError(`17TRACK ${name}: no numbers`);
    if (items.length > SEVENTEEN_TRACK_MAX_BATCH) {
      throw new RangeError(
        `17TRACK ${name}: at most ${SEVENTEEN_TRACK_MAX_BATCH.toString()} numbers per call`,
      );
    }
    const body = JSON.stringify(
      items.map((i) =>
        i.carrier !== undefined ? { number: i.number, carrier: i.carrier } : { number: i.number },
      ),
    );
    return this.post(name, body, schema, signal);
  }

  private async post<S extends z.ZodType>(
    name: string,
    body: string,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const what = `17TRACK ${name}`;
    const { config, clock } = this.options;
    const answer = await exchange(
      this.options.fetch,
      {
        method: 'POST',
        url: `${config.baseUrl}/${name}`,
        headers: { '17token': config.apiKey, 'content-type': 'application/json' },
        body,
      },
      { signal, timeoutMs: config.limits.requestTimeoutMs },
    );
    const failed = httpFailure(answer, what, clock.now(), (text) =>
      jsonField('data', 'errors', '0', 'message')(text),
    );
    if (failed) throw failed;
    const envelope = parseJsonAnswer(envelopeSchema, answer.body, what);
    if (envelope.code !== 0) {
      const errors = errorsSchema.safeParse(envelope.data);
      const message = errors.success ? (errors.data.errors[0]?.message ?? '') : '';
      const kind = AUTH_CODES.has(envelope.code)
        ? 'auth'
        : SERVER_CODES.has(envelope.code)
          ? 'server'
          : 'rejected';
      throw new DeliveryError(
        kind,
        `${what} refused the request (${envelope.code.toString()}${message ? `: ${message}` : ''})`,
        {
          status: answer.status,
        },
      );
    }
    return checkShape(schema, envelope.data, what);
  }
}
