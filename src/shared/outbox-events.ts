import { z } from 'zod';
import { packageCombinePayloadSchema, packageUncombinePayloadSchema } from './packing/package-combine-event';
import { packageShipPayloadSchema } from './packing/package-ship-event';

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
   * A return's parcel arrived at the dock and was opened at a QC bench: for the platform, ahead of
   * the receipt decision (same ordering key, so the platform sees receipt, then decision).
   */
  'return.received': z.strictObject({
    stationId: z.string(),
    receiptId: z.string(),
    returnOrderId: z.string(),
    platformReturnId: z.string(),
    /** What the clerk scanned to find it. */
    scannedCode: z.string(),
    receivedBy: z.string(),
    receivedAt: z.number().int(),
  }),
  /**
   * One unit's stock movement at a QC bench, for the hub's inventory: +1 of the SKU at the
   * location the disposition sends it to. An undo sends the same movement with quantity -1 and
   * `compensates` naming the adjustment it cancels; history is never rewritten.
   */
  'inventory.adjusted': z.strictObject({
    stationId: z.string(),
    adjustmentId: z.string(),
    compensates: z.string().nullable(),
    licensePlate: z.string(),
    receiptId: z.string(),
    returnOrderId: z.string().nullable(),
    platformReturnId: z.string().nullable(),
    sku: z.string().nullable(),
    barcode: z.string().nullable(),
    serial: z.string().nullable(),
    quantity: z.union([z.literal(1), z.literal(-1)]),
    disposition: z.enum(['restock', 'refurbish', 'destroy', 'return_to_seller']),
    grade: z.enum(['A', 'B', 'C', 'D']),
    /** The bin for a restock; the disposition's holding area otherwise (refurbish bench, destroy cage…). */
    location: z.string(),
    workOrderId: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: z.number().int(),
  }),
  /** A parcel nobody expected, in quarantine with a photo and a note, for a supervisor to resolve. */
  'qc.exception_raised': z.strictObject({
    stationId: z.string(),
    exceptionId: z.string(),
    receiptId: z.string(),
    kind: z.literal('unexpected_return'),
    code: z.string(),
    quarantineBin: z.string(),
    note: z.string(),
    photos: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
    raisedBy: z.string(),
    raisedAt: z.number().int(),
  }),
  /**
   * A supervisor closed a destruction batch: for the hub's inventory, the units that leave the
   * destroy cage, and the certificate (its id and content hash) that documents them.
   */
  'qc.destruction_certified': z.strictObject({
    stationId: z.string(),
    batchId: z.string(),
    certificateId: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    units: z
      .array(
        z.strictObject({
          licensePlate: z.string(),
          decisionId: z.string(),
          sku: z.string().nullable(),
          serial: z.string().nullable(),
        }),
      )
      .min(1),
    closedBy: z.string(),
    closedAt: z.number().int(),
  }),
  /** A supervisor resolved an unexpected return: matched to a return order, or disposed of. */
  'qc.exception_resolved': z.strictObject({
    stationId: z.string(),
    exceptionId: z.string(),
    resolution: z.enum(['matched', 'disposed']),
    returnOrderId: z.string().nullable(),
    platformReturnId: z.string().nullable(),
    disposal: z.enum(['return_to_sender', 'scrap', 'donate']).nullable(),
    note: z.string().max(500).nullable(),
    resolvedBy: z.string(),
    resolvedAt: z.number().int(),
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
  /** The packing bench's ship call for a platform order (src/shared/packing/package-ship-event.ts). */
  'package.ship': packageShipPayloadSchema,
  /** The bench's TikTok Shop package combination (src/shared/packing/package-combine-event.ts). */
  'package.combine': packageCombinePayloadSchema,
  /** An order taken back out of a delivered combination (package-combine-event.ts). */
  'package.uncombine': packageUncombinePayloadSchema,
  /**
   * A parcel handed to its carrier's driver on a closed manifest: for the carrier line (its
   * destination), so the pickup is confirmed parcel by parcel.
   */
  'package.handed_over': z.strictObject({
    stationId: z.string(),
    packageId: z.string(),
    orderId: z.string(),
    orderRef: z.string(),
    trackingNumber: z.string().min(1).max(64),
    carrier: z.string().min(1).max(64),
    manifestId: z.string(),
    driverName: z.string().min(1).max(120),
    handedOverAt: z.number().int(),
  }),
  /**
   * A packed parcel's label voided by the supervisor (it missed its cut-off and is rebooked on
   * another line): for the old carrier line, so the unused tracking number is not expected.
   */
  'package.label_voided': z.strictObject({
    stationId: z.string(),
    packageId: z.string(),
    orderId: z.string(),
    orderRef: z.string(),
    trackingNumber: z.string().min(1).max(64),
    /** The reference the voided label was booked under; absent in events written before it. */
    bookingReference: z.string().min(1).max(64).optional(),
    carrier: z.string().min(1).max(64),
    reason: z.literal('cutoff_rebook'),
    voidedBy: z.string(),
    voidedAt: z.number().int(),
  }),
} as const;

export type OutboxEventType = keyof typeof outboxPayloadSchemas;
export type OutboxPayload<T extends OutboxEventType> = z.infer<(typeof outboxPayloadSchemas)[T]>;

export function isOutboxEventType(type: string): type is OutboxEventType {
  return Object.hasOwn(outboxPayloadSchemas, type);
}
