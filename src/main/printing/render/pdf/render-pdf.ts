import PDFDocument from 'pdfkit';
import type { BarcodeItem, Layout } from '../../layout/model';
import type { FontLibrary } from '../../text/font-library';
import { monoToPng } from '../raster';
import { textLines } from '../text-lines';

/**
 * Layout → a one-page PDF the size of the label, for office printers. Vector throughout: the
 * same glyph outlines the preview draws (so Thai and Chinese need no font on the printing PC) and
 * the same whole-module barcode rectangles, scaled from printer dots to points.
 */
export function renderPdf(layout: Layout, fonts: FontLibrary, options: { createdAt: Date }): Promise<Buffer> {
  const k = 72 / layout.dpi;
  const doc = new PDFDocument({
    size: [layout.widthDots * k, layout.heightDots * k],
    margin: 0,
    info: { Title: layout.template, Creator: 'LastMile Desk', CreationDate: options.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor('black');
  for (const item of layout.items) {
    if (item.kind === 'text') {
      for (const { shaped, x, baseline } of textLines(item, fonts)) {
        for (const g of shaped.glyphs) {
          const { d, unitsPerEm } = fonts.outline(g.face, g.glyphId);
          if (d === '') continue;
          const s = (item.sizeDots / unitsPerEm) * k;
          doc
            .save()
            .translate((x + g.x) * k, (baseline + g.y) * k)
            .scale(s, -s)
            .path(d)
            .fill()
            .restore();
        }
      }
    } else if (item.kind === 'barcode') drawBarcode(doc, item, k);
    else if (item.kind === 'line') doc.rect(item.x * k, item.y * k, item.w * k, item.h * k).fill();
    else if (item.kind === 'image') {
      // The printer-resolution bitmap, so an office printer prints the dots a thermal one would.
      if (item.bitmap)
        doc.image(monoToPng(item.bitmap), item.x * k, item.y * k, { width: item.w * k, height: item.h * k });
    } else {
      const t = item.thickness * k;
      const [x, y, w, h] = [item.x * k, item.y * k, item.w * k, item.h * k];
      doc
        .rect(x, y, w, t)
        .rect(x, y + h - t, w, t)
        .rect(x, y, t, h)
        .rect(x + w - t, y, t, h)
        .fill();
    }
  }
  doc.end();
  return done;
}

function drawBarcode(doc: PDFKit.PDFDocument, item: BarcodeItem, k: number): void {
  const m = item.moduleDots * k;
  if (item.pattern.type === 'linear') {
    let x = item.x * k;
    item.pattern.widths.forEach((w, i) => {
      if (i % 2 === 0) doc.rect(x, item.y * k, w * m, item.h * k);
      x += w * m;
    });
    doc.fill();
    return;
  }
  const { size, bits } = item.pattern;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (bits[row * size + col]) doc.rect(item.x * k + col * m, item.y * k + row * m, m, m);
    }
  }
  doc.fill();
}
