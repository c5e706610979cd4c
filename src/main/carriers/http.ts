import type { z } from 'zod';
import { parseRetryAfter } from '../sync/backoff';
import { classifyStatus, classifyTransportError } from '../sync/classify-http';
import { DeliveryError } from '../sync/destination';

/**
 * One HTTP exchange for a connector, over the injected fetch: a timeout on top of the caller's
 * signal, transport failures and non-2xx answers turned into DeliveryErrors the engine knows
 * (429 carries Retry-After), and JSON answers checked against the carrier's documented shape, so a
 * field that changes type is a 'malformed' answer naming the field, never a half-applied page.
 */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export async function exchange(
  fetchFn: typeof fetch,
  request: HttpRequest,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<HttpAnswer> {
  options.signal.throwIfAborted();
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const res = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
      redirect: 'error',
    });
    const body = await res.text();
    return { status: res.status, headers: res.headers, body };
  } catch (err) {
    // Our own shutdown is not the carrier's fault: let the caller see the abort as it is.
    if (options.signal.aborted) throw options.signal.reason;
    const kind = classifyTransportError(err);
    const cause = err as { message?: string; cause?: { code?: string; message?: string } };
    const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message ?? String(err);
    throw new DeliveryError(
      kind,
      `${new URL(request.url).host}: ${kind === 'timeout' ? 'no answer in time' : detail}`,
    );
  }
}

/**
 * The DeliveryError a non-2xx answer means, or null for 2xx. `what` names the call in the message
 * ("17TRACK gettrackinfo"); `reason` pulls the carrier's own error text out of its error body.
 */
export function httpFailure(
  answer: HttpAnswer,
  what: string,
  now: number,
  reason?: (body: string) => string | undefined,
): DeliveryError | null {
  const kind = classifyStatus(answer.status);
  if (kind === null) return null;
  const said = safeReason(reason, answer.body);
  const retryAfterMs =
    kind === 'throttled' || kind === 'server'
      ? parseRetryAfter(answer.headers.get('retry-after'), now)
      : undefined;
  return new DeliveryError(
    kind,
    `${what} answered HTTP ${answer.status.toString()}${said ? `: ${said}` : ''}`,
    { status: answer.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
  );
}

function safeReason(reason: ((body: string) => string | undefined) | undefined, body: string): string {
  if (!reason) return '';
  try {
    return (reason(body) ?? '').slice(0, 200);
  } catch {
    return '';
  }
}

/** Parses a 2xx JSON body against the documented shape; anything else is 'malformed', by field. */
export function parseJsonAnswer<S extends z.ZodType>(schema: S, body: string, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new DeliveryError('malformed', `${what}: the answer is not JSON (${preview(body)})`);
  }
  return checkShape(schema, json, what);
}

/** Checks an already parsed value against the documented shape; a mismatch is 'malformed', by field. */
export function checkShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'answer';
    throw new DeliveryError(
      'malformed',
      `${what}: unexpected answer at ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data as z.infer<S>;
}

/** Reads a JSON error body's message field, for httpFailure's `reason`. */
export function jsonField(...path: string[]): (body: string) => string | undefined {
  return (body) => {
    let value: unknown = JSON.parse(body);
    for (const key of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
}

function preview(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 60)}…` : text || 'empty';
}
