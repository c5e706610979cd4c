import { z } from 'zod';

/**
 * The `data` of each answer this connector reads, as the platform documents it (the 202309 API
 * reference as generated into the official toolkit's OpenAPI file, and community SDKs where noted
 * in docs/connectors/tiktok-shop.md). Objects keep unknown keys out but accept them, so a field the
 * platform adds changes nothing; a field whose type changes fails here, by name, before anything
 * is applied.
 */
const text = z.string().nullish();

export const authorizedShopsSchema = z.object({
  shops: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullish(),
      region: z.string().nullish(),
      seller_type: z.string().nullish(),
      cipher: z.string(),
      code: z.string().nullish(),
    }),
  ),
});

const refundAmountSchema = z.object({
  currency: z.string().nullish(),
  refund_total: z.string().nullish(),
  refund_subtotal: z.string().nullish(),
});

export const returnLineItemSchema = z.object({
  return_line_item_id: z.string().nullish(),
  order_line_item_id: z.string().nullish(),
  sku_id: z.string(),
  seller_sku: text,
  sku_name: text,
  product_name: z.string(),
  refund_amount: refundAmountSchema.nullish(),
});

export const returnOrderSchema = z.object({
  return_id: z.string().min(1),
  order_id: z.string().min(1),
  return_status: z.string().min(1),
  return_type: text,
  return_reason: text,
  return_reason_text: text,
  return_tracking_number: text,
  return_provider_name: text,
  create_time: z.number().int(),
  update_time: z.number().int(),
  seller_next_action_response: z
    .array(z.object({ action: z.string(), deadline: z.number().int().nullish() }))
    .nullish(),
  return_line_items: z.array(returnLineItemSchema).nullish(),
  refund_amount: refundAmountSchema.nullish(),
});
export type TikTokReturnOrder = z.infer<typeof returnOrderSchema>;

export const searchReturnsSchema = z.object({
  return_orders: z.array(returnOrderSchema).nullish(),
  /** Empty (or absent) on the last page. */
  next_page_token: z.string().nullish(),
  total_count: z.number().int().nullish(),
});

export const orderDetailsSchema = z.object({
  orders: z.array(
    z.object({
      id: z.string(),
      recipient_address: z
        .object({
          name: text,
          first_name: text,
          last_name: text,
          region_code: text,
        })
        .nullish(),
      line_items: z
        .array(
          z.object({
            id: z.string(),
            sku_id: z.string().nullish(),
            seller_sku: text,
            product_name: text,
            sale_price: text,
            original_price: text,
            currency: text,
          }),
        )
        .nullish(),
    }),
  ),
});
export type TikTokOrderDetail = z.infer<typeof orderDetailsSchema>['orders'][number];

export const decisionEligibilitySchema = z.object({
  decisions: z.array(
    z.object({
      decision: z.string(),
      eligible: z.boolean(),
      ineligible_code: z.number().int().nullish(),
      ineligible_reason: text,
    }),
  ),
});

export const rejectReasonsSchema = z.object({
  reasons: z.array(z.object({ name: z.string(), text: z.string().nullish() })),
});

export const uploadedImageSchema = z.object({
  uri: z.string().min(1),
  url: text,
  width: z.number().int().nullish(),
  height: z.number().int().nullish(),
});

export const uploadedDeliveryImageSchema = z.object({
  url: z.string().min(1),
  width: z.number().int().nullish(),
  height: z.number().int().nullish(),
});

/** Approve and reject answer an empty `data`; anything in it is ignored. */
export const emptyDataSchema = z.unknown();

export const deliverPackagesSchema = z
  .object({
    errors: z
      .array(
        z.object({
          code: z.number().int(),
          message: z.string().nullish(),
          detail: z.object({ package_id: z.string().nullish() }).nullish(),
        }),
      )
      .nullish(),
  })
  .nullish();

export const orderTrackingSchema = z.object({
  tracking: z.array(z.object({ description: z.string(), update_time_millis: z.number().int() })),
});
