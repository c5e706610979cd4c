import { z } from 'zod';
import type { LabelTemplate } from '../layout/model';
import { standInLabelPdf } from '../render/pdf/stand-in-label-pdf';
import { code } from './fields';

const schema = z.strictObject({
  /** The platform's package the label belongs to (what a reprint or an audit names). */
  packageId: code(64),
  trackingNumber: code(64).optional(),
  /** The platform's shipping document, base64: fetched right before the job was queued. */
  pdf: z.string().min(16).max(4_000_000),
  /** sha256 of the document bytes, hex: which download this job printed. */
  pdfSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

let example: string | null = null;

/**
 * The platform's own label for a platform-shipped package (TikTok Shop's carrier), on the
 * carriers' 100×150 mm: the PDF the platform answers, rasterised at the printer's dpi and scaled
 * to fit the label, so a ZPL or ESC/POS printer prints it as an image.
 */
export const platformShippingLabel: LabelTemplate<typeof schema> = {
  name: 'platform-shipping-label',
  title: 'Platform shipping label',
  description: "The platform's PDF shipping label of a platform-shipped package, printed as an image",
  size: { widthMm: 100, heightMm: 150 },
  schema,
  get example() {
    // Built on first ask, not at start-up: a PDF is written for it.
    example ??= standInLabelPdf({ packageId: '1153000000001', trackingNumber: 'TT0000000001TH' }).toString(
      'base64',
    );
    return { packageId: '1153000000001', trackingNumber: 'TT0000000001TH', pdf: example };
  },
  elements: [{ kind: 'image', x: 0, y: 0, w: 100, h: 150, field: 'pdf', format: 'pdf' }],
};
