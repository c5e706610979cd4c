import { z } from 'zod';

/**
 * Payload schemas of every outbox event type. Checked when an event is enqueued (so a bad payload
 * rolls back the clerk's action with it) and again before delivery (an event written by an older
 * version that no longer fits goes to the dead-letter list with the reason, never to a carrier).
 */
export const outboxPayloadSchemas = {
  'scan.recorded': z.strictObject({
    scanId: z.string(),
    code: z.string(),
    station: z.string(),
    userId: z.string().nullable(),
    parcelId: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    returnOrderId: z.string().nullable(),
    platformReturnId: z.string().nullable(),
    scannedAt: z.number().int(),
  }),
  'scan.unknown': z.strictObject({
    scanId: z.string(),
    code: z.string(),
    station: z.string(),
    userId: z.string().nullable(),
    scannedAt: z.number().int(),
  }),
  /**
   * The warehouse's decision on a received return package, for the platform (TikTok Shop:
   * approve / reject the received package). Images are photo hashes; the connector uploads the bytes.
   */
  'return.receipt_decided': z.strictObject({
    stationId: z.string(),
    returnOrderId: z.string(),
    platformReturnId: z.string(),
    decision: z.enum(['approve', 'reject']),
    /** A reject reason name from the platform's reject-reasons list; null when approving. */
    rejectReason: z.string().nullable(),
    comment: z.string().max(500).nullable(),
    images: z.array(
      z.strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
      }),
    ),
    decidedBy: z.string(),
    decidedAt: z.number().int(),
  }),
  /**
   * Start tracking a parcel at a tracking service (17TRACK register, AfterShip create tracking):
   * queued when a parcel is created or handed to a carrier, so its events can be pulled later.
   */
  'tracking.watch': z.strictObject({
    stationId: z.string(),
    parcelId: z.string(),
    trackingNumber: z.string().min(1).max(64),
    /** Our carrier code; the connector maps it to the service's carrier id. */
    carrier: z.string().min(1).max(64),
    requestedAt: z.number().int(),
  }),
} as const;

export type OutboxEventType = keyof typeof outboxPayloadSchemas;
export type OutboxPayload<T extends OutboxEventType> = z.infer<(typeof outboxPayloadSchemas)[T]>;

export function isOutboxEventType(type: string): type is OutboxEventType {
  return Object.hasOwn(outboxPayloadSchemas, type);
}
