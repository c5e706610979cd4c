import { z } from 'zod';
import { ITEM_CLASSES, itemClassSchema } from './item-classes';

/**
 * An order to pack, whichever way it came — pulled from TikTok Shop or imported from a seller's
 * ERP — in one shape, so the pack queue, the late-risk marks and the packing flow read one thing.
 * Deadlines are ms since the epoch (the platform's Unix seconds × 1000); money is minor units.
 */
export const OUTBOUND_ORDER_STATUSES = ['to_pack', 'packing', 'packed', 'handed_over', 'cancelled'] as const;
export type OutboundOrderStatus = (typeof OUTBOUND_ORDER_STATUSES)[number];

/** Where the order is at the platform, as far as packing cares. */
export const PLATFORM_STAGES = [
  'to_ship',
  'awaiting_collection',
  'in_transit',
  'done',
  'cancelled',
  'unpaid',
  'on_hold',
] as const;
export type PlatformStage = (typeof PLATFORM_STAGES)[number];

const ms = z.number().int().nullable();
const text = (max: number) => z.string().max(max).nullable();

export const outboundOrderSchema = z.strictObject({
  /** `tiktok-shop:<connector name>` or `erp:<seller>`. */
  source: z.string().min(1).max(80),
  /** The platform's order id or the ERP's order reference. */
  externalId: z.string().min(1).max(64),
  seller: text(80),
  market: z.string().regex(/^[A-Z]{2}$/),
  stage: z.enum(PLATFORM_STAGES),
  /** The platform's own status word, verbatim (null for ERP orders). */
  platformStatus: text(40),
  cancellation: z
    .strictObject({
      state: z.enum(['requested', 'cancelled']),
      reason: text(200),
      at: ms,
    })
    .nullable(),
  recipient: z.strictObject({
    name: z.string().min(1).max(120),
    phone: text(40),
    address1: text(200),
    address2: text(200),
    city: text(80),
    region: text(80),
    postcode: text(16),
    country: z.string().regex(/^[A-Z]{2}$/),
  }),
  cod: z
    .strictObject({ amountMinor: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) })
    .nullable(),
  deadlines: z.strictObject({
    shipBy: ms,
    shipAutoCancel: ms,
    collectBy: ms,
    collectAutoCancel: ms,
    deliverBy: ms,
    deliverAutoCancel: ms,
  }),
  lines: z
    .array(
      z.strictObject({
        lineRef: z.string().min(1).max(64),
        sku: z.string().min(1).max(64),
        productName: z.string().min(1).max(300),
        quantity: z.number().int().positive().max(10_000),
        unitGrams: z.number().int().min(0).nullable(),
        barcode: text(32),
        packageId: text(64),
        /** Each unit's serial number is scanned at the bench; absent: not required. */
        serialRequired: z.boolean().optional(),
        /** Battery, liquid, …: what some carrier services refuse (item-classes.ts). Absent: none known. */
        itemClasses: z.array(itemClassSchema).max(ITEM_CLASSES.length).optional(),
      }),
    )
    .min(1),
  /** Who ships: the platform's carrier (a platform label) or the seller's own. */
  shippingType: z.enum(['platform', 'seller']).nullable(),
  deliveryOptionId: text(64),
  /** A preferred carrier service (carrier-services.ts id), if the source names one. */
  service: text(64),
  notes: text(500),
  /** When the source last changed the order (ms); a pull never applies an older one. */
  sourceUpdatedAt: ms,
});
export type OutboundOrder = z.infer<typeof outboundOrderSchema>;
