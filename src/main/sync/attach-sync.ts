import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { ConnectorDeps, ConnectorRefetch } from '../carriers/connector';
import { SqliteConnectorState } from '../carriers/sqlite-state';
import type { Core } from '../core';
import { connectorBooking } from '../packing/connector-booking';
import { tiktokConnectorNamed } from '../packing/tiktok-connectors';
import { tiktokPlatformShipping } from '../packing/tiktok-platform-shipping';
import { tiktokPlatformProviders } from '../packing/tiktok-providers';
import { PLATFORM_DESTINATION } from '../scans/scan-routing';
import { describeStartupError } from '../startup-errors';
import { writeTransaction } from '../db/write';
import { circuitMemory } from './circuit-memory';
import { DeliveryEngine } from './delivery-engine';
import {
  buildDestination,
  destinationConfigSchema,
  destinationsConfigSchema,
  type BuiltDestination,
  type DestinationConfigInput,
} from './destination-config';
import type { Destination, PullSource } from './destination';
import { failoverAfterMsSchema } from './failover-config';
import { mapSource, toReturnOrderRecord, toTrackingRecord } from './feed-mapping';
import type { ReturnOrderRecord } from './return-order-upserts';
import type { RetentionOptions } from './retention';
import { RATE_LIMITS_FILE, SharedRateLimits } from './shared-rate-limits';
import { SyncService } from './sync-service';
import { ratePlan } from './token-bucket';
import { SYNC_CONFIG_KEY } from './sync-config-key';
import { StationTrackedParcels } from './tracked-parcels';
import { UnknownCodeTally, countingUnknown } from './unknown-codes';
import type { TrackingUpdateRecord } from './tracking-upserts';
import type { RefetchAccount, WebhookRefetchOptions } from './webhook-refetch';

export { SYNC_CONFIG_KEY } from './sync-config-key';

/**
 * Which destinations' feeds the daily sync reads. Every destination could offer both, but each
 * feed must be read from one place only: the same return pulled from two names would be one
 * order, the same tracking update two history rows.
 */
const feedsSchema = z
  .object({
    returns: z.array(z.string()).optional(),
    tracking: z.array(z.string()).optional(),
    /** Orders to pack, into the packing bench's order store. */
    orders: z.array(z.string()).optional(),
  })
  .strict();
export type SyncFeeds = z.infer<typeof feedsSchema>;

/** How long delivered events stay in the outbox and unclaimed tracking updates wait, in days. */
const retentionSchema = z
  .object({
    deliveredAfterDays: z.number().int().min(1).max(3650).optional(),
    pendingTrackingDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

export const storedSyncConfigSchema = z
  .object({
    destinations: destinationsConfigSchema,
    feeds: feedsSchema.default({}),
    retention: retentionSchema.optional(),
    /** How long a primary line's circuit stays open before new work goes to its backup line. */
    failoverAfterMs: failoverAfterMsSchema.optional(),
  })
  .strict()
  .refine(
    (c) =>
      [...(c.feeds.returns ?? []), ...(c.feeds.tracking ?? []), ...(c.feeds.orders ?? [])].every((f) =>
        c.destinations.some((d) => d.name === f),
      ),
    { message: 'every feed must name a configured destination' },
  );

export interface AttachSyncOptions {
  destinations: readonly DestinationConfigInput[];
  /**
   * Default: returns and orders from the platform destination (tiktok_shop) when configured, no
   * tracking feed.
   */
  feeds?: SyncFeeds;
  /** How often orders are pulled while the station runs (startTrickle); default 5 minutes. */
  ordersEveryMs?: number;
  /** The webhook refetch's retry policy (sync/webhook-refetch.ts). */
  refetch?: Pick<WebhookRefetchOptions, 'backoff' | 'maxAttempts' | 'idleRecheckMs'>;
  startTrickle: boolean;
  lock?: { staleAfterMs?: number; heartbeatMs?: number };
  /** How long delivered events and unclaimed tracking updates are kept (sync/retention.ts). */
  retention?: RetentionOptions;
  engine?: { idleRecheckMs?: number; leaseMs?: number; drainMaxWaitMs?: number; lockPatienceMs?: number };
  /** Why sync is off (the stored configuration cannot be used), shown on the Sync screen. */
  configError?: string;
  /** The network the connectors use (tests and the hub pass their own); global fetch by default. */
  fetch?: typeof fetch;
}

/** Connectors built for sync, with what they hold open. */
export interface SyncDestinations {
  built: BuiltDestination[];
  states: Map<string, SqliteConnectorState>;
  /** The station folder's shared request budgets (rate-limits.sqlite); null without destinations. */
  rateLimits: SharedRateLimits | null;
  release(): void;
}

/**
 * Builds every configured destination's connector with its state in the station database and
 * its account's request budget from the station folder's shared file — the bucket the delivery
 * engine spends for the same account — so a pull in one process and deliveries or pulls in
 * another together keep to the account's one declared rate.
 */
export function buildSyncDestinations(
  core: Core,
  destinations: readonly DestinationConfigInput[],
  fetchImpl: typeof fetch = globalThis.fetch,
): SyncDestinations {
  const built: BuiltDestination[] = [];
  const states = new Map<string, SqliteConnectorState>();
  let rateLimits: SharedRateLimits | null = null;
  const release = (): void => {
    for (const b of built) b.close();
    for (const state of states.values()) state.close();
    rateLimits?.close();
  };
  try {
    const trackedParcels = new StationTrackedParcels(core.db);
    rateLimits =
      destinations.length > 0
        ? new SharedRateLimits(path.join(core.dataDir, RATE_LIMITS_FILE), core.clock, core.nativeBinding)
        : null;
    for (const config of destinations) {
      const parsed = destinationConfigSchema.parse(config);
      // Each destination's tokens, cursors of its own and circuit memory, kept in the database.
      const state = new SqliteConnectorState({
        db: core.db,
        clock: core.clock,
        destination: parsed.name,
        logger: core.logger,
      });
      states.set(parsed.name, state);
      const deps: ConnectorDeps = {
        clock: core.clock,
        random: core.random,
        logger: core.logger,
        fetch: fetchImpl,
        state,
        blobs: core.qc.photos,
        trackedParcels,
        onUnknownCode: (report) =>
          core.logger.warn('a connector met a status code its table does not know', { ...report }),
        // The same bucket (name and plan) the delivery engine takes from for this account.
        ...(rateLimits ? { budget: rateLimits.bucket(parsed.name, ratePlan(parsed.limits)) } : {}),
        writeBackSecret: async (field, value) => {
          await core.credentials.writeBack(parsed.name, field, value);
        },
      };
      built.push(buildDestination(config, deps));
    }
    return { built, states, rateLimits, release };
  } catch (err) {
    // Nothing half-built stays open (HTTP agents, the rate-limit file) when sync cannot start.
    release();
    throw err;
  }
}

/**
 * Builds the delivery engine and the daily sync from destination configurations and puts them on
 * the core (core.sync). With `startTrickle` the engine delivers in the background, woken by every
 * enqueue; the CLI leaves it off and only drains within its daily run.
 */
export function attachSync(core: Core, options: AttachSyncOptions): SyncService {
  const { built, states, rateLimits, release } = buildSyncDestinations(
    core,
    options.destinations,
    options.fetch,
  );
  try {
    const deliverable = built.flatMap((b) => (b.destination ? [b.destination] : []));
    const tiktokNamed = tiktokConnectorNamed((name) => built.find((b) => b.name === name)?.connector ?? null);
    // The packing bench checks a carrier against the platform's list through these connectors.
    core.packing.station.usePlatformProviders(tiktokPlatformProviders(tiktokNamed));
    // Platform-shipped packages: handover slots and the platform's label through the same connectors.
    core.packing.station.usePlatformShipping(tiktokPlatformShipping(tiktokNamed));
    // The bench books labels through the accounts that can (route lines are account names).
    core.packing.station.useBooking(
      connectorBooking(() => built.map((b) => ({ name: b.name, booking: b.connector.booking }))),
    );
    const service = buildService(core, options, built, deliverable, states, rateLimits, release);
    core.sync = service;
    return service;
  } catch (err) {
    release();
    throw err;
  }
}

function buildService(
  core: Core,
  options: AttachSyncOptions,
  built: readonly BuiltDestination[],
  deliverable: readonly Destination[],
  states: ReadonlyMap<string, SqliteConnectorState>,
  rateLimits: SharedRateLimits | null,
  release: () => void,
): SyncService {
  const names = new Set(built.map((b) => b.name));
  const returnsFrom =
    options.feeds?.returns ?? (names.has(PLATFORM_DESTINATION) ? [PLATFORM_DESTINATION] : []);
  const trackingFrom = options.feeds?.tracking ?? [];
  const ordersFrom = options.feeds?.orders ?? (names.has(PLATFORM_DESTINATION) ? [PLATFORM_DESTINATION] : []);

  const returnSources: PullSource<ReturnOrderRecord>[] = [];
  const trackingSources: PullSource<TrackingUpdateRecord>[] = [];
  const orderSources: PullSource<OutboundOrder>[] = [];
  const refetchAccounts: RefetchAccount[] = [];
  const unknownCodes = new UnknownCodeTally(core.db, core.clock);
  for (const b of built) {
    const { returns, tracking, orders } = b.pulls;
    if (orders && ordersFrom.includes(b.name)) orderSources.push(orders);
    // A webhook's records are fetched only where that feed is read, like the pulls.
    const refetch: ConnectorRefetch = {
      ...(b.connector.refetch?.returns && returnsFrom.includes(b.name)
        ? { returns: b.connector.refetch.returns }
        : {}),
      ...(b.connector.refetch?.orders && ordersFrom.includes(b.name)
        ? { orders: b.connector.refetch.orders }
        : {}),
      ...(b.connector.refetch?.packages && ordersFrom.includes(b.name)
        ? { packages: b.connector.refetch.packages }
        : {}),
    };
    if (refetch.returns || refetch.orders || refetch.packages)
      refetchAccounts.push({ name: b.name, refetch });
    if (returns && returnsFrom.includes(b.name)) {
      const counted = countingUnknown(returns, (orders) =>
        writeTransaction(core.db, () => unknownCodes.countReturns(b.name, b.kind, orders)),
      );
      returnSources.push(mapSource(counted, toReturnOrderRecord));
    }
    if (tracking && trackingFrom.includes(b.name)) {
      const counted = countingUnknown(tracking, (events) =>
        writeTransaction(core.db, () => unknownCodes.countTracking(b.name, b.kind, events)),
      );
      trackingSources.push(mapSource(counted, toTrackingRecord));
    }
  }

  const engine =
    deliverable.length > 0 && rateLimits
      ? new DeliveryEngine({
          db: core.db,
          clock: core.clock,
          random: core.random,
          destinations: deliverable,
          logger: core.logger,
          subscribe: (listener) => core.outbox.onEnqueued(listener),
          budgets: rateLimits.budgets,
          circuitMemory: circuitMemory((name) => states.get(name)),
          ...(options.engine?.idleRecheckMs !== undefined
            ? { idleRecheckMs: options.engine.idleRecheckMs }
            : {}),
          ...(options.engine?.leaseMs !== undefined ? { leaseMs: options.engine.leaseMs } : {}),
          ...(options.engine?.lockPatienceMs !== undefined
            ? { lockPatienceMs: options.engine.lockPatienceMs }
            : {}),
        })
      : null;
  // Whatever waits on a delivery (packing's platform labels) hears of it through the outbox.
  engine?.onSettled((b) =>
    core.outbox.reportSettled({ destination: b.destination, delivered: b.deliveredIds, dead: b.deadIds }),
  );
  return new SyncService(core, {
    engine,
    returnSources,
    trackingSources,
    orderSources,
    orderSink: core.packing.orders,
    refetchAccounts,
    ...(options.ordersEveryMs !== undefined ? { ordersEveryMs: options.ordersEveryMs } : {}),
    ...(options.refetch ? { refetch: options.refetch } : {}),
    startTrickle: options.startTrickle,
    configError: options.configError ?? null,
    backupLines: () => core.routes.takeBackupCounts(),
    unknownCodes,
    webhookAccounts: built.map((b) => ({
      name: b.name,
      kind: b.kind,
      receiver: b.webhooks,
      trackingSource: b.pulls.tracking?.name ?? `${b.name}:tracking`,
      reloadState: () => states.get(b.name)?.reload(),
    })),
    ...(options.lock ? { lock: options.lock } : {}),
    ...(options.retention ? { retention: options.retention } : {}),
    ...(options.engine?.drainMaxWaitMs !== undefined
      ? { drainMaxWaitMs: options.engine.drainMaxWaitMs }
      : {}),
    onClose: release,
  });
}

/**
 * Attaches sync from the configuration stored in the station's settings. A missing configuration
 * is no error (the overview still lists what waits in the queue). One that cannot be used — it
 * fails the schema, or building the engine from it fails (a configuration stored by an older
 * version, a damaged rate-limit file) — turns sync off: sync is attached without destinations, so
 * nothing is sent to a half-understood setup, the Sync screen shows why, and scanning goes on.
 */
export function attachStoredSync(
  core: Core,
  options: Omit<AttachSyncOptions, 'destinations' | 'feeds' | 'retention'> & StoredSecretsOption,
): { service: SyncService; configError: string | null } {
  const { withSecrets, ...attach } = options;
  const off = (configError: string) => ({
    service: attachSync(core, { ...attach, destinations: [], configError }),
    configError,
  });
  let raw: unknown;
  try {
    raw = core.settings.getRaw(SYNC_CONFIG_KEY);
  } catch {
    return off('the stored value is not JSON');
  }
  if (raw === undefined)
    return { service: attachSync(core, { ...attach, destinations: [] }), configError: null };
  const parsed = storedSyncConfigSchema.safeParse(withSecrets ? withSecrets(raw) : raw);
  if (!parsed.success) return off(describeIssue(parsed.error.issues[0]));
  try {
    return {
      service: attachSync(core, {
        ...attach,
        destinations: parsed.data.destinations,
        feeds: parsed.data.feeds,
        ...(parsed.data.retention ? { retention: parsed.data.retention } : {}),
      }),
      configError: null,
    };
  } catch (err) {
    return off(
      err instanceof AppError ? describeStartupError(err) : err instanceof Error ? err.message : String(err),
    );
  }
}

export interface StoredSecretsOption {
  /**
   * Fills destinations' secrets from the credential store where the stored configuration has
   * none inline (`await core.credentials.syncConfigFiller()`); the stored value is not changed.
   */
  withSecrets?: (raw: unknown) => unknown;
}

/** The operator's line when sync is off (the station command, the CLI, the desktop app's log). */
export function syncOffLine(configError: string): string {
  return `sync is off: the stored sync configuration cannot be used (${configError}); scanning works, nothing is sent until it is fixed`;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return `${issue?.message ?? 'invalid'}${where}`;
}

/**
 * Stores the station's sync configuration, validated first by the same schema start-up reads it
 * with: a bad one is refused with VALIDATION_FAILED naming the field and the rule, and not saved.
 */
export async function storeSyncConfig(
  core: Core,
  config: {
    destinations: readonly DestinationConfigInput[];
    feeds?: SyncFeeds;
    retention?: z.input<typeof retentionSchema>;
    failoverAfterMs?: number;
  },
): Promise<void> {
  const parsed = storedSyncConfigSchema.safeParse({
    destinations: config.destinations,
    feeds: config.feeds ?? {},
    ...(config.retention ? { retention: config.retention } : {}),
    ...(config.failoverAfterMs !== undefined ? { failoverAfterMs: config.failoverAfterMs } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', {
      call: 'storeSyncConfig',
      field: issue?.path.map(String).join('.') || '(payload)',
      issue: describeIssue(issue),
    });
  }
  await core.settings.setRaw(SYNC_CONFIG_KEY, parsed.data);
}
