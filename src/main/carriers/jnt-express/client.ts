import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import { checkShape, exchange, httpFailure, parseJsonAnswer } from '../http';
import type { JntExpressConfig } from './config';
import { jntDigest } from './signing';

/**
 * J&T Express open platform (Malaysia): POST {baseUrl}/api/…, form body with one field
 * `bizContent` (a JSON string), headers apiAccount, digest and timestamp (ms). Answers
 * {code, msg, data, requestId}: code 1 is success (sent as a number or a string), 0 a failure,
 * 1450030xx the platform's refusals (145003030: signature). Trace: /api/logistics/trace with
 * {customerCode, password, billCode}. Orders: /api/order/addOrder with customerCode, password and
 * the order (community-sourced fields), answering data {txlogisticId, billCode, sortingCode}.
 * Cancel: /api/order/cancelOrder with customerCode, password, txlogisticId, billCode and reason
 * (docs/carriers-void.md).
 *
 * Public API: new JntClient(config, fetch, clock).trace(billCode, signal) / .addOrder(content,
 * signal) / .cancelOrder(order, signal); jntDetailSchema.
 */
export const jntDetailSchema = z.object({
  scanTime: z.string(),
  desc: z.string().nullable().optional(),
  scanTypeCode: z.union([z.string(), z.number().int()]).transform(String),
  scanTypeName: z.string().nullable().optional(),
  scanType: z.string().nullable().optional(),
  scanNetworkName: z.string().nullable().optional(),
  scanNetworkCity: z.string().nullable().optional(),
  scanNetworkProvince: z.string().nullable().optional(),
  timeZone: z.string().nullable().optional(),
});
export type JntDetail = z.infer<typeof jntDetailSchema>;

export const jntTraceSchema = z.object({
  billCode: z.string(),
  txlogisticId: z.string().nullable().optional(),
  details: z.array(jntDetailSchema),
});
export type JntTrace = z.infer<typeof jntTraceSchema>;

const envelopeSchema = z.object({
  // The platform's own examples show both 1 and "1".
  code: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform(Number),
  msg: z.string().nullable().optional(),
  data: z.unknown(),
});

/** Refusals about the account or the signature, not the parcel. */
const AUTH_CODES = new Set([145003030, 145003010, 145003012]);
/** Refusals of a request we built wrong (a missing header): our bug, never worth resending. */
const REQUEST_CODES = new Set([145003050, 145003051, 145003052, 145003053]);

/** addOrder's data (community: txlogisticId, billCode, sortingCode, …). */
const createdOrderSchema = z.looseObject({
  txlogisticId: z.string().nullable().optional(),
  billCode: z.string().min(1),
  sortingCode: z.string().nullable().optional(),
});
export type JntCreatedOrder = z.infer<typeof createdOrderSchema>;

export type TraceResult = { ok: true; traces: JntTrace[] } | { ok: false; code: number; message: string };
export type CancelResult = { ok: true } | { ok: false; code: number; message: string };

export class JntClient {
  constructor(
    private readonly config: JntExpressConfig,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
  ) {}

  /** One bill's trace, or the platform's business refusal of it (unknown bill). */
  async trace(billCode: string, signal: AbortSignal): Promise<TraceResult> {
    const what = 'J&T trace';
    const envelope = await this.call(
      '/api/logistics/trace',
      { customerCode: this.config.customerCode, password: this.config.password, billCode },
      what,
      signal,
    );
    if (envelope.code !== 1) return { ok: false, code: envelope.code, message: envelope.msg ?? '' };
    const traces =
      envelope.data === null || envelope.data === undefined
        ? []
        : checkShape(z.array(jntTraceSchema), envelope.data, what);
    return { ok: true, traces };
  }

  /**
   * Creates an order (/api/order/addOrder) and answers its bill code. A business refusal (code
   * other than 1, not about the account or our request) is 'rejected' with J&T's message.
   */
  async addOrder(content: Record<string, unknown>, signal: AbortSignal): Promise<JntCreatedOrder> {
    const what = 'J&T add order';
    const envelope = await this.call(
      '/api/order/addOrder',
      { customerCode: this.config.customerCode, password: this.config.password, ...content },
      what,
      signal,
    );
    if (envelope.code !== 1) {
      throw new DeliveryError(
        'rejected',
        `${what}: ${envelope.code.toString()} ${envelope.msg ?? ''}`.trim(),
      );
    }
    return checkShape(createdOrderSchema, envelope.data, what);
  }

  /**
   * Cancels an order made by addOrder. The platform's business answer (code other than 1, not
   * about the account or our request) is returned for the caller to read, as trace's is.
   */
  async cancelOrder(
    order: { txlogisticId: string; billCode: string; reason: string },
    signal: AbortSignal,
  ): Promise<CancelResult> {
    const envelope = await this.call(
      '/api/order/cancelOrder',
      { customerCode: this.config.customerCode, password: this.config.password, ...order },
      'J&T cancel order',
      signal,
    );
    return envelope.code === 1
      ? { ok: true }
      : { ok: false, code: envelope.code, message: envelope.msg ?? '' };
  }

  /**
   * One signed call: the digest is made over the exact bizContent string sent. Answers the
   * envelope; account and signature refusals throw 'auth', refusals of a request we built wrong
   * 'rejected'.
   */
  private async call(
    path: string,
    content: Record<string, unknown>,
    what: string,
    signal: AbortSignal,
  ): Promise<z.infer<typeof envelopeSchema>> {
    const bizContent = JSON.stringify(content);
    const answer = await exchange(
      this.fetchFn,
      {
        method: 'POST',
        url: `${this.config.baseUrl}${path}`,
        headers: {
          apiAccount: this.config.apiAccount,
          digest: jntDigest(bizContent, this.config.privateKey),
          timestamp: this.clock.now().toString(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ bizContent }).toString(),
      },
      { signal, timeoutMs: this.config.limits.requestTimeoutMs },
    );
    const failed = httpFailure(
      answer,
      what,
      this.clock.now(),
      (body) => (JSON.parse(body) as { msg?: string }).msg,
    );
    if (failed) throw failed;
    const envelope = parseJsonAnswer(envelopeSchema, answer.body, what);
    if (envelope.code !== 1) {
      const message = envelope.msg ?? '';
      if (AUTH_CODES.has(envelope.code))
        throw new DeliveryError('auth', `${what}: ${envelope.code.toString()} ${message}`.trim());
      if (REQUEST_CODES.has(envelope.code))
        throw new DeliveryError('rejected', `${what}: ${envelope.code.toString()} ${message}`.trim());
    }
    return envelope;
  }
}
