import { parseRetryAfter } from '../../sync/backoff';
import { classifyStatus } from '../../sync/classify-http';
import { DeliveryError, type DeliveryErrorKind } from '../../sync/destination';

/**
 * What a TikTok Shop answer means for the sync. Every answer carries the documented envelope
 * `{ code, message, request_id, data }`; `code` 0 is success. The HTTP status decides first
 * (429 throttled, 401 auth, 5xx server), then the platform code: credential codes are `auth`
 * (the events wait for a fixed secret instead of dying), the platform's internal-error code is
 * retried, and any other non-zero code is the platform refusing this request — `rejected`, with
 * its code and message kept so a supervisor can read why.
 *
 * Codes: 106001 (invalid sign, with HTTP 401) was seen in a real answer; 105001/105002 (invalid /
 * expired access token), 36009004 (token to be refreshed) and 36009003 (internal error) come from
 * community SDKs. An unknown code is never guessed retryable.
 */
export const AUTH_CODES: ReadonlySet<number> = new Set([105001, 105002, 106001, 36009004]);
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([36009003]);

export interface Envelope {
  code: number;
  message: string;
  requestId: string | null;
  data: unknown;
}

/** A refusal by the platform, with its own code and message (what the supervisor reads). */
export class TikTokApiError extends DeliveryError {
  constructor(
    kind: DeliveryErrorKind,
    message: string,
    readonly platformCode: number | null,
    readonly platformMessage: string | null,
    readonly requestId: string | null,
    details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(kind, message, details);
    this.name = 'TikTokApiError';
  }
}

/** The envelope, or null when the body is not one (HTML from a proxy, truncated JSON). */
export function readEnvelope(text: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const o = parsed as Record<string, unknown>;
  if (typeof o.code !== 'number' || !Number.isInteger(o.code)) return null;
  return {
    code: o.code,
    message: typeof o.message === 'string' ? o.message : '',
    requestId: typeof o.request_id === 'string' ? o.request_id : null,
    data: o.data,
  };
}

/**
 * The error an answer amounts to, or null for a success (`code` 0 on a 2xx). `what` names the
 * call in words ("the returns search").
 */
export function errorOf(
  what: string,
  status: number,
  headers: Headers,
  envelope: Envelope | null,
  now: number,
): TikTokApiError | null {
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
  const details = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  const code = envelope?.code ?? null;
  const said = envelope
    ? ` (code ${String(envelope.code)}: ${envelope.message || 'no message'}${
        envelope.requestId ? `; request_id ${envelope.requestId}` : ''
      })`
    : '';
  const make = (kind: DeliveryErrorKind, text: string) =>
    new TikTokApiError(
      kind,
      text + said,
      code,
      envelope?.message ?? null,
      envelope?.requestId ?? null,
      details,
    );

  if (status === 429) return make('throttled', `TikTok Shop asked us to slow down on ${what}`);
  if (status === 401 || (code !== null && AUTH_CODES.has(code))) {
    return make('auth', `TikTok Shop refused our credentials for ${what}`);
  }
  const byStatus = classifyStatus(status);
  if (byStatus === 'server' || byStatus === 'timeout' || (code !== null && RETRYABLE_CODES.has(code))) {
    return make(byStatus === 'timeout' ? 'timeout' : 'server', `TikTok Shop failed on ${what}`);
  }
  if (envelope === null) {
    if (byStatus === null) return make('malformed', `TikTok Shop answered ${what} with an unreadable body`);
    return make(byStatus, `TikTok Shop answered ${what} with HTTP ${String(status)}`);
  }
  if (envelope.code !== 0) return make('rejected', `TikTok Shop refused ${what}`);
  if (byStatus !== null) return make(byStatus, `TikTok Shop answered ${what} with HTTP ${String(status)}`);
  return null;
}
