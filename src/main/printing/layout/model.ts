import type { z } from 'zod';
import type { MonoBitmap } from '../render/raster';

/**
 * Templates are data: a list of elements in millimetres, with `{field}` placeholders for the
 * label's data. One definition is resolved (fitted to a printer's width and dpi) into a Layout in
 * dots, and every output (ZPL, ESC/POS, PNG, PDF) draws that same Layout.
 */
export type Align = 'left' | 'center' | 'right';
export type Symbology = 'code128' | 'qrcode' | 'datamatrix';

export interface TextElement {
  kind: 'text';
  x: number;
  y: number;
  w: number;
  h: number;
  /** `{field}` placeholders; literal text around them is printed as written. */
  text: string;
  sizeMm: number;
  /** Shrink down to this size before wrapping further; defaults to sizeMm (no shrinking). */
  minSizeMm?: number;
  bold?: boolean;
  align?: Align;
  maxLines?: number;
  /** What to do when it cannot fit at the smallest size: refuse (default) or cut with "…". */
  overflow?: 'error' | 'ellipsis';
}

export interface BarcodeElement {
  kind: 'barcode';
  x: number;
  y: number;
  w: number;
  h: number;
  symbology: Symbology;
  value: string;
  /** Preferred narrow-bar / module size; reduced (never below one dot) to fit `w`. */
  moduleMm?: number;
  /** Prints the value under a linear barcode, inside `h`. */
  humanReadable?: boolean;
}

export interface LineElement {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thicknessMm: number;
}

export interface BoxElement {
  kind: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
  thicknessMm: number;
}

/**
 * A document from the data (the platform's PDF shipping label), drawn scaled to fit the box.
 * `field` names a data field holding the document as base64.
 */
export interface ImageElement {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  field: string;
  format: 'pdf';
}

/** Repeats its elements for each entry of an array field, one row under the other. */
export interface RepeatElement {
  kind: 'repeat';
  field: string;
  y: number;
  rowHeightMm: number;
  /** Positions relative to the row's top; placeholders name the entry's own fields. */
  elements: (TextElement | LineElement)[];
}

export type Element = TextElement | BarcodeElement | LineElement | BoxElement | ImageElement | RepeatElement;

export interface LabelTemplate<S extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  /** heightMm null: continuous paper, as long as the content (receipts). */
  size: { widthMm: number; heightMm: number | null };
  schema: S;
  example: z.input<S>;
  /** Values computed from the data (e.g. a code turned into the words printed), merged into it. */
  derive?(data: z.output<S>): Record<string, unknown>;
  elements: Element[];
}

/** A resolved label, in dots of one printer resolution. */
export interface Layout {
  template: string;
  dpi: number;
  widthDots: number;
  heightDots: number;
  /** True for continuous paper (receipt printers cut after it). */
  continuous: boolean;
  items: LayoutItem[];
  /** Things that printed differently from the template's wish, e.g. a text cut with "…". */
  notes: string[];
}

export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  sizeDots: number;
  lineHeightDots: number;
  bold: boolean;
  align: Align;
  /** `printer`: the printer's own font prints it; `raster`: we draw it and send a bitmap. */
  font: 'printer' | 'raster';
  field: string;
}

export interface BarcodeItem {
  kind: 'barcode';
  x: number;
  y: number;
  /** Drawn size, in dots (modules × moduleDots). */
  w: number;
  h: number;
  symbology: Symbology;
  value: string;
  moduleDots: number;
  /** Module pattern from the encoder: bar/space widths (linear) or a square bit matrix (2D). */
  pattern: BarcodePattern;
  field: string;
}

export type BarcodePattern =
  { type: 'linear'; widths: number[]; modules: number } | { type: 'matrix'; size: number; bits: Uint8Array };

export interface LineItem {
  kind: 'line';
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoxItem {
  kind: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
  thickness: number;
}

/**
 * A document placed in dots. Laying out is synchronous and rasterising a PDF is not, so the
 * bitmap is filled in afterwards (LabelRenderer.drawnLayout) at exactly w × h; until then
 * (validation at enqueue) it is null and nothing is drawn.
 */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  format: 'pdf';
  source: Uint8Array;
  bitmap: MonoBitmap | null;
  field: string;
}

export type LayoutItem = TextItem | BarcodeItem | LineItem | BoxItem | ImageItem;
