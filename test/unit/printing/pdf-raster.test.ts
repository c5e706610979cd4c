import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { ImageItem } from '../../../src/main/printing/layout/model';
import { LabelRenderer } from '../../../src/main/printing/label-renderer';
import { standInLabelPdf } from '../../../src/main/printing/render/pdf/stand-in-label-pdf';
import { rasterizePdf } from '../../../src/main/printing/render/pdf-raster';
import { blit, createBitmap, fillRect, isBlack, monoToPng } from '../../../src/main/printing/render/raster';
import { imageToPng, parseEscpos } from '../../helpers/printing/escpos-parser';
import { zbarRead } from '../../helpers/printing/zbar';
import { zplToPng } from '../../helpers/printing/zpl-image';

const TRACKING = 'TT7712340098TH';
const pdf = standInLabelPdf({ packageId: '1153000000042', trackingNumber: TRACKING });
const data = { packageId: '1153000000042', trackingNumber: TRACKING, pdf: pdf.toString('base64') };

let renderer: LabelRenderer;
beforeAll(async () => {
  renderer = await LabelRenderer.load();
});

/** A one-page PDF of the given size in mm with one black square in the middle. */
function squarePdf(widthMm: number, heightMm: number): Buffer {
  const k = 72 / 25.4;
  const doc = new PDFDocument({ size: [widthMm * k, heightMm * k], margin: 0 });
  doc.rect((widthMm / 2 - 10) * k, (heightMm / 2 - 10) * k, 20 * k, 20 * k).fill('black');
  doc.end();
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('PDF → 1-bit bitmap', () => {
  it.each([
    [203, 799, 1199],
    [300, 1181, 1772],
  ] as const)(
    'at %i dpi the 100×150 mm label is %i×%i dots and its Code 128 reads back',
    async (dpi, w, h) => {
      const bitmap = await rasterizePdf(pdf, {
        widthDots: Math.round((100 * dpi) / 25.4),
        heightDots: Math.round((150 * dpi) / 25.4),
      });
      expect([bitmap.width, bitmap.height, bitmap.rowBytes]).toEqual([w, h, Math.ceil(w / 8)]);
      expect(await zbarRead(monoToPng(bitmap))).toEqual([`CODE-128:${TRACKING}`]);
    },
  );

  it('keeps the page proportions: a square page in a tall box is centred, white above and below', async () => {
    const bitmap = await rasterizePdf(squarePdf(100, 100), { widthDots: 400, heightDots: 600 });
    const blackRows = Array.from({ length: bitmap.height }, (_, y) => y).filter((y) =>
      Array.from({ length: bitmap.width }, (_, x) => x).some((x) => isBlack(bitmap, x, y)),
    );
    // 20 mm of a 100 mm page drawn 400 dots wide: 80 dots, centred on row 300.
    expect(blackRows[0]).toBeGreaterThanOrEqual(259);
    expect(blackRows[0]).toBeLessThanOrEqual(261);
    expect(blackRows.at(-1)).toBeGreaterThanOrEqual(339);
    expect(blackRows.at(-1)).toBeLessThanOrEqual(341);
  });

  it('refuses bytes that are no PDF with PRINT_DATA_INVALID', async () => {
    const bad = Buffer.from('%PDF-1.4\nthis is not a document\n');
    await expect(rasterizePdf(bad, { widthDots: 100, heightDots: 100 })).rejects.toBeInstanceOf(AppError);
    expect(() =>
      renderer.layout(
        'platform-shipping-label',
        { ...data, pdf: Buffer.from('hello').toString('base64') },
        {
          format: 'zpl',
        },
      ),
    ).toThrow(expect.objectContaining({ code: 'PRINT_DATA_INVALID' }) as Error);
  });
});

describe('blit', () => {
  it('ORs the source in at any bit offset, clipped at the edges', () => {
    const source = createBitmap(5, 3);
    fillRect(source, 0, 0, 5, 3);
    const target = createBitmap(12, 4);
    blit(target, source, 9, 2);
    const black = [];
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 12; x++) if (isBlack(target, x, y)) black.push(`${x},${y}`);
    expect(black).toEqual(['9,2', '10,2', '11,2', '9,3', '10,3', '11,3']);
  });
});

describe('platform-shipping-label: the PDF as an image element', () => {
  it.each([203, 300] as const)(
    'ZPL at %i dpi: one ^GFA the size of the label; a ZPL engine prints it and ZBar reads the tracking number',
    async (dpi) => {
      const { bytes, layout } = await renderer.render('platform-shipping-label', data, {
        format: 'zpl',
        dpi,
      });
      const zpl = bytes.toString('utf8');
      const image = layout.items[0] as ImageItem;
      expect(image).toMatchObject({ kind: 'image', x: 0, y: 0, w: layout.widthDots, h: layout.heightDots });
      const total = Math.ceil(image.w / 8) * image.h;
      expect(zpl).toContain(`^FO0,0\n^GFA,${total},${total},${Math.ceil(image.w / 8)},`);
      expect(zpl.match(/\^GFA/g)).toHaveLength(1);
      const png = await zplToPng(zpl, 100, 150, dpi);
      expect(await zbarRead(png)).toEqual([`CODE-128:${TRACKING}`]);
    },
  );

  it('ESC/POS Epson: a GS v 0 raster image at the printable width; ZBar reads the tracking number', async () => {
    const { bytes, layout } = await renderer.render('platform-shipping-label', data, {
      format: 'escpos',
      escpos: 'epson',
    });
    const parsed = parseEscpos(bytes, 'epson');
    expect(parsed.images).toHaveLength(1);
    const image = parsed.images[0]!;
    // 72 mm printable on 80 mm paper at 203 dpi, the label's 2:3 kept.
    expect(layout.widthDots).toBe(575);
    expect(image.width).toBe(576);
    expect(image.height).toBe(Math.round((1199 * 575) / 799));
    expect(bytes.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(true);
    expect(await zbarRead(imageToPng(image))).toEqual([`CODE-128:${TRACKING}`]);
    expect(parsed.cuts).toBe(1);
  });

  it('the preview is the same dots the printer gets', async () => {
    const layout = await renderer.drawnLayout('platform-shipping-label', data, { format: 'png', dpi: 203 });
    const image = layout.items[0] as ImageItem;
    expect(Buffer.from(renderer.bitmap(layout).data)).toEqual(Buffer.from(image.bitmap!.data));
    expect(
      await zbarRead(await renderer.preview('platform-shipping-label', data, { format: 'png' })),
    ).toEqual([`CODE-128:${TRACKING}`]);
  });
});
