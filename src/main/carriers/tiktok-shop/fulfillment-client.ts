import type { z } from 'zod';
import { DeliveryError } from '../../sync/destination';
import type { ApiCallName } from './api-calls';
import { emptyDataSchema } from './api-schemas';
import type { RequestOptions, TikTokShopClient } from './client';
import {
  combinablePackagesSchema,
  combinePackagesSchema,
  handoverTimeSlotsSchema,
  markShippedSchema,
  ordersByIdSchema,
  packageDetailSchema,
  searchOrdersSchema,
  searchPackagesSchema,
  shippingDocumentSchema,
  shippingProvidersSchema,
  splitAttributesSchema,
  splitOrderSchema,
  uncombinePackageSchema,
} from './fulfillment-schemas';
import { transportFailure } from './transport';

/**
 * The fulfilment calls of the TikTok Shop Open API, typed, each signed by the shop's client and
 * retried once after a token refresh. Every call and its path version is a row of api-calls.ts.
 *
 *   searchOrders(query)                     POST /order/202309/orders/search
 *   ordersByIds(ids)                        GET  /order/202309/orders?ids=
 *   searchPackages(query)                   POST /fulfillment/202309/packages/search
 *   packageDetail(packageId)                GET  /fulfillment/202309/packages/{id}
 *   splitAttributes(orderIds)               GET  /fulfillment/202309/orders/split_attributes
 *   splitOrder(orderId, groups)             POST /fulfillment/202309/orders/{id}/split
 *   combinablePackages(pageToken)           GET  /fulfillment/202309/combinable_packages/search
 *   combinePackages(groups)                 POST /fulfillment/202309/packages/combine
 *   uncombinePackage(packageId, orderIds)   POST /fulfillment/202309/packages/{id}/uncombine
 *   handoverTimeSlots(packageId)            GET  /fulfillment/202309/packages/{id}/handover_time_slots
 *   shipPackage(packageId, handover)        POST /fulfillment/202309/packages/{id}/ship
 *   markPackageShipped(orderId, shipment)   POST /fulfillment/202309/orders/{id}/packages
 *   shippingDocument(packageId, options)    GET  /fulfillment/202309/packages/{id}/shipping_documents
 *   shippingProviders(deliveryOptionId)     GET  /logistics/202309/delivery_options/{id}/shipping_providers
 *   download(docUrl)                        GET  doc_url (the platform's file host; unsigned)
 */
export interface OrderSearch {
  filters: {
    order_status?: string;
    update_time_ge?: number;
    update_time_lt?: number;
    create_time_ge?: number;
    create_time_lt?: number;
    shipping_type?: 'TIKTOK' | 'SELLER';
    is_buyer_request_cancel?: boolean;
  };
  pageSize: number;
  pageToken: string | null;
  sortField: 'create_time' | 'update_time';
  sortOrder: 'ASC' | 'DESC';
}

export interface PickupSlot {
  startTime: number;
  endTime: number;
}

export interface HandoverOptions {
  canPickup: boolean;
  canDropOff: boolean;
  dropOffPointUrl: string | null;
  /** Unix seconds, only the available ones. */
  pickupSlots: PickupSlot[];
}

export type DocumentType =
  | 'SHIPPING_LABEL'
  | 'PACKING_SLIP'
  | 'SHIPPING_LABEL_AND_PACKING_SLIP'
  | 'SHIPPING_LABEL_PICTURE'
  | 'HAZMAT_LABEL';

export class TikTokFulfillment {
  constructor(
    private readonly client: TikTokShopClient,
    private readonly fetchFn: typeof fetch,
  ) {}

  private call<S extends z.ZodType>(
    name: ApiCallName,
    request: RequestOptions,
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    return this.client.withAuthRetry(signal, () => this.client.request(name, request, schema, signal));
  }

  searchOrders(q: OrderSearch, signal: AbortSignal) {
    const query: Record<string, string> = {
      page_size: String(q.pageSize),
      sort_field: q.sortField,
      sort_order: q.sortOrder,
    };
    if (q.pageToken) query.page_token = q.pageToken;
    return this.call(
      'searchOrders',
      { what: 'the orders search', query, json: q.filters },
      searchOrdersSchema,
      signal,
    );
  }

  /** Up to 50 orders, whole (every deadline field), by id. */
  async ordersByIds(ids: readonly string[], signal: AbortSignal) {
    if (ids.length === 0) return [];
    if (ids.length > 50) throw new RangeError('at most 50 order ids a call');
    const data = await this.call(
      'orderDetails',
      { what: 'the order details', query: { ids: ids.join(',') } },
      ordersByIdSchema,
      signal,
    );
    return data.orders;
  }

  searchPackages(
    q: { packageStatus?: string; pageSize: number; pageToken: string | null },
    signal: AbortSignal,
  ) {
    const query: Record<string, string> = {
      page_size: String(q.pageSize),
      sort_field: 'create_time',
      sort_order: 'ASC',
    };
    if (q.pageToken) query.page_token = q.pageToken;
    return this.call(
      'searchPackages',
      {
        what: 'the packages search',
        query,
        json: q.packageStatus ? { package_status: q.packageStatus } : {},
      },
      searchPackagesSchema,
      signal,
    );
  }

  packageDetail(packageId: string, signal: AbortSignal) {
    return this.call(
      'packageDetail',
      { what: `package ${packageId}`, pathParams: { package_id: packageId } },
      packageDetailSchema,
      signal,
    );
  }

  async splitAttributes(orderIds: readonly string[], signal: AbortSignal) {
    const data = await this.call(
      'splitAttributes',
      { what: 'the split attributes', query: { order_ids: orderIds.join(',') } },
      splitAttributesSchema,
      signal,
    );
    return data.split_attributes.map((a) => ({
      orderId: a.order_id,
      canSplit: a.can_split,
      reason: a.reason ?? null,
    }));
  }

  /** Splits an order into packages, one per group of line ids; answers the new package per group. */
  async splitOrder(
    orderId: string,
    groups: ReadonlyArray<{ id: string; orderLineItemIds: readonly string[] }>,
    signal: AbortSignal,
  ) {
    const data = await this.call(
      'splitOrder',
      {
        what: `the split of order ${orderId}`,
        pathParams: { order_id: orderId },
        json: {
          splittable_groups: groups.map((g) => ({ id: g.id, order_line_item_ids: [...g.orderLineItemIds] })),
        },
      },
      splitOrderSchema,
      signal,
    );
    return data.packages.map((p) => ({ packageId: p.id, groupId: p.splittable_group_id }));
  }

  /** Every group of orders the platform would let us pack together, all pages. */
  async combinablePackages(signal: AbortSignal): Promise<Array<{ id: string; orderIds: string[] }>> {
    const out: Array<{ id: string; orderIds: string[] }> = [];
    let token: string | null = null;
    for (let i = 0; i < 100; i++) {
      const query: Record<string, string> = { page_size: '50' };
      if (token) query.page_token = token;
      const data = await this.call(
        'searchCombinablePackages',
        { what: 'the combinable packages', query },
        combinablePackagesSchema,
        signal,
      );
      out.push(...(data.combinable_packages ?? []).map((c) => ({ id: c.id, orderIds: c.order_ids })));
      token = data.next_page_token || null;
      if (!token) return out;
    }
    throw new DeliveryError('malformed', 'TikTok Shop kept answering more combinable-package pages');
  }

  async combinePackages(
    groups: ReadonlyArray<{ id: string; orderIds?: readonly string[] }>,
    signal: AbortSignal,
  ) {
    const data = await this.call(
      'combinePackages',
      {
        what: 'the package combination',
        json: {
          combinable_packages: groups.map((g) => ({
            id: g.id,
            ...(g.orderIds ? { order_ids: [...g.orderIds] } : {}),
          })),
        },
      },
      combinePackagesSchema,
      signal,
    );
    return {
      packages: (data.packages ?? []).map((p) => ({ packageId: p.id, orderIds: p.order_ids ?? [] })),
      refused: (data.errors ?? []).map((e) => ({
        combinableId: e.detail?.package_id ?? null,
        code: e.code,
        message: e.message ?? '',
      })),
    };
  }

  /** Takes `orderIds` out of a combined package; answers every package afterwards. */
  async uncombinePackage(packageId: string, orderIds: readonly string[], signal: AbortSignal) {
    const data = await this.call(
      'uncombinePackage',
      {
        what: `the uncombination of package ${packageId}`,
        pathParams: { package_id: packageId },
        json: { order_ids: [...orderIds] },
      },
      uncombinePackageSchema,
      signal,
    );
    return data.packages.map((p) => ({ packageId: p.id, orderIds: p.order_ids ?? [] }));
  }

  async handoverTimeSlots(packageId: string, signal: AbortSignal): Promise<HandoverOptions> {
    const data = await this.call(
      'handoverTimeSlots',
      { what: `the handover time slots of package ${packageId}`, pathParams: { package_id: packageId } },
      handoverTimeSlotsSchema,
      signal,
    );
    return {
      canPickup: data.can_pickup,
      canDropOff: data.can_drop_off,
      dropOffPointUrl: data.drop_off_point_url ?? null,
      pickupSlots: (data.pickup_slots ?? [])
        .filter((s) => (s.avaliable ?? s.available ?? true) === true)
        .map((s) => ({ startTime: s.start_time, endTime: s.end_time })),
    };
  }

  /** The platform's carrier ships: PICKUP in a slot, or DROP_OFF. Not retried here (see the destination). */
  shipPackage(
    packageId: string,
    handover: { method: 'PICKUP' | 'DROP_OFF'; pickupSlot: PickupSlot | null },
    signal: AbortSignal,
  ) {
    return this.client.request(
      'shipPackage',
      {
        what: `the ship call of package ${packageId}`,
        pathParams: { package_id: packageId },
        json: {
          handover_method: handover.method,
          ...(handover.pickupSlot
            ? {
                pickup_slot: {
                  start_time: handover.pickupSlot.startTime,
                  end_time: handover.pickupSlot.endTime,
                },
              }
            : {}),
        },
      },
      emptyDataSchema,
      signal,
    );
  }

  /** Our carrier ships: its tracking number and a provider from the platform's list. Not retried here. */
  markPackageShipped(
    orderId: string,
    shipment: { trackingNumber: string; shippingProviderId: string; orderLineItemIds: readonly string[] },
    signal: AbortSignal,
  ) {
    return this.client.request(
      'markPackageShipped',
      {
        what: `the shipment of order ${orderId}`,
        pathParams: { order_id: orderId },
        json: {
          tracking_number: shipment.trackingNumber,
          shipping_provider_id: shipment.shippingProviderId,
          ...(shipment.orderLineItemIds.length > 0
            ? { order_line_item_ids: [...shipment.orderLineItemIds] }
            : {}),
        },
      },
      markShippedSchema,
      signal,
    );
  }

  /** A shipping document's URL. PDF, always: our markets get no ZPL (only Brazil does). */
  shippingDocument(
    packageId: string,
    options: { type: DocumentType; size: 'A6' | 'A5' },
    signal: AbortSignal,
  ) {
    return this.call(
      'shippingDocuments',
      {
        what: `the ${options.type.toLowerCase().replace(/_/g, ' ')} of package ${packageId}`,
        pathParams: { package_id: packageId },
        query: { document_type: options.type, document_size: options.size, document_format: 'PDF' },
      },
      shippingDocumentSchema,
      signal,
    );
  }

  async shippingProviders(deliveryOptionId: string, signal: AbortSignal) {
    const data = await this.call(
      'shippingProviders',
      {
        what: `the shipping providers of delivery option ${deliveryOptionId}`,
        pathParams: { delivery_option_id: deliveryOptionId },
      },
      shippingProvidersSchema,
      signal,
    );
    return data.shipping_providers;
  }

  /** The bytes behind a doc_url (a plain GET to the platform's file host). */
  async download(docUrl: string, signal: AbortSignal): Promise<Uint8Array> {
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await this.fetchFn(docUrl, { signal });
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      throw transportFailure(err, signal, 'the label download');
    }
    if (response.status === 403 || response.status === 404) {
      throw new DeliveryError(
        'rejected',
        `the label link has expired or is gone (HTTP ${String(response.status)})`,
        { status: response.status },
      );
    }
    if (!response.ok)
      throw new DeliveryError(
        response.status >= 500 ? 'server' : 'rejected',
        `the label download answered HTTP ${String(response.status)}`,
      );
    if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
      throw new DeliveryError('malformed', 'the label download is not a PDF');
    }
    return bytes;
  }
}
