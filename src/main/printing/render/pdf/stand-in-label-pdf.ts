import PDFDocument from 'pdfkit';
import { encodeBarcode } from '../../barcodes/symbology';

/**
 * A platform-style shipping label as a real one-page 100×150 mm PDF: the platform's name, the
 * package, and the tracking number as a vector Code 128 whose module is NOT a whole number of
 * printer dots (as on the platforms' own PDFs). The TikTok fake serves it as the shipping
 * document, and the `platform-shipping-label` template shows it as its example, so both go
 * through the same PDF rasteriser a real label does.
 */
export interface StandInLabel {
  packageId: string;
  trackingNumber: string;
  documentType?: string;
  createdAt?: Date;
}

const PT_PER_MM = 72 / 25.4;
const WIDTH_MM = 100;
const HEIGHT_MM = 150;
const MODULE_MM = 0.38;

export function standInLabelPdf(label: StandInLabel): Buffer {
  const mm = (v: number): number => v * PT_PER_MM;
  const doc = new PDFDocument({
    size: [mm(WIDTH_MM), mm(HEIGHT_MM)],
    margin: 0,
    info: {
      Title: `${label.documentType ?? 'SHIPPING_LABEL'} ${label.packageId}`,
      Creator: 'LastMile Desk fake platform',
      CreationDate: label.createdAt ?? new Date(0),
    },
  });
  doc.fillColor('black');
  doc.font('Helvetica-Bold').fontSize(20).text('TikTok Shop', mm(8), mm(8));
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${label.documentType ?? 'SHIPPING_LABEL'}  package ${label.packageId}`, mm(8), mm(18));
  doc.rect(mm(5), mm(28), mm(90), mm(0.6)).fill();

  const pattern = encodeBarcode('code128', label.trackingNumber, 'trackingNumber');
  if (pattern.type !== 'linear') throw new Error('code128 is linear');
  const module = Math.min(MODULE_MM, 84 / pattern.modules);
  let x = (WIDTH_MM - pattern.modules * module) / 2;
  pattern.widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(mm(x), mm(36), mm(w * module), mm(22));
    x += w * module;
  });
  doc.fill();
  doc
    .font('Helvetica')
    .fontSize(14)
    .text(label.trackingNumber, 0, mm(61), {
      width: mm(WIDTH_MM),
      align: 'center',
    });
  doc.rect(mm(5), mm(72), mm(90), mm(0.6)).fill();
  doc.fontSize(10).text("Hand over to the platform's carrier.", mm(8), mm(78));
  doc.end();
  // pdfkit writes the whole document into the stream's buffer on end(): read it out at once.
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  return Buffer.concat(chunks);
}
