/**
 * The canonical JSON text of a value, so the same details always give the same bytes (and so the
 * same hash), whoever built the object and in whatever order they set its keys.
 *
 * - Object keys are sorted by UTF-16 code units (JavaScript's default sort), at every depth.
 *   (Rebuilding an object with sorted keys is not enough: engines list integer-like keys first.)
 * - No whitespace anywhere.
 * - Strings are escaped exactly as ECMAScript's JSON.stringify does (ES2019 and later): `"` `\\`
 *   and U+0000–U+001F escaped (\b \f \n \r \t, else \u00xx in lower-case hex), a lone surrogate
 *   as \udxxx, every other character as itself.
 * - Numbers as ECMAScript's Number::toString (shortest round-trip form: 1, 1.5, 1e+21, -0 as 0);
 *   NaN and ±Infinity become null, as JSON.stringify makes them.
 * - Values are converted as JSON.stringify converts them: toJSON() is called (Dates become ISO
 *   strings), boxed primitives are unboxed, undefined / functions / symbols are left out of
 *   objects and become null in arrays. BigInts and cycles are refused with a TypeError.
 *
 * The text is then encoded as UTF-8. Apart from lone surrogates (escaped here, refused by RFC 8785)
 * this is the JSON Canonicalization Scheme, RFC 8785.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(input: unknown, open: Set<object>): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object') {
    const toJson = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJson === 'function') value = (toJson as () => unknown).call(value);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      value = value.valueOf();
    }
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a BigInt has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (open.has(object)) throw new TypeError('canonicalJson: the value contains a cycle');
  open.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item: unknown) => write(item, open) ?? 'null').join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = write(record[key], open);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    open.delete(object);
  }
}
