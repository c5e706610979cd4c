import { z } from 'zod';
import { platformReturnOrderSchema, type PlatformReturnOrder } from '../../../shared/platform-returns';
import type { RETURN_STATUSES } from '../../../shared/domain';
import type { StatusMapping, TrackingEvent } from '../../../shared/tracking';
import type { PullPage, PullSource } from '../../sync/destination';
import { limitsSchema } from '../config-fields';
import type { ConnectorDefinition } from '../connector';
import { checkConnection } from '../connection-check';
import { RequestPacer } from '../request-pacer';
import { StatusMapper, trackingEvent } from '../tracking-events';
import { TestCarrierClient, type PulledReturnOrder, type PulledTrackingEvent } from './client';

/**
 * The local test carrier as a connector of the common shape, for the registry: its Destination is
 * the TestCarrierClient, its pulls map the client's items into PlatformReturnOrder and
 * TrackingEvent. The client's own exports (and the sync wiring that uses them today) are unchanged.
 */
export const TEST_CARRIER_KIND = 'test-carrier';

const loopbackUrl = z
  .string()
  .url()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    },
    { message: 'the test carrier runs on this machine: http://127.0.0.1 or http://localhost' },
  );

export const testCarrierConfigSchema = z.strictObject({
  kind: z.literal(TEST_CARRIER_KIND),
  baseUrl: loopbackUrl,
  /** The carrier-side name, when it differs from the destination name. */
  remoteName: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  credentials: z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  limits: limitsSchema(
    { requestsPerSecond: 20, burst: 10, maxConcurrency: 4, maxBatchSize: 100, requestTimeoutMs: 15_000 },
    { maxBatchSize: 1_000 },
  ),
  pageSize: z.number().int().min(1).max(100).optional(),
});
export type TestCarrierConfig = z.infer<typeof testCarrierConfigSchema>;

/** The test carrier's statuses (karrio's normalised set) in the model. */
export const TEST_CARRIER_STATUS_TABLE: Readonly<Record<PulledTrackingEvent['status'], StatusMapping>> = {
  pending: { status: 'pending' },
  picked_up: { status: 'picked_up' },
  on_hold: { status: 'exception', reason: 'held_at_depot' },
  cancelled: { status: 'exception', reason: 'other' },
  delivered: { status: 'delivered' },
  in_transit: { status: 'in_transit' },
  delivery_failed: { status: 'delivery_failed', reason: 'other' },
  delivery_delayed: { status: 'in_transit', reason: 'carrier_delay' },
  out_for_delivery: { status: 'out_for_delivery' },
  ready_for_pickup: { status: 'ready_for_pickup' },
  return_to_sender: { status: 'return_to_sender' },
  unknown: { status: 'unknown' },
};

type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** TikTok Shop's return statuses as the station sees them; an unknown one keeps the return expected. */
const RETURN_STATUS: Readonly<Record<string, ReturnStatus>> = {
  RETURN_OR_REFUND_REQUEST_PENDING: 'expected',
  AWAITING_BUYER_SHIP: 'expected',
  BUYER_SHIPPED_ITEM: 'expected',
  RETURN_OR_REFUND_REQUEST_SUCCESS: 'expected',
  REFUND_OR_RETURN_REQUEST_REJECT: 'cancelled',
  RETURN_OR_REFUND_REQUEST_CANCEL: 'cancelled',
  REJECT_RECEIVE_PACKAGE: 'cancelled',
  RETURN_OR_REFUND_REQUEST_COMPLETE: 'completed',
};

export function testCarrierReturnOrder(item: PulledReturnOrder): PlatformReturnOrder {
  return platformReturnOrderSchema.parse({
    platform: 'tiktok_shop',
    platformReturnId: item.return_id,
    orderId: item.order_id,
    status:
      (Object.hasOwn(RETURN_STATUS, item.return_status) ? RETURN_STATUS[item.return_status] : undefined) ??
      'expected',
    platformStatus: item.return_status,
    returnType: item.return_type,
    reason: item.return_reason ?? null,
    buyerName: null,
    returnTrackingNumber: item.return_tracking_number,
    returnCarrier: item.return_provider_name ?? null,
    country: null,
    nextAction: null,
    // The test carrier, like TikTok Shop, counts in Unix seconds.
    updatedAt: item.update_time * 1000,
    items: item.items.map((i) => ({
      platformItemId: i.sku_id,
      sku: i.seller_sku,
      barcode: null,
      name: i.product_name,
      quantity: i.quantity,
      unitPrice: null,
      category: null,
    })),
  });
}

/** A feed's pages mapped into the model, each page taking one token of the account's budget. */
function mapped<A, B>(
  source: PullSource<A>,
  pacer: RequestPacer,
  map: (item: A) => B,
  onPage?: () => void,
): PullSource<B> {
  return {
    name: source.name,
    pull: async (cursor, signal): Promise<PullPage<B>> => {
      const page = await pacer.run(signal, () => source.pull(cursor, signal));
      onPage?.();
      return { ...page, items: page.items.map(map) };
    },
  };
}

export const testCarrierConnector = {
  kind: TEST_CARRIER_KIND,
  displayName: 'Local test carrier',
  configSchema: testCarrierConfigSchema,
  secretFields: ['credentials.clientSecret'],
  statusTable: TEST_CARRIER_STATUS_TABLE,
  create(name, config, deps) {
    const client = new TestCarrierClient({
      name,
      baseUrl: config.baseUrl,
      credentials: config.credentials,
      limits: config.limits,
      clock: deps.clock,
      ...(config.remoteName !== undefined ? { remoteName: config.remoteName } : {}),
      ...(config.pageSize !== undefined ? { pageSize: config.pageSize } : {}),
    });
    const pacer = new RequestPacer({
      limits: config.limits,
      clock: deps.clock,
      // The test carrier's 429s end the page; the pull runner resumes at the cursor.
      maxThrottleWaitMs: 0,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    const mapper = new StatusMapper(
      TEST_CARRIER_KIND,
      TEST_CARRIER_STATUS_TABLE,
      deps.onUnknownCode,
      deps.logger,
    );
    const toEvent = (item: PulledTrackingEvent): TrackingEvent => {
      const occurredAtMs = Date.parse(item.occurred_at);
      const event = trackingEvent({
        connector: TEST_CARRIER_KIND,
        carrier: item.carrier,
        trackingNumber: item.tracking_number,
        time: { occurredAt: item.occurred_at, occurredAtMs },
        code: item.status,
        description: item.description,
        location: item.location,
        mapping: mapper.map(item.status, `${item.tracking_number}: ${item.description}`),
      });
      // The test carrier names its events itself; its id is the one to keep.
      return { ...event, externalId: item.event_id };
    };
    return {
      destination: client,
      pulls: {
        returns: mapped(client.returnsSource(), pacer, testCarrierReturnOrder),
        tracking: mapped(client.trackingSource(), pacer, toEvent, () => mapper.nextPage()),
      },
      testConnection: (signal) =>
        checkConnection('the test carrier', config.limits.requestTimeoutMs, async () => {
          await client.refreshCredentials(signal);
          return 'credentials accepted';
        }),
      close: () => client.close(),
    };
  },
} satisfies ConnectorDefinition<TestCarrierConfig>;
