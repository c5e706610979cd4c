import { z } from 'zod';
import { parcelViewSchema, userViewSchema } from '../domain';
import { moneySchema } from '../platform-returns';
import {
  APPROVAL_STATUSES,
  BIN_KINDS,
  PHOTO_PURPOSES,
  RECEIPT_KINDS,
  RECEIPT_STATUSES,
  RECEIPT_STEPS,
  UNIT_MATCHES,
  UNIT_STEPS,
  dispositionSchema,
  gradeSchema,
  overrideReasonSchema,
  parcelConditionSchema,
  photoMimeTypeSchema,
  qcCategorySchema,
  qcReasonSchema,
  receiptDecisionSchema,
  rejectReasonSchema,
  scrapReasonSchema,
  sha256Schema,
} from './qc-codes';

/** What the QC screen shows, as the core builds it from the database at every answer. */

export const photoRefSchema = z.object({
  sha256: sha256Schema,
  mimeType: photoMimeTypeSchema,
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});
export type PhotoRef = z.infer<typeof photoRefSchema>;

export const qcItemViewSchema = z.object({
  id: z.string(),
  sku: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: moneySchema.nullable(),
  category: qcCategorySchema,
  /** Units on the bench matched to this line (not counting extra ones). */
  received: z.number().int(),
  /** Units closed as missing by "no more items". */
  missing: z.number().int(),
});
export type QcItemView = z.infer<typeof qcItemViewSchema>;

export const qcOrderViewSchema = z.object({
  id: z.string(),
  platformReturnId: z.string(),
  orderId: z.string(),
  returnTrackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  country: z.string().nullable(),
  buyerName: z.string().nullable(),
  platformStatus: z.string().nullable(),
  returnType: z.string().nullable(),
  /** The buyer's reason as the platform gave it, and as one of our reason codes when it reads as one. */
  reason: z.string().nullable(),
  reasonCode: qcReasonSchema.nullable(),
  nextAction: z.object({ action: z.string(), deadline: z.number().int().nullable() }).nullable(),
  status: z.string(),
  items: z.array(qcItemViewSchema),
});
export type QcOrderView = z.infer<typeof qcOrderViewSchema>;

export const qcDecisionViewSchema = z.object({
  id: z.string(),
  disposition: dispositionSchema,
  binCode: z.string().nullable(),
  workOrderId: z.string().nullable(),
  approval: z
    .object({ id: z.string(), status: z.enum(APPROVAL_STATUSES), decidedBy: z.string().nullable() })
    .nullable(),
  decidedBy: userViewSchema,
  decidedAt: z.number().int(),
  stationId: z.string(),
});

export const qcUnitViewSchema = z.object({
  /** The unit's license plate (LP + 8 digits + check digit): its id from receipt on. */
  id: z.string(),
  seq: z.number().int(),
  returnOrderId: z.string().nullable(),
  returnItemId: z.string().nullable(),
  match: z.enum(UNIT_MATCHES),
  scannedCode: z.string().nullable(),
  serial: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  category: qcCategorySchema,
  step: z.enum(UNIT_STEPS),
  answers: z.record(z.string(), z.enum(['yes', 'no'])),
  /** The grade the answers so far give (final once the checklist is done). */
  grade: gradeSchema.nullable(),
  reason: qcReasonSchema.nullable(),
  suggested: z
    .object({ disposition: dispositionSchema, ruleId: z.string(), ruleVersion: z.number().int() })
    .nullable(),
  chosen: dispositionSchema.nullable(),
  overrideReason: overrideReasonSchema.nullable(),
  scrapReason: scrapReasonSchema.nullable(),
  photos: z.array(photoRefSchema.extend({ purpose: z.enum(PHOTO_PURPOSES) })),
  decision: qcDecisionViewSchema.nullable(),
});
export type QcUnitView = z.infer<typeof qcUnitViewSchema>;

export const qcReceiptDecisionViewSchema = z.object({
  returnOrderId: z.string(),
  decision: receiptDecisionSchema,
  rejectReason: rejectReasonSchema.nullable(),
  /** What the station suggests from the units; the clerk may change it before completing. */
  suggested: z.object({ decision: receiptDecisionSchema, rejectReason: rejectReasonSchema.nullable() }),
  images: z.number().int(),
});
export type QcReceiptDecisionView = z.infer<typeof qcReceiptDecisionViewSchema>;

export const buyerReturnSchema = z.object({
  id: z.string(),
  platformReturnId: z.string(),
  orderId: z.string(),
  returnTrackingNumber: z.string().nullable(),
  buyerName: z.string().nullable(),
  status: z.string(),
  itemCount: z.number().int(),
});
export type BuyerReturn = z.infer<typeof buyerReturnSchema>;

export const qcReceiptViewSchema = z.object({
  id: z.string(),
  kind: z.enum(RECEIPT_KINDS),
  status: z.enum(RECEIPT_STATUSES),
  step: z.enum(RECEIPT_STEPS),
  scannedCode: z.string(),
  openedBy: userViewSchema,
  openedAt: z.number().int(),
  stationId: z.string(),
  condition: parcelConditionSchema.nullable(),
  photos: z.array(photoRefSchema.extend({ purpose: z.enum(PHOTO_PURPOSES) })),
  orders: z.array(qcOrderViewSchema),
  units: z.array(qcUnitViewSchema),
  currentUnitId: z.string().nullable(),
  /** Other expected returns of the same buyer: they may be in this very parcel. */
  otherReturnsOfBuyer: z.array(buyerReturnSchema),
  decisions: z.array(qcReceiptDecisionViewSchema),
  note: z.string().nullable(),
  quarantineBin: z.string().nullable(),
  completedAt: z.number().int().nullable(),
});
export type QcReceiptView = z.infer<typeof qcReceiptViewSchema>;

export const UNDO_TARGETS = ['unit_scanned', 'decided', 'closed_missing', 'completed'] as const;

export const qcUndoViewSchema = z.object({
  what: z.enum(UNDO_TARGETS),
  /** The unit's license plate or the receipt id. */
  target: z.string(),
  until: z.number().int(),
});
export type QcUndoView = z.infer<typeof qcUndoViewSchema>;

export const qcStateSchema = z.object({
  /** The parcel open on this station's bench, at the step it stands (null: ready for the next). */
  receipt: qcReceiptViewSchema.nullable(),
  /** The parcel finished last, while its undo window lasts. */
  lastCompleted: qcReceiptViewSchema.nullable(),
  /** What Undo would revert now, if anything. */
  undo: qcUndoViewSchema.nullable(),
  undoWindowMinutes: z.number().int(),
  /** Destroy decisions waiting for a supervisor, at any station of this database. */
  pendingApprovals: z.number().int(),
});
export type QcState = z.infer<typeof qcStateSchema>;

export const candidateViewSchema = buyerReturnSchema.extend({
  /** Which of the scanned number's meanings matched: return tracking, platform return id, order id… */
  matchedBy: z.string(),
  receivedAt: z.number().int().nullable(),
  /** Who received it, when it was received already. */
  receivedBy: z.string().nullable(),
});
export type CandidateView = z.infer<typeof candidateViewSchema>;

export const FEEDBACK_TONES = ['ok', 'warning', 'error', 'info'] as const;
export const FEEDBACK_KINDS = [
  'received',
  'added_order',
  'already_received',
  'already_in_parcel',
  'choose_return',
  'other_buyer',
  'not_a_return',
  'unknown_code',
  'condition_set',
  'item_matched',
  'item_extra',
  'item_wrong',
  'serial_recorded',
  'serial_skipped',
  'photos_done',
  'scrap_reason_set',
  'answered',
  'reason_set',
  'photo_attached',
  'disposition_chosen',
  'decided',
  'pending_approval',
  'approved',
  'missing_closed',
  'decision_set',
  'completed',
  'undone',
  'reinspect',
  'unexpected_started',
  'note_saved',
  'exception_raised',
  'step',
] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const qcFeedbackSchema = z.object({
  tone: z.enum(FEEDBACK_TONES),
  kind: z.enum(FEEDBACK_KINDS),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** What was scanned, as it arrived (GS shown visibly): the clerk sees what the answer is about. */
  scannedCode: z.string().nullable(),
  candidates: z.array(candidateViewSchema),
  parcel: parcelViewSchema.nullable(),
});
export type QcFeedback = z.infer<typeof qcFeedbackSchema>;

export const qcResultSchema = z.object({ state: qcStateSchema, feedback: qcFeedbackSchema });
export type QcResult = z.infer<typeof qcResultSchema>;

export const binViewSchema = z.object({
  code: z.string(),
  kind: z.enum(BIN_KINDS),
  description: z.string().nullable(),
});

export const approvalViewSchema = z.object({
  id: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  unitId: z.string(),
  receiptId: z.string(),
  returnOrderId: z.string().nullable(),
  platformReturnId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  grade: gradeSchema.nullable(),
  scrapReason: scrapReasonSchema.nullable(),
  evidence: z.array(photoRefSchema),
  requestedBy: userViewSchema,
  requestedAt: z.number().int(),
  stationId: z.string(),
  decidedBy: userViewSchema.nullable(),
  decidedAt: z.number().int().nullable(),
  batchId: z.string().nullable(),
});
export type ApprovalView = z.infer<typeof approvalViewSchema>;

export const exceptionViewSchema = z.object({
  id: z.string(),
  receiptId: z.string(),
  code: z.string(),
  quarantineBin: z.string(),
  note: z.string(),
  photos: z.array(photoRefSchema),
  status: z.enum(['open', 'resolved']),
  raisedBy: userViewSchema,
  raisedAt: z.number().int(),
  stationId: z.string(),
  /** How a supervisor resolved it (absent where the view predates resolutions). */
  resolution: z
    .object({
      kind: z.enum(['matched', 'disposed']),
      returnOrderId: z.string().nullable(),
      platformReturnId: z.string().nullable(),
      disposal: z.enum(['return_to_sender', 'scrap', 'donate']).nullable(),
      note: z.string().nullable(),
      by: userViewSchema,
      at: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type ExceptionView = z.infer<typeof exceptionViewSchema>;
