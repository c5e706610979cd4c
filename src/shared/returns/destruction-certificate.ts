import { z } from 'zod';
import { moneySchema } from '../platform-returns';
import {
  PHOTO_MIME_TYPES,
  PHOTO_PURPOSES,
  gradeSchema,
  qcCategorySchema,
  qcReasonSchema,
  scrapReasonSchema,
  sha256Schema,
} from './qc-codes';

/**
 * The content of a destruction certificate: what the certificate's own SHA-256 is computed over
 * (as canonical JSON, RFC 8785 as src/main/audit/canonical-json.ts writes it). It is stored with the certificate when issued —
 * names as they were that day — and the PDF is drawn from it, so the printed certificate, the
 * stored record and the hash always say the same thing. Times are UTC ISO-8601 strings.
 */
export const CERTIFICATE_FORMAT = 'lastmile/destruction-certificate/1';

const person = z.strictObject({ id: z.string(), name: z.string() });
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

export const certificatePhotoSchema = z.strictObject({
  sha256: sha256Schema,
  mimeType: z.enum(PHOTO_MIME_TYPES),
  width: z.number().int(),
  height: z.number().int(),
  purpose: z.enum(PHOTO_PURPOSES),
});

export const certificateItemSchema = z.strictObject({
  line: z.number().int().min(1),
  licensePlate: z.string(),
  returnOrderId: z.string().nullable(),
  platformReturnId: z.string().nullable(),
  orderId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  serial: z.string().nullable(),
  category: qcCategorySchema,
  grade: gradeSchema,
  reason: qcReasonSchema,
  scrapReason: scrapReasonSchema,
  unitPrice: moneySchema.nullable(),
  decisionId: z.string(),
  decidedBy: person,
  decidedAt: isoTime,
  decidedAtStation: z.string(),
  approvalId: z.string(),
  approvedBy: person,
  approvedAt: isoTime,
  approvedVia: z.enum(['station', 'queue']),
  photos: z.array(certificatePhotoSchema),
});
export type CertificateItem = z.infer<typeof certificateItemSchema>;

export const certificateTotalsSchema = z.strictObject({
  units: z.number().int(),
  photos: z.number().int(),
  byScrapReason: z.record(z.string(), z.number().int()),
  byGrade: z.record(z.string(), z.number().int()),
  byCategory: z.record(z.string(), z.number().int()),
  value: z.array(moneySchema),
  unpriced: z.number().int(),
});

export const certificateContentSchema = z.strictObject({
  format: z.literal(CERTIFICATE_FORMAT),
  certificateId: z.string(),
  batchId: z.string(),
  /** The number on the cage label (DB-<year>-<nnnn>, per station). */
  batchNumber: z.string(),
  station: z.strictObject({ id: z.string(), name: z.string() }),
  openedAt: isoTime,
  openedBy: person,
  /** The supervisor who closed the batch (signed in, or by badge and PIN at someone else's screen). */
  closedBy: person,
  closedAt: isoTime,
  /** Whose screen it was closed at, when that was not the supervisor's own. */
  closedAtSessionOf: person.nullable(),
  note: z.string().nullable(),
  items: z.array(certificateItemSchema).min(1),
  totals: certificateTotalsSchema,
});
export type CertificateContent = z.infer<typeof certificateContentSchema>;

/** The file name a certificate is downloaded and saved as. */
export function certificateFileName(certificateId: string): string {
  return `destruction-certificate-${certificateId}.pdf`;
}
