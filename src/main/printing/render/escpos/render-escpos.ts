import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Layout, LayoutItem, TextItem } from '../../layout/model';
import { ESCPOS_CELL } from '../../layout/resolve';
import type { LabelRasterizer } from '../compose';
import { monoToPng } from '../raster';

export type EscposDialect = 'epson' | 'star';

/**
 * Layout (already flowed for a receipt printer) → ESC/POS bytes through node-thermal-printer.
 * Printer-font text and Code 128 / QR are native commands; rasterised text (Thai, Chinese,
 * Vietnamese), DataMatrix (no native command on these printers) and rules are sent as raster
 * images drawn exactly as the preview draws them (`GS v 0` on Epson).
 */
export async function renderEscpos(
  layout: Layout,
  raster: LabelRasterizer,
  dialect: EscposDialect,
): Promise<Buffer> {
  const printer = new ThermalPrinter({
    type: dialect === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR,
    interface: '',
    width: Math.floor(layout.widthDots / ESCPOS_CELL.width),
    breakLine: BreakLine.NONE,
  });
  printer.clear();
  printer.add(Buffer.from([0x1b, 0x40])); // ESC @: a printer left mid-job by a dropped connection starts clean
  const items = layout.items;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as LayoutItem;
    const row = items.filter((other) => other.kind === 'text' && other.y === item.y);
    if (item.kind === 'text' && row.length > 1) {
      // A row of texts (label … count): one padded line in the printer font, or one image.
      index += row.length - 1;
      const texts = row as TextItem[];
      const line = printerRow(texts, layout.widthDots);
      if (line !== null) {
        printer.alignLeft();
        printer.println(line);
      } else {
        printer.alignLeft();
        await printer.printImageBuffer(image(layout, raster, item, row));
      }
      continue;
    }
    if (item.kind === 'text' && item.font === 'printer') {
      align(printer, item.align);
      const k = Math.max(1, Math.round(item.sizeDots / ESCPOS_CELL.height));
      // Star line mode has no GS !; node-thermal-printer offers size only for Epson. ESC i h w is Star's.
      if (dialect === 'epson') printer.setTextSize(k - 1, k - 1);
      else printer.add(Buffer.from([0x1b, 0x69, Math.min(k - 1, 5), Math.min(k - 1, 5)]));
      printer.bold(item.bold);
      for (const line of item.lines) printer.println(line);
      printer.bold(false);
      printer.setTextNormal();
    } else if (item.kind === 'barcode' && item.symbology === 'code128') {
      printer.alignCenter();
      // Epson: node-thermal-printer sends `{B` (code set B) itself; a `{` in the data must be doubled.
      if (dialect === 'epson') {
        printer.code128(item.value.replace(/\{/g, '{{'), {
          width: item.moduleDots,
          height: item.h,
          hriPos: 0,
        } as never);
      } else {
        const width = item.moduleDots <= 2 ? 'SMALL' : item.moduleDots === 3 ? 'MEDIUM' : 'LARGE';
        printer.code128(item.value, { width, height: item.h, text: 1 } as never);
      }
      printer.newLine();
    } else if (item.kind === 'barcode' && item.symbology === 'qrcode') {
      printer.alignCenter();
      const cellSize = Math.min(Math.max(item.moduleDots, 1), 8);
      if (dialect === 'epson') printer.printQR(item.value, { cellSize, correction: 'M', model: 2 } as never);
      else printer.add(starQr(item.value, cellSize));
      printer.newLine();
    } else {
      printer.alignLeft();
      await printer.printImageBuffer(image(layout, raster, item));
    }
  }
  printer.alignLeft();
  printer.cut();
  return Buffer.from(printer.getBuffer());
}

/**
 * Star QR, written here: node-thermal-printer 4.6.1 sends the data length and data without the
 * `ESC GS y D 1 0` that introduces them, so a Star printer prints the bytes as text and no symbol
 * (the ESC/POS parser of our tests caught it). Model 2, correction M, cell size, data, print.
 */
function starQr(value: string, cellSize: number): Buffer {
  const data = Buffer.from(value, 'latin1');
  return Buffer.concat([
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30, 0x02]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x31, 0x01]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x32, cellSize]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, data.length & 0xff, data.length >> 8]),
    data,
    Buffer.from([0x1b, 0x1d, 0x79, 0x50]),
  ]);
}

function align(printer: ThermalPrinter, a: 'left' | 'center' | 'right'): void {
  if (a === 'center') printer.alignCenter();
  else if (a === 'right') printer.alignRight();
  else printer.alignLeft();
}

/** The item (or row) drawn at full paper width, as the preview draws it. */
function image(
  layout: Layout,
  raster: LabelRasterizer,
  item: LayoutItem,
  row: LayoutItem[] = [item],
): Buffer {
  const region = { x: 0, y: item.y, w: layout.widthDots, h: Math.max(item.h, 1) };
  return monoToPng(raster.bitmap(layout, region, row));
}

/** Single-line, normal-size printer-font texts placed on a 12-dot character grid; null if not. */
function printerRow(texts: TextItem[], widthDots: number): string | null {
  if (
    !texts.every(
      (t) => t.font === 'printer' && t.lines.length === 1 && t.sizeDots === ESCPOS_CELL.height && !t.bold,
    )
  )
    return null;
  const columns = Math.round(widthDots / ESCPOS_CELL.width);
  const cells = Array.from({ length: columns }, () => ' ');
  for (const t of texts) {
    const text = t.lines[0] ?? '';
    const start = Math.round(t.x / ESCPOS_CELL.width);
    const span = Math.min(Math.round(t.w / ESCPOS_CELL.width), columns - start);
    const offset =
      t.align === 'right'
        ? span - text.length
        : t.align === 'center'
          ? Math.floor((span - text.length) / 2)
          : 0;
    [...text].forEach((ch, i) => {
      const at = start + Math.max(offset, 0) + i;
      if (at < columns) cells[at] = ch;
    });
  }
  return cells.join('').trimEnd();
}
