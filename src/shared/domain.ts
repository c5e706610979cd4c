import { z } from 'zod';

/** Enumerations shared by the database CHECK constraints, the contract and the screens. */
export const ROLES = ['clerk', 'packer', 'supervisor'] as const;
export const DIRECTIONS = ['outbound', 'return'] as const;
export const PARCEL_STATUSES = [
  'created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returning',
  'received',
  'exception',
  'cancelled',
] as const;
export const RETURN_STATUSES = ['expected', 'received', 'inspecting', 'completed', 'cancelled'] as const;
export const SCAN_OUTCOMES = ['parcel', 'return_order', 'unknown'] as const;
export const SCAN_SOURCES = ['scanner', 'keyboard'] as const;
export const OUTBOX_STATUSES = ['pending', 'in_flight', 'delivered', 'dead', 'discarded'] as const;
export const LANGUAGES = ['en', 'zh-CN', 'th', 'vi', 'ms'] as const;

export const roleSchema = z.enum(ROLES);
export const languageSchema = z.enum(LANGUAGES);

export const userViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const parcelViewSchema = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  carrier: z.string(),
  country: z.string(),
  orderId: z.string().nullable(),
  direction: z.enum(DIRECTIONS),
  status: z.enum(PARCEL_STATUSES),
});
export type ParcelView = z.infer<typeof parcelViewSchema>;

export const returnItemViewSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
});

export const returnOrderViewSchema = z.object({
  id: z.string(),
  platformReturnId: z.string(),
  orderId: z.string(),
  returnTrackingNumber: z.string().nullable(),
  status: z.enum(RETURN_STATUSES),
  reason: z.string().nullable(),
  items: z.array(returnItemViewSchema),
});
export type ReturnOrderView = z.infer<typeof returnOrderViewSchema>;

export const scanResultSchema = z.object({
  scanId: z.string(),
  code: z.string(),
  symbology: z.string().nullable(),
  outcome: z.enum(SCAN_OUTCOMES),
  parcel: parcelViewSchema.nullable(),
  returnOrder: returnOrderViewSchema.nullable(),
  scannedAt: z.number().int(),
  outboxEventId: z.string(),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const scanHistoryItemSchema = z.object({
  scanId: z.string(),
  code: z.string(),
  outcome: z.enum(SCAN_OUTCOMES),
  scannedAt: z.number().int(),
  userName: z.string().nullable(),
});

export const outboxEventViewSchema = z.object({
  id: z.string(),
  destination: z.string(),
  type: z.string(),
  orderingKey: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  summary: z.string(),
});
export type OutboxEventView = z.infer<typeof outboxEventViewSchema>;

export const settingsSchema = z.object({
  stationName: z.string().min(1).max(40),
  language: languageSchema,
  sound: z.boolean(),
  staleTrackingHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** How long a clerk may undo a QC decision or a completed parcel at the bench (0: no undo). */
  qcUndoMinutes: z.number().int().min(0).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;
