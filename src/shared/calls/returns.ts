import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import { SCAN_SOURCES } from '../domain';
import { ruleTableSchema } from '../returns/disposition-rules';
import {
  MAX_PHOTO_BYTES,
  dispositionSchema,
  overrideReasonSchema,
  parcelConditionSchema,
  photoMimeTypeSchema,
  qcReasonSchema,
  receiptDecisionSchema,
  rejectReasonSchema,
  scrapReasonSchema,
  sha256Schema,
} from '../returns/qc-codes';
import {
  approvalViewSchema,
  binViewSchema,
  candidateViewSchema,
  exceptionViewSchema,
  photoRefSchema,
  qcResultSchema,
  qcStateSchema,
} from '../returns/qc-views';
import { ruleWarningSchema } from '../returns/supervision-views';
import { authorizationSchema } from '../session-views';
import { CREDENTIAL_ERRORS } from './session';

/**
 * A client-made id per action (the screen makes one per keystroke it sends), unique: a repeat of
 * the same id — a retry after DB_LOCKED or a lost answer — returns the first result and writes
 * nothing again.
 */
export const clientActionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/**
 * A supervisor's approval given at the clerk's bench: their badge (or user id) and PIN, verified
 * for this one action by the session's step-up (`Session.authorizeFor`).
 */
export const qcAuthorizationSchema = authorizationSchema;
export type QcAuthorization = z.infer<typeof qcAuthorizationSchema>;

/** Everything a key or a command barcode can ask of the bench. */
export const qcActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('confirm') }),
  z.strictObject({ kind: z.literal('answer'), answer: z.enum(['yes', 'no']) }),
  z.strictObject({ kind: z.literal('choose'), index: z.number().int().min(0).max(19) }),
  z.strictObject({ kind: z.literal('condition'), condition: parcelConditionSchema }),
  z.strictObject({ kind: z.literal('reason'), reason: qcReasonSchema }),
  z.strictObject({ kind: z.literal('override'), disposition: dispositionSchema }),
  z.strictObject({ kind: z.literal('override_reason'), reason: overrideReasonSchema }),
  z.strictObject({ kind: z.literal('scrap_reason'), reason: scrapReasonSchema }),
  z.strictObject({ kind: z.literal('no_more_items') }),
  z.strictObject({ kind: z.literal('undo') }),
  z.strictObject({ kind: z.literal('back') }),
  z.strictObject({ kind: z.literal('skip') }),
  z.strictObject({ kind: z.literal('later') }),
  z.strictObject({ kind: z.literal('photo'), sha256: sha256Schema }),
  z.strictObject({ kind: z.literal('approve_here'), authorization: qcAuthorizationSchema }),
  z.strictObject({
    kind: z.literal('receive'),
    returnOrderIds: z.array(idSchema).min(1).max(20),
    code: z.string().min(1).max(128),
  }),
  z.strictObject({ kind: z.literal('start_unexpected'), code: z.string().min(1).max(128) }),
  z.strictObject({ kind: z.literal('note'), text: z.string().trim().min(1).max(500) }),
  z.strictObject({
    kind: z.literal('receipt_decision'),
    returnOrderId: idSchema,
    decision: receiptDecisionSchema,
    rejectReason: rejectReasonSchema.nullable(),
  }),
]);
export type QcAction = z.infer<typeof qcActionSchema>;

const QC_ERRORS = [
  'NOT_FOUND',
  'QC_STEP_MISMATCH',
  'QC_NO_OPEN_PARCEL',
  'QC_FINISH_CURRENT_ITEM',
  'QC_BIN_NOT_FOUND',
  'QC_BIN_WRONG_KIND',
  'QC_PHOTO_REQUIRED',
  'QC_NOTHING_TO_UNDO',
  'QC_UNDO_EXPIRED',
  'QC_UNDO_TOO_LATE',
  'QC_ITEMS_UNDECIDED',
  'QC_RETURN_CLOSED',
  'PHOTO_NOT_FOUND',
  'BAD_PIN',
  'FORBIDDEN',
  'SCAN_EMPTY',
  'SCAN_TOO_LONG',
  'SCAN_BAD_CHARACTERS',
  'SCAN_NOT_ASCII',
] as const;

export const returnsCalls = {
  /** The bench as it stands: the open parcel at its step (resume after a crash or restart). */
  qcState: call({ input: noInput, output: qcStateSchema, errors: [], role: 'any', effect: 'read' }),
  /** A scan at the bench; what it means depends on the step the parcel is at. */
  qcScan: call({
    input: z
      .object({
        code: z.string().max(8192),
        source: z.enum(SCAN_SOURCES),
        clientActionId: clientActionIdSchema,
      })
      .strict(),
    output: qcResultSchema,
    errors: QC_ERRORS,
    role: 'any',
    // The bench's journal answers a repeated id with the first answer, acting once.
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** A key (or command barcode) at the bench. */
  qcAct: call({
    input: z.object({ action: qcActionSchema, clientActionId: clientActionIdSchema }).strict(),
    output: qcResultSchema,
    errors: QC_ERRORS,
    role: 'any',
    // The bench's journal answers a repeated id with the first answer, acting once.
    effect: 'write',
    idempotencyKey: 'clientActionId',
  }),
  /** Manual search when nothing scans: part of a number, an order id, a buyer's name. */
  qcSearch: call({
    input: z.object({ query: z.string().trim().min(3).max(80) }).strict(),
    output: z.array(candidateViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /**
   * A photo (camera or file) stored by its SHA-256 in the data folder. Its bytes are checked to be
   * an image; the same bytes twice are stored once. The one call with a large body.
   */
  qcUploadPhoto: call({
    input: z
      .object({
        dataBase64: z
          .string()
          .min(1)
          .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4),
        mimeType: photoMimeTypeSchema,
      })
      .strict(),
    output: photoRefSchema,
    errors: ['PHOTO_NOT_IMAGE', 'PHOTO_TOO_LARGE'],
    role: 'any',
    // Stored by content hash: the same bytes twice are one photo.
    effect: 'idempotent',
  }),
  /** A stored photo's bytes (thumbnails, the supervisor's decision browser). */
  qcGetPhoto: call({
    input: z.object({ sha256: sha256Schema }).strict(),
    output: photoRefSchema.extend({ dataBase64: z.string() }),
    errors: ['PHOTO_NOT_FOUND'],
    role: 'any',
    effect: 'read',
  }),
  /**
   * The printable command sheet (PDF, A4): every command barcode with what it does, in the words
   * the screen passes (its language). Made by the printing capability from its qc-command-sheet template.
   */
  qcCommandSheet: call({
    input: z
      .object({
        title: z.string().trim().min(1).max(80),
        labels: z.record(z.string().regex(/^[A-Z0-9_]{1,20}$/), z.string().trim().min(1).max(40)),
      })
      .strict(),
    output: z.object({ pdfBase64: z.string() }),
    errors: [
      'PRINT_DATA_INVALID',
      'PRINT_TEXT_TOO_LONG',
      'PRINT_TEXT_UNSUPPORTED_CHARACTER',
      'PRINTING_NOT_READY',
    ],
    role: 'any',
    effect: 'read',
  }),
  qcListBins: call({
    input: noInput,
    output: z.array(binViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  /** Destroy decisions waiting for a supervisor (and recent ones), for the approvals queue. */
  qcListApprovals: call({
    input: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional() }).strict(),
    output: z.array(approvalViewSchema),
    errors: [],
    role: 'supervisor',
  }),
  /**
   * A supervisor approves or rejects a pending destroy: signed in, or by `authorization` given at
   * someone else's session. An approved unit joins the open destruction batch.
   */
  qcDecideApproval: call({
    input: z
      .object({
        approvalId: idSchema,
        decision: z.enum(['approve', 'reject']),
        note: z.string().trim().max(500).optional(),
        authorization: qcAuthorizationSchema.optional(),
        clientActionId: clientActionIdSchema,
      })
      .strict(),
    output: approvalViewSchema,
    errors: [...CREDENTIAL_ERRORS, 'QC_APPROVAL_NOT_PENDING', 'FORBIDDEN', 'SESSION_EXPIRED'],
    role: 'supervisor',
    stepUp: true,
  }),
  qcListExceptions: call({
    input: z.object({ status: z.enum(['open', 'resolved']).optional() }).strict(),
    output: z.array(exceptionViewSchema),
    errors: [],
    role: 'supervisor',
  }),
  /** The disposition rule table in force (version 0 is the built-in default). */
  qcListRules: call({
    input: noInput,
    output: z.object({
      version: z.number().int(),
      rules: ruleTableSchema,
      savedBy: z.string().nullable(),
      savedAt: z.number().int().nullable(),
    }),
    errors: [],
    role: 'supervisor',
  }),
  /**
   * Saves the table as a new version. `basedOn` (the version the editor started from) refuses the
   * save with QC_RULES_CHANGED when someone saved another version meanwhile. The answer carries
   * what rule-analysis.ts finds in the saved table (warnings never block a save).
   */
  qcSaveRules: call({
    input: z
      .object({
        rules: ruleTableSchema,
        note: z.string().trim().max(200).optional(),
        basedOn: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ version: z.number().int(), warnings: z.array(ruleWarningSchema) }),
    errors: ['QC_RULES_CHANGED'],
    role: 'supervisor',
  }),
};
