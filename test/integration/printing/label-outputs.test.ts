import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterProfile } from '../../../src/shared/printing';
import { LabelRenderer } from '../../../src/main/printing/label-renderer';
import type { BarcodeItem, Layout, TextItem } from '../../../src/main/printing/layout/model';
import { TEMPLATES } from '../../../src/main/printing/templates';
import { decodePng } from '../../helpers/printing/barcode-reader';
import { imageToPng, parseEscpos } from '../../helpers/printing/escpos-parser';
import { zplToPng } from '../../helpers/printing/zpl-image';
import { TempDirs } from '../../helpers/temp-dir';

let renderer: LabelRenderer;
beforeAll(async () => {
  renderer = await LabelRenderer.load();
});
const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/**
 * The barcode values a template's example must carry, from its own layout; a platform document
 * (an image item) carries its own: the stand-in label PDF of the examples has the tracking number.
 */
function expectedBarcodes(layout: Layout, data?: unknown): string[] {
  const inDocuments = layout.items
    .filter((i) => i.kind === 'image')
    .map(() => `code128:${String((data as { trackingNumber?: string }).trackingNumber)}`);
  return [
    ...layout.items
      .filter((i): i is BarcodeItem => i.kind === 'barcode')
      .map((b) => `${b.symbology}:${b.value}`),
    ...inDocuments,
  ].sort();
}

const FORMAT = { Code128: 'code128', QRCode: 'qrcode', DataMatrix: 'datamatrix' } as Record<string, string>;
const asValues = (decoded: { format: string; text: string }[]): string[] =>
  decoded.map((d) => `${FORMAT[d.format] ?? d.format}:${d.text}`).sort();

const profile = (over: Partial<PrinterProfile>): PrinterProfile => ({
  id: 'p',
  name: 'P',
  language: 'zpl',
  model: '',
  interface: 'tcp://127.0.0.1:9100',
  media: { widthMm: 100, heightMm: 150 },
  dpi: 203,
  darkness: 15,
  offsetMm: { x: 0, y: 0 },
  fonts: [{ id: '0', scripts: ['latin'] }],
  templates: [],
  confirmWithHostStatus: false,
  enabled: true,
  ...over,
});

describe.each(TEMPLATES.map((t) => t.name))('template %s', (name) => {
  const template = TEMPLATES.find((t) => t.name === name)!;

  it.each([203, 300] as const)(
    'ZPL at %i dpi: rendered by a ZPL engine, every barcode decodes to its value',
    async (dpi) => {
      const { bytes, layout } = await renderer.render(name, template.example, { format: 'zpl', dpi });
      const zpl = bytes.toString('utf8');
      expect(zpl).toMatch(/^\^XA\n\^CI28\n/);
      const png = await zplToPng(zpl, (layout.widthDots * 25.4) / dpi, (layout.heightDots * 25.4) / dpi, dpi);
      expect(asValues(await decodePng(png))).toEqual(expectedBarcodes(layout, template.example));
    },
  );

  it('preview PNG decodes to the same values as the print', async () => {
    const { bytes, layout } = await renderer.render(name, template.example, { format: 'png' });
    expect(asValues(await decodePng(bytes))).toEqual(expectedBarcodes(layout, template.example));
  });

  it.each(['epson', 'star'] as const)(
    'ESC/POS %s: native Code 128 / QR carry the values, images decode, paper is cut',
    async (dialect) => {
      const { bytes, layout } = await renderer.render(name, template.example, {
        format: 'escpos',
        escpos: dialect,
      });
      const parsed = parseEscpos(bytes, dialect);
      const native = [
        ...parsed.code128.map((c) => `code128:${c.data}`),
        ...parsed.qr.map((q) => `qrcode:${q.data}`),
      ];
      const fromImages: string[] = [];
      for (const image of parsed.images) fromImages.push(...asValues(await decodePng(imageToPng(image))));
      expect([...native, ...fromImages].sort()).toEqual(expectedBarcodes(layout, template.example));
      expect(parsed.cuts).toBe(1);
      // Every printer-font line on a row of its own reached the printer as text.
      const printed = parsed.texts.map((t) => t.text).join('\n');
      const alone = (i: TextItem): boolean =>
        layout.items.filter((o) => o.kind === 'text' && o.y === i.y).length === 1;
      for (const item of layout.items.filter(
        (i): i is TextItem => i.kind === 'text' && i.font === 'printer' && alone(i),
      )) {
        for (const line of item.lines) expect(printed).toContain(line);
      }
    },
  );

  it('PDF: rasterised with pdftoppm, every barcode decodes to its value', async () => {
    const { bytes, layout } = await renderer.render(name, template.example, { format: 'pdf', dpi: 300 });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = dirs.make('lastmile-pdf-');
    fs.writeFileSync(path.join(dir, 'label.pdf'), bytes);
    execFileSync('pdftoppm', [
      '-r',
      '300',
      '-png',
      '-singlefile',
      path.join(dir, 'label.pdf'),
      path.join(dir, 'page'),
    ]);
    const png = fs.readFileSync(path.join(dir, 'page.png'));
    expect(asValues(await decodePng(png))).toEqual(expectedBarcodes(layout, template.example));
  });
});

describe('Thai, Chinese and Vietnamese: printer font or rasterised text, per profile', () => {
  const data = {
    ...(TEMPLATES[0]!.example as Record<string, unknown>),
    item: 'หูฟังไร้สาย 无线耳机 Tai nghe không dây',
  };

  it('ZPL, printer font covers Latin only: the mixed-script line is a ^GFA graphic with the very dots of the preview', async () => {
    const p = profile({});
    const layout = renderer.layout('qc-tag', data, { profile: p });
    const item = layout.items.find((i): i is TextItem => i.kind === 'text' && i.field === 'item')!;
    expect(item.font).toBe('raster');
    const zpl = (await renderer.render('qc-tag', data, { profile: p })).bytes.toString('utf8');
    expect(zpl).not.toContain('ไร้');
    expect(zpl).toMatch(new RegExp(`\\^FO${item.x},${item.y}\\n\\^GFA,`));
    // The label as the ZPL engine prints it, against our preview, in the item's box: the same dots.
    const printed = PNG.sync.read(await zplToPng(zpl, 100, 50, 203));
    const preview = renderer.bitmap(layout);
    let differ = 0;
    let ink = 0;
    for (let y = item.y; y < item.y + item.lines.length * item.lineHeightDots; y++) {
      for (let x = item.x; x < item.x + item.w; x++) {
        const a = (printed.data[(y * printed.width + x) * 4] as number) < 128;
        const b = ((preview.data[y * preview.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
        if (b) ink++;
        if (a !== b) differ++;
      }
    }
    expect(ink).toBeGreaterThan(500);
    expect(differ).toBe(0);
    // Latin-only fields still use the printer's own font.
    expect(zpl).toContain('^A0N,');
    expect(zpl).toContain('^FDRT-2026-000123^FS');
  });

  it('ZPL, the printer has a Thai+CJK+Vietnamese font: the same line is a UTF-8 text field in that font', async () => {
    const p = profile({ fonts: [{ id: 'E:NOTOSANS.TTF', scripts: ['latin', 'vietnamese', 'thai', 'cjk'] }] });
    const zpl = (await renderer.render('qc-tag', data, { profile: p })).bytes.toString('utf8');
    expect(zpl).toContain('^A@N,');
    expect(zpl).toContain(',E:NOTOSANS.TTF');
    expect(zpl).toContain('หูฟังไร้สาย 无线耳机 Tai nghe');
    expect(zpl).not.toContain('^GFA');
  });

  it('ESC/POS: ASCII prints in the resident font, Thai/Chinese/Vietnamese as a GS v 0 raster equal to the preview', async () => {
    const p = profile({
      language: 'escpos-epson',
      media: { widthMm: 80, heightMm: null },
      fonts: [{ id: 'A', scripts: ['latin'] }],
    });
    const layout = renderer.layout('qc-tag', data, { profile: p });
    const item = layout.items.find((i): i is TextItem => i.kind === 'text' && i.field === 'item')!;
    expect(item.font).toBe('raster');
    const parsed = parseEscpos((await renderer.render('qc-tag', data, { profile: p })).bytes, 'epson');
    expect(parsed.texts.map((t) => t.text)).toContain('RT-2026-000123');
    expect(parsed.texts.some((t) => /[^\x20-\x7e]/.test(t.text))).toBe(false);
    const preview = renderer.raster.bitmap(layout, { x: 0, y: item.y, w: layout.widthDots, h: item.h }, [
      item,
    ]);
    const sent = parsed.images.find((img) => img.height === preview.height);
    expect(sent).toBeDefined();
    const rowBytes = Math.ceil(sent!.width / 8);
    for (let y = 0; y < preview.height; y++) {
      expect(Buffer.from(sent!.bits.subarray(y * rowBytes, y * rowBytes + preview.rowBytes))).toEqual(
        Buffer.from(preview.data.subarray(y * preview.rowBytes, (y + 1) * preview.rowBytes)),
      );
    }
  });
});
