/**
 * One text for one value, so a hash over it means the same thing on every machine and in every
 * version: object keys sorted by UTF-16 code unit, no whitespace, strings escaped as JSON.stringify
 * does, only finite numbers (a NaN or an undefined field is a bug, refused rather than hashed).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number that is not finite');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [key, v] of entries) {
        if (v === undefined) throw new TypeError(`canonicalJson: field ${key} is undefined`);
      }
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}
