import type { Logger } from '../logger';
import { REDACTED, redactText } from '../log-redaction';

/**
 * The secrets this core has handled (stored, read back for sync, tried in a connection test), so
 * that an exact value is redacted wherever it appears — a carrier that echoes a key in an error
 * body, a library that puts a URL with a key into a message — even where no field name or pattern
 * gives it away. One per core: no module-level state.
 */
export class KnownSecrets {
  /** Shorter values would redact ordinary words and numbers; the patterns still cover those fields. */
  static readonly MIN_LENGTH = 4;
  private values: string[] = [];

  add(value: string): void {
    if (value.length < KnownSecrets.MIN_LENGTH || this.values.includes(value)) return;
    // Longest first, so a secret containing another is replaced whole.
    this.values = [...this.values, value].sort((a, b) => b.length - a.length);
  }

  /** Pattern redaction (log-redaction.ts) plus every known value. */
  redact(text: string): string {
    let out = redactText(text);
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return out;
  }

  /** A copy with every string inside redacted (reports, log fields). */
  redactDeep<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object' || depth > 12) return value;
    if (value instanceof Error) {
      const copy = new Error(this.redact(value.message));
      copy.name = value.name;
      if (value.stack !== undefined) copy.stack = this.redact(value.stack);
      // Own fields (an errno `code`, an AppError's `params`) go on, redacted too.
      for (const [k, v] of Object.entries(value)) {
        (copy as unknown as Record<string, unknown>)[k] = this.walk(v, depth + 1);
      }
      return copy;
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.walk(v, depth + 1)]));
  }
}

/** A logger that redacts known secrets from every message and field before passing them on. */
export function knownSecretsLogger(logger: Logger, secrets: KnownSecrets): Logger {
  const pass =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void =>
      logger[level](secrets.redact(message), fields === undefined ? undefined : secrets.redactDeep(fields));
  return { info: pass('info'), warn: pass('warn'), error: pass('error') };
}
