import type { PrinterFont } from '../../../../shared/printing';
import type { Layout, TextItem } from '../../layout/model';
import { mmToDots } from '../../layout/resolve';
import { scriptOf } from '../../text/scripts';
import type { LabelRasterizer } from '../compose';
import { textBox } from '../text-lines';
import { ZplBuilder } from './zpl-builder';

export interface ZplOptions {
  fonts: readonly PrinterFont[];
  darkness?: number;
  offsetMm?: { x: number; y: number };
}

/**
 * Layout → ZPL II. Text the printer's own font covers goes as a text field; any other text
 * (Thai, Vietnamese, Chinese on a printer without such a font) is drawn by us exactly as in the
 * preview and sent as a `^GFA` graphic, so it can never print as boxes.
 */
export function renderZpl(layout: Layout, raster: LabelRasterizer, options: ZplOptions): string {
  const zpl = new ZplBuilder();
  if (options.darkness !== undefined) zpl.darkness(options.darkness);
  zpl.start().printWidth(layout.widthDots).labelLength(layout.heightDots);
  const offset = options.offsetMm ?? { x: 0, y: 0 };
  zpl.labelHome(mmToDots(Math.max(offset.x, 0), layout.dpi), mmToDots(Math.max(offset.y, 0), layout.dpi));
  for (const item of layout.items) {
    if (item.kind === 'text') {
      if (item.font === 'printer') printerText(zpl, item, options.fonts);
      else rasterText(zpl, layout, item, raster);
    } else if (item.kind === 'barcode') {
      zpl.origin(item.x, item.y);
      if (item.symbology === 'code128') zpl.code128(item.value, item.moduleDots, item.h);
      else if (item.symbology === 'qrcode') zpl.qr(item.value, item.moduleDots);
      else zpl.dataMatrix(item.value, item.moduleDots);
    } else if (item.kind === 'image') {
      if (item.bitmap) zpl.origin(item.x, item.y).graphic(item.bitmap);
    } else if (item.kind === 'line') {
      zpl.origin(item.x, item.y).box(item.w, item.h, Math.min(item.w, item.h));
    } else {
      zpl.origin(item.x, item.y).box(item.w, item.h, item.thickness);
    }
  }
  return zpl.end().toString();
}

function printerText(zpl: ZplBuilder, item: TextItem, fonts: readonly PrinterFont[]): void {
  const font = fonts.find((f) =>
    item.lines.every((line) =>
      [...line].every((ch) => f.scripts.includes(scriptOf(ch.codePointAt(0) as number) as never)),
    ),
  );
  item.lines.forEach((line, i) => {
    zpl
      .origin(item.x, item.y + i * item.lineHeightDots)
      .font(font?.id ?? '0', item.sizeDots, item.sizeDots)
      .block(item.w, item.align)
      .text(line);
  });
}

function rasterText(zpl: ZplBuilder, layout: Layout, item: TextItem, raster: LabelRasterizer): void {
  // Whole bytes wide, so the graphic starts exactly where the preview draws the text.
  const bitmap = raster.bitmap(layout, textBox(item), [item]);
  zpl.origin(item.x, item.y).graphic(bitmap);
}
