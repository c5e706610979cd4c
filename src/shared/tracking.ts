import { z } from 'zod';

/**
 * The normalised tracking model every carrier and tracking connector maps into. A connector keeps
 * the source's own code on each event, so a status table can be corrected without losing history.
 */
export const TRACKING_STATUSES = [
  'pending',
  'info_received',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivery_failed',
  'delivered',
  'ready_for_pickup',
  'return_to_sender',
  'returned',
  'exception',
  'lost',
  'expired',
  'unknown',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** Why a delivery attempt or a parcel went wrong, when the source says so. */
export const INCIDENT_REASONS = [
  'refused',
  'not_home',
  'bad_address',
  'contact_failed',
  'rescheduled',
  'damaged',
  'lost',
  'customs',
  'weather',
  'force_majeure',
  'cod_not_ready',
  'held_at_depot',
  'carrier_delay',
  'other',
] as const;
export type IncidentReason = (typeof INCIDENT_REASONS)[number];

export const trackingEventSchema = z.object({
  /** Stable id of the event at its source; (source, externalId) de-duplicates. */
  externalId: z.string().min(1).max(200),
  /** Our carrier code (e.g. 'ninjavan-my', 'jnt-my', 'thailand-post'), as the connector knows it. */
  carrier: z.string().min(1).max(64),
  trackingNumber: z.string().min(1).max(128),
  /** The time as the source gave it, ISO 8601 with its offset (the parcel's local time matters). */
  occurredAt: z.string().min(1).max(40),
  /** The same instant in ms since the epoch. */
  occurredAtMs: z.number().int(),
  /** The source's own status or scan code, verbatim. */
  code: z.string().max(100),
  description: z.string().max(500),
  location: z.string().max(200).nullable(),
  status: z.enum(TRACKING_STATUSES),
  reason: z.enum(INCIDENT_REASONS).nullable(),
});
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

/** A status table row: a source code and what it means in the model. */
export interface StatusMapping {
  status: TrackingStatus;
  reason?: IncidentReason;
}

/**
 * A connector's status table applied to one code. An unknown code maps to 'unknown' and says so
 * (`known: false`), so the caller reports it instead of dropping the event.
 */
export function mapStatus(
  table: Readonly<Record<string, StatusMapping>>,
  code: string,
): StatusMapping & { known: boolean } {
  const hit = Object.hasOwn(table, code) ? table[code] : undefined;
  return hit ? { ...hit, known: true } : { status: 'unknown', known: false };
}

/** A shipping label as a carrier or the platform hands it over. */
export const labelDocumentSchema = z.object({
  carrier: z.string().min(1).max(64),
  trackingNumber: z.string().min(1).max(128),
  format: z.enum(['pdf', 'zpl', 'png']),
  /** Base64 of the document's bytes. */
  contentBase64: z.string(),
  widthMm: z.number().positive().nullable(),
  heightMm: z.number().positive().nullable(),
});
export type LabelDocument = z.infer<typeof labelDocumentSchema>;
