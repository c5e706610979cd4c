import type { z } from 'zod';
import type { CarrierBookingAnswer, CarrierBookingRequest } from '../../shared/carrier-booking';
import type { OutboundOrder } from '../../shared/packing/outbound-order';
import type { PlatformReturnOrder } from '../../shared/platform-returns';
import type { StatusMapping, TrackingEvent } from '../../shared/tracking';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Random } from '../random';
import type { Destination, PullSource } from '../sync/destination';
import type { RequestBudget } from '../sync/token-bucket';

/**
 * The one shape every carrier and platform connector has (src/main/carriers/<kind>/), so the sync
 * engine, the station and the hub know connectors only through the registry. A connector takes its
 * configuration, credentials, request budget, clock and network as inputs: the same code runs inside
 * one station or inside the warehouse's hub.
 */

/** Small persistent state a connector needs between runs (tokens, webhook ids seen), per instance. */
export interface ConnectorState {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Records `key` once; false when it was already recorded (webhook de-duplication). */
  remember(key: string, ttlMs: number): boolean;
}

/** Photo bytes by content hash, for uploads (receipt decisions with evidence images). */
export interface BlobReader {
  read(sha256: string): Promise<Uint8Array>;
}

/** A code the status table does not know: reported to the sync report, never dropped. */
export interface UnknownCodeReport {
  connector: string;
  code: string;
  sample: string;
}

/** A parcel whose tracking a connector should fetch: our tracking number and our carrier code. */
export interface TrackedParcel {
  trackingNumber: string;
  carrier: string;
}

export interface TrackedParcelPage {
  parcels: TrackedParcel[];
  /** Resumes after this page; opaque to the connector, which keeps it in its own pull cursor. */
  nextCursor: string | null;
  hasMore: boolean;
}

/**
 * The parcels a station (or, later, the hub for all its stations) tracks, paged. Carriers that are
 * asked number by number (17TRACK, Ninja Van, J&T) walk this list in their tracking pull; the list
 * decides what is tracked, the connector only how. `carriers` narrows it to our carrier codes the
 * connector handles (absent: every carrier).
 */
export interface TrackedParcelList {
  list(
    query: { cursor: string | null; limit: number; carriers?: readonly string[] },
    signal: AbortSignal,
  ): Promise<TrackedParcelPage>;
}

export interface ConnectorDeps {
  clock: Clock;
  random: Random;
  logger: Logger;
  /** The network, injected: tests and the hub point connectors at servers they control. */
  fetch: typeof fetch;
  state: ConnectorState;
  blobs?: BlobReader;
  onUnknownCode?(report: UnknownCodeReport): void;
  /** What the per-number tracking pulls walk; without it those pulls answer empty pages. */
  trackedParcels?: TrackedParcelList;
  /**
   * The account's request budget for the connector's own calls (pulls, token, test connection),
   * shared across processes when the caller passes a shared one; absent: an in-memory bucket from
   * the configured limits. Destination.deliver never takes from it (the delivery engine does).
   */
  budget?: RequestBudget;
  /**
   * Stores a secret the connector was handed in exchange for the configured one (TikTok Shop's
   * rotated refresh token) in the account's encrypted credential store, so a restart or another
   * process that reads the store has the one still valid. Never logs the value. Absent: the
   * connector keeps it in its state only.
   */
  writeBackSecret?(field: string, value: string): Promise<void>;
}

export interface ConnectionCheck {
  ok: boolean;
  /** A short reason a supervisor can act on ("credentials refused", "no answer in 10 s"). */
  detail: string;
  /** What kind of failure, for a screen to say it in the clerk's language; absent: not classified. */
  reason?: ConnectionFailure;
  /** timeout: how long was waited. */
  timeoutMs?: number;
}

/** config: the account answers, but not as configured (e.g. the shop is not authorised). */
export type ConnectionFailure =
  'auth' | 'timeout' | 'network' | 'throttled' | 'server' | 'config' | 'cancelled';

/** A verified, parsed webhook notification. */
export interface WebhookNotification {
  /** The source's notification id; de-duplicated through ConnectorState.remember. */
  id: string;
  type: string;
  tracking?: TrackingEvent[];
  returns?: PlatformReturnOrder[];
  /**
   * Records the notification names as changed without carrying them whole (TikTok Shop sends ids
   * and a status): the sync fetches these again.
   */
  refetch?: { returnIds?: string[]; orderIds?: string[]; packageIds?: string[] };
  /**
   * Orders the notification says changed (TikTok Shop ORDER_STATUS_CHANGE and
   * CANCELLATION_STATUS_CHANGE): the packing bench stops packing a cancelled one at once, before
   * the refetch answers. `source` is the orders' source as the connector's orders carry it
   * (OutboundOrder.source), so the change finds the order the pulls stored.
   */
  orderChanges?: Array<{
    source: string;
    orderId: string;
    status: string | null;
    cancellation: 'requested' | 'cancelled' | null;
  }>;
  raw: unknown;
}

export interface WebhookReceiver {
  /**
   * Verifies the signature over the exact raw body, then parses. Throws WebhookRejected on a bad
   * signature or shape; answers `duplicate: true` for a notification already seen.
   */
  receive(
    headers: Readonly<Record<string, string | undefined>>,
    rawBody: string,
  ): { duplicate: boolean; notification: WebhookNotification };
}

export class WebhookRejected extends Error {
  constructor(
    readonly reason: 'bad_signature' | 'malformed' | 'stale',
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

/**
 * Fetches, whole, what a webhook only named (WebhookNotification.refetch), pacing its requests
 * through the account's budget like the pulls; ids the platform does not know are simply absent
 * from the answer.
 */
export interface ConnectorRefetch {
  returns?(returnIds: readonly string[], signal: AbortSignal): Promise<PlatformReturnOrder[]>;
  orders?(orderIds: readonly string[], signal: AbortSignal): Promise<OutboundOrder[]>;
  /** The orders in these packages (a package update that names only its package), fetched whole. */
  packages?(packageIds: readonly string[], signal: AbortSignal): Promise<OutboundOrder[]>;
}

/**
 * Booking shipments with the account's carrier (the packing bench's labels). Throws BookingError:
 * `refused` when the carrier said no to this parcel, `offline` for anything worth asking again.
 * The same `reference` twice answers the same tracking number: the connector sends what the
 * carrier de-duplicates on, so a retry after a lost answer books nothing new.
 */
export interface CarrierBooking {
  book(request: CarrierBookingRequest, signal: AbortSignal): Promise<CarrierBookingAnswer>;
}

export interface ConnectorInstance {
  /** Where outbox events for this account go; absent for read-only feeds. */
  readonly destination?: Destination;
  /** Present when the account can book shipments (it has what the carrier needs, e.g. a sender). */
  readonly booking?: CarrierBooking;
  readonly pulls: {
    returns?: PullSource<PlatformReturnOrder>;
    tracking?: PullSource<TrackingEvent>;
    /** Orders to pack (every status, so cancellations arrive), by the platform's update time. */
    orders?: PullSource<OutboundOrder>;
  };
  readonly webhooks?: WebhookReceiver;
  /** Present when the webhooks name records without carrying them (TikTok Shop). */
  readonly refetch?: ConnectorRefetch;
  testConnection(signal: AbortSignal): Promise<ConnectionCheck>;
  close(): void;
}

export interface ConnectorDefinition<C = unknown> {
  /** The `kind` in a stored destination configuration, and the folder name. */
  readonly kind: string;
  readonly displayName: string;
  /** Validates a stored configuration (non-secret fields and secret fields alike). */
  readonly configSchema: z.ZodType<C>;
  /** Config fields that are secrets: stored encrypted, redacted in logs and reports, never sent back. */
  readonly secretFields: readonly string[];
  /** Every source status/scan code this connector knows, for tests and the supervisor's reference. */
  readonly statusTable: Readonly<Record<string, StatusMapping>>;
  /** A platform's return-order statuses and the station status each means (platform connectors). */
  readonly returnStatusTable?: Readonly<Record<string, { status: PlatformReturnOrder['status'] }>>;
  create(name: string, config: C, deps: ConnectorDeps): ConnectorInstance;
}
