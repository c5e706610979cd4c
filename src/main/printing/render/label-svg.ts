import type { BarcodeItem, Layout, LayoutItem, TextItem } from '../layout/model';
import { BASELINE, type FontLibrary } from '../text/font-library';

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Draws a layout as SVG in dots (one SVG unit = one printer dot): text as glyph outlines from
 * the shaper, barcodes as whole-dot rectangles. The preview, every rasterised text of a ZPL or
 * ESC/POS job, and (through the same geometry) the PDF come from this one drawing.
 */
export function layoutToSvg(
  layout: Layout,
  fonts: FontLibrary,
  region?: Region,
  items?: LayoutItem[],
): string {
  const r = region ?? { x: 0, y: 0, w: layout.widthDots, h: layout.heightDots };
  const body: string[] = [];
  for (const item of items ?? layout.items) {
    if (item.kind === 'text') body.push(textSvg(item, fonts));
    else if (item.kind === 'barcode') body.push(barcodeSvg(item));
    else if (item.kind === 'line') body.push(rect(item.x, item.y, item.w, item.h));
    else {
      const t = item.thickness;
      body.push(
        rect(item.x, item.y, item.w, t) +
          rect(item.x, item.y + item.h - t, item.w, t) +
          rect(item.x, item.y, t, item.h) +
          rect(item.x + item.w - t, item.y, t, item.h),
      );
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r.w}" height="${r.h}" viewBox="${r.x} ${r.y} ${r.w} ${r.h}">` +
    `<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" fill="#fff"/>` +
    `<g fill="#000" shape-rendering="crispEdges">${body.join('')}</g></svg>`
  );
}

function rect(x: number, y: number, w: number, h: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}"/>`;
}

/** Where each line of a text item starts (x) and sits (baseline y), shared with the PDF. */
export function textLines(item: TextItem, fonts: FontLibrary) {
  return item.lines.map((line, i) => {
    const shaped = fonts.shape(line, item.sizeDots, item.bold);
    const free = item.w - shaped.width;
    const dx = item.align === 'center' ? free / 2 : item.align === 'right' ? free : 0;
    return {
      shaped,
      x: item.x + Math.max(dx, 0),
      baseline: item.y + i * item.lineHeightDots + item.sizeDots * BASELINE,
    };
  });
}

function textSvg(item: TextItem, fonts: FontLibrary): string {
  let out = '';
  for (const { shaped, x, baseline } of textLines(item, fonts)) {
    for (const g of shaped.glyphs) {
      const { d, unitsPerEm } = fonts.outline(g.face, g.glyphId);
      if (d === '') continue;
      const s = item.sizeDots / unitsPerEm;
      const gx = round(x + g.x);
      const gy = round(baseline + g.y);
      out += `<path shape-rendering="geometricPrecision" transform="translate(${gx} ${gy}) scale(${round(s, 5)} ${round(-s, 5)})" d="${d}"/>`;
    }
  }
  return out;
}

function barcodeSvg(item: BarcodeItem): string {
  const m = item.moduleDots;
  let out = '';
  if (item.pattern.type === 'linear') {
    let x = item.x;
    item.pattern.widths.forEach((w, i) => {
      if (i % 2 === 0) out += rect(x, item.y, w * m, item.h);
      x += w * m;
    });
    return out;
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
      out += rect(item.x + start * m, item.y + row * m, (col - start) * m, m);
    }
  }
  return out;
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
