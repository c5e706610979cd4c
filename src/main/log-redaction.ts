/**
 * Nothing secret reaches a log file: carrier API keys and app secrets, access and refresh tokens,
 * PINs, passwords, Authorization headers, signed query parameters. Two nets: field names that
 * mean "secret" (anywhere in the fields, nested too), and patterns in any text (a token pasted
 * into an error message or a URL).
 */
export const REDACTED = '[redacted]';

const SECRET_WORDS = new Set([
  'password',
  'passphrase',
  'passwd',
  'pwd',
  'pin',
  'secret',
  'token',
  'apikey',
  'authorization',
  'auth',
  'cookie',
  'credential',
  'credentials',
  'signature',
  'sign',
  'otp',
  'cvv',
]);
/** Two words that together name a secret, though neither alone does ("key", "id" are everywhere). */
const SECRET_PAIRS = new Set(['api key', 'app key', 'private key', 'secret key', 'access key', 'session id']);

/** Whether a field name names a secret (`appSecret`, `access_token`, `x-api-key`, `pin`, …). */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i]!)) return true;
    if (i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${words[i]}`)) return true;
  }
  return false;
}

const TEXT_PATTERNS: { pattern: RegExp; replace: string }[] = [
  // Authorization: Bearer/Basic …, in a header dump or an error message.
  { pattern: /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1 ${REDACTED}` },
  // JSON Web Tokens anywhere.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, replace: REDACTED },
  // Secrets in URLs and form bodies: ?access_token=…&sign=…, app_secret=…
  {
    pattern:
      /([?&;\s"']|^)((?:access|refresh|id)_?token|token|app_?secret|client_?secret|secret|api_?key|apikey|app_?key|sign|signature|password|pin)=([^&\s"';]+)/gi,
    replace: `$1$2=${REDACTED}`,
  },
  // "key": "value" pairs inside a JSON string that a library put into a message.
  {
    pattern:
      /("(?:access_?token|refresh_?token|token|app_?secret|client_?secret|secret|api_?key|password|pin|authorization)"\s*:\s*)"[^"]*"/gi,
    replace: `$1"${REDACTED}"`,
  },
  // Credentials in a URL: https://user:pass@host
  { pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^/\s@]+@/gi, replace: `$1:${REDACTED}@` },
];

export function redactText(text: string): string {
  let out = text;
  for (const { pattern, replace } of TEXT_PATTERNS) out = out.replace(pattern, replace);
  return out;
}

/** A copy of the fields with secrets replaced; errors become {name, message, stack}; cycles are cut. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactValue(fields, new WeakSet(), 0) as Record<string, unknown>;
}

const MAX_DEPTH = 8;

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      name: value.name,
      message: redactText(value.message),
      stack: value.stack === undefined ? undefined : redactText(value.stack),
    };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = redactValue(code, seen, depth + 1);
    return out;
  }
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactValue(v, seen, depth + 1));
  if (value instanceof Map) {
    return redactValue(Object.fromEntries(value), seen, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && v !== null && v !== undefined && v !== ''
        ? REDACTED
        : redactValue(v, seen, depth + 1);
  }
  return out;
}
