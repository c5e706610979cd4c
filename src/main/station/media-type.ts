/** RFC 9110 token characters, for media-type parameter names and bare values. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const JSON_MEDIA_TYPE = new RegExp(
  `^application/json[ \\t]*(?:;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED})[ \\t]*)*$`,
  'i',
);

/**
 * Whether a Content-Type header is exactly `application/json`, optionally with parameters
 * (`; charset=utf-8`) — not `application/jsonfoo`, not `application/json-seq`, not two types.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_MEDIA_TYPE.test(header.trim());
}
