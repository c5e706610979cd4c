import PDFDocument from 'pdfkit';
import { boxBarcode, type BoxPreset } from '../../shared/packing/box-presets';
import { encodeBarcode } from '../printing/barcodes/symbology';
import { FontLibrary } from '../printing/text/font-library';

/**
 * The bench's box preset sheet: an A4 page (or more) with one cell per box — its name, inner
 * size and tare, and the `BOX-<code>-<check>` Code 128 the packer scans to pick it. Vector bars,
 * whole points per module, so an office laser prints them sharp enough for any scanner.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const COLUMNS = 2;
const CELL_H = 150;

export async function boxPresetSheetPdf(
  presets: readonly BoxPreset[],
  options: { title?: string; fonts?: FontLibrary } = {},
): Promise<Buffer> {
  const files = new Map((options.fonts ?? (await FontLibrary.load())).files().map((f) => [f.key, f.path]));
  const doc = new PDFDocument({
    size: A4,
    margin: MARGIN,
    info: { Title: options.title ?? 'Box presets', Creator: 'LastMile Desk' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const sans = files.get('sans');
  const bold = files.get('sans-bold');
  if (sans) doc.registerFont('sans', sans);
  if (bold) doc.registerFont('sans-bold', bold);
  const cellW = (A4[0] - 2 * MARGIN) / COLUMNS;
  const perPage = COLUMNS * Math.floor((A4[1] - 2 * MARGIN - 30) / CELL_H);
  presets.forEach((preset, i) => {
    const n = i % perPage;
    if (i > 0 && n === 0) doc.addPage({ size: A4, margin: MARGIN });
    if (n === 0)
      doc
        .font('sans-bold')
        .fontSize(14)
        .text(options.title ?? 'Box presets — scan to choose the box', MARGIN, MARGIN, { lineBreak: false });
    const x = MARGIN + (n % COLUMNS) * cellW;
    const y = MARGIN + 30 + Math.floor(n / COLUMNS) * CELL_H;
    const { lengthMm, widthMm, heightMm } = preset.innerMm;
    doc
      .font('sans-bold')
      .fontSize(12)
      .text(`${preset.code} — ${preset.name}`, x + 8, y + 6, {
        width: cellW - 16,
        lineBreak: false,
        ellipsis: true,
      });
    doc
      .font('sans')
      .fontSize(9)
      .text(
        `${String(lengthMm)} × ${String(widthMm)} × ${String(heightMm)} mm inside · tare ${String(preset.tareGrams)} g`,
        x + 8,
        y + 24,
        { lineBreak: false },
      );
    const text = boxBarcode(preset.code);
    const pattern = encodeBarcode('code128', text, 'box');
    if (pattern.type === 'linear') {
      const module = Math.min(1.5, (cellW - 40) / pattern.modules);
      let bx = x + 8 + 10 * module; // quiet zone
      pattern.widths.forEach((w, k) => {
        if (k % 2 === 0) doc.rect(bx, y + 44, w * module, 60);
        bx += w * module;
      });
      doc.fill('black');
    }
    doc
      .font('sans')
      .fontSize(10)
      .text(text, x + 8, y + 110, { lineBreak: false });
    doc
      .rect(x + 2, y, cellW - 4, CELL_H - 8)
      .lineWidth(0.4)
      .stroke('#999999');
    doc.fillColor('black').strokeColor('black');
  });
  doc.end();
  return done;
}
