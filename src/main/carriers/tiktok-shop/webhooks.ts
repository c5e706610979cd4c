import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock';
import {
  WebhookRejected,
  type ConnectorState,
  type WebhookNotification,
  type WebhookReceiver,
} from '../connector';
import { mapReturnStatus, ORDER_STATUS_TABLE, PACKAGE_STATUS_TABLE } from './status-tables';

/**
 * TikTok Shop push notifications. The `Authorization` header is the lower-case hex
 * HMAC-SHA256(key = app secret, message = app key + raw body) (community SDKs; the platform's own
 * page was not reachable); it is compared in constant time over the exact bytes received, before
 * the body is even parsed. Envelope `{ type, tts_notification_id, shop_id, timestamp, data }`.
 *
 * RETURN_STATUS_CHANGE (12), PACKAGE_UPDATE (4), ORDER_STATUS_CHANGE (1) and
 * CANCELLATION_STATUS_CHANGE (11) are parsed into what must be fetched again (the notification
 * carries ids and a status, not the whole record); an order change also says at once whether the
 * order is cancelled or the buyer asks to cancel, so the bench stops packing it. Every other type
 * is accepted (the platform must not retry it) and counted. Each notification id is remembered, so a replay
 * is answered `duplicate`; one whose timestamp is further from our clock than `maxAgeSeconds` is
 * refused as stale (which also bounds how long ids must be remembered).
 */
export const WEBHOOK_TYPES: Readonly<Record<number, string>> = {
  1: 'ORDER_STATUS_CHANGE',
  4: 'PACKAGE_UPDATE',
  11: 'CANCELLATION_STATUS_CHANGE',
  12: 'RETURN_STATUS_CHANGE',
};

const envelopeSchema = z.object({
  type: z.number().int(),
  tts_notification_id: z.string().min(1).max(200),
  shop_id: z.string().nullish(),
  timestamp: z.number().int(),
  data: z.record(z.string(), z.unknown()),
});

const returnChangeSchema = z.object({
  order_id: z.string().min(1),
  return_id: z.string().min(1),
  return_status: z.string().min(1),
  return_type: z.string().nullish(),
  return_role: z.string().nullish(),
  update_time: z.number().int().nullish(),
});

const orderChangeSchema = z.object({
  order_id: z.string().min(1),
  order_status: z.string().nullish(),
  update_time: z.number().int().nullish(),
});

/** Field names as community SDKs give them; only order_id is required. */
const cancellationChangeSchema = z.object({
  order_id: z.string().min(1),
  cancel_status: z.string().nullish(),
  cancellations_role: z.string().nullish(),
  cancel_id: z.string().nullish(),
  update_time: z.number().int().nullish(),
});

/** A cancellation request that has gone through (its status words vary; these say it is done). */
const CANCELLATION_DONE = /COMPLETE|SUCCESS|APPROVED|CANCELLED/;

const packageUpdateSchema = z.object({
  package_id: z.string().min(1),
  order_id: z.string().nullish(),
  package_status: z.string().nullish(),
  update_time: z.number().int().nullish(),
});

export interface TikTokWebhookOptions {
  appKey: string;
  appSecret: string;
  maxAgeSeconds: number;
  /** The source the account's orders are stored under (the orders pull's), for orderChanges. */
  orderSource: string;
  clock: Clock;
  state: ConnectorState;
  /** A return status the table does not know. */
  onUnknownStatus(code: string, sample: string): void;
}

export interface TikTokWebhookStats {
  accepted: number;
  duplicates: number;
  /** Types accepted without anything to do, by type name. */
  ignored: Record<string, number>;
  refused: Record<WebhookRejected['reason'], number>;
}

export class TikTokWebhooks implements WebhookReceiver {
  private readonly counters: TikTokWebhookStats = {
    accepted: 0,
    duplicates: 0,
    ignored: {},
    refused: { bad_signature: 0, malformed: 0, stale: 0 },
  };

  constructor(private readonly options: TikTokWebhookOptions) {}

  receive(
    headers: Readonly<Record<string, string | undefined>>,
    rawBody: string,
  ): { duplicate: boolean; notification: WebhookNotification } {
    try {
      return this.handle(headers, rawBody);
    } catch (err) {
      if (err instanceof WebhookRejected) this.counters.refused[err.reason] += 1;
      throw err;
    }
  }

  stats(): TikTokWebhookStats {
    return {
      ...this.counters,
      ignored: { ...this.counters.ignored },
      refused: { ...this.counters.refused },
    };
  }

  private handle(
    headers: Readonly<Record<string, string | undefined>>,
    rawBody: string,
  ): { duplicate: boolean; notification: WebhookNotification } {
    const { appKey, appSecret, clock, state } = this.options;
    const given = headerOf(headers, 'authorization');
    if (!given) throw new WebhookRejected('bad_signature', 'the notification has no Authorization header');
    const expected = createHmac('sha256', appSecret)
      .update(appKey + rawBody, 'utf8')
      .digest();
    const provided = /^[0-9a-fA-F]{64}$/.test(given.trim()) ? Buffer.from(given.trim(), 'hex') : null;
    if (!provided || !timingSafeEqual(provided, expected)) {
      throw new WebhookRejected('bad_signature', 'the notification signature does not match our app secret');
    }

    let envelope: z.infer<typeof envelopeSchema>;
    try {
      envelope = envelopeSchema.parse(JSON.parse(rawBody));
    } catch {
      throw new WebhookRejected('malformed', 'the notification is not a TikTok Shop envelope');
    }
    const ageMs = Math.abs(clock.now() - envelope.timestamp * 1000);
    if (ageMs > this.options.maxAgeSeconds * 1000) {
      throw new WebhookRejected(
        'stale',
        `the notification is ${String(Math.round(ageMs / 1000))} s away from our clock (at most ${String(
          this.options.maxAgeSeconds,
        )} s)`,
      );
    }
    const type = WEBHOOK_TYPES[envelope.type] ?? `TYPE_${String(envelope.type)}`;
    const notification: WebhookNotification = { id: envelope.tts_notification_id, type, raw: envelope };

    if (envelope.type === 12) {
      const data = returnChangeSchema.safeParse(envelope.data);
      if (!data.success)
        throw new WebhookRejected('malformed', 'a RETURN_STATUS_CHANGE without return_id and status');
      if (!mapReturnStatus(data.data.return_status).known) {
        this.options.onUnknownStatus(data.data.return_status, rawBody.slice(0, 500));
      }
      // The return's order comes with the return (its fetch reads the order); it is not one to pack.
      notification.refetch = { returnIds: [data.data.return_id] };
    } else if (envelope.type === 1) {
      const data = orderChangeSchema.safeParse(envelope.data);
      if (!data.success) throw new WebhookRejected('malformed', 'an ORDER_STATUS_CHANGE without order_id');
      const status = data.data.order_status ?? null;
      if (status && !Object.hasOwn(ORDER_STATUS_TABLE, status))
        this.options.onUnknownStatus(status, rawBody.slice(0, 500));
      notification.refetch = { orderIds: [data.data.order_id] };
      notification.orderChanges = [
        {
          source: this.options.orderSource,
          orderId: data.data.order_id,
          status,
          cancellation: status === 'CANCELLED' ? 'cancelled' : null,
        },
      ];
    } else if (envelope.type === 11) {
      const data = cancellationChangeSchema.safeParse(envelope.data);
      if (!data.success)
        throw new WebhookRejected('malformed', 'a CANCELLATION_STATUS_CHANGE without order_id');
      const done = CANCELLATION_DONE.test(data.data.cancel_status ?? '');
      notification.refetch = { orderIds: [data.data.order_id] };
      notification.orderChanges = [
        {
          source: this.options.orderSource,
          orderId: data.data.order_id,
          status: null,
          cancellation: done ? 'cancelled' : 'requested',
        },
      ];
    } else if (envelope.type === 4) {
      const data = packageUpdateSchema.safeParse(envelope.data);
      if (!data.success) throw new WebhookRejected('malformed', 'a PACKAGE_UPDATE without package_id');
      const status = data.data.package_status;
      if (status && !Object.hasOwn(PACKAGE_STATUS_TABLE, status)) {
        this.options.onUnknownStatus(status, rawBody.slice(0, 500));
      }
      notification.refetch = {
        packageIds: [data.data.package_id],
        ...(data.data.order_id ? { orderIds: [data.data.order_id] } : {}),
      };
    }

    // Remembered only once verified and well-formed: a forged request cannot burn a real id.
    const ttlMs = 2 * this.options.maxAgeSeconds * 1000;
    if (!state.remember(`webhook:${envelope.tts_notification_id}`, ttlMs)) {
      this.counters.duplicates += 1;
      return { duplicate: true, notification };
    }
    this.counters.accepted += 1;
    if (![1, 4, 11, 12].includes(envelope.type)) {
      this.counters.ignored[type] = (this.counters.ignored[type] ?? 0) + 1;
    }
    return { duplicate: false, notification };
  }
}

function headerOf(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}
