import { z } from 'zod';
import { call, idSchema, noInput } from '../call-spec';
import {
  PRINT_JOB_STATUSES,
  labelPreviewSchema,
  labelTemplateInfoSchema,
  printJobViewSchema,
  printerCheckSchema,
  printerProfileSchema,
  printerStatusViewSchema,
} from '../printing';

const templateName = z.string().min(1).max(60);
/** A label's data as its template's schema wants it; the template itself checks the fields. */
const labelData = z.record(z.string(), z.unknown());
const reprintReason = z.string().trim().min(3).max(200);

/** What a label cannot be made for: the template's own refusals. */
const LABEL_ERRORS = [
  'PRINT_TEMPLATE_UNKNOWN',
  'PRINT_DATA_INVALID',
  'PRINT_TEXT_TOO_LONG',
  'PRINT_TEXT_UNSUPPORTED_CHARACTER',
  'PRINT_BARCODE_NOT_ENCODABLE',
  'PRINT_BARCODE_TOO_LARGE',
  'PRINTING_NOT_READY',
] as const;

export const printingCalls = {
  listLabelTemplates: call({
    input: noInput,
    output: z.array(labelTemplateInfoSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  labelExampleData: call({
    input: z.object({ template: templateName }).strict(),
    output: labelData,
    errors: ['PRINT_TEMPLATE_UNKNOWN'],
    role: 'any',
    effect: 'read',
  }),
  listPrinters: call({
    input: noInput,
    output: z.array(printerProfileSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  savePrinter: call({
    input: z.object({ profile: printerProfileSchema }).strict(),
    output: printerProfileSchema,
    errors: ['PRINTER_PROFILE_INVALID', 'FORBIDDEN'],
    role: 'supervisor',
  }),
  deletePrinter: call({
    input: z.object({ printerId: idSchema }).strict(),
    output: z.object({ cancelledJobs: z.number().int() }),
    errors: ['PRINTER_UNKNOWN', 'FORBIDDEN'],
    role: 'supervisor',
  }),
  testPrint: call({
    input: z.object({ printerId: idSchema }).strict(),
    output: printJobViewSchema,
    errors: ['PRINTER_UNKNOWN', 'PRINTER_TEMPLATE_NOT_ALLOWED', ...LABEL_ERRORS],
    role: 'any',
  }),
  checkPrinter: call({
    input: z.object({ printerId: idSchema }).strict(),
    output: printerCheckSchema,
    errors: ['PRINTER_UNKNOWN'],
    role: 'any',
    effect: 'read',
  }),
  printerStatuses: call({
    input: noInput,
    output: z.array(printerStatusViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  listPrintJobs: call({
    input: z
      .object({
        printerId: idSchema.optional(),
        statuses: z.array(z.enum(PRINT_JOB_STATUSES)).max(PRINT_JOB_STATUSES.length).optional(),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.array(printJobViewSchema),
    errors: [],
    role: 'any',
    effect: 'read',
  }),
  reprintJob: call({
    input: z.object({ jobId: idSchema, reason: reprintReason, printerId: idSchema.optional() }).strict(),
    output: printJobViewSchema,
    errors: ['PRINT_JOB_NOT_FOUND', 'PRINTER_UNKNOWN', 'PRINTER_TEMPLATE_NOT_ALLOWED', ...LABEL_ERRORS],
    role: 'any',
  }),
  previewLabel: call({
    input: z.object({ template: templateName, data: labelData, printerId: idSchema.optional() }).strict(),
    output: labelPreviewSchema,
    errors: ['PRINTER_UNKNOWN', ...LABEL_ERRORS],
    role: 'any',
    effect: 'read',
  }),
  previewPrintJob: call({
    input: z.object({ jobId: idSchema }).strict(),
    output: labelPreviewSchema,
    errors: ['PRINT_JOB_NOT_FOUND', ...LABEL_ERRORS],
    role: 'any',
    effect: 'read',
  }),
};

/** The contract's own rule for a reprint reason, so the screen enables the button exactly when it would pass. */
export function reprintReasonValid(reason: string): boolean {
  return reprintReason.safeParse(reason).success;
}
