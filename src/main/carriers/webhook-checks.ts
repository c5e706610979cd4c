import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookRejected, type ConnectorState } from './connector';

/**
 * Pieces every webhook receiver uses: case-insensitive headers, a constant-time comparison of a
 * signature we computed with the one received, and de-duplication through ConnectorState.
 */

export function header(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * Compares in constant time. Both sides are hashed first, so neither the length nor the position of
 * the first differing byte of the expected signature leaks through the time taken.
 */
export function signaturesMatch(expected: string, received: string | undefined): boolean {
  if (received === undefined || received === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(received.trim()).digest();
  return timingSafeEqual(a, b);
}

export function requireSignature(expected: string, received: string | undefined, headerName: string): void {
  if (received === undefined || received === '') {
    throw new WebhookRejected('bad_signature', `the ${headerName} header is missing`);
  }
  if (!signaturesMatch(expected, received)) {
    throw new WebhookRejected('bad_signature', `the ${headerName} header does not match the body`);
  }
}

export function parseWebhookJson(rawBody: string, what: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new WebhookRejected('malformed', `${what}: the body is not JSON`);
  }
}

/** How long a notification id is remembered: carriers retry failed pushes for days. */
export const WEBHOOK_DEDUP_TTL_MS = 14 * 86_400_000;

/** True the first time a notification id is seen, false for a replay. */
export function firstDelivery(
  state: ConnectorState,
  connector: string,
  id: string,
  ttlMs = WEBHOOK_DEDUP_TTL_MS,
): boolean {
  return state.remember(`webhook:${connector}:${id}`, ttlMs);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
