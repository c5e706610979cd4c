import { z } from 'zod';
import { scaleAddressSchema, scaleKindSchema } from './scales/station-scale-settings';

/** Enumerations shared by the database CHECK constraints, the contract and the screens. */
/** Ordered by what a role may do: clerk and packer work the bench, a supervisor fixes and approves, an admin runs the station. */
export const ROLES = ['clerk', 'packer', 'supervisor', 'admin'] as const;
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

/**
 * True when the text holds a control character (C0, DEL, C1) or half of a surrogate pair: both
 * print as nothing or as boxes in reports, labels and the audit log.
 */
export function hasInvisibleCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** The issue a refused station name is reported with (VALIDATION_FAILED's `issue`), translated on screen. */
export const STATION_NAME_CHARACTERS_ISSUE = 'station_name_characters';

export const settingsSchema = z.object({
  stationName: z
    .string()
    .min(1)
    .max(40)
    .refine((name) => !hasInvisibleCharacters(name), {
      params: { reason: STATION_NAME_CHARACTERS_ISSUE },
    }),
  language: languageSchema,
  sound: z.boolean(),
  staleTrackingHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** A supervisor's (or admin's) sign-in ends after this many minutes without a call from that tab. */
  supervisorIdleMinutes: z.number().int().min(1).max(240),
  /** How long a clerk may undo a QC decision or a completed parcel at the bench (0: no undo). */
  qcUndoMinutes: z.number().int().min(0).max(120),
  /** The packing bench's own scale (src/shared/scales/station-scale-settings.ts); 'none' = typed weights only. */
  scaleKind: scaleKindSchema,
  scaleAddress: scaleAddressSchema,
  /** A photo of the open parcel before it is sealed at the packing bench. */
  packPhotoRequired: z.enum(['none', 'required']),
});
export type Settings = z.infer<typeof settingsSchema>;
