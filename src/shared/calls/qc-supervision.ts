import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import { dispositionSchema } from '../returns/qc-codes';
import { exceptionViewSchema } from '../returns/qc-views';
import {
  destroyRejectReasonSchema,
  exceptionDisposalSchema,
  insteadOfDestroySchema,
  supervisorNoteSchema,
} from '../returns/supervision-codes';
import {
  approvalItemSchema,
  batchDetailSchema,
  batchSummarySchema,
  certificateFileSchema,
  certificateVerificationSchema,
  decideApprovalsResultSchema,
  decisionPageSchema,
  decisionTrailSchema,
  printedSchema,
  ruleVersionSchema,
  shiftSummarySchema,
  shiftTeamSchema,
} from '../returns/supervision-views';
import { clientActionIdSchema, qcAuthorizationSchema } from './returns';

/**
 * The supervisor's side of return QC: the approvals queue, destruction batches and their
 * certificates, shift summaries, the decision browser, exceptions and the rule history.
 *
 * Calls that act take an optional `authorization` — a supervisor's badge (or id) and PIN given at
 * someone else's screen, verified for that one call — and a `clientActionId`, so a retry after a
 * lost answer acts once. They are `role: 'supervisor', stepUp: true`: the dispatcher verifies the
 * authorization (refusals audited as session.step_up_failed) and the handlers read `ctx.approver`.
 */

/** A window of time in ms since the epoch, `to` excluded; at most 31 days. */
const windowSchema = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(1) })
  .strict()
  .refine((w) => w.to > w.from && w.to - w.from <= 31 * 86_400_000, {
    message: 'to must be after from, at most 31 days later',
    path: ['to'],
  });

const slipText = z.string().trim().min(1).max(60);

const APPROVER_ERRORS = ['BAD_PIN', 'FORBIDDEN', 'NOT_FOUND'] as const;

export const qcSupervisionCalls = {
  /** Destroys waiting for a supervisor (oldest first), or the recently decided ones. */
  qcApprovalQueue: call({
    input: z.object({ status: z.enum(['pending', 'decided']).default('pending') }).strict(),
    output: z.array(approvalItemSchema),
    errors: [],
    role: 'any',
  }),
  /**
   * Approves or refuses one or several pending destroys in one transaction. Refusing needs a
   * reason and what the units become instead (a restock names its stock bin).
   */
  qcDecideApprovals: call({
    input: z
      .object({
        approvalIds: z.array(idSchema).min(1).max(100),
        decision: z.enum(['approve', 'reject']),
        rejectReason: destroyRejectReasonSchema.optional(),
        note: supervisorNoteSchema.optional(),
        instead: z
          .object({ disposition: insteadOfDestroySchema, bin: z.string().trim().min(1).max(20).optional() })
          .strict()
          .optional(),
        authorization: qcAuthorizationSchema.optional(),
        clientActionId: clientActionIdSchema,
      })
      .strict(),
    output: decideApprovalsResultSchema,
    errors: [
      ...APPROVER_ERRORS,
      'QC_REJECT_REASON_REQUIRED',
      'QC_REJECT_NEEDS_DISPOSITION',
      'QC_BIN_NOT_FOUND',
      'QC_BIN_WRONG_KIND',
      'QC_UNDO_TOO_LATE',
    ],
    role: 'supervisor',
    stepUp: true,
  }),
  /** Destruction batches, the open one first, then the newest. */
  qcListBatches: call({ input: noInput, output: z.array(batchSummarySchema), errors: [], role: 'any' }),
  qcGetBatch: call({
    input: z.object({ batchId: idSchema }).strict(),
    output: batchDetailSchema,
    errors: ['NOT_FOUND'],
    role: 'any',
  }),
  /** Closes an open batch (audited) and issues its certificate; answers once the PDF is written. */
  qcCloseBatch: call({
    input: z
      .object({
        batchId: idSchema,
        note: supervisorNoteSchema.optional(),
        authorization: qcAuthorizationSchema.optional(),
        clientActionId: clientActionIdSchema,
      })
      .strict(),
    output: batchDetailSchema,
    errors: [...APPROVER_ERRORS, 'QC_BATCH_NOT_OPEN', 'QC_BATCH_EMPTY'],
    role: 'supervisor',
    stepUp: true,
  }),
  /** The batch's cage label again, through the print queue. */
  qcPrintBatchLabel: call({
    input: z.object({ batchId: idSchema, printerId: idSchema.optional() }).strict(),
    output: printedSchema,
    errors: [
      'NOT_FOUND',
      'QC_BATCH_NOT_OPEN',
      'PRINTER_NOT_CONFIGURED',
      'PRINTER_UNKNOWN',
      'PRINTER_TEMPLATE_NOT_ALLOWED',
      'PRINTING_NOT_READY',
    ],
    role: 'any',
  }),
  /** The certificate PDF's bytes, for the screen to offer as a download (or the app to save). */
  qcGetCertificate: call({
    input: z.object({ batchId: idSchema }).strict(),
    output: certificateFileSchema,
    errors: ['NOT_FOUND', 'QC_CERTIFICATE_FILE_MISSING'],
    role: 'supervisor',
  }),
  /** Recomputes and checks a certificate file against this station's records. */
  qcVerifyCertificate: call({
    input: z
      .object({
        dataBase64: z
          .string()
          .min(1)
          .max(40 * 1024 * 1024),
      })
      .strict(),
    output: certificateVerificationSchema,
    errors: [],
    role: 'any',
  }),
  /** The signed-in operator's own shift (the bench's side panel). */
  qcMyShift: call({ input: windowSchema, output: shiftSummarySchema, errors: [], role: 'any' }),
  /** Every clerk's shift at this station, and the totals. */
  qcShiftSummaries: call({ input: windowSchema, output: shiftTeamSchema, errors: [], role: 'supervisor' }),
  /** Prints a shift slip on the 80 mm receipt printer: one's own, or (a supervisor) any clerk's. */
  qcPrintShiftSummary: call({
    input: z
      .object({
        from: z.number().int().min(0),
        to: z.number().int().min(1),
        clerkId: idSchema.optional(),
        timeZone: z.string().min(1).max(64),
        texts: z
          .object({
            parcels: slipText,
            unexpected: slipText,
            items: slipText,
            restock: slipText,
            refurbish: slipText,
            destroy: slipText,
            return_to_seller: slipText,
            overrides: slipText,
            pendingApprovals: slipText,
            exceptions: slipText,
            undos: slipText,
            medianSeconds: slipText,
            p90Seconds: slipText,
          })
          .strict(),
        printerId: idSchema.optional(),
      })
      .strict()
      .refine((w) => w.to > w.from && w.to - w.from <= 31 * 86_400_000, { path: ['to'] }),
    output: printedSchema,
    errors: [
      'FORBIDDEN',
      'PRINTER_NOT_CONFIGURED',
      'PRINTER_UNKNOWN',
      'PRINTER_TEMPLATE_NOT_ALLOWED',
      'PRINTING_NOT_READY',
      'PRINT_TEXT_TOO_LONG',
      'PRINT_DATA_INVALID',
    ],
    role: 'any',
  }),
  /** Every decision, newest first, filtered; `next` pages on. */
  qcBrowseDecisions: call({
    input: z
      .object({
        from: z.number().int().min(0).optional(),
        to: z.number().int().min(1).optional(),
        clerkId: idSchema.optional(),
        disposition: dispositionSchema.optional(),
        status: z.enum(['active', 'undone']).optional(),
        query: z.string().trim().max(64).optional(),
        before: idSchema.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: decisionPageSchema,
    errors: [],
    role: 'supervisor',
  }),
  /** One decision's whole story: unit, parcel, photos, history, approval, batch, events, audit. */
  qcDecisionTrail: call({
    input: z.object({ decisionId: idSchema }).strict(),
    output: decisionTrailSchema,
    errors: ['NOT_FOUND'],
    role: 'supervisor',
  }),
  /** Resolves an unexpected return: matched to a return order, or disposed of (with a note). */
  qcResolveException: call({
    input: z
      .object({
        exceptionId: idSchema,
        resolution: z.discriminatedUnion('kind', [
          z.strictObject({
            kind: z.literal('match'),
            returnOrderId: idSchema,
            note: supervisorNoteSchema.optional(),
          }),
          z.strictObject({
            kind: z.literal('dispose'),
            disposal: exceptionDisposalSchema,
            note: supervisorNoteSchema.pipe(z.string().min(3)),
          }),
        ]),
        authorization: qcAuthorizationSchema.optional(),
        clientActionId: clientActionIdSchema,
      })
      .strict(),
    output: exceptionViewSchema,
    errors: [...APPROVER_ERRORS, 'QC_EXCEPTION_RESOLVED', 'QC_RETURN_CLOSED'],
    role: 'supervisor',
    stepUp: true,
  }),
  /** The saved rule tables, newest first (decisions record the version they followed). */
  qcRuleHistory: call({ input: noInput, output: z.array(ruleVersionSchema), errors: [], role: 'supervisor' }),
};
