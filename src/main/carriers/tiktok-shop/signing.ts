import { createHmac } from 'node:crypto';

/**
 * The request signature of the TikTok Shop Open API ("Sign your API request", official page):
 * every query parameter except `sign` and `access_token`, sorted by key and written as key+value
 * with no separators, prefixed by the request path, followed by the body exactly as sent (left out
 * for multipart/form-data, whose caller passes ''), wrapped in the app secret on both sides and
 * HMAC-SHA256'd with the app secret; lower-case hex.
 *
 * The body is the very string that goes on the wire: re-serialising JSON here could reorder keys or
 * change escapes, and the platform would refuse a signature over bytes it never received.
 */
export interface SignInput {
  appSecret: string;
  /** The path without host or query, e.g. `/authorization/202309/shops`. */
  path: string;
  query: Readonly<Record<string, string>>;
  /** The exact body string sent, or '' for no body and for multipart uploads. */
  body: string;
}

const UNSIGNED = new Set(['sign', 'access_token']);

export function signRequest({ appSecret, path, query, body }: SignInput): string {
  // Keys are compared by UTF-16 code unit, as every official SDK's plain sort does.
  const params = Object.keys(query)
    .filter((key) => !UNSIGNED.has(key))
    .sort()
    .map((key) => key + (query[key] ?? ''))
    .join('');
  const message = appSecret + path + params + body + appSecret;
  return createHmac('sha256', appSecret).update(message, 'utf8').digest('hex');
}
