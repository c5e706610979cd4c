import type { PlatformReturnOrder } from '../../../shared/platform-returns';
import { DeliveryError } from '../../sync/destination';
import type {
  ConnectionCheck,
  ConnectorDefinition,
  ConnectorDeps,
  ConnectorInstance,
  ConnectorRefetch,
} from '../connector';
import { RequestPacer } from '../request-pacer';
import { TikTokShopClient } from './client';
import { TIKTOK_SHOP_SECRET_FIELDS, tiktokShopConfigSchema, type TikTokShopConfig } from './config';
import { TikTokDestination } from './destination';
import { TikTokFulfillment } from './fulfillment-client';
import { TikTokOrdersPull } from './orders-pull';
import { TikTokReceiptDecisions } from './receipt-decisions';
import { TikTokReturnsPull } from './returns-pull';
import { TikTokCombines } from './combine-destination';
import { TikTokShipments } from './ship-destination';
import { ShippingLabels } from './shipping-labels';
import { ShippingProviderDirectory } from './shipping-providers';
import { PACKAGE_STATUS_TABLE, RETURN_STATUS_TABLE } from './status-tables';
import { TikTokWebhooks } from './webhooks';

/**
 * The TikTok Shop connector as the registry sees it (kind 'tiktok-shop'): one instance per shop
 * account, with its destination (receipt decisions and ship calls), the returns and orders pulls,
 * the webhook receiver, and the clients for the calls the sync and the packing bench make
 * directly (fulfilment: packages, split/combine, handover slots, labels, provider lists; delivery
 * results, order tracking, returns by id).
 */
export class TikTokShopConnector implements ConnectorInstance {
  readonly client: TikTokShopClient;
  readonly fulfillment: TikTokFulfillment;
  readonly receiptDecisions: TikTokReceiptDecisions;
  readonly shipments: TikTokShipments;
  /** The bench's package combinations, and the combined package each answered. */
  readonly combines: TikTokCombines;
  readonly destination: TikTokDestination;
  readonly returns: TikTokReturnsPull;
  /** Orders by update time (every status), as OutboundOrders; `orders.awaitingShipment()` for a first load. */
  readonly orders: TikTokOrdersPull;
  readonly providers: ShippingProviderDirectory;
  readonly labels: ShippingLabels;
  readonly pulls: { returns: TikTokReturnsPull; orders: TikTokOrdersPull };
  readonly webhooks: TikTokWebhooks;
  /**
   * What RETURN_STATUS_CHANGE / ORDER_STATUS_CHANGE / PACKAGE_UPDATE name, fetched by id (returns
   * search, orders get, a package's detail for its orders).
   */
  readonly refetch: Required<ConnectorRefetch>;

  constructor(
    readonly name: string,
    readonly config: TikTokShopConfig,
    deps: ConnectorDeps,
  ) {
    // One source for pulled orders and webhook order changes, so both find the same stored order.
    const orderSource = `tiktok-shop:${name}`;
    const report = (code: string, sample: string) =>
      deps.onUnknownCode?.({ connector: name, code, sample: sample.slice(0, 500) });
    // Pulls and token refreshes take from the account's budget; receipt decisions and ship calls
    // do not here, because the delivery engine takes for them.
    const pacer = new RequestPacer({
      limits: { ...config.limits, maxBatchSize: 1 },
      clock: deps.clock,
      // A 429 ends the call (and drains the budget): the platform names no short wait worth keeping.
      maxThrottleWaitMs: 0,
      ...(deps.budget ? { budget: deps.budget } : {}),
    });
    this.client = new TikTokShopClient({
      config,
      state: deps.state,
      clock: deps.clock,
      fetch: deps.fetch,
      pacer,
      logger: deps.logger,
      ...(deps.writeBackSecret ? { writeBackSecret: deps.writeBackSecret } : {}),
    });
    this.fulfillment = new TikTokFulfillment(this.client, deps.fetch);
    this.providers = new ShippingProviderDirectory(
      this.fulfillment,
      deps.state,
      deps.clock,
      config.fulfilment.providersMaxAgeMinutes * 60_000,
    );
    this.labels = new ShippingLabels(this.fulfillment, config, deps.clock);
    this.combines = new TikTokCombines({
      fulfillment: this.fulfillment,
      state: deps.state,
      clock: deps.clock,
    });
    const combines = this.combines;
    this.shipments = new TikTokShipments({
      fulfillment: this.fulfillment,
      providers: this.providers,
      state: deps.state,
      clock: deps.clock,
      combinedPackage: (key) => combines.combinedPackage(key),
      packageOf: (orderId) => combines.packageOf(orderId),
    });
    this.receiptDecisions = new TikTokReceiptDecisions({
      name,
      client: this.client,
      config,
      state: deps.state,
      blobs: deps.blobs,
      clock: deps.clock,
      logger: deps.logger,
    });
    this.destination = new TikTokDestination(this.receiptDecisions, this.shipments, this.combines);
    this.returns = new TikTokReturnsPull({
      name: `${name}:returns`,
      client: this.client,
      config,
      clock: deps.clock,
      logger: deps.logger,
      pacer,
      onUnknownStatus: (code, returnId) => report(code, `return ${returnId}`),
    });
    this.orders = new TikTokOrdersPull({
      name: `${name}:orders`,
      source: orderSource,
      fulfillment: this.fulfillment,
      config,
      clock: deps.clock,
      pacer,
      onUnknownStatus: (code, orderId) => report(code, `order ${orderId}`),
    });
    this.pulls = { returns: this.returns, orders: this.orders };
    this.refetch = {
      returns: (ids, signal) => this.refetchReturns(ids, signal),
      orders: (ids, signal) => this.refetchOrders(ids, signal),
      packages: (ids, signal) => this.orders.byPackageIds(ids, signal),
    };
    this.webhooks = new TikTokWebhooks({
      appKey: config.appKey,
      appSecret: config.appSecret,
      maxAgeSeconds: config.webhook.maxAgeSeconds,
      orderSource,
      clock: deps.clock,
      state: deps.state,
      onUnknownStatus: report,
    });
  }

  /** Returns named by a RETURN_STATUS_CHANGE, fetched whole. */
  refetchReturns(returnIds: readonly string[], signal: AbortSignal): Promise<PlatformReturnOrder[]> {
    return this.returns.byIds(returnIds, signal);
  }

  /** Orders named by an ORDER_STATUS_CHANGE / CANCELLATION_STATUS_CHANGE, fetched whole. */
  refetchOrders(orderIds: readonly string[], signal: AbortSignal) {
    return this.orders.byIds(orderIds, signal);
  }

  /** Whether the credentials work and the configured shop is among the authorised ones. */
  async testConnection(signal: AbortSignal): Promise<ConnectionCheck> {
    try {
      const { shops } = await this.client.withAuthRetry(signal, () => this.client.authorizedShops(signal));
      const shop = shops.find((s) => s.cipher === this.config.shopCipher);
      if (!shop) {
        return {
          ok: false,
          reason: 'config',
          detail: `the credentials work, but the configured shop is not among the ${String(shops.length)} shops this app may use`,
        };
      }
      return {
        ok: true,
        detail: `shop ${shop.name ?? shop.id}${shop.region ? ` (${shop.region})` : ''} is authorised`,
      };
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      switch (err.kind) {
        case 'auth':
          return { ok: false, reason: 'auth', detail: `credentials refused: ${err.message}` };
        case 'timeout':
          return { ok: false, reason: 'timeout', detail: 'no answer from TikTok Shop in time' };
        case 'network':
          return { ok: false, reason: 'network', detail: `TikTok Shop cannot be reached: ${err.message}` };
        case 'throttled':
          return {
            ok: false,
            reason: 'throttled',
            detail: 'TikTok Shop asked us to slow down; try again in a minute',
          };
        default:
          return { ok: false, detail: err.message };
      }
    }
  }

  close(): void {
    // Nothing held open: requests go through the injected fetch and end with their signal.
  }
}

export const tiktokShopConnector: ConnectorDefinition<TikTokShopConfig> = {
  kind: 'tiktok-shop',
  displayName: 'TikTok Shop',
  configSchema: tiktokShopConfigSchema,
  secretFields: TIKTOK_SHOP_SECRET_FIELDS,
  statusTable: PACKAGE_STATUS_TABLE,
  returnStatusTable: RETURN_STATUS_TABLE,
  create: (name, config, deps) => new TikTokShopConnector(name, config, deps),
};
