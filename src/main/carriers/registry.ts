import { z } from 'zod';
import { afterShipConnector } from './aftership/definition';
import type { ConnectorDefinition, ConnectorDeps, ConnectorInstance } from './connector';
import { jntExpressConnector } from './jnt-express/definition';
import { ninjaVanConnector } from './ninja-van/definition';
import { seventeenTrackConnector } from './seventeen-track/definition';
import { testCarrierConnector } from './test-carrier/definition';
import { tiktokShopConfigSchema } from './tiktok-shop/config';
import { tiktokShopConnector } from './tiktok-shop/definition';

/**
 * Every connector this build knows, by kind. Sync, settings, the station and the hub reach
 * connectors only through here: look a kind up, validate a stored destination configuration
 * (one discriminated union over the kinds), and redact its secrets before it is logged, reported
 * or sent to a screen.
 *
 * Public API: CONNECTORS, connectorKinds(), isConnectorKind(kind), getConnector(kind),
 * storedDestinationSchema, StoredDestination, buildConnector(stored, deps), redactConfig(config),
 * REDACTED.
 */
export const CONNECTORS = [
  testCarrierConnector,
  seventeenTrackConnector,
  afterShipConnector,
  ninjaVanConnector,
  jntExpressConnector,
  tiktokShopConnector,
] as const;

export type ConnectorKind = (typeof CONNECTORS)[number]['kind'];

const byKind = new Map<string, ConnectorDefinition<unknown>>(
  CONNECTORS.map((d) => [d.kind, d as unknown as ConnectorDefinition<unknown>]),
);

export function connectorKinds(): ConnectorKind[] {
  return CONNECTORS.map((d) => d.kind);
}

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return byKind.has(kind);
}

export function getConnector(kind: string): ConnectorDefinition<unknown> {
  const definition = byKind.get(kind);
  if (!definition) {
    throw new Error(
      `unknown connector kind "${kind.slice(0, 64)}"; this build knows ${connectorKinds().join(', ')}`,
    );
  }
  return definition;
}

/** A destination's name: the outbox's destination and the sync cursors' prefix. */
export const destinationName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash, underscore; at most 64');

/** A stored destination: its name and its connector's configuration, `kind` deciding which. */
export const storedDestinationSchema = z.discriminatedUnion('kind', [
  testCarrierConnector.configSchema.extend({ name: destinationName }),
  seventeenTrackConnector.configSchema.extend({ name: destinationName }),
  afterShipConnector.configSchema.extend({ name: destinationName }),
  ninjaVanConnector.configSchema.extend({ name: destinationName }),
  jntExpressConnector.configSchema.extend({ name: destinationName }),
  // TikTok Shop's own schema has no `kind` (one platform, one shape); the union needs it.
  tiktokShopConfigSchema.extend({ kind: z.literal('tiktok-shop'), name: destinationName }),
]);
export type StoredDestination = z.infer<typeof storedDestinationSchema>;
export type StoredDestinationInput = z.input<typeof storedDestinationSchema>;

/** Validates a stored destination and creates its connector instance under the stored name. */
export function buildConnector(stored: StoredDestinationInput, deps: ConnectorDeps): ConnectorInstance {
  const { name, ...config } = storedDestinationSchema.parse(stored);
  const definition = getConnector(config.kind);
  return definition.create(name, definition.configSchema.parse(config), deps);
}

export const REDACTED = '[redacted]';

/** Keys that look secret, for a configuration whose kind this build does not know. */
const SECRET_LOOKING = /secret|password|passwd|token|key|credential|private/i;

/**
 * A copy of a configuration with every secret field replaced by REDACTED (dotted paths, e.g.
 * credentials.clientSecret). A configuration of an unknown kind has every secret-looking key
 * redacted instead, so a typo in `kind` never prints a key. The input is not changed.
 */
export function redactConfig<T>(config: T): T {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return config;
  const copy = structuredClone(config) as Record<string, unknown>;
  const kind = copy.kind;
  const definition = typeof kind === 'string' ? byKind.get(kind) : undefined;
  if (definition) {
    for (const path of definition.secretFields) redactPath(copy, path.split('.'));
  } else {
    redactLooking(copy);
  }
  return copy as T;
}

function redactPath(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(target, head)) return;
  if (rest.length === 0) {
    if (target[head] !== undefined && target[head] !== null) target[head] = REDACTED;
    return;
  }
  const next = target[head];
  if (next !== null && typeof next === 'object' && !Array.isArray(next))
    redactPath(next as Record<string, unknown>, rest);
}

function redactLooking(target: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(target)) {
    if (SECRET_LOOKING.test(key) && (typeof value === 'string' || typeof value === 'number'))
      target[key] = REDACTED;
    else if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) {
        for (const item of value)
          if (item !== null && typeof item === 'object') redactLooking(item as Record<string, unknown>);
      } else redactLooking(value as Record<string, unknown>);
    }
  }
}
