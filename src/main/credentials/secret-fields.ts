import { getConnector, isConnectorKind } from '../carriers/registry';

/** Secret field → value, for one account. */
export type AccountSecrets = Readonly<Record<string, string>>;
/** Account (destination name) → its stored secrets. */
export type StoredSecrets = ReadonlyMap<string, AccountSecrets>;

/** The secret fields of a connector kind; empty for a kind this build does not know. */
export function secretFieldsOf(kind: string): readonly string[] {
  return isConnectorKind(kind) ? getConnector(kind).secretFields : [];
}

/** A field's value at a dotted path (`credentials.clientSecret`), or undefined. */
export function valueAt(target: unknown, path: string): unknown {
  let at: unknown = target;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, key))
      return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Whether a configuration carries a value for the field itself ("inline"). */
export function hasInline(config: unknown, path: string): boolean {
  const value = valueAt(config, path);
  return value !== undefined && value !== null && value !== '';
}

/** A copy of `config` with `value` at the dotted path, creating the objects on the way. */
export function withValueAt<T>(config: T, path: string, value: string): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return copy as T;
}

/**
 * A stored destination with its secrets filled in from the credential store where it has none
 * inline (an inline value wins: it is what the operator wrote into that configuration). A field
 * the store does not hold stays absent, so the configuration's schema names what is missing.
 */
export function fillDestinationSecrets(destination: unknown, secrets: AccountSecrets | undefined): unknown {
  if (!secrets || destination === null || typeof destination !== 'object') return destination;
  const kind = (destination as { kind?: unknown }).kind;
  let out = destination;
  for (const field of typeof kind === 'string' ? secretFieldsOf(kind) : []) {
    const value = secrets[field];
    if (value !== undefined && !hasInline(out, field)) out = withValueAt(out, field, value);
  }
  return out;
}

/**
 * The stored sync configuration (`{ destinations: [...], feeds }`, raw JSON) with every
 * destination's secrets filled in from `secrets` by its name. Anything that is not that shape is
 * returned as it is, for the configuration's own schema to refuse.
 */
export function fillSyncConfigSecrets(raw: unknown, secrets: StoredSecrets): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const destinations = (raw as { destinations?: unknown }).destinations;
  if (!Array.isArray(destinations)) return raw;
  return {
    ...raw,
    destinations: destinations.map((d: unknown) => {
      const name = d !== null && typeof d === 'object' ? (d as { name?: unknown }).name : undefined;
      return typeof name === 'string' ? fillDestinationSecrets(d, secrets.get(name)) : d;
    }),
  };
}
