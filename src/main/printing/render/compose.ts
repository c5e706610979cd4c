import type { BarcodeItem, Layout, LayoutItem, TextItem } from '../layout/model';
import { GLYPH_PHASES, GlyphRaster } from './glyph-raster';
import { blit, createBitmap, fillRect, fillSpan, type MonoBitmap } from './raster';
import type { FontLibrary } from '../text/font-library';
import { textBox, textLines } from './text-lines';

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Draws a layout (or some of its items, in a region of it) straight into a 1-bit bitmap in printer
 * dots: rules, boxes and barcode modules as whole-dot rectangles, text from cached glyph bitmaps.
 * The preview PNG, every `^GFA` of a ZPL job and every ESC/POS raster image come from here, so
 * the dots a clerk sees are the dots the printer gets.
 */
export class LabelRasterizer {
  readonly glyphs: GlyphRaster;

  constructor(readonly fonts: FontLibrary) {
    this.glyphs = new GlyphRaster(fonts);
  }

  bitmap(layout: Layout, region?: Region, items?: readonly LayoutItem[]): MonoBitmap {
    return rasterizeLayout(layout, this.fonts, this.glyphs, region, items);
  }
}

export function rasterizeLayout(
  layout: Layout,
  fonts: FontLibrary,
  glyphs: GlyphRaster,
  region: Region = { x: 0, y: 0, w: layout.widthDots, h: layout.heightDots },
  items: readonly LayoutItem[] = layout.items,
): MonoBitmap {
  const bitmap = createBitmap(region.w, region.h);
  const rect = (x: number, y: number, w: number, h: number): void =>
    fillRect(bitmap, x - region.x, y - region.y, w, h);
  for (const item of items) {
    if (item.kind === 'text') drawText(bitmap, region, item, fonts, glyphs);
    else if (item.kind === 'barcode') drawBarcode(item, rect);
    else if (item.kind === 'line') rect(item.x, item.y, item.w, item.h);
    else if (item.kind === 'image') {
      if (item.bitmap) blit(bitmap, item.bitmap, item.x - region.x, item.y - region.y);
    } else {
      const t = item.thickness;
      rect(item.x, item.y, item.w, t);
      rect(item.x, item.y + item.h - t, item.w, t);
      rect(item.x, item.y, t, item.h);
      rect(item.x + item.w - t, item.y, t, item.h);
    }
  }
  return bitmap;
}

function drawText(
  bitmap: MonoBitmap,
  region: Region,
  item: TextItem,
  fonts: FontLibrary,
  glyphs: GlyphRaster,
): void {
  const box = textBox(item);
  // Clipped to the text's own box, in region coordinates.
  const clipX0 = Math.max(box.x - region.x, 0);
  const clipX1 = Math.min(box.x + box.w - region.x, bitmap.width);
  const clipY0 = Math.max(box.y - region.y, 0);
  const clipY1 = Math.min(box.y + box.h - region.y, bitmap.height);
  for (const { shaped, x, baseline } of textLines(item, fonts)) {
    for (const g of shaped.glyphs) {
      const px = Math.round((x + g.x) * GLYPH_PHASES) / GLYPH_PHASES;
      const py = Math.round((baseline + g.y) * GLYPH_PHASES) / GLYPH_PHASES;
      const ix = Math.floor(px);
      const iy = Math.floor(py);
      const dots = glyphs.get(
        g.face,
        g.glyphId,
        item.sizeDots,
        (px - ix) * GLYPH_PHASES,
        (py - iy) * GLYPH_PHASES,
      );
      const runs = dots.runs;
      const ox = ix - region.x;
      const oy = iy - region.y;
      for (let r = 0; r < runs.length; r += 3) {
        const y = oy + (runs[r] as number);
        if (y < clipY0 || y >= clipY1) continue;
        fillSpan(
          bitmap,
          y,
          Math.max(ox + (runs[r + 1] as number), clipX0),
          Math.min(ox + (runs[r + 2] as number), clipX1),
        );
      }
    }
  }
}

function drawBarcode(item: BarcodeItem, rect: (x: number, y: number, w: number, h: number) => void): void {
  const m = item.moduleDots;
  if (item.pattern.type === 'linear') {
    let x = item.x;
    item.pattern.widths.forEach((w, i) => {
      if (i % 2 === 0) rect(x, item.y, w * m, item.h);
      x += w * m;
    });
    return;
  }
  const { size, bits } = item.pattern;
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!bits[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && bits[row * size + col]) col++;
      rect(item.x + start * m, item.y + row * m, (col - start) * m, m);
    }
  }
}
