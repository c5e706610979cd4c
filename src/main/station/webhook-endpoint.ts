import type http from 'node:http';
import { webhookError, type WebhookAnswer, type WebhookIntakeApi } from '../sync/webhook-intake';
import { readBody } from './request-body';

export const WEBHOOK_PREFIX = '/webhooks/';

/** Carriers' pushes are a few KB; a notification larger than this is refused before it is read. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 256 * 1024;

/** The intake now: sync may be attached again while the server runs, so it is looked up per request. */
export type WebhookIntakeSource = () => WebhookIntakeApi | undefined;

const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * `POST /webhooks/<connector>/<account>`: no station key (a carrier cannot have it) — the
 * connector's own signature check is the authentication, over the exact bytes received.
 */
export async function handleWebhook(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: string,
  source: WebhookIntakeSource | undefined,
  maxBytes = DEFAULT_MAX_WEBHOOK_BYTES,
): Promise<void> {
  const send = (answer: WebhookAnswer, extra: Record<string, string> = {}): void => {
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    });
    res.end(JSON.stringify(answer.body));
  };
  const path = url.slice(WEBHOOK_PREFIX.length).split('?')[0] ?? '';
  const [connector, account, ...rest] = path.split('/').map(decodeSegment);
  if (!connector || !account || rest.length > 0 || !SEGMENT.test(connector) || !SEGMENT.test(account)) {
    return send(webhookError(404, 'unknown_connector', 'the path is /webhooks/<connector>/<account>'));
  }
  if (req.method !== 'POST') {
    return send(webhookError(405, 'method_not_allowed', 'webhooks are POSTed'), { allow: 'POST' });
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return send(webhookError(413, 'too_large', `the body is larger than ${String(maxBytes)} bytes`), {
      connection: 'close',
    });
  }
  let body: string;
  try {
    body = await readBody(req, maxBytes);
  } catch {
    return send(webhookError(413, 'too_large', `the body is larger than ${String(maxBytes)} bytes`), {
      connection: 'close',
    });
  }
  const intake = source?.();
  if (!intake) return send(webhookError(503, 'sync_off', 'sync is not running on this station'));
  send(await intake.receive(connector, account, headersOf(req), body));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function headersOf(req: http.IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    out[key] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}
