import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { DeliveryError } from '../../sync/destination';
import type { ConnectorState } from '../connector';
import type { RequestPacer } from '../request-pacer';
import { API_CALLS, pathOf, type ApiCallName } from './api-calls';
import { errorOf, readEnvelope } from './api-errors';
import {
  authorizedShopsSchema,
  decisionEligibilitySchema,
  deliverPackagesSchema,
  emptyDataSchema,
  orderDetailsSchema,
  orderTrackingSchema,
  rejectReasonsSchema,
  searchReturnsSchema,
  uploadedDeliveryImageSchema,
  uploadedImageSchema,
} from './api-schemas';
import type { TikTokShopConfig } from './config';
import { signRequest } from './signing';
import { RefreshRefused, TokenKeeper } from './tokens';
import { transportFailure } from './transport';

/**
 * The signed HTTP side of the TikTok Shop Open API: every request carries `app_key`, a `timestamp`
 * from the injected clock, `shop_cipher` for shop-scoped calls and its `sign`; the access token
 * goes in the `x-tts-access-token` header (never in the query, never signed). Answers are read
 * through the documented envelope and mapped to DeliveryErrors (api-errors.ts); `data` is checked
 * against the call's schema before anyone uses it.
 *
 * Public API:
 *   new TikTokShopClient({ config, state, clock, fetch })
 *   .request(call, options, schema, signal) — one signed call, no retry
 *   .withAuthRetry(signal, fn)              — fn, and once more after a refresh if the token was refused
 *   typed calls: authorizedShops, searchReturns, orderDetails, decisionEligibility, rejectReasons,
 *   uploadImage, approveReturn, rejectReturn, uploadDeliveryImage, deliverPackages, orderTracking
 */
export interface TikTokShopClientOptions {
  config: TikTokShopConfig;
  state: ConnectorState;
  clock: Clock;
  fetch: typeof fetch;
  /** Paces token refreshes through the account's budget (the pulls pace their own calls). */
  pacer?: RequestPacer;
  /** Where a rotated refresh token is written back (ConnectorDeps.writeBackSecret). */
  writeBackSecret?: (field: string, value: string) => Promise<void>;
  logger?: Logger;
}

export interface RequestOptions {
  /** In words, for error messages ("the returns search"). */
  what: string;
  pathParams?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  json?: unknown;
  form?: FormData;
}

export interface SearchReturnsRequest {
  pageSize: number;
  pageToken: string | null;
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
  filters: {
    update_time_ge?: number;
    update_time_lt?: number;
    return_ids?: string[];
    order_ids?: string[];
    return_status?: string[];
    locale?: string;
  };
}

export interface PackageDeliveryUpdate {
  packageId: string;
  deliveryType: 'DELIVERY_SUCCESS' | 'DELIVERY_FAILED' | 'UPDATE_POD';
  failDeliveryReason?: string;
  fileType?: 'IMG' | 'PDF';
  fileUrl?: string;
}

export class TikTokShopClient {
  readonly tokens: TokenKeeper;
  private readonly base: string;

  constructor(private readonly options: TikTokShopClientOptions) {
    this.tokens = new TokenKeeper(options);
    this.base = options.config.baseUrl.replace(/\/$/, '');
  }

  async request<S extends z.ZodType>(
    name: ApiCallName,
    request: RequestOptions,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const { config, clock } = this.options;
    const call = API_CALLS[name];
    const path = pathOf(call, request.pathParams);
    const token = await this.tokens.accessToken(signal);
    const query: Record<string, string> = {
      ...request.query,
      app_key: config.appKey,
      timestamp: Math.floor(clock.now() / 1000).toString(),
      ...(call.shopScoped ? { shop_cipher: config.shopCipher } : {}),
    };
    // The string signed is the string sent: serialise once.
    const body = request.json !== undefined ? JSON.stringify(request.json) : '';
    const sign = signRequest({ appSecret: config.appSecret, path, query, body: request.form ? '' : body });
    const url = `${this.base}${path}?${new URLSearchParams({ ...query, sign }).toString()}`;
    const headers: Record<string, string> = { 'x-tts-access-token': token };
    if (!request.form) headers['content-type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: call.method,
        headers,
        body: request.form ?? (call.method === 'POST' ? body : undefined),
        signal,
      });
      text = await response.text();
    } catch (err) {
      throw transportFailure(err, signal, request.what);
    }
    const envelope = readEnvelope(text);
    const failure = errorOf(request.what, response.status, response.headers, envelope, clock.now());
    if (failure) {
      if (failure.kind === 'auth') this.tokens.refused(token);
      throw failure;
    }
    const parsed = schema.safeParse(envelope?.data);
    if (!parsed.success) {
      throw new DeliveryError(
        'malformed',
        `TikTok Shop answered ${request.what} with an unexpected shape: ${describeIssues(parsed.error)}`,
        { status: response.status },
      );
    }
    return parsed.data;
  }

  /** Runs `fn`; if the platform refused the token, refreshes once and runs it once more. */
  async withAuthRetry<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof DeliveryError) || err.kind !== 'auth' || err instanceof RefreshRefused) throw err;
      await this.tokens.refresh(signal);
      return fn();
    }
  }

  authorizedShops(signal: AbortSignal) {
    return this.request(
      'authorizedShops',
      { what: 'the authorised-shops call' },
      authorizedShopsSchema,
      signal,
    );
  }

  searchReturns(req: SearchReturnsRequest, signal: AbortSignal) {
    const query: Record<string, string> = {
      page_size: req.pageSize.toString(),
      sort_field: req.sortField,
      sort_order: req.sortOrder,
    };
    if (req.pageToken !== null && req.pageToken !== '') query.page_token = req.pageToken;
    return this.request(
      'searchReturns',
      { what: 'the returns search', query, json: req.filters },
      searchReturnsSchema,
      signal,
    );
  }

  /** Up to 50 orders by id. */
  orderDetails(ids: readonly string[], signal: AbortSignal) {
    return this.request(
      'orderDetails',
      { what: 'the order details', query: { ids: ids.join(',') } },
      orderDetailsSchema,
      signal,
    );
  }

  decisionEligibility(returnId: string, signal: AbortSignal) {
    return this.request(
      'decisionEligibility',
      { what: `the decision eligibility of return ${returnId}`, query: { return_id: returnId } },
      decisionEligibilitySchema,
      signal,
    );
  }

  rejectReasons(returnId: string, signal: AbortSignal) {
    return this.request(
      'rejectReasons',
      {
        what: `the reject reasons of return ${returnId}`,
        query: { return_or_cancel_id: returnId, locale: this.options.config.locale },
      },
      rejectReasonsSchema,
      signal,
    );
  }

  uploadImage(image: { bytes: Uint8Array; mimeType: string; fileName: string }, signal: AbortSignal) {
    const form = new FormData();
    form.append('data', new Blob([image.bytes], { type: image.mimeType }), image.fileName);
    form.append('use_case', this.options.config.imageUseCase);
    return this.request('uploadImage', { what: 'the image upload', form }, uploadedImageSchema, signal);
  }

  approveReturn(
    returnId: string,
    body: Record<string, unknown>,
    idempotencyKey: string,
    signal: AbortSignal,
  ) {
    return this.request(
      'approveReturn',
      {
        what: `the approval of return ${returnId}`,
        pathParams: { return_id: returnId },
        query: { idempotency_key: idempotencyKey },
        json: body,
      },
      emptyDataSchema,
      signal,
    );
  }

  rejectReturn(returnId: string, body: Record<string, unknown>, idempotencyKey: string, signal: AbortSignal) {
    return this.request(
      'rejectReturn',
      {
        what: `the rejection of return ${returnId}`,
        pathParams: { return_id: returnId },
        query: { idempotency_key: idempotencyKey },
        json: body,
      },
      emptyDataSchema,
      signal,
    );
  }

  /** A proof-of-delivery photo (JPG/PNG, ≤ 5 MB); its URL goes into a package delivery update. */
  uploadDeliveryImage(image: { bytes: Uint8Array; mimeType: string; fileName: string }, signal: AbortSignal) {
    const form = new FormData();
    form.append('data', new Blob([image.bytes], { type: image.mimeType }), image.fileName);
    return this.request(
      'uploadDeliveryImage',
      { what: 'the proof-of-delivery upload', form },
      uploadedDeliveryImageSchema,
      signal,
    );
  }

  /**
   * Delivery results of seller-own-fleet packages (SEA only on the platform's side). Answers the
   * packages the platform refused, by id, with its code and message; the rest were accepted.
   */
  async deliverPackages(
    packages: readonly PackageDeliveryUpdate[],
    signal: AbortSignal,
  ): Promise<Array<{ packageId: string | null; code: number; message: string }>> {
    const data = await this.request(
      'deliverPackages',
      {
        what: 'the package delivery update',
        json: {
          packages: packages.map((p) => ({
            id: p.packageId,
            delivery_type: p.deliveryType,
            ...(p.failDeliveryReason !== undefined ? { fail_delivery_reason: p.failDeliveryReason } : {}),
            ...(p.fileType !== undefined ? { file_type: p.fileType } : {}),
            ...(p.fileUrl !== undefined ? { file_url: p.fileUrl } : {}),
          })),
        },
      },
      deliverPackagesSchema,
      signal,
    );
    return (data?.errors ?? []).map((e) => ({
      packageId: e.detail?.package_id ?? null,
      code: e.code,
      message: e.message ?? '',
    }));
  }

  /** The platform's tracking of an order: descriptions and times only (no status codes). */
  async orderTracking(
    orderId: string,
    signal: AbortSignal,
  ): Promise<Array<{ description: string; updateTimeMs: number }>> {
    const data = await this.request(
      'orderTracking',
      { what: `the tracking of order ${orderId}`, pathParams: { order_id: orderId } },
      orderTrackingSchema,
      signal,
    );
    return data.tracking.map((t) => ({ description: t.description, updateTimeMs: t.update_time_millis }));
  }
}

/** "data.return_orders.3.update_time: expected number, received string" — the first few issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${['data', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
