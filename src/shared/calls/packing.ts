import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import { SCAN_SOURCES } from '../domain';
import type { ErrorCode } from '../errors';
import { cutoffRowSchema, cutoffTableRowSchema } from '../packing/carrier-cutoffs';
import {
  CUTOFF_ACTIONS,
  cutoffExceptionSchema,
  dimensionsSchema,
  dockCarrierSchema,
  manifestCloseResultSchema,
  manifestViewSchema,
  packCompleteResultSchema,
  packCombinableSchema,
  packQueueSchema,
  packScanResultSchema,
  packSessionSchema,
  packShiftSummarySchema,
  packStateSchema,
  packRouteViewSchema,
  packWeightViewSchema,
} from '../packing/pack-views';
import { SCALE_COMMANDS, liveScaleReadingSchema, scaleCommandResultSchema } from '../scales/live-reading';
import { clientActionIdSchema, qcAuthorizationSchema } from './returns';

const scanCode = z.string().min(1).max(512);

/** A CSV import's text: a day's orders of a large seller fit many times over. */
export const IMPORT_CSV_MAX_CHARS = 4_000_000;

/**
 * One problem of an imported CSV: its line and column, a code the screen translates, and the
 * parser's own English detail (the value it could not read), shown under the translation.
 */
const importProblemSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

/** A bench photo is a camera frame, not an archive picture: 4 MB is far above a 1080p JPEG. */
export const PACK_PHOTO_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A weight as the bench has it: a reading the screen took from a WebHID scale (its stable and
 * range flags as the scale reported them), the station's own scale (the core's scale monitor),
 * or typed text (`1,25 kg`, `850 g`, `850` = grams).
 */
export const packReadingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scale'),
    grams: z.number().int(),
    stable: z.boolean(),
    overRange: z.boolean(),
    underZero: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('station_scale') }),
  z.strictObject({ kind: z.literal('typed'), text: z.string().trim().min(1).max(32) }),
]);
export type PackReading = z.infer<typeof packReadingSchema>;

/** The box: a preset's sheet barcode (`BOX-S2-W`) or code (`S2`), or typed inner dimensions. */
export const packBoxSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('preset'), code: z.string().trim().min(1).max(32) }),
  z.strictObject({
    kind: z.literal('dims'),
    dims: dimensionsSchema,
    tareGrams: z.number().int().min(0).max(50_000).default(0),
  }),
]);
export type PackBox = z.infer<typeof packBoxSchema>;

const SESSION_ERRORS = ['PACK_NO_SESSION', 'PACK_ORDER_CANCELLED'] as const satisfies ErrorCode[];
const WEIGH_ERRORS = [
  'PACK_WEIGHT_UNSTABLE',
  'PACK_WEIGHT_ZERO',
  'PACK_WEIGHT_OVER_RANGE',
  'PACK_WEIGHT_UNREADABLE',
  'PACK_SCALE_UNAVAILABLE',
  'PACK_LINES_NOT_VERIFIED',
  'BOX_PRESET_UNKNOWN',
  'BOX_CODE_INVALID',
] as const satisfies ErrorCode[];
const ROUTE_ERRORS = [
  'PACK_NOT_WEIGHED',
  'PACK_NO_ROUTE',
  'PACK_NO_SERVICE',
  'PACK_CARRIER_NOT_LISTED',
  'PACK_SERVICE_LIMIT',
  'PACK_ITEM_CLASS_NOT_ACCEPTED',
  'PACK_NO_BACKUP',
  // The platform's provider list could not be fetched: nothing is chosen without it.
  'TRANSPORT_FAILED',
] as const satisfies ErrorCode[];

/**
 * The packing bench and the dock. Writes carry a client-made `clientActionId`: the same id again
 * (a retry after a lost answer) returns the first answer and acts once.
 */
export const packingCalls = {
  /** Orders to pack, late first, then at risk, then by deadline; counted per working day. */
  packQueue: call({
    input: z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
    output: packQueueSchema,
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /** The bench's open pack session, if any (resume after a restart). */
  packState: call({ input: noInput, output: packStateSchema, errors: [], role: 'any', effect: 'read' }),
  /**
   * The station scale now (the settings' `scaleKind` / `scaleAddress`): polled by the packing screen
   * at the weigh step to show the live weight. Only informative — `packWeigh` reads the scale again.
   */
  packScaleReading: call({
    input: noInput,
    output: liveScaleReadingSchema,
    errors: [],
    role: 'any',
    effect: 'read',
    background: true,
  }),
  /**
   * Z or T at the bench: zeroes the station scale or takes its load as tare. Not repeated by a
   * transport that lost the answer — the packer sees the live weight and presses again.
   */
  packScaleCommand: call({
    input: z.strictObject({ command: z.enum(SCALE_COMMANDS) }),
    output: scaleCommandResultSchema,
    errors: [
      'PACK_SCALE_UNAVAILABLE',
      'PACK_SCALE_NO_COMMAND',
      'PACK_SCALE_BUSY',
      'PACK_SCALE_REFUSED',
      'PACK_WEIGHT_OVER_RANGE',
    ],
    role: 'any',
  }),
  /** Opens the package an order id, platform package id or pick list scan names. */
  packOpen: call({
    input: z.strictObject({
      code: scanCode,
      source: z.enum(SCAN_SOURCES),
      clientActionId: clientActionIdSchema,
    }),
    output: packSessionSchema,
    errors: [
      'PACK_ORDER_NOT_FOUND',
      'PACK_ORDER_CANCELLED',
      'PACK_ORDER_DONE',
      'PACK_ORDER_AT_OTHER_BENCH',
      'PACK_SESSION_OPEN',
      'SCAN_EMPTY',
      'SCAN_TOO_LONG',
      'SCAN_BAD_CHARACTERS',
      'SCAN_NOT_ASCII',
    ],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * One item scanned (its barcode or SKU), with its serial number when it carries one: the line
   * counts down; an item not in the package is refused (PACK_WRONG_ITEM), as is one too many. A
   * unit of a serial-required line counts only with its serial: without one the answer is
   * PACK_SERIAL_REQUIRED (the screen then asks for the serial and sends the item again with it); a
   * serial that is one of the order's SKUs or barcodes is refused (PACK_SERIAL_IS_ITEM).
   */
  packScanItem: call({
    input: z.strictObject({
      code: scanCode,
      source: z.enum(SCAN_SOURCES),
      serial: z.string().trim().min(1).max(64).optional(),
      clientActionId: clientActionIdSchema,
    }),
    output: packScanResultSchema,
    errors: [
      ...SESSION_ERRORS,
      'PACK_WRONG_ITEM',
      'PACK_LINE_ALREADY_VERIFIED',
      'PACK_SERIAL_DUPLICATE',
      'PACK_SERIAL_REQUIRED',
      'PACK_SERIAL_IS_ITEM',
      'SCAN_EMPTY',
      'SCAN_TOO_LONG',
      'SCAN_BAD_CHARACTERS',
      'SCAN_NOT_ASCII',
    ],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * The weight (a stable reading only; 0, under zero or over range refused) and the box → the
   * expected-weight check and the chargeable weight. Weighing again replaces the last weight.
   */
  packWeigh: call({
    input: z.strictObject({
      reading: packReadingSchema,
      box: packBoxSchema,
      clientActionId: clientActionIdSchema,
    }),
    output: z.object({ session: packSessionSchema, weight: packWeightViewSchema }),
    errors: [...SESSION_ERRORS, ...WEIGH_ERRORS],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * The route for the weighed package: the primary and backup lines with their carrier services,
   * the reason, the remote-area flag. `choose` picks a line (a line whose carrier the platform does
   * not list for the market, or whose limits the parcel breaks, cannot be chosen); without it the
   * route book's active line is taken.
   */
  packRoute: call({
    input: z.strictObject({
      choose: z.enum(['primary', 'backup']).optional(),
      clientActionId: clientActionIdSchema,
    }),
    output: z.object({ session: packSessionSchema, route: packRouteViewSchema }),
    errors: [...SESSION_ERRORS, ...ROUTE_ERRORS],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * Seals the package: books the shipment with the carrier, then in one transaction the package's
   * new state and the ship call (tracking number, provider) in the outbox, and the label on the
   * print queue. Offline or no label yet: `awaiting_label`, a packing slip prints now and the label
   * when it arrives. An order the platform cancelled meanwhile is refused.
   */
  packComplete: call({
    input: z.strictObject({
      photoSha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      clientActionId: clientActionIdSchema,
    }),
    output: packCompleteResultSchema,
    errors: [
      ...SESSION_ERRORS,
      'PACK_LINES_NOT_VERIFIED',
      'PACK_SERIAL_REQUIRED',
      'PACK_PHOTO_REQUIRED',
      'PHOTO_NOT_FOUND',
      'PACK_COMBINE_REFUSED',
      'PACK_NOT_WEIGHED',
      'PACK_NOT_ROUTED',
      'PACK_LABEL_REFUSED',
      'PACK_CARRIER_NOT_LISTED',
      'PRINTING_NOT_READY',
    ],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * The photo of the open parcel before sealing, a JPEG from the bench camera: stored once by its
   * SHA-256 in the station's photo folder and kept on the session (a new photo replaces it). With
   * setting packPhotoRequired = required, packComplete refuses a package without one.
   */
  packPhoto: call({
    input: z.strictObject({
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil((PACK_PHOTO_MAX_BYTES * 4) / 3) + 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/),
      clientActionId: clientActionIdSchema,
    }),
    output: z.object({ session: packSessionSchema }),
    errors: [...SESSION_ERRORS, 'PHOTO_NOT_IMAGE', 'PHOTO_TOO_LARGE'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * Moves the given quantities out of the open package into a new package of the same order, to be
   * packed after this one. At least one item must stay and at least one must move.
   */
  packSplit: call({
    input: z.strictObject({
      lines: z
        .array(z.strictObject({ lineRef: z.string().min(1).max(64), quantity: z.number().int().positive() }))
        .min(1)
        .max(500),
      clientActionId: clientActionIdSchema,
    }),
    output: z.object({
      session: packSessionSchema,
      newPackage: z.object({ packageId: z.string(), packageNo: z.number().int() }),
    }),
    errors: [...SESSION_ERRORS, 'PACK_SPLIT_INVALID', 'PACK_SPLIT_NOT_ALLOWED'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** The open orders that may be combined into the open package (see packCombinableSchema). */
  packCombinable: call({
    input: noInput,
    output: packCombinableSchema,
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /**
   * Adds another open order's lines to the open package: one parcel, one booking, one label; each
   * order's status follows the package. Only an order packCombinable lists. A TikTok Shop
   * combination is sent to the platform through the outbox (`combineEventId`, before the
   * package's ship call; null for ERP orders). Weight and route are taken again for the bigger
   * parcel. A combination the platform refused is undone at the next call and answered
   * PACK_COMBINE_REFUSED.
   *
   * TikTok Shop is asked again first (its combinable packages, a short timeout): an order it no
   * longer lets share the parcel is refused at once (PACK_COMBINE_DECLINED), nothing added. When
   * it cannot be asked, an order it offered earlier for this package joins anyway with
   * `confirmed: false`; the platform's answer is then checked at sealing.
   */
  packCombine: call({
    input: z.strictObject({ orderId: idSchema, clientActionId: clientActionIdSchema }),
    output: z.object({
      session: packSessionSchema,
      combineEventId: z.string().nullable(),
      confirmed: z.boolean(),
    }),
    errors: [...SESSION_ERRORS, 'PACK_COMBINE_NOT_ALLOWED', 'PACK_COMBINE_REFUSED', 'PACK_COMBINE_DECLINED'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * Takes an order combined into the open package back out before sealing: its lines and scans
   * leave the parcel (`itemsOut`: how many of its scanned items the clerk takes out of the box),
   * it goes back to the queue. Its TikTok Shop combination, if not sent yet, is discarded and
   * never reaches the platform; one the platform already applied is undone there through the
   * outbox (`uncombineEventId`, on the host order's stream, before its ship call). While the
   * combination is being sent at this moment: PACK_UNCOMBINE_BUSY (press again shortly).
   */
  packUncombine: call({
    input: z.strictObject({ orderId: idSchema, clientActionId: clientActionIdSchema }),
    output: z.object({
      session: packSessionSchema,
      orderRef: z.string(),
      itemsOut: z.number().int().nonnegative(),
      uncombineEventId: z.string().nullable(),
    }),
    errors: [...SESSION_ERRORS, 'PACK_UNCOMBINE_NOT_ALLOWED', 'PACK_UNCOMBINE_BUSY'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** Puts the open package back in the queue (verified counts are forgotten). */
  packRelease: call({
    input: z.strictObject({ clientActionId: clientActionIdSchema }),
    output: packStateSchema,
    errors: ['PACK_NO_SESSION'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** The station's manifests, newest first (open ones: today's pickups). */
  manifestList: call({
    input: z.strictObject({ status: z.enum(['open', 'closed']).optional() }),
    output: z.array(manifestViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /** The carriers whose parcels wait at the dock (packed, not handed over), for the handover list. */
  packDockCarriers: call({
    input: noInput,
    output: z.array(dockCarrierSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /** Today's manifest for a carrier at its pickup: the open one, or a new one. */
  manifestOpen: call({
    input: z.strictObject({ carrier: z.string().min(1).max(64), clientActionId: clientActionIdSchema }),
    output: manifestViewSchema,
    errors: ['PACK_NO_SERVICE'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** A parcel's label scanned at the truck: another carrier's or one already handed over is refused. */
  manifestScan: call({
    input: z.strictObject({
      manifestId: idSchema,
      code: scanCode,
      source: z.enum(SCAN_SOURCES),
      clientActionId: clientActionIdSchema,
    }),
    output: z.object({ manifest: manifestViewSchema, trackingNumber: z.string(), added: z.boolean() }),
    errors: [
      'PACK_PARCEL_UNKNOWN',
      'MANIFEST_NOT_FOUND',
      'MANIFEST_CLOSED',
      'MANIFEST_WRONG_CARRIER',
      'MANIFEST_PARCEL_HANDED_OVER',
      'MANIFEST_PARCEL_ON_OTHER',
      'SCAN_EMPTY',
      'SCAN_TOO_LONG',
      'SCAN_BAD_CHARACTERS',
      'SCAN_NOT_ASCII',
    ],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /**
   * Closes the manifest, signed off by the driver: the PDF and CSV, the parcels handed over and
   * their handover events (carrier and platform) in the outbox, in one transaction.
   */
  manifestClose: call({
    input: z.strictObject({
      manifestId: idSchema,
      driverName: z.string().trim().max(120),
      vehicle: z.string().trim().max(40).optional(),
      clientActionId: clientActionIdSchema,
    }),
    output: manifestCloseResultSchema,
    errors: ['MANIFEST_NOT_FOUND', 'MANIFEST_CLOSED', 'MANIFEST_DRIVER_REQUIRED', 'MANIFEST_EMPTY'],
    role: 'any',
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** Parcels packed but not handed over by their carrier's cut-off: the supervisor's exceptions. */
  packCutoffExceptions: call({
    input: noInput,
    output: z.array(cutoffExceptionSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /**
   * A supervisor's resolution of a cut-off exception: `next_pickup` (the parcel waits for its
   * carrier's next pickup; the exception is back if that one passes too), `note` (acknowledged,
   * the note required), `rebook` (the label voided — a void event for the old line in the same
   * transaction, the waiting label job cancelled, the parcel off any open manifest — and the
   * sealed parcel back at the bench's route step to be labelled on another line). Refused for an
   * unknown package or one already handed over; rebook only for our own carrier lines with no
   * platform ship call.
   */
  packCutoffResolve: call({
    input: z.strictObject({
      packageId: idSchema,
      action: z.enum(CUTOFF_ACTIONS),
      note: z.string().trim().max(500).optional(),
      clientActionId: clientActionIdSchema,
      authorization: qcAuthorizationSchema.optional(),
    }),
    output: z.object({
      packageId: z.string(),
      action: z.enum(CUTOFF_ACTIONS),
      until: z.number().int().nullable(),
      voidedTracking: z.string().nullable(),
      voidEventId: z.string().nullable(),
    }),
    errors: [
      'CUTOFF_PACKAGE_UNKNOWN',
      'CUTOFF_HANDED_OVER',
      'CUTOFF_NOTE_REQUIRED',
      'CUTOFF_REBOOK_NOT_ALLOWED',
    ],
    role: 'supervisor',
    stepUp: true,
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** Each carrier's last pickup per market: the station's overrides, then the defaults with their source. */
  packCutoffTable: call({
    input: noInput,
    output: z.array(cutoffTableRowSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /** Sets a carrier's last pickup and pickup days for a market (`*` = any), or `reset` to the default. */
  packCutoffSet: call({
    input: cutoffRowSchema.extend({
      reset: z.boolean().optional(),
      clientActionId: clientActionIdSchema,
      authorization: qcAuthorizationSchema.optional(),
    }),
    output: z.array(cutoffTableRowSchema),
    errors: [],
    role: 'supervisor',
    stepUp: true,
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** The shift so far: the signed-in user's (`mine`, the default) or the whole station's today. */
  packShiftSummary: call({
    input: z.strictObject({ scope: z.enum(['mine', 'station']).default('mine') }),
    output: packShiftSummarySchema,
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /**
   * The supervisor's SKU → item class list (CSV: `sku`, `item_class`; parseSkuClassCsv), for the
   * lines of TikTok Shop orders, which name no class: all or nothing, the errors by line.
   */
  /**
   * A seller's ERP orders CSV into the pack queue (docs/PACKING.md, "The ERP CSV format"): all or
   * nothing unless `partial`; re-importing the same file changes nothing.
   */
  packImportOrders: call({
    input: z.strictObject({
      csv: z.string().min(1).max(IMPORT_CSV_MAX_CHARS),
      seller: z.string().trim().min(1).max(64),
      partial: z.boolean().optional(),
      authorization: qcAuthorizationSchema.optional(),
    }),
    output: z.object({
      committed: z.boolean(),
      orders: z.number().int(),
      results: z.object({
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        conflict: z.number().int(),
        older: z.number().int(),
      }),
      errors: z.array(importProblemSchema),
      rejectedOrders: z.array(z.string()),
    }),
    errors: ['FORBIDDEN'],
    role: 'supervisor',
    stepUp: true,
  }),
  /** The SKU → item classes list for lines whose source names none (TikTok Shop): all or nothing. */
  packSkuClassesImport: call({
    input: z.strictObject({
      csv: z.string().min(1).max(IMPORT_CSV_MAX_CHARS),
      authorization: qcAuthorizationSchema.optional(),
    }),
    output: z.object({
      committed: z.boolean(),
      skus: z.number().int(),
      errors: z.array(importProblemSchema),
    }),
    errors: ['FORBIDDEN'],
    role: 'supervisor',
    stepUp: true,
  }),
};

type Calls = typeof packingCalls;
export type PackQueueInput = z.input<Calls['packQueue']['input']>;
export type PackOpenInput = z.input<Calls['packOpen']['input']>;
export type PackScanItemInput = z.input<Calls['packScanItem']['input']>;
export type PackWeighInput = z.input<Calls['packWeigh']['input']>;
export type PackWeighOutput = z.output<Calls['packWeigh']['output']>;
export type PackRouteInput = z.input<Calls['packRoute']['input']>;
export type PackRouteOutput = z.output<Calls['packRoute']['output']>;
export type PackScanResult = z.output<Calls['packScanItem']['output']>;
export type PackPhotoInput = z.input<Calls['packPhoto']['input']>;
export type PackCompleteInput = z.input<Calls['packComplete']['input']>;
export type PackSplitInput = z.input<Calls['packSplit']['input']>;
export type PackSplitOutput = z.output<Calls['packSplit']['output']>;
export type PackCombineOutput = z.output<Calls['packCombine']['output']>;
export type ManifestScanInput = z.input<Calls['manifestScan']['input']>;
export type ManifestScanOutput = z.output<Calls['manifestScan']['output']>;
export type ManifestCloseInput = z.input<Calls['manifestClose']['input']>;
export type ManifestCloseResult = z.output<Calls['manifestClose']['output']>;
export type PackCutoffResolveInput = z.input<Calls['packCutoffResolve']['input']>;
export type PackCutoffSetInput = z.input<Calls['packCutoffSet']['input']>;
