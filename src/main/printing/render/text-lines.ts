import type { TextItem } from '../layout/model';
import { BASELINE, type FontLibrary, type ShapedLine } from '../text/font-library';

export interface PlacedLine {
  shaped: ShapedLine;
  /** Left end of the line, in dots. */
  x: number;
  /** Baseline, in dots from the top of the label. */
  baseline: number;
}

/** Where each line of a text item starts and sits: one geometry for the bitmap and the PDF. */
export function textLines(item: TextItem, fonts: FontLibrary): PlacedLine[] {
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

/**
 * The box a drawn text is clipped to: its lines' height, and its width rounded up to whole bytes,
 * the size of the `^GFA` graphic a Zebra gets, so the preview shows exactly what the printer prints.
 */
export function textBox(item: TextItem): { x: number; y: number; w: number; h: number } {
  return {
    x: item.x,
    y: item.y,
    w: Math.ceil(item.w / 8) * 8,
    h: Math.max(item.lines.length * item.lineHeightDots, 1),
  };
}
