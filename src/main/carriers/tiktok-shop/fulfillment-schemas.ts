import { z } from 'zod';

/**
 * The `data` of each fulfilment answer (orders 202309, fulfilment 202309, logistics 202309), as
 * the official API reference (via the toolkit's generated models) and community SDK models name
 * the fields — see docs/connectors/tiktok-shop.md. Unknown keys are accepted and dropped; a known
 * field of the wrong type fails by name.
 */
const text = z.string().nullish();
const seconds = z.number().int().nullish();

export const fulfilmentOrderSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  create_time: seconds,
  update_time: z.number().int(),
  paid_time: seconds,
  /** Ship by (ready to ship); Unix seconds. */
  rts_sla_time: seconds,
  /** Collected by the carrier by. */
  tts_sla_time: seconds,
  /** Auto-cancelled if not AWAITING_COLLECTION by then. */
  shipping_due_time: seconds,
  /** Auto-cancelled if not IN_TRANSIT by then. */
  collection_due_time: seconds,
  delivery_sla_time: seconds,
  /** Auto-cancelled if not DELIVERED by then. */
  delivery_due_time: seconds,
  /** Deprecated by the platform (shipping_due_time and the others replace it); read, not used. */
  cancel_order_sla_time: seconds,
  rts_time: seconds,
  shipping_type: text,
  fulfillment_type: text,
  delivery_option_id: text,
  delivery_option_name: text,
  shipping_provider_id: text,
  shipping_provider: text,
  tracking_number: text,
  is_cod: z.boolean().nullish(),
  is_on_hold_order: z.boolean().nullish(),
  is_buyer_request_cancel: z.boolean().nullish(),
  request_cancel_time: seconds,
  cancel_reason: text,
  cancel_time: seconds,
  cancellation_initiator: text,
  buyer_message: text,
  split_or_combine_tag: text,
  warehouse_id: text,
  payment: z.object({ currency: text, total_amount: text, sub_total: text }).nullish(),
  recipient_address: z
    .object({
      name: text,
      first_name: text,
      last_name: text,
      phone_number: text,
      postal_code: text,
      region_code: text,
      full_address: text,
      address_detail: text,
      address_line1: text,
      address_line2: text,
      district_info: z
        .array(z.object({ address_level: text, address_level_name: text, address_name: text }))
        .nullish(),
    })
    .nullish(),
  line_items: z
    .array(
      z.object({
        id: z.string(),
        sku_id: text,
        seller_sku: text,
        product_name: text,
        sku_name: text,
        display_status: text,
        package_id: text,
        package_status: text,
        tracking_number: text,
        shipping_provider_id: text,
        is_gift: z.boolean().nullish(),
      }),
    )
    .nullish(),
  packages: z.array(z.object({ id: z.string() })).nullish(),
});
export type TikTokFulfilmentOrder = z.infer<typeof fulfilmentOrderSchema>;

export const searchOrdersSchema = z.object({
  orders: z.array(fulfilmentOrderSchema).nullish(),
  next_page_token: text,
  total_count: z.number().int().nullish(),
});

export const ordersByIdSchema = z.object({ orders: z.array(fulfilmentOrderSchema) });

const packageOrderSchema = z.object({
  id: z.string(),
  skus: z
    .array(z.object({ id: text, name: text, image_url: text, quantity: z.number().int().nullish() }))
    .nullish(),
});

const timeSlotSchema = z.object({ start_time: z.number().int(), end_time: z.number().int() });

export const packageSummarySchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  order_line_item_ids: z.array(z.string()).nullish(),
  orders: z.array(packageOrderSchema).nullish(),
  create_time: seconds,
  update_time: seconds,
  tracking_number: text,
  shipping_provider_id: text,
  shipping_provider_name: text,
});

export const searchPackagesSchema = z.object({
  packages: z.array(packageSummarySchema).nullish(),
  next_page_token: text,
  total_count: z.number().int().nullish(),
});

export const packageDetailSchema = z.object({
  package_id: z.string().min(1),
  order_id: text,
  package_status: z.string().min(1),
  order_line_item_ids: z.array(z.string()).nullish(),
  orders: z.array(packageOrderSchema).nullish(),
  create_time: seconds,
  update_time: seconds,
  split_and_combine_tag: text,
  shipping_type: text,
  shipping_provider_id: text,
  shipping_provider_name: text,
  delivery_option_id: text,
  delivery_option_name: text,
  tracking_number: text,
  handover_method: text,
  pickup_slot: timeSlotSchema.nullish(),
});
export type TikTokPackageDetail = z.infer<typeof packageDetailSchema>;

export const splitAttributesSchema = z.object({
  split_attributes: z.array(z.object({ order_id: z.string(), can_split: z.boolean(), reason: text })),
});

export const splitOrderSchema = z.object({
  packages: z.array(z.object({ id: z.string(), splittable_group_id: z.string() })),
});

export const combinablePackagesSchema = z.object({
  combinable_packages: z.array(z.object({ id: z.string(), order_ids: z.array(z.string()) })).nullish(),
  next_page_token: text,
  total_count: z.number().int().nullish(),
});

const packageErrorSchema = z.object({
  code: z.number().int(),
  message: text,
  detail: z.object({ package_id: text }).nullish(),
});

export const combinePackagesSchema = z.object({
  packages: z.array(z.object({ id: z.string(), order_ids: z.array(z.string()).nullish() })).nullish(),
  errors: z.array(packageErrorSchema).nullish(),
});

export const uncombinePackageSchema = z.object({
  packages: z.array(z.object({ id: z.string(), order_ids: z.array(z.string()).nullish() })),
});

export const handoverTimeSlotsSchema = z.object({
  can_pickup: z.boolean(),
  can_drop_off: z.boolean(),
  can_van_collection: z.boolean().nullish(),
  drop_off_point_url: text,
  pickup_slots: z
    .array(
      timeSlotSchema.extend({
        // Spelled "avaliable" in the platform's reference (community SDKs copy it); either is read.
        avaliable: z.boolean().nullish(),
        available: z.boolean().nullish(),
      }),
    )
    .nullish(),
});

export const markShippedSchema = z.object({
  order_id: z.string(),
  package_id: z.string().min(1),
  order_line_item_ids: z.array(z.string()).nullish(),
  warning: z.object({ message: text }).nullish(),
});

export const shippingDocumentSchema = z.object({ doc_url: z.string().min(1), tracking_number: text });

export const shippingProvidersSchema = z.object({
  shipping_providers: z.array(z.object({ id: z.string().min(1), name: z.string() })),
});
