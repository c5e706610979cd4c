import { z } from 'zod';
import { RETURN_STATUSES } from './domain';

/**
 * A return order as a platform connector hands it to the station, normalised. The platform's own
 * status and next action are kept verbatim next to the station's status, because the seller is
 * judged on the platform's deadline, not on ours.
 */
export const moneySchema = z.object({
  /** Decimal string as the platform sends it ("12.50"), never a float. */
  amount: z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type Money = z.infer<typeof moneySchema>;

export const platformReturnItemSchema = z.object({
  /** The platform's id of the order line, when it has one. */
  platformItemId: z.string().max(64).nullable(),
  sku: z.string().min(1).max(128),
  /** EAN/UPC/GTIN when the platform or the seller's catalogue knows it. */
  barcode: z.string().max(64).nullable(),
  name: z.string().max(300),
  quantity: z.number().int().positive(),
  unitPrice: moneySchema.nullable(),
  /** Product category as the platform names it (the QC checklist and rules key on ours). */
  category: z.string().max(120).nullable(),
});
export type PlatformReturnItem = z.infer<typeof platformReturnItemSchema>;

export const platformReturnOrderSchema = z.object({
  platform: z.enum(['tiktok_shop', 'manual']),
  platformReturnId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64),
  /** The station's view of the status (expected / cancelled / completed; never moves backwards). */
  status: z.enum(RETURN_STATUSES),
  /** The platform's status, verbatim (e.g. BUYER_SHIPPED_ITEM). */
  platformStatus: z.string().max(80),
  /** REFUND, RETURN_AND_REFUND, REPLACEMENT… verbatim. */
  returnType: z.string().max(40).nullable(),
  reason: z.string().max(300).nullable(),
  buyerName: z.string().max(120).nullable(),
  returnTrackingNumber: z.string().max(128).nullable(),
  /** Our carrier code of the return parcel when known. */
  returnCarrier: z.string().max(64).nullable(),
  /** ISO 3166-1 alpha-2 of the market; null when the platform does not say. */
  country: z.string().length(2).nullable(),
  /** What the platform waits for from the seller, and until when (ms since the epoch). */
  nextAction: z.object({ action: z.string().max(80), deadline: z.number().int().nullable() }).nullable(),
  updatedAt: z.number().int(),
  items: z.array(platformReturnItemSchema),
});
export type PlatformReturnOrder = z.infer<typeof platformReturnOrderSchema>;
