import { z } from 'zod';
import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { PlatformReturnOrder } from '../../shared/platform-returns';
import type { TrackingEvent } from '../../shared/tracking';
import type { ConnectorDeps, ConnectorInstance, WebhookReceiver } from '../carriers/connector';
import {
  buildConnector,
  storedDestinationSchema,
  type StoredDestination,
  type StoredDestinationInput,
} from '../carriers/registry';
import { leaseProblem } from './delivery-lease';
import type { Destination, PullSource } from './destination';

/**
 * Configured destinations (settings or a CLI file) and how each becomes what sync runs. Sync
 * knows connectors only through the registry (carriers/registry.ts): a destination is a stored
 * connector configuration with a name, `kind` deciding which connector; the registry validates it
 * and builds the instance. Whatever the connector, sync sees the same things: an optional
 * Destination for outbox events, return-order and tracking feeds in the shared model, webhooks.
 *
 * Public API: destinationConfigSchema, destinationsConfigSchema, buildDestination(config, deps),
 * BuiltDestination, DestinationConfig(Input).
 */
export const destinationConfigSchema = storedDestinationSchema
  // The delivery engine's own rule, here so a configuration it would refuse is never stored.
  .superRefine((config, ctx) => {
    const problem = leaseProblem(config.name, config.limits.requestTimeoutMs);
    if (problem) ctx.addIssue({ code: 'custom', path: ['limits', 'requestTimeoutMs'], message: problem });
  });
export type DestinationConfig = StoredDestination;
export type DestinationConfigInput = StoredDestinationInput;

export const destinationsConfigSchema = z
  .array(destinationConfigSchema)
  .refine((list) => new Set(list.map((d) => d.name)).size === list.length, {
    message: 'destination names must be unique',
  });

export interface BuiltDestination {
  readonly name: string;
  readonly kind: string;
  /** Where outbox events for this name go; absent for read-only feeds (Ninja Van, J&T tracking). */
  readonly destination: Destination | undefined;
  /** Feeds this connector offers, in the shared model. */
  readonly pulls: {
    returns?: PullSource<PlatformReturnOrder>;
    tracking?: PullSource<TrackingEvent>;
    orders?: PullSource<OutboundOrder>;
  };
  readonly webhooks: WebhookReceiver | undefined;
  readonly connector: ConnectorInstance;
  close(): void;
}

export function buildDestination(input: DestinationConfigInput, deps: ConnectorDeps): BuiltDestination {
  const config = destinationConfigSchema.parse(input);
  const connector = buildConnector(config, deps);
  if (connector.destination && connector.destination.name !== config.name) {
    connector.close();
    throw new Error(
      `connector ${config.kind} named its destination "${connector.destination.name}", not "${config.name}"`,
    );
  }
  return {
    name: config.name,
    kind: config.kind,
    destination: connector.destination,
    pulls: connector.pulls,
    webhooks: connector.webhooks,
    connector,
    close: () => connector.close(),
  };
}
