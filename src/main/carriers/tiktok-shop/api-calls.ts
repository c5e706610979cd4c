/**
 * Every TikTok Shop Open API call this connector makes, with its path version, in one table: the
 * platform publishes new versions per call (202309, 202601, …), so moving one call to a newer
 * version is one line here, and the fake server serves exactly these paths.
 *
 * `shopScoped` calls carry `shop_cipher`; `auth` is the token host's refresh call (a different
 * base URL, not signed, no access token).
 */
export interface ApiCall {
  readonly method: 'GET' | 'POST';
  /** Path with `{name}` placeholders, version included. */
  readonly path: string;
  readonly shopScoped: boolean;
}

export const API_CALLS = {
  refreshToken: { method: 'GET', path: '/api/v2/token/refresh', shopScoped: false },
  authorizedShops: { method: 'GET', path: '/authorization/202309/shops', shopScoped: false },
  searchReturns: { method: 'POST', path: '/return_refund/202309/returns/search', shopScoped: true },
  orderDetails: { method: 'GET', path: '/order/202309/orders', shopScoped: true },
  decisionEligibility: {
    method: 'GET',
    path: '/return_refund/202601/decision_eligibility',
    shopScoped: true,
  },
  rejectReasons: { method: 'GET', path: '/return_refund/202309/reject_reasons', shopScoped: true },
  uploadImage: { method: 'POST', path: '/product/202309/images/upload', shopScoped: true },
  approveReturn: {
    method: 'POST',
    path: '/return_refund/202309/returns/{return_id}/approve',
    shopScoped: true,
  },
  rejectReturn: {
    method: 'POST',
    path: '/return_refund/202309/returns/{return_id}/reject',
    shopScoped: true,
  },
  uploadDeliveryImage: { method: 'POST', path: '/fulfillment/202309/images/upload', shopScoped: true },
  deliverPackages: { method: 'POST', path: '/fulfillment/202309/packages/deliver', shopScoped: true },
  orderTracking: { method: 'GET', path: '/fulfillment/202309/orders/{order_id}/tracking', shopScoped: true },
  // Fulfilment (the packing bench): orders to ship, packages, split/combine, handover, ship, labels.
  searchOrders: { method: 'POST', path: '/order/202309/orders/search', shopScoped: true },
  searchPackages: { method: 'POST', path: '/fulfillment/202309/packages/search', shopScoped: true },
  packageDetail: { method: 'GET', path: '/fulfillment/202309/packages/{package_id}', shopScoped: true },
  splitAttributes: { method: 'GET', path: '/fulfillment/202309/orders/split_attributes', shopScoped: true },
  splitOrder: { method: 'POST', path: '/fulfillment/202309/orders/{order_id}/split', shopScoped: true },
  searchCombinablePackages: {
    method: 'GET',
    path: '/fulfillment/202309/combinable_packages/search',
    shopScoped: true,
  },
  combinePackages: { method: 'POST', path: '/fulfillment/202309/packages/combine', shopScoped: true },
  uncombinePackage: {
    method: 'POST',
    path: '/fulfillment/202309/packages/{package_id}/uncombine',
    shopScoped: true,
  },
  handoverTimeSlots: {
    method: 'GET',
    path: '/fulfillment/202309/packages/{package_id}/handover_time_slots',
    shopScoped: true,
  },
  shipPackage: { method: 'POST', path: '/fulfillment/202309/packages/{package_id}/ship', shopScoped: true },
  /** Own carrier: "mark package as shipped" with the tracking number and a listed provider. */
  markPackageShipped: {
    method: 'POST',
    path: '/fulfillment/202309/orders/{order_id}/packages',
    shopScoped: true,
  },
  shippingDocuments: {
    method: 'GET',
    path: '/fulfillment/202309/packages/{package_id}/shipping_documents',
    shopScoped: true,
  },
  shippingProviders: {
    method: 'GET',
    path: '/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers',
    shopScoped: true,
  },
} as const satisfies Record<string, ApiCall>;

export type ApiCallName = keyof typeof API_CALLS;

/** Fills `{name}` placeholders; ids are path-escaped so an odd id cannot change the path. */
export function pathOf(call: ApiCall, params: Readonly<Record<string, string>> = {}): string {
  return call.path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === '')
      throw new Error(`missing path parameter ${name} for ${call.path}`);
    return encodeURIComponent(value);
  });
}
