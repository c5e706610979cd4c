import { z } from 'zod';
import { LINE_REASONS } from '../route-views';
import { itemClassSchema } from './item-classes';
import { OUTBOUND_ORDER_STATUSES } from './outbound-order';

/**
 * What the packing bench and the dock see, as the contract carries it. The core keeps one pack
 * session per station: the package being packed, at its step, so a restart resumes it.
 */

/** verify → weigh → route → ready (complete is possible); a cancelled order is `cancelled`. */
export const PACK_STEPS = ['verify', 'weigh', 'route', 'ready'] as const;
export type PackStep = (typeof PACK_STEPS)[number];

/** A package's life at the bench; `awaiting_label` = packed offline, its label prints when it arrives. */
export const PACKAGE_STATES = [
  'to_pack',
  'packing',
  'awaiting_label',
  'packed',
  'handed_over',
  'cancelled',
] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];

export const lateRiskViewSchema = z.object({
  status: z.enum(['on_time', 'at_risk', 'late']),
  reason: z.enum([
    'deadline_passed',
    'auto_cancel_passed',
    'not_enough_working_time',
    'deadline_soon',
    'next_pickup_after_collect_by',
    'delivery_sla_unreachable',
    'on_time',
    'no_deadline',
    'done',
  ]),
  deadline: z
    .enum(['shipBy', 'shipAutoCancel', 'collectBy', 'collectAutoCancel', 'deliverBy', 'deliverAutoCancel'])
    .nullable(),
  deadlineAt: z.number().int().nullable(),
  remainingWorkingMinutes: z.number().int().nullable(),
  remainingMs: z.number().int().nullable(),
  calendarCovered: z.boolean(),
});
export type LateRiskView = z.infer<typeof lateRiskViewSchema>;

const codSchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable();

export const packQueueItemSchema = z.object({
  orderId: z.string(),
  /** The platform's order id or the ERP order reference: what the packer reads and scans. */
  orderRef: z.string(),
  source: z.string(),
  seller: z.string().nullable(),
  market: z.string(),
  status: z.enum(OUTBOUND_ORDER_STATUSES),
  lines: z.number().int(),
  items: z.number().int(),
  cod: codSchema,
  risk: lateRiskViewSchema,
  /** The deadline's local date in the market's calendar (YYYY-MM-DD), null without a deadline. */
  workingDay: z.string().nullable(),
});
export type PackQueueItem = z.infer<typeof packQueueItemSchema>;

export const packQueueSchema = z.object({
  items: z.array(packQueueItemSchema),
  totals: z.object({ orders: z.number().int(), late: z.number().int(), atRisk: z.number().int() }),
  /** Orders per market and working day of their deadline (working weeks differ per market). */
  byWorkingDay: z.array(
    z.object({
      market: z.string(),
      day: z.string().nullable(),
      orders: z.number().int(),
      late: z.number().int(),
      atRisk: z.number().int(),
    }),
  ),
});
export type PackQueue = z.infer<typeof packQueueSchema>;

export const packLineViewSchema = z.object({
  lineRef: z.string(),
  sku: z.string(),
  productName: z.string(),
  barcode: z.string().nullable(),
  quantity: z.number().int(),
  verified: z.number().int(),
  remaining: z.number().int(),
  serials: z.array(z.string()),
  /** Each unit counts only with its serial number scanned after it. */
  serialRequired: z.boolean(),
  unitGrams: z.number().int().nullable(),
});
export type PackLineView = z.infer<typeof packLineViewSchema>;

export const dimensionsSchema = z.strictObject({
  lengthMm: z.number().int().positive().max(3_000),
  widthMm: z.number().int().positive().max(3_000),
  heightMm: z.number().int().positive().max(3_000),
});

export const chargeableViewSchema = z.object({
  service: z.string(),
  basis: z.enum(['actual', 'volumetric']),
  actualGrams: z.number().int(),
  volumetricGrams: z.number().int(),
  billed: z.object({ amount: z.string(), unit: z.enum(['kg', 'lb']) }),
  chargeableGrams: z.number().int(),
  problems: z.array(
    z.object({
      code: z.enum(['too_heavy', 'too_long', 'too_large']),
      limitGrams: z.number().int().optional(),
      actualGrams: z.number().int().optional(),
      limitMm: z.number().int().optional(),
      lengthMm: z.number().int().optional(),
      lengthPlusGirthMm: z.number().int().optional(),
    }),
  ),
});
export type ChargeableView = z.infer<typeof chargeableViewSchema>;

export const expectedWeightViewSchema = z.object({
  verdict: z.enum(['ok', 'too_light', 'too_heavy', 'unknown']),
  measuredGrams: z.number().int(),
  expectedGrams: z.number().int().nullable(),
  differenceGrams: z.number().int().nullable(),
  allowedGrams: z.number().int().nullable(),
  skusWithoutWeight: z.array(z.string()),
});
export type ExpectedWeightView = z.infer<typeof expectedWeightViewSchema>;

export const packWeightViewSchema = z.object({
  grams: z.number().int(),
  source: z.enum(['scale', 'station_scale', 'typed']),
  box: z.object({ code: z.string(), name: z.string() }).nullable(),
  dims: dimensionsSchema,
  tareGrams: z.number().int(),
  expected: expectedWeightViewSchema,
  /** The weight is far from what the verified items should weigh (missing or wrong item?). */
  warning: z.boolean(),
  /** For the order's preferred service when known, else the route's primary (see packRoute). */
  chargeable: chargeableViewSchema.nullable(),
});
export type PackWeightView = z.infer<typeof packWeightViewSchema>;

export const routeOptionSchema = z.object({
  /** The configured destination (carrier account) of the line. */
  destination: z.string(),
  carrier: z.string(),
  carrierName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  /** On the platform's shipping-provider list for the market (always true for ERP orders). */
  listed: z.boolean(),
  chargeable: chargeableViewSchema,
  /** The package's item classes this line's service does not take (a route chosen before: none). */
  refusedClasses: z.array(itemClassSchema).default([]),
  /** Why this line cannot take the parcel (limits, not listed, item classes); empty: it can. */
  blockers: z.array(z.enum(['not_listed', 'item_class_not_accepted', 'too_heavy', 'too_long', 'too_large'])),
});
export type RouteOption = z.infer<typeof routeOptionSchema>;

export const packRouteViewSchema = z.object({
  primary: routeOptionSchema,
  backup: routeOptionSchema.nullable(),
  chosen: z.enum(['primary', 'backup']),
  /** Why the chosen line: the route book's reason, or the clerk's choice. */
  reason: z.enum([...LINE_REASONS, 'chosen_by_clerk', 'primary_cannot_take', 'item_class_not_accepted']),
  /** The classes of the package's items (battery, liquid, …), shown as badges at the ready step. */
  itemClasses: z.array(itemClassSchema).default([]),
  remoteArea: z.object({ flagged: z.boolean(), area: z.string().nullable() }),
  country: z.string(),
  postcode: z.string().nullable(),
  cod: codSchema,
});
export type PackRouteView = z.infer<typeof packRouteViewSchema>;

export const packSessionSchema = z.object({
  sessionId: z.string(),
  packageId: z.string(),
  /** 1 for an order's first package; a split adds 2, 3, … */
  packageNo: z.number().int(),
  orderId: z.string(),
  orderRef: z.string(),
  source: z.string(),
  seller: z.string().nullable(),
  market: z.string(),
  recipient: z.object({
    name: z.string(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    country: z.string(),
  }),
  cod: codSchema,
  notes: z.string().nullable(),
  step: z.enum(PACK_STEPS),
  lines: z.array(packLineViewSchema),
  allVerified: z.boolean(),
  weight: packWeightViewSchema.nullable(),
  route: packRouteViewSchema.nullable(),
  risk: lateRiskViewSchema,
  /** The station asks for a photo of the open parcel before it is sealed (setting packPhotoRequired). */
  photoRequired: z.boolean(),
  /** The photo taken for this package, if any (stored by its SHA-256). */
  photo: z.object({ sha256: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
  openedAt: z.number().int(),
  openedBy: z.string(),
  /** Other orders (same buyer and address) whose lines were combined into this package. */
  combined: z.array(z.object({ orderId: z.string(), orderRef: z.string() })),
  /**
   * The platform that prints this package's label (its own carrier takes it: no route, the label
   * follows the ship call), by name; null when our carrier's label prints at the seal.
   */
  platformLabel: z.string().nullable(),
  /**
   * A supervisor rebooked this parcel after it missed its cut-off: the old label (its tracking
   * number, if it had one) is void, and the bench routes it again.
   */
  rebooked: z.object({ voidedTracking: z.string().nullable(), at: z.number().int() }).nullable(),
});
export type PackSession = z.infer<typeof packSessionSchema>;

/**
 * Open orders that may go in the open package: the same buyer and address, same source, seller
 * and market, not yet opened. `basis` says who decided: our same-address rule (ERP orders), the
 * platform (`platform`: TikTok Shop's combinable packages), or nobody (`none`, with `reason`:
 * the platform could not be asked, or this kind of order is not combined here).
 */
export const packCombinableSchema = z.object({
  basis: z.enum(['same_address', 'platform', 'none']),
  reason: z.enum(['platform_unreachable', 'not_connected', 'own_carrier', 'no_session']).nullable(),
  orders: z.array(
    z.object({
      orderId: z.string(),
      orderRef: z.string(),
      lines: z.number().int(),
      items: z.number().int(),
    }),
  ),
});
export type PackCombinable = z.infer<typeof packCombinableSchema>;

export const packStateSchema = z.object({ session: packSessionSchema.nullable() });

export const packScanResultSchema = z.object({
  session: packSessionSchema,
  lineRef: z.string(),
  remaining: z.number().int(),
  /** The whole package is verified with this scan. */
  allVerified: z.boolean(),
});

export const printJobRefSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['label', 'packing_slip']),
});

export const packCompleteResultSchema = z.object({
  orderId: z.string(),
  packageId: z.string(),
  state: z.enum(['packed', 'awaiting_label']),
  carrier: z.string(),
  destination: z.string(),
  trackingNumber: z.string().nullable(),
  /** The ship call in the outbox; null while the label (and tracking number) has not arrived. */
  shipEventId: z.string().nullable(),
  printJobs: z.array(printJobRefSchema),
});
export type PackCompleteResult = z.infer<typeof packCompleteResultSchema>;

export const manifestParcelViewSchema = z.object({
  trackingNumber: z.string(),
  carrier: z.string(),
  /** On the platform's own manifest: the shipping provider the platform named on its label. */
  providerName: z.string().nullable().optional(),
  orderRef: z.string().nullable(),
  weightGrams: z.number().int(),
  cod: codSchema,
  scannedBy: z.string(),
  scannedAt: z.number().int(),
});

export const manifestViewSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  carrierName: z.string(),
  date: z.string(),
  status: z.enum(['open', 'closed']),
  openedBy: z.string(),
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  driverName: z.string().nullable(),
  parcels: z.array(manifestParcelViewSchema),
  totals: z.object({
    parcels: z.number().int(),
    weightGrams: z.number().int(),
    codParcels: z.number().int(),
    cod: z.array(z.object({ currency: z.string(), amountMinor: z.number().int() })),
  }),
  /** Packed for this carrier, not scanned yet (at close: left behind). */
  missing: z.array(z.string()),
});
export type ManifestView = z.infer<typeof manifestViewSchema>;

export const manifestCloseResultSchema = z.object({
  manifest: manifestViewSchema,
  pdfBase64: z.string(),
  /** UTF-8 with BOM, CR LF. */
  csv: z.string(),
  handoverEvents: z.number().int(),
});

export const CUTOFF_ACTIONS = ['next_pickup', 'note', 'rebook'] as const;
export type CutoffAction = (typeof CUTOFF_ACTIONS)[number];

/** What a supervisor decided about a parcel that missed its cut-off, and who, when. */
export const cutoffResolutionViewSchema = z.object({
  action: z.enum(CUTOFF_ACTIONS),
  note: z.string().nullable(),
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.number().int(),
  /** next_pickup: the pickup the parcel waits for (the exception is back once it passes). */
  until: z.number().int().nullable(),
});
export type CutoffResolutionView = z.infer<typeof cutoffResolutionViewSchema>;

/**
 * A carrier with parcels packed at this station and not handed over yet, by the carrier each
 * parcel has now (a platform-shipped parcel: the platform's pick, once its label arrived).
 */
export const dockCarrierSchema = z.object({
  carrier: z.string(),
  carrierName: z.string(),
  parcels: z.number().int(),
  /** The platform's own line: the shipping providers it named for those parcels (we have no code for them). */
  providers: z.array(z.string()).optional(),
});
export type DockCarrier = z.infer<typeof dockCarrierSchema>;

export const cutoffExceptionSchema = z.object({
  packageId: z.string(),
  orderRef: z.string(),
  carrier: z.string(),
  carrierName: z.string(),
  market: z.string(),
  trackingNumber: z.string().nullable(),
  state: z.enum(PACKAGE_STATES),
  packedAt: z.number().int(),
  /** The pickup the parcel missed (after a next_pickup resolution: the one it waited for). */
  cutoffAt: z.number().int(),
  /** The carrier's next pickup from now. */
  nextPickupAt: z.number().int(),
  risk: lateRiskViewSchema,
  /** The latest resolution of this packing of the parcel; null while nobody decided. */
  resolution: cutoffResolutionViewSchema.nullable(),
  /** Rebook is possible: our own carrier line, and no platform holds the tracking number yet. */
  rebookable: z.boolean(),
});
export type CutoffException = z.infer<typeof cutoffExceptionSchema>;

export const packShiftSummarySchema = z.object({
  userId: z.string().nullable(),
  from: z.number().int(),
  to: z.number().int(),
  orders: z.number().int(),
  parcels: z.number().int(),
  items: z.number().int(),
  /** Minutes from opening to completing, averaged over completed packages; null before the first. */
  minutesPerOrder: z.number().nullable(),
  /** Packed after their deadline. */
  late: z.number().int(),
  awaitingLabel: z.number().int(),
  handedOver: z.number().int(),
  wrongItemScans: z.number().int(),
  /** Today's parcels with serial numbers, newest first (at most 50), for the shift view. */
  serials: z.array(
    z.object({
      orderRef: z.string(),
      packageNo: z.number().int(),
      trackingNumber: z.string().nullable(),
      serials: z.array(z.string()),
    }),
  ),
});
export type PackShiftSummary = z.infer<typeof packShiftSummarySchema>;
