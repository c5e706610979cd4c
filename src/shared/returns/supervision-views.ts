import { z } from 'zod';
import { OUTBOX_STATUSES, userViewSchema } from '../domain';
import { moneySchema } from '../platform-returns';
import { PRINT_JOB_STATUSES } from '../printing';
import {
  APPROVAL_STATUSES,
  BATCH_STATUSES,
  DISPOSITIONS,
  PHOTO_PURPOSES,
  RECEIPT_KINDS,
  RECEIPT_STATUSES,
  UNIT_MATCHES,
  dispositionSchema,
  gradeSchema,
  overrideReasonSchema,
  parcelConditionSchema,
  qcCategorySchema,
  qcReasonSchema,
  receiptDecisionSchema,
  rejectReasonSchema,
  scrapReasonSchema,
  sha256Schema,
} from './qc-codes';
import { photoRefSchema } from './qc-views';
import { destroyRejectReasonSchema } from './supervision-codes';

/** What the supervisor's screens show, as the core builds it. */

/** A station as people know it: the id rows carry, and its name when this station knows it. */
export const stationRefSchema = z.object({ id: z.string(), name: z.string().nullable() });
export type StationRef = z.infer<typeof stationRefSchema>;

export const linkedPhotoSchema = photoRefSchema.extend({ purpose: z.enum(PHOTO_PURPOSES) });
export type LinkedPhotoView = z.infer<typeof linkedPhotoSchema>;

/** One destroy waiting for (or decided by) a supervisor, with everything needed to decide it. */
export const approvalItemSchema = z.object({
  id: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  licensePlate: z.string(),
  decisionId: z.string(),
  receiptId: z.string(),
  returnOrderId: z.string().nullable(),
  platformReturnId: z.string().nullable(),
  orderId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  category: qcCategorySchema,
  grade: gradeSchema.nullable(),
  reason: qcReasonSchema.nullable(),
  scrapReason: scrapReasonSchema.nullable(),
  unitPrice: moneySchema.nullable(),
  /** What the rule table suggested; a destroy the clerk chose against it shows the override. */
  suggested: z.object({ disposition: dispositionSchema, ruleId: z.string(), ruleVersion: z.number().int() }),
  overrideReason: overrideReasonSchema.nullable(),
  evidence: z.array(photoRefSchema),
  photos: z.array(linkedPhotoSchema),
  requestedBy: userViewSchema,
  requestedAt: z.number().int(),
  station: stationRefSchema,
  decidedBy: userViewSchema.nullable(),
  decidedAt: z.number().int().nullable(),
  decidedVia: z.enum(['station', 'queue']).nullable(),
  rejectReason: destroyRejectReasonSchema.nullable(),
  note: z.string().nullable(),
  batchId: z.string().nullable(),
  /** After a refusal: the decision the supervisor made instead. */
  replacedBy: z
    .object({ decisionId: z.string(), disposition: dispositionSchema, location: z.string() })
    .nullable(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;

export const decideApprovalsResultSchema = z.object({
  decided: z.array(approvalItemSchema),
  /** Approvals someone else decided meanwhile (or that were withdrawn): left as they are. */
  skipped: z.array(z.object({ id: z.string(), status: z.enum(APPROVAL_STATUSES) })),
});
export type DecideApprovalsResult = z.infer<typeof decideApprovalsResultSchema>;

const countsOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.record(z.enum(values), z.number().int());

export const batchTotalsSchema = z.object({
  units: z.number().int(),
  photos: z.number().int(),
  byScrapReason: z.record(z.string(), z.number().int()),
  byGrade: z.record(z.string(), z.number().int()),
  byCategory: z.record(z.string(), z.number().int()),
  /** The destroyed units' value at their return prices, one sum per currency. */
  value: z.array(moneySchema),
  unpriced: z.number().int(),
});
export type BatchTotals = z.infer<typeof batchTotalsSchema>;

export const certificateRefSchema = z.object({
  id: z.string(),
  /** SHA-256 of the canonical certificate content: printed on it, stored, recomputed to verify. */
  sha256: sha256Schema,
  /** SHA-256 of the PDF file as issued (null until the file is written). */
  pdfSha256: sha256Schema.nullable(),
  bytes: z.number().int().nullable(),
  issuedBy: userViewSchema,
  issuedAt: z.number().int(),
  fileName: z.string(),
});
export type CertificateRef = z.infer<typeof certificateRefSchema>;

export const batchLabelSchema = z.object({
  jobId: z.string(),
  printerId: z.string(),
  status: z.enum(PRINT_JOB_STATUSES),
});

export const batchSummarySchema = z.object({
  id: z.string(),
  /** DB-<year>-<nnnn>, given when the batch closes (null while open). */
  number: z.string().nullable(),
  status: z.enum(BATCH_STATUSES),
  station: stationRefSchema,
  openedBy: userViewSchema,
  openedAt: z.number().int(),
  closedBy: userViewSchema.nullable(),
  closedAt: z.number().int().nullable(),
  note: z.string().nullable(),
  totals: batchTotalsSchema,
  certificate: certificateRefSchema.nullable(),
  label: batchLabelSchema.nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const batchDetailSchema = batchSummarySchema.extend({
  items: z.array(approvalItemSchema),
  /** A label that could not be queued when the batch closed (no printer set up…): the reason. */
  labelError: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const certificateFileSchema = certificateRefSchema.extend({
  batchId: z.string(),
  mimeType: z.literal('application/pdf'),
  dataBase64: z.string(),
});
export type CertificateFile = z.infer<typeof certificateFileSchema>;

export const VERIFICATION_OUTCOMES = [
  /** The file is byte for byte the one issued, and its record and the batch are unchanged. */
  'valid',
  /** Not a PDF at all. */
  'not_pdf',
  /** No certificate of this station has these bytes, and none is named in the file. */
  'unknown',
  /** The file names a certificate of this station, but its bytes differ from the issued file. */
  'file_altered',
  /** The stored record no longer hashes to the certificate's own hash. */
  'record_altered',
  /** The batch's units, decisions or photos in the database differ from what was certified. */
  'batch_changed',
] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const certificateVerificationSchema = z.object({
  valid: z.boolean(),
  outcome: z.enum(VERIFICATION_OUTCOMES),
  fileSha256: sha256Schema,
  certificateId: z.string().nullable(),
  batchId: z.string().nullable(),
  /** The hash printed on the certificate, as issued; and the one recomputed from the record. */
  sha256: sha256Schema.nullable(),
  recomputedSha256: sha256Schema.nullable(),
  issuedPdfSha256: sha256Schema.nullable(),
  issuedAt: z.number().int().nullable(),
  stationId: z.string().nullable(),
  /** For batch_changed: what differs (decision ids, or "photos of LP…"). */
  differences: z.array(z.string()),
});
export type CertificateVerification = z.infer<typeof certificateVerificationSchema>;

export const shiftFiguresSchema = z.object({
  /** Parcels finished (expected and unexpected). */
  parcels: z.number().int(),
  unexpected: z.number().int(),
  /** Units decided (decisions in force; undone ones are not counted). */
  items: z.number().int(),
  dispositions: countsOf(DISPOSITIONS),
  /** Decisions that went against the rule table's suggestion. */
  overrides: z.number().int(),
  /** Destroys still waiting for a supervisor. */
  pendingApprovals: z.number().int(),
  /** Seconds from a unit's scan to its decision. */
  secondsPerItem: z.object({
    median: z.number().nullable(),
    p90: z.number().nullable(),
    samples: z.number().int(),
  }),
  exceptions: z.number().int(),
  undos: z.number().int(),
  firstAt: z.number().int().nullable(),
  lastAt: z.number().int().nullable(),
});
export type ShiftFigures = z.infer<typeof shiftFiguresSchema>;

export const shiftSummarySchema = shiftFiguresSchema.extend({
  clerk: userViewSchema,
  from: z.number().int(),
  to: z.number().int(),
  station: stationRefSchema,
});
export type ShiftSummary = z.infer<typeof shiftSummarySchema>;

export const shiftTeamSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  station: stationRefSchema,
  clerks: z.array(shiftSummarySchema),
  total: shiftFiguresSchema,
});
export type ShiftTeam = z.infer<typeof shiftTeamSchema>;

export const decisionRowSchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'undone']),
  licensePlate: z.string(),
  receiptId: z.string(),
  returnOrderId: z.string().nullable(),
  platformReturnId: z.string().nullable(),
  orderId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  category: qcCategorySchema,
  match: z.enum(UNIT_MATCHES),
  grade: gradeSchema,
  reason: qcReasonSchema,
  disposition: dispositionSchema,
  suggested: dispositionSchema,
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  overrideReason: overrideReasonSchema.nullable(),
  scrapReason: scrapReasonSchema.nullable(),
  location: z.string(),
  binCode: z.string().nullable(),
  workOrderId: z.string().nullable(),
  approval: z
    .object({ id: z.string(), status: z.enum(APPROVAL_STATUSES), decidedBy: userViewSchema.nullable() })
    .nullable(),
  decidedBy: userViewSchema,
  decidedAt: z.number().int(),
  station: stationRefSchema,
  undoneBy: userViewSchema.nullable(),
  undoneAt: z.number().int().nullable(),
  photos: z.number().int(),
});
export type DecisionRow = z.infer<typeof decisionRowSchema>;

export const decisionPageSchema = z.object({
  rows: z.array(decisionRowSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: z.string().nullable(),
});
export type DecisionPage = z.infer<typeof decisionPageSchema>;

export const trailEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  destination: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
  nextAttemptAt: z.number().int(),
  /** What the event carries for this unit or return (its payload's main facts, readable). */
  summary: z.string(),
});
export type TrailEvent = z.infer<typeof trailEventSchema>;

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  user: userViewSchema.nullable(),
  station: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const decisionTrailSchema = z.object({
  decision: decisionRowSchema,
  /** Every decision this unit ever had, newest first (undone ones included). */
  history: z.array(decisionRowSchema),
  unit: z.object({
    licensePlate: z.string(),
    scannedCode: z.string().nullable(),
    answers: z.record(z.string(), z.enum(['yes', 'no'])),
    scannedBy: userViewSchema,
    scannedAt: z.number().int(),
  }),
  receipt: z.object({
    id: z.string(),
    kind: z.enum(RECEIPT_KINDS),
    status: z.enum(RECEIPT_STATUSES),
    scannedCode: z.string(),
    condition: parcelConditionSchema.nullable(),
    openedBy: userViewSchema,
    openedAt: z.number().int(),
    completedBy: userViewSchema.nullable(),
    completedAt: z.number().int().nullable(),
  }),
  orders: z.array(
    z.object({
      id: z.string(),
      platformReturnId: z.string(),
      orderId: z.string(),
      buyerName: z.string().nullable(),
      status: z.string(),
      decision: receiptDecisionSchema.nullable(),
      rejectReason: rejectReasonSchema.nullable(),
    }),
  ),
  photos: z.array(linkedPhotoSchema.extend({ of: z.enum(['unit', 'parcel']) })),
  approval: approvalItemSchema.nullable(),
  batch: z
    .object({ id: z.string(), status: z.enum(BATCH_STATUSES), certificateId: z.string().nullable() })
    .nullable(),
  events: z.array(trailEventSchema),
  audit: z.array(auditRowSchema),
});
export type DecisionTrail = z.infer<typeof decisionTrailSchema>;

export const ruleVersionSchema = z.object({
  version: z.number().int(),
  savedBy: userViewSchema.nullable(),
  savedAt: z.number().int().nullable(),
  note: z.string().nullable(),
  rules: z.number().int(),
});
export type RuleVersion = z.infer<typeof ruleVersionSchema>;

export const printedSchema = z.object({ jobId: z.string(), printerId: z.string() });

const unitFactsSchema = z.object({
  grade: gradeSchema,
  category: qcCategorySchema,
  reason: qcReasonSchema,
  match: z.enum(['matched', 'wrong', 'extra']),
  unitPrice: moneySchema.nullable(),
});

/** What rule-analysis.ts finds in a table: unreachable rules, overlaps, gaps, empty value ranges. */
export const ruleWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unreachable'), ruleId: z.string(), takenBy: z.array(z.string()) }),
  z.object({
    kind: z.literal('overlap'),
    ruleId: z.string(),
    takenBy: z.string(),
    takenAs: dispositionSchema,
    units: z.number().int(),
    example: unitFactsSchema,
  }),
  z.object({
    kind: z.literal('gap'),
    defaultRuleId: z.string(),
    disposition: dispositionSchema,
    units: z.number().int(),
    examples: z.array(unitFactsSchema),
  }),
  z.object({ kind: z.literal('empty_value_range'), ruleId: z.string(), currency: z.string() }),
]);
