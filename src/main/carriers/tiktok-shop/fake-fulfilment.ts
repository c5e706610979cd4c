import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Clock } from '../../clock';
import { standInLabelPdf } from '../../printing/render/pdf/stand-in-label-pdf';
import { Refusal } from './fake-refusal';

/**
 * The fulfilment half of the TikTok Shop fake (fake-server.ts routes here): orders awaiting
 * shipment with every deadline field, packages, split and combine, handover time slots, the ship
 * calls, shipping documents behind an expiring `doc_url`, and the shipping-provider lists.
 *
 * The truth for exactly-once tests: every ship request is counted per package (or per order for
 * an own-carrier shipment) as it arrives — before injected faults, before the fake checks whether
 * it was already shipped — and every state change it causes is counted apart — `shipRequests(key) ≥ 2, shipApplications(key) === 1` is
 * what a lost answer followed by a correct resend looks like.
 *
 * Error codes the fake answers are ours where no source names one (docs/connectors/tiktok-shop.md):
 * 21001001 package not found, 21001002 order not found, 21011001 package status does not allow
 * it, 21011044 order on hold (community), 21011010 order cancelled, 21011020 invalid handover,
 * 21011030 provider not on the list, 21011040 split/combine refused, 21011050 document not
 * available, 25001001 invalid parameters.
 */
export type FulfilmentRoute =
  | 'orderSearch'
  | 'packageSearch'
  | 'packageDetail'
  | 'splitAttributes'
  | 'split'
  | 'combinableSearch'
  | 'combine'
  | 'uncombine'
  | 'handoverSlots'
  | 'ship'
  | 'markShipped'
  | 'shippingDocuments'
  | 'shippingProviders';

export const FULFILMENT_ROUTES: Array<{
  route: FulfilmentRoute;
  method: string;
  pattern: RegExp;
  shopScoped: boolean;
}> = [
  { route: 'orderSearch', method: 'POST', pattern: /^\/order\/202309\/orders\/search$/, shopScoped: true },
  {
    route: 'packageSearch',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/search$/,
    shopScoped: true,
  },
  {
    route: 'combine',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/combine$/,
    shopScoped: true,
  },
  {
    route: 'splitAttributes',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/orders\/split_attributes$/,
    shopScoped: true,
  },
  {
    route: 'split',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/split$/,
    shopScoped: true,
  },
  {
    route: 'markShipped',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/orders\/([^/]+)\/packages$/,
    shopScoped: true,
  },
  {
    route: 'combinableSearch',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/combinable_packages\/search$/,
    shopScoped: true,
  },
  {
    route: 'uncombine',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/uncombine$/,
    shopScoped: true,
  },
  {
    route: 'handoverSlots',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/handover_time_slots$/,
    shopScoped: true,
  },
  {
    route: 'ship',
    method: 'POST',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/ship$/,
    shopScoped: true,
  },
  {
    route: 'shippingDocuments',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_documents$/,
    shopScoped: true,
  },
  {
    route: 'packageDetail',
    method: 'GET',
    pattern: /^\/fulfillment\/202309\/packages\/([^/]+)$/,
    shopScoped: true,
  },
  {
    route: 'shippingProviders',
    method: 'GET',
    pattern: /^\/logistics\/202309\/delivery_options\/([^/]+)\/shipping_providers$/,
    shopScoped: true,
  },
];

export interface FakeLineItem {
  id: string;
  sku_id: string;
  seller_sku: string;
  product_name: string;
  sku_name: string;
  display_status: string;
  package_id: string | null;
  package_status: string | null;
  tracking_number: string | null;
  shipping_provider_id: string | null;
  sale_price: string;
  currency: string;
}

/** An order in the documented 202309 shape (the fields the connector reads, and a few more). */
export interface FakeFulfilmentOrder {
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  paid_time: number;
  rts_sla_time: number | null;
  tts_sla_time: number | null;
  shipping_due_time: number | null;
  collection_due_time: number | null;
  delivery_sla_time: number | null;
  delivery_due_time: number | null;
  shipping_type: 'TIKTOK' | 'SELLER';
  fulfillment_type: string;
  delivery_option_id: string;
  delivery_option_name: string;
  is_cod: boolean;
  is_on_hold_order: boolean;
  is_buyer_request_cancel: boolean;
  request_cancel_time: number | null;
  cancel_reason: string | null;
  cancel_time: number | null;
  cancellation_initiator: string | null;
  buyer_message: string;
  tracking_number: string | null;
  payment: { currency: string; total_amount: string; sub_total: string };
  recipient_address: {
    name: string;
    phone_number: string;
    postal_code: string;
    region_code: string;
    full_address: string;
    address_line1: string;
    address_line2: string;
    district_info: Array<{ address_level: string; address_level_name: string; address_name: string }>;
  };
  line_items: FakeLineItem[];
  packages: Array<{ id: string }>;
}

export interface FakePackage {
  id: string;
  order_ids: string[];
  line_ids: string[];
  status: 'TO_FULFILL' | 'PROCESSING' | 'FULFILLING' | 'COMPLETED' | 'CANCELLED';
  shipping_type: 'TIKTOK' | 'SELLER';
  delivery_option_id: string;
  tracking_number: string | null;
  shipping_provider_id: string | null;
  shipping_provider_name: string | null;
  handover_method: string | null;
  pickup_slot: { start_time: number; end_time: number } | null;
  split_and_combine_tag: string | null;
  create_time: number;
  update_time: number;
}

export interface NewFakeOrder {
  orderId?: string;
  status?: string;
  lines?: Array<{ sku: string; name: string; price?: string }>;
  buyerName?: string;
  region?: string;
  postcode?: string;
  shippingType?: 'TIKTOK' | 'SELLER';
  deliveryOptionId?: string;
  isCod?: boolean;
  total?: string;
  currency?: string;
  /** Unix seconds; absent = none. Defaults: ship by in 2 days, the rest after it. */
  deadlines?: Partial<
    Record<
      | 'rts_sla_time'
      | 'tts_sla_time'
      | 'shipping_due_time'
      | 'collection_due_time'
      | 'delivery_sla_time'
      | 'delivery_due_time',
      number | null
    >
  >;
  updateTime?: number;
}

export interface FakeShipment {
  kind: 'ship' | 'mark_shipped';
  packageId: string;
  orderIds: string[];
  lineIds: string[];
  trackingNumber: string;
  providerId: string | null;
  handoverMethod: string | null;
  pickupSlot: { start_time: number; end_time: number } | null;
  at: number;
}

/** A combination, an uncombination or a platform ship call the fake applied, in the order it applied them. */
export interface FakeApplied {
  kind: 'combine' | 'uncombine' | 'ship';
  packageId: string;
  orderIds: string[];
  at: number;
}

export interface FakeHandover {
  can_pickup: boolean;
  can_drop_off: boolean;
  pickup_slots: Array<{ start_time: number; end_time: number; avaliable: boolean }>;
}

interface Context {
  clock: Clock;
  baseUrl(): string;
  nextId(prefix: string): string;
  region: string;
}

const DEFAULT_PROVIDERS = [
  { id: '7117858858072016686', name: 'J&T Express' },
  { id: '7117859084333745922', name: 'Flash Express' },
  { id: '7129736293356259115', name: 'Kerry Express' },
  { id: '7208502187360519982', name: 'Ninja Van' },
];

function json(raw: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(raw.toString('utf8') || '{}') as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new Refusal(400, 25001001, 'Invalid parameters. The body is not a JSON object');
  }
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** Offset page tokens bound to their query, as the returns search has them. */
function page<T>(
  rows: T[],
  params: URLSearchParams,
  query: unknown,
  max: number,
): { page: T[]; next: string } {
  const size = Number(params.get('page_size') ?? '10');
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new Refusal(400, 25001001, `Invalid parameters. page_size must be within [1, ${String(max)}]`);
  }
  const hash = createHash('sha256')
    .update(JSON.stringify([query, size, params.get('sort_field'), params.get('sort_order')]))
    .digest('hex')
    .slice(0, 12);
  let offset = 0;
  const token = params.get('page_token');
  if (token) {
    try {
      const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: number; h: string };
      if (d.h !== hash || !Number.isInteger(d.o) || d.o < 0) throw new Error('mismatch');
      offset = d.o;
    } catch {
      throw new Refusal(400, 25001001, 'Invalid parameters. page_token does not belong to this query');
    }
  }
  const next =
    offset + size < rows.length
      ? Buffer.from(JSON.stringify({ o: offset + size, h: hash })).toString('base64url')
      : '';
  return { page: rows.slice(offset, offset + size), next };
}

export function createFakeFulfilment(ctx: Context) {
  const { clock } = ctx;
  const nowS = () => Math.floor(clock.now() / 1000);
  const orders = new Map<string, FakeFulfilmentOrder>();
  const packages = new Map<string, FakePackage>();
  const combinable = new Map<string, string[]>();
  const handovers = new Map<string, FakeHandover>();
  const providers = new Map<string, Array<{ id: string; name: string }>>();
  /** The provider the platform's own carrier hands a package to when it ships (default the first). */
  const shipProviders = new Map<string, { id: string; name: string }>();
  const shipRequestCount = new Map<string, number>();
  const shipApplicationCount = new Map<string, number>();
  const shipments: FakeShipment[] = [];
  const applied: FakeApplied[] = [];
  const docs = new Map<string, { packageId: string; expiresAt: number; pdf: Buffer }>();
  let docTtlSeconds = 24 * 3600;
  let docFetches = 0;
  let docDownloads = 0;
  let trackingSeq = 0;

  const bump = (key: string, map: Map<string, number>) => map.set(key, (map.get(key) ?? 0) + 1);

  const providerList = (deliveryOptionId: string) => providers.get(deliveryOptionId) ?? DEFAULT_PROVIDERS;

  /** Lines, packages and the order status agree again after a package changed. */
  const sync = (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) return;
    const mine = [...packages.values()].filter(
      (p) => p.order_ids.includes(orderId) && p.status !== 'CANCELLED',
    );
    order.packages = mine.map((p) => ({ id: p.id }));
    for (const line of order.line_items) {
      const pkg = mine.find((p) => p.line_ids.includes(line.id));
      line.package_id = pkg?.id ?? null;
      line.package_status = pkg?.status ?? null;
      line.tracking_number = pkg?.tracking_number ?? null;
      line.shipping_provider_id = pkg?.shipping_provider_id ?? null;
    }
    if (order.status === 'AWAITING_SHIPMENT' || order.status === 'PARTIALLY_SHIPPING') {
      const shipped = order.line_items.filter(
        (l) => l.package_status !== null && l.package_status !== 'TO_FULFILL',
      ).length;
      if (shipped === order.line_items.length) order.status = 'AWAITING_COLLECTION';
      else if (shipped > 0) order.status = 'PARTIALLY_SHIPPING';
    }
    order.update_time = nowS();
  };

  const newPackage = (
    order: FakeFulfilmentOrder,
    orderIds: string[],
    lineIds: string[],
    tag: string | null,
  ): FakePackage => {
    const p: FakePackage = {
      id: ctx.nextId('1153'),
      order_ids: orderIds,
      line_ids: lineIds,
      status: 'TO_FULFILL',
      shipping_type: order.shipping_type,
      delivery_option_id: order.delivery_option_id,
      tracking_number: null,
      shipping_provider_id: null,
      shipping_provider_name: null,
      handover_method: null,
      pickup_slot: null,
      split_and_combine_tag: tag,
      create_time: nowS(),
      update_time: nowS(),
    };
    packages.set(p.id, p);
    return p;
  };

  const orderOf = (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) throw new Refusal(404, 21001002, `order ${orderId} not found`);
    return order;
  };
  const packageOf = (packageId: string) => {
    const p = packages.get(packageId);
    if (!p || p.status === 'CANCELLED') throw new Refusal(404, 21001001, `package ${packageId} not found`);
    return p;
  };
  const assertShippable = (order: FakeFulfilmentOrder) => {
    if (order.status === 'ON_HOLD')
      throw new Refusal(400, 21011044, 'The order is on hold; it cannot be fulfilled yet');
    if (order.status === 'CANCELLED') throw new Refusal(400, 21011010, 'The order has been cancelled');
    if (order.status === 'UNPAID') throw new Refusal(400, 21011001, 'The order is not paid');
  };

  const packageSummary = (p: FakePackage) => ({
    id: p.id,
    status: p.status,
    order_line_item_ids: [...p.line_ids],
    orders: p.order_ids.map((id) => ({
      id,
      skus: (orders.get(id)?.line_items ?? [])
        .filter((l) => p.line_ids.includes(l.id))
        .map((l) => ({ id: l.sku_id, name: l.product_name, image_url: '', quantity: 1 })),
    })),
    create_time: p.create_time,
    update_time: p.update_time,
    tracking_number: p.tracking_number,
    shipping_provider_id: p.shipping_provider_id,
    shipping_provider_name: p.shipping_provider_name,
  });

  const handoverOf = (p: FakePackage): FakeHandover => {
    const h = handovers.get(p.id);
    if (h) return h;
    const day = Math.floor(nowS() / 86_400) * 86_400;
    return {
      can_pickup: true,
      can_drop_off: true,
      pickup_slots: [1, 2, 3].map((d) => ({
        start_time: day + d * 86_400 + 2 * 3600,
        end_time: day + d * 86_400 + 10 * 3600,
        avaliable: true,
      })),
    };
  };

  /**
   * A real one-page 100×150 mm PDF naming the package, its tracking number as a Code 128: what
   * the station rasterises and prints, so a test can scan what was printed.
   */
  const labelPdf = (p: FakePackage, type: string) =>
    standInLabelPdf({
      packageId: p.id,
      trackingNumber: p.tracking_number ?? p.id,
      documentType: type,
      createdAt: new Date(clock.now()),
    });

  const route = (
    name: FulfilmentRoute,
    groups: string[],
    url: URL,
    raw: Buffer,
  ): { data: unknown; apply?: () => void } => {
    const params = url.searchParams;
    const id = decodeURIComponent(groups[0] ?? '');
    switch (name) {
      case 'orderSearch': {
        const body = json(raw);
        const num = (k: string) => (typeof body[k] === 'number' ? (body[k] as number) : undefined);
        const sortField = params.get('sort_field') ?? 'create_time';
        if (sortField !== 'create_time' && sortField !== 'update_time')
          throw new Refusal(400, 25001001, 'Invalid parameters. sort_field');
        const desc = (params.get('sort_order') ?? 'DESC') === 'DESC';
        const rows = [...orders.values()]
          .filter(
            (o) =>
              (body.order_status === undefined || o.status === body.order_status) &&
              (num('update_time_ge') === undefined || o.update_time >= (num('update_time_ge') as number)) &&
              (num('update_time_lt') === undefined || o.update_time < (num('update_time_lt') as number)) &&
              (num('create_time_ge') === undefined || o.create_time >= (num('create_time_ge') as number)) &&
              (num('create_time_lt') === undefined || o.create_time < (num('create_time_lt') as number)) &&
              (body.shipping_type === undefined || o.shipping_type === body.shipping_type) &&
              (body.is_buyer_request_cancel === undefined ||
                o.is_buyer_request_cancel === body.is_buyer_request_cancel),
          )
          .sort((a, b) => {
            const d =
              sortField === 'update_time' ? a.update_time - b.update_time : a.create_time - b.create_time;
            return (desc ? -d : d) || (a.id < b.id ? -1 : 1);
          });
        const { page: rowsPage, next } = page(rows, params, body, 100);
        return {
          data: {
            orders: rowsPage.map((o) => structuredClone(o)),
            next_page_token: next,
            total_count: rows.length,
          },
        };
      }
      case 'packageSearch': {
        const body = json(raw);
        const rows = [...packages.values()]
          .filter(
            (p) =>
              p.status !== 'CANCELLED' &&
              (body.package_status === undefined || p.status === body.package_status),
          )
          .sort((a, b) => a.create_time - b.create_time || (a.id < b.id ? -1 : 1));
        const { page: rowsPage, next } = page(rows, params, body, 50);
        return {
          data: { packages: rowsPage.map(packageSummary), next_page_token: next, total_count: rows.length },
        };
      }
      case 'packageDetail': {
        const p = packageOf(id);
        return {
          data: {
            package_id: p.id,
            order_id: p.order_ids[0] ?? null,
            package_status: p.status,
            order_line_item_ids: [...p.line_ids],
            orders: packageSummary(p).orders,
            create_time: p.create_time,
            update_time: p.update_time,
            split_and_combine_tag: p.split_and_combine_tag,
            shipping_type: p.shipping_type,
            shipping_provider_id: p.shipping_provider_id,
            shipping_provider_name: p.shipping_provider_name,
            delivery_option_id: p.delivery_option_id,
            delivery_option_name: 'Standard',
            tracking_number: p.tracking_number,
            handover_method: p.handover_method,
            pickup_slot: p.pickup_slot,
          },
        };
      }
      case 'splitAttributes': {
        const ids = (params.get('order_ids') ?? '').split(',').filter(Boolean);
        if (ids.length === 0 || ids.length > 50)
          throw new Refusal(400, 25001001, 'order_ids: 1 to 50 order ids');
        return {
          data: {
            split_attributes: ids.map((orderId) => {
              const order = orders.get(orderId);
              const pkgs = [...packages.values()].filter(
                (p) => p.order_ids.includes(orderId) && p.status !== 'CANCELLED',
              );
              const reason = !order
                ? 'order not found'
                : order.status !== 'AWAITING_SHIPMENT'
                  ? `order is ${order.status}`
                  : order.line_items.length < 2
                    ? 'the order has one item'
                    : pkgs.some((p) => p.order_ids.length > 1)
                      ? 'the order is combined with another'
                      : pkgs.some((p) => p.status !== 'TO_FULFILL')
                        ? 'a package was shipped'
                        : null;
              return { order_id: orderId, can_split: reason === null, reason };
            }),
          },
        };
      }
      case 'split': {
        const order = orderOf(id);
        assertShippable(order);
        const body = json(raw);
        const groups2 = Array.isArray(body.splittable_groups)
          ? (body.splittable_groups as Array<{ id?: unknown; order_line_item_ids?: unknown }>)
          : null;
        if (!groups2 || groups2.length < 2)
          throw new Refusal(400, 21011040, 'splittable_groups: at least two groups');
        const all = order.line_items.map((l) => l.id).sort();
        const given = groups2.flatMap((g) => strings(g.order_line_item_ids) ?? []).sort();
        if (
          groups2.some(
            (g) => typeof g.id !== 'string' || (strings(g.order_line_item_ids) ?? []).length === 0,
          ) ||
          JSON.stringify(all) !== JSON.stringify(given)
        ) {
          throw new Refusal(400, 21011040, 'every line must be in exactly one group');
        }
        const old = [...packages.values()].filter(
          (p) => p.order_ids.includes(id) && p.status !== 'CANCELLED',
        );
        if (old.some((p) => p.status !== 'TO_FULFILL' || p.order_ids.length > 1))
          throw new Refusal(400, 21011040, 'this order cannot be split now');
        const created: Array<{ id: string; splittable_group_id: string }> = [];
        return {
          data: { packages: created },
          apply: () => {
            for (const p of old) p.status = 'CANCELLED';
            for (const g of groups2) {
              const p = newPackage(order, [id], strings(g.order_line_item_ids) ?? [], 'SPLIT');
              created.push({ id: p.id, splittable_group_id: g.id as string });
            }
            sync(id);
          },
        };
      }
      case 'combinableSearch': {
        const rows = [...combinable.entries()]
          .map(([cid, orderIds]) => ({ id: cid, order_ids: orderIds }))
          .filter((c) => c.order_ids.every((o) => orders.get(o)?.status === 'AWAITING_SHIPMENT'));
        const { page: rowsPage, next } = page(rows, params, 'combinable', 50);
        return { data: { combinable_packages: rowsPage, next_page_token: next, total_count: rows.length } };
      }
      case 'combine': {
        const body = json(raw);
        const list = Array.isArray(body.combinable_packages)
          ? (body.combinable_packages as Array<{ id?: unknown; order_ids?: unknown }>)
          : null;
        if (!list || list.length === 0) throw new Refusal(400, 25001001, 'combinable_packages is required');
        const results: Array<{ id: string; order_ids: string[] }> = [];
        const errors: Array<{ code: number; message: string; detail: { package_id: string } }> = [];
        const work: Array<() => void> = [];
        for (const c of list) {
          const cid = typeof c.id === 'string' ? c.id : '';
          const group = combinable.get(cid);
          const wanted = strings(c.order_ids) ?? group ?? [];
          // Checked apart from the group: every order of this shop, awaiting shipment, with a package.
          const unfit = wanted.find((o) => {
            const order = orders.get(o);
            return (
              !order ||
              order.status !== 'AWAITING_SHIPMENT' ||
              ![...packages.values()].some((p) => p.order_ids.includes(o) && p.status !== 'CANCELLED')
            );
          });
          if (!group || wanted.length < 2 || !wanted.every((o) => group.includes(o)) || unfit) {
            errors.push({
              code: 21011040,
              message: 'these orders cannot be combined',
              detail: { package_id: cid },
            });
            continue;
          }
          const old = [...packages.values()].filter(
            (p) => p.status !== 'CANCELLED' && p.order_ids.some((o) => wanted.includes(o)),
          );
          if (old.some((p) => p.status !== 'TO_FULFILL')) {
            errors.push({
              code: 21011001,
              message: 'a package was already shipped',
              detail: { package_id: cid },
            });
            continue;
          }
          work.push(() => {
            const first = orderOf(wanted[0] as string);
            const lines = wanted.flatMap((o) => orderOf(o).line_items.map((l) => l.id));
            for (const p of old) p.status = 'CANCELLED';
            const p = newPackage(first, [...wanted], lines, 'COMBINED');
            results.push({ id: p.id, order_ids: [...wanted] });
            applied.push({ kind: 'combine', packageId: p.id, orderIds: [...wanted], at: clock.now() });
            combinable.delete(cid);
            for (const o of wanted) sync(o);
          });
        }
        return { data: { packages: results, errors }, apply: () => work.forEach((w) => w()) };
      }
      case 'uncombine': {
        const p = packageOf(id);
        const body = json(raw);
        const out = strings(body.order_ids) ?? [];
        if (p.order_ids.length < 2) throw new Refusal(400, 21011040, 'the package is not combined');
        if (p.status !== 'TO_FULFILL') throw new Refusal(400, 21011001, 'the package was already shipped');
        if (
          out.length === 0 ||
          !out.every((o) => p.order_ids.includes(o)) ||
          out.length >= p.order_ids.length
        ) {
          throw new Refusal(400, 25001001, 'order_ids: some, not all, of the package’s orders');
        }
        const created: Array<{ id: string; order_ids: string[] }> = [];
        return {
          data: { packages: created },
          apply: () => {
            const stay = p.order_ids.filter((o) => !out.includes(o));
            p.order_ids = stay;
            p.line_ids = stay.flatMap((o) => orderOf(o).line_items.map((l) => l.id));
            p.split_and_combine_tag = stay.length > 1 ? 'COMBINED' : null;
            created.push({ id: p.id, order_ids: [...stay] });
            for (const o of out) {
              const n = newPackage(
                orderOf(o),
                [o],
                orderOf(o).line_items.map((l) => l.id),
                null,
              );
              created.push({ id: n.id, order_ids: [o] });
            }
            applied.push({ kind: 'uncombine', packageId: p.id, orderIds: [...out], at: clock.now() });
            for (const o of [...stay, ...out]) sync(o);
          },
        };
      }
      case 'handoverSlots':
        return {
          data: {
            ...handoverOf(packageOf(id)),
            can_van_collection: false,
            drop_off_point_url: 'https://example.invalid/drop-off',
          },
        };
      case 'ship': {
        const p = packageOf(id);
        for (const o of p.order_ids) assertShippable(orderOf(o));
        if (p.status !== 'TO_FULFILL')
          throw new Refusal(400, 21011001, `package ${id} has already been shipped (${p.status})`);
        const body = json(raw);
        const method = body.handover_method;
        const handover = handoverOf(p);
        let slot: { start_time: number; end_time: number } | null = null;
        if (method === 'PICKUP') {
          const s = body.pickup_slot as { start_time?: unknown; end_time?: unknown } | undefined;
          const offered = handover.pickup_slots.find(
            (x) => x.start_time === s?.start_time && x.end_time === s.end_time && x.avaliable,
          );
          if (!handover.can_pickup || !offered)
            throw new Refusal(400, 21011020, 'pickup_slot is not one of the available pickup slots');
          slot = { start_time: offered.start_time, end_time: offered.end_time };
        } else if (method === 'DROP_OFF') {
          if (!handover.can_drop_off)
            throw new Refusal(400, 21011020, 'drop-off is not available for this package');
        } else throw new Refusal(400, 25001001, 'handover_method must be PICKUP or DROP_OFF');
        return {
          data: {},
          apply: () => {
            trackingSeq += 1;
            p.status = 'PROCESSING';
            p.handover_method = method;
            p.pickup_slot = slot;
            p.tracking_number = `${ctx.region}${String(7_000_000_000 + trackingSeq)}`;
            const picked = shipProviders.get(id) ?? DEFAULT_PROVIDERS[0];
            p.shipping_provider_id = picked?.id ?? null;
            p.shipping_provider_name = picked?.name ?? null;
            p.update_time = nowS();
            bump(id, shipApplicationCount);
            applied.push({ kind: 'ship', packageId: p.id, orderIds: [...p.order_ids], at: clock.now() });
            shipments.push({
              kind: 'ship',
              packageId: p.id,
              orderIds: [...p.order_ids],
              lineIds: [...p.line_ids],
              trackingNumber: p.tracking_number,
              providerId: p.shipping_provider_id,
              handoverMethod: method,
              pickupSlot: slot,
              at: clock.now(),
            });
            for (const o of p.order_ids) sync(o);
          },
        };
      }
      case 'markShipped': {
        const order = orderOf(id);
        assertShippable(order);
        const body = json(raw);
        const tracking = typeof body.tracking_number === 'string' ? body.tracking_number.trim() : '';
        const providerId = typeof body.shipping_provider_id === 'string' ? body.shipping_provider_id : '';
        if (tracking === '') throw new Refusal(400, 25001001, 'tracking_number is required');
        const provider = providerList(order.delivery_option_id).find((x) => x.id === providerId);
        if (!provider)
          throw new Refusal(
            400,
            21011030,
            `shipping_provider_id ${providerId} is not available for this order`,
          );
        const lineIds = strings(body.order_line_item_ids) ?? order.line_items.map((l) => l.id);
        const unknownLine = lineIds.find((l) => !order.line_items.some((x) => x.id === l));
        if (unknownLine)
          throw new Refusal(400, 25001001, `order_line_item_id ${unknownLine} is not in the order`);
        const taken = [...packages.values()].find(
          (p) =>
            p.order_ids.includes(id) &&
            p.status !== 'TO_FULFILL' &&
            p.status !== 'CANCELLED' &&
            p.line_ids.some((l) => lineIds.includes(l)),
        );
        if (taken)
          throw new Refusal(
            400,
            21011001,
            `these items were already shipped (package ${taken.id}, tracking ${taken.tracking_number ?? ''})`,
          );
        const answer = { order_id: id, package_id: '', order_line_item_ids: lineIds };
        return {
          data: answer,
          apply: () => {
            const open = [...packages.values()].filter(
              (p) => p.order_ids.includes(id) && p.status === 'TO_FULFILL',
            );
            for (const p of open) p.line_ids = p.line_ids.filter((l) => !lineIds.includes(l));
            for (const p of open) if (p.line_ids.length === 0) p.status = 'CANCELLED';
            const p = newPackage(order, [id], lineIds, null);
            p.status = 'PROCESSING';
            p.tracking_number = tracking;
            p.shipping_provider_id = provider.id;
            p.shipping_provider_name = provider.name;
            answer.package_id = p.id;
            bump(id, shipApplicationCount);
            applied.push({ kind: 'ship', packageId: p.id, orderIds: [...p.order_ids], at: clock.now() });
            shipments.push({
              kind: 'mark_shipped',
              packageId: p.id,
              orderIds: [id],
              lineIds,
              trackingNumber: tracking,
              providerId: provider.id,
              handoverMethod: null,
              pickupSlot: null,
              at: clock.now(),
            });
            sync(id);
          },
        };
      }
      case 'shippingDocuments': {
        docFetches += 1;
        const p = packageOf(id);
        const type = params.get('document_type') ?? '';
        if (
          ![
            'SHIPPING_LABEL',
            'PACKING_SLIP',
            'SHIPPING_LABEL_AND_PACKING_SLIP',
            'SHIPPING_LABEL_PICTURE',
            'HAZMAT_LABEL',
          ].includes(type)
        ) {
          throw new Refusal(400, 25001001, 'document_type is invalid');
        }
        const format = params.get('document_format') ?? 'PDF';
        if (format !== 'PDF' && !(format === 'ZPL' && ctx.region === 'BR')) {
          throw new Refusal(400, 21011050, `document_format ${format} is not supported in this market`);
        }
        if (p.shipping_type !== 'TIKTOK')
          throw new Refusal(
            400,
            21011050,
            'shipping documents exist only for packages shipped by the platform',
          );
        if (p.status === 'TO_FULFILL')
          throw new Refusal(400, 21011050, 'ship the package first: the label exists after the ship call');
        const token = randomBytes(12).toString('hex');
        docs.set(token, {
          packageId: p.id,
          expiresAt: clock.now() + docTtlSeconds * 1000,
          pdf: labelPdf(p, type),
        });
        return {
          data: { doc_url: `${ctx.baseUrl()}/fake-docs/${token}.pdf`, tracking_number: p.tracking_number },
        };
      }
      case 'shippingProviders':
        return { data: { shipping_providers: providerList(id) } };
    }
  };

  /** GET /fake-docs/<token>.pdf: the label bytes while the URL is valid; 403 after. */
  const serveDoc = (pathname: string, res: http.ServerResponse): boolean => {
    const m = /^\/fake-docs\/([0-9a-f]+)\.pdf$/.exec(pathname);
    if (!m) return false;
    const doc = docs.get(m[1] ?? '');
    if (!doc || doc.expiresAt <= clock.now()) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('AccessDenied: Request has expired');
      return true;
    }
    docDownloads += 1;
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end(doc.pdf);
    return true;
  };

  const api = {
    addOrder: (spec: NewFakeOrder = {}): FakeFulfilmentOrder => {
      const now = spec.updateTime ?? nowS();
      const id = spec.orderId ?? ctx.nextId('5781');
      const region = spec.region ?? ctx.region;
      const currency = spec.currency ?? 'THB';
      const lines = (spec.lines ?? [{ sku: 'SKU-TEE-M', name: 'Cotton tee', price: '199.00' }]).map(
        (l, i) => ({
          id: `${id}${String(100 + i)}`,
          sku_id: `17299${String(i)}${id.slice(-5)}`,
          seller_sku: l.sku,
          product_name: l.name,
          sku_name: 'Default',
          display_status: 'AWAITING_SHIPMENT',
          package_id: null,
          package_status: null,
          tracking_number: null,
          shipping_provider_id: null,
          sale_price: l.price ?? '100.00',
          currency,
        }),
      );
      const d = spec.deadlines ?? {};
      const pick = (k: keyof NonNullable<NewFakeOrder['deadlines']>, dflt: number | null) =>
        k in d ? (d[k] ?? null) : dflt;
      const order: FakeFulfilmentOrder = {
        id,
        status: spec.status ?? 'AWAITING_SHIPMENT',
        create_time: now,
        update_time: now,
        paid_time: now,
        rts_sla_time: pick('rts_sla_time', now + 2 * 86_400),
        tts_sla_time: pick('tts_sla_time', now + 3 * 86_400),
        shipping_due_time: pick('shipping_due_time', now + 4 * 86_400),
        collection_due_time: pick('collection_due_time', now + 5 * 86_400),
        delivery_sla_time: pick('delivery_sla_time', now + 8 * 86_400),
        delivery_due_time: pick('delivery_due_time', now + 12 * 86_400),
        shipping_type: spec.shippingType ?? 'TIKTOK',
        fulfillment_type: 'FULFILLMENT_BY_SELLER',
        delivery_option_id: spec.deliveryOptionId ?? '7091146663229654785',
        delivery_option_name: 'Standard shipping',
        is_cod: spec.isCod ?? false,
        is_on_hold_order: spec.status === 'ON_HOLD',
        is_buyer_request_cancel: false,
        request_cancel_time: null,
        cancel_reason: null,
        cancel_time: null,
        cancellation_initiator: null,
        buyer_message: '',
        tracking_number: null,
        payment: {
          currency,
          total_amount:
            spec.total ??
            lines.reduce((s, l) => s + Number(l.sale_price), 0).toFixed(currency === 'VND' ? 0 : 2),
          sub_total: lines.reduce((s, l) => s + Number(l.sale_price), 0).toFixed(currency === 'VND' ? 0 : 2),
        },
        recipient_address: {
          name: spec.buyerName ?? 'Somchai Jaidee',
          phone_number: '(+66)81*****78',
          postal_code: spec.postcode ?? '10110',
          region_code: region,
          full_address: '12/3 Sukhumvit 21, Khlong Toei Nuea, Watthana, Bangkok 10110',
          address_line1: '12/3 Sukhumvit 21',
          address_line2: 'Khlong Toei Nuea',
          district_info: [
            { address_level: 'L0', address_level_name: 'Country', address_name: 'Thailand' },
            { address_level: 'L1', address_level_name: 'Province', address_name: 'Bangkok' },
            { address_level: 'L2', address_level_name: 'District', address_name: 'Watthana' },
          ],
        },
        line_items: lines,
        packages: [],
      };
      orders.set(id, order);
      if (order.status === 'AWAITING_SHIPMENT' || order.status === 'ON_HOLD') {
        newPackage(
          order,
          [id],
          lines.map((l) => l.id),
          null,
        );
        const update = order.update_time;
        sync(id);
        order.update_time = update;
      }
      return structuredClone(order);
    },
    getOrder: (orderId: string) => {
      const o = orders.get(orderId);
      return o ? structuredClone(o) : undefined;
    },
    order: (orderId: string) => orders.get(orderId),
    /** Changes an order; update_time becomes now unless the patch sets it. */
    updateOrder: (orderId: string, patch: Partial<FakeFulfilmentOrder>) => {
      const o = orders.get(orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      Object.assign(o, { update_time: nowS() }, patch);
      return structuredClone(o);
    },
    /** The buyer or the platform cancels: status CANCELLED, packages cancelled. */
    cancelOrder: (orderId: string, reason = 'Buyer changed their mind') => {
      const o = orders.get(orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      o.status = 'CANCELLED';
      o.cancel_reason = reason;
      o.cancel_time = nowS();
      o.cancellation_initiator = 'BUYER';
      for (const l of o.line_items) l.display_status = 'CANCELLED';
      for (const p of packages.values()) if (p.order_ids.includes(orderId)) p.status = 'CANCELLED';
      o.update_time = nowS();
      return structuredClone(o);
    },
    requestCancel: (orderId: string) => {
      const o = orders.get(orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      o.is_buyer_request_cancel = true;
      o.request_cancel_time = nowS();
      o.update_time = nowS();
    },
    getPackage: (packageId: string) => {
      const p = packages.get(packageId);
      return p ? structuredClone(p) : undefined;
    },
    packagesOf: (orderId: string) =>
      [...packages.values()]
        .filter((p) => p.order_ids.includes(orderId) && p.status !== 'CANCELLED')
        .map((p) => structuredClone(p)),
    /** Declares orders the platform would let us combine; answers the combinable-package id. */
    makeCombinable: (orderIds: string[]) => {
      const cid = ctx.nextId('3021');
      combinable.set(cid, [...orderIds]);
      return cid;
    },
    /** The platform no longer lets these orders combine (an address changed): combine answers 21011040. */
    withdrawCombinable: (combinableId: string) => combinable.delete(combinableId),
    /** Combinations, uncombinations and platform ship calls as applied, in order (requests lost after applying count once). */
    applied: () => applied.map((a) => structuredClone(a)),
    setHandover: (packageId: string, handover: FakeHandover) => handovers.set(packageId, handover),
    setShippingProviders: (deliveryOptionId: string, list: Array<{ id: string; name: string }>) =>
      providers.set(deliveryOptionId, list),
    /** The provider the platform picks for a package it ships itself (default J&T Express). */
    setShipProvider: (packageId: string, provider: { id: string; name: string }) =>
      shipProviders.set(packageId, provider),
    setDocTtlSeconds: (seconds: number) => {
      docTtlSeconds = seconds;
    },
    /** Ship requests for a package (or, own carrier, an order), counted before any de-duplication. */
    shipRequests: (key: string) => shipRequestCount.get(key) ?? 0,
    /** State changes those requests caused (1 when shipped once, however often it was sent). */
    shipApplications: (key: string) => shipApplicationCount.get(key) ?? 0,
    shipments: () => shipments.map((s) => structuredClone(s)),
    docFetches: () => docFetches,
    docDownloads: () => docDownloads,
  };

  /** Called by the server for every ship request that arrives, before faults and checks. */
  const countShipRequest = (key: string) => bump(key, shipRequestCount);

  return { route, serveDoc, countShipRequest, api, packages };
}

export type FakeFulfilment = ReturnType<typeof createFakeFulfilment>['api'];
