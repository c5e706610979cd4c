import { AppError } from '../../../shared/errors';
import type { PrintDpi, PrinterFont, PrinterLanguage } from '../../../shared/printing';
import { code128SetBModules, encodeBarcode } from '../barcodes/symbology';
import type { FontLibrary } from '../text/font-library';
import { LINE_HEIGHT } from '../text/font-library';
import { isPrintableAscii, scriptOf } from '../text/scripts';
import { isPdf } from '../render/pdf-raster';
import { fitText, type Measure } from './fit-text';
import type {
  BarcodeElement,
  BarcodeItem,
  Element,
  ImageElement,
  ImageItem,
  LabelTemplate,
  Layout,
  LayoutItem,
  TextElement,
  TextItem,
} from './model';

export interface LayoutTarget {
  dpi: PrintDpi;
  /** null: no printer (a preview or a PDF): every text is drawn by us. */
  language: PrinterLanguage | null;
  /** The printer's own fonts; a text they cover prints in them, anything else is rasterised. */
  fonts: readonly PrinterFont[];
  /** Paper width of a receipt printer; the label flows down it. */
  mediaWidthMm?: number;
}

/** ESC/POS resident font A: 12×24 dots per character, scaled by whole multiples (GS !). */
export const ESCPOS_CELL = { width: 12, height: 24 } as const;
const ESCPOS_LINE_SPACING = 30;
const FLOW_GAP_MM = 1.5;

export const mmToDots = (mm: number, dpi: number): number => Math.round((mm * dpi) / 25.4);

/** Printable width of a receipt printer's paper (80 mm paper prints 72 mm, 58 mm prints 48 mm). */
export function escposPrintableMm(paperMm: number): number {
  return paperMm >= 80 ? 72 : Math.max(paperMm - 10, 20);
}

/**
 * Validates the data against the template's schema and fits every element to the target:
 * text wrapped and shrunk (or refused, `PRINT_TEXT_TOO_LONG`), barcodes encoded and sized to
 * whole dots per module (or refused). Receipt printers (ESC/POS) print line by line, so for
 * them the elements flow one under the other, and the preview of that printer flows the same way.
 */
export function resolveLayout(
  template: LabelTemplate,
  data: unknown,
  target: LayoutTarget,
  fonts: FontLibrary,
): Layout {
  const parsed = template.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('PRINT_DATA_INVALID', {
      template: template.name,
      field: issue?.path.join('.') || '(root)',
      issue: issue?.message ?? 'invalid',
    });
  }
  const values = {
    ...(parsed.data as Record<string, unknown>),
    ...(template.derive?.(parsed.data) ?? {}),
  };
  const ctx = new Resolver(template, target, fonts);
  const flow = target.language === 'escpos-epson' || target.language === 'escpos-star';
  const elements = expandRepeats(template.elements, values);
  return flow ? ctx.flow(elements) : ctx.place(elements);
}

interface Concrete {
  element: Exclude<Element, { kind: 'repeat' }>;
  values: Record<string, unknown>;
}

/** Repeats become rows; every element below a repeat moves down by the rows it added. */
function expandRepeats(elements: Element[], values: Record<string, unknown>): Concrete[] {
  const out: Concrete[] = [];
  const shifts: { fromY: number; by: number }[] = [];
  const shiftFor = (y: number): number => shifts.filter((s) => y > s.fromY).reduce((a, s) => a + s.by, 0);
  for (const element of elements) {
    if (element.kind !== 'repeat') continue;
    const rows = Array.isArray(values[element.field]) ? (values[element.field] as unknown[]) : [];
    shifts.push({ fromY: element.y, by: Math.max(rows.length - 1, 0) * element.rowHeightMm });
  }
  for (const element of elements) {
    if (element.kind === 'repeat') {
      const rows = Array.isArray(values[element.field]) ? (values[element.field] as unknown[]) : [];
      const base = element.y + shiftFor(element.y);
      rows.forEach((row, i) => {
        const rowValues = { ...values, ...(row as Record<string, unknown>) };
        for (const child of element.elements) {
          const dy = base + i * element.rowHeightMm;
          out.push({
            element:
              child.kind === 'line'
                ? { ...child, y1: child.y1 + dy, y2: child.y2 + dy }
                : { ...child, y: child.y + dy },
            values: rowValues,
          });
        }
      });
      continue;
    }
    const y = element.kind === 'line' ? element.y1 : element.y;
    const dy = shiftFor(y);
    out.push({
      element:
        element.kind === 'line'
          ? { ...element, y1: element.y1 + dy, y2: element.y2 + dy }
          : { ...element, y: y + dy },
      values,
    });
  }
  return out;
}

class Resolver {
  private readonly dpi: number;
  private readonly notes: string[] = [];

  constructor(
    private readonly template: LabelTemplate,
    private readonly target: LayoutTarget,
    private readonly fonts: FontLibrary,
  ) {
    this.dpi = target.dpi;
  }

  private dots(mm: number): number {
    return mmToDots(mm, this.dpi);
  }

  place(elements: Concrete[]): Layout {
    const items: LayoutItem[] = [];
    for (const { element: e, values } of elements) {
      if (e.kind === 'text') items.push(this.text(e, values, this.dots(e.x), this.dots(e.w)));
      else if (e.kind === 'barcode') items.push(...this.barcode(e, values, this.dots(e.w)));
      else if (e.kind === 'line') {
        const t = Math.max(this.dots(e.thicknessMm), 1);
        const x = this.dots(Math.min(e.x1, e.x2));
        const y = this.dots(Math.min(e.y1, e.y2));
        items.push({
          kind: 'line',
          x,
          y,
          w: Math.max(this.dots(Math.abs(e.x2 - e.x1)), t),
          h: Math.max(this.dots(Math.abs(e.y2 - e.y1)), t),
        });
      } else if (e.kind === 'image') {
        items.push(this.image(e, values, this.dots(e.x), this.dots(e.y), this.dots(e.w), this.dots(e.h)));
      } else {
        items.push({
          kind: 'box',
          x: this.dots(e.x),
          y: this.dots(e.y),
          w: this.dots(e.w),
          h: this.dots(e.h),
          thickness: Math.max(this.dots(e.thicknessMm), 1),
        });
      }
    }
    const widthDots = this.dots(this.template.size.widthMm);
    const contentBottom = Math.max(0, ...items.map((i) => i.y + i.h));
    const heightDots =
      this.template.size.heightMm === null
        ? contentBottom + this.dots(3)
        : this.dots(this.template.size.heightMm);
    return this.layout(widthDots, heightDots, items);
  }

  /** Receipt printers: one element under the other, at the full printable width. */
  flow(elements: Concrete[]): Layout {
    const width = this.dots(escposPrintableMm(this.target.mediaWidthMm ?? 80));
    const ordered = [...elements].sort(
      (a, b) => top(a.element) - top(b.element) || left(a.element) - left(b.element),
    );
    const items: LayoutItem[] = [];
    let cursor = 0;
    const gap = this.dots(FLOW_GAP_MM);
    const scale = width / this.dots(this.template.size.widthMm);
    for (let index = 0; index < ordered.length; index++) {
      const { element: e, values } = ordered[index] as Concrete;
      const next = ordered[index + 1];
      if (e.kind === 'text' && next?.element.kind === 'text' && next.element.y === e.y) {
        // Texts side by side on one row (a receipt's label and its count) stay on one printed line.
        const row: TextItem[] = [];
        while (index < ordered.length) {
          const c = ordered[index] as Concrete;
          if (c.element.kind !== 'text' || c.element.y !== e.y) break;
          row.push(
            this.text(
              c.element,
              c.values,
              Math.round(this.dots(c.element.x) * scale),
              Math.round(this.dots(c.element.w) * scale),
            ),
          );
          index++;
        }
        index--;
        const h = Math.max(...row.map((r) => r.lines.length * r.lineHeightDots));
        for (const item of row) Object.assign(item, { y: cursor, h });
        items.push(...row);
        cursor += h + gap;
      } else if (e.kind === 'text') {
        const item = this.text(e, values, 0, width);
        item.y = cursor;
        item.h = item.lines.length * item.lineHeightDots;
        items.push(item);
        cursor += item.h + gap;
      } else if (e.kind === 'barcode') {
        const placed = this.barcode(e, values, Math.min(this.dots(e.w), width));
        const first = placed[0] as BarcodeItem;
        const dx = Math.floor((width - first.w) / 2) - first.x;
        const dy = cursor - first.y;
        for (const p of placed) {
          p.x += dx;
          p.y += dy;
          if (p.kind === 'text') {
            p.x = 0;
            p.w = width;
          }
          items.push(p);
        }
        cursor = Math.max(...placed.map((p) => p.y + p.h)) + gap;
      } else if (e.kind === 'image') {
        // The document at the full printable width, its proportions kept.
        const h = Math.round((this.dots(e.h) * width) / Math.max(this.dots(e.w), 1));
        items.push(this.image(e, values, 0, cursor, width, h));
        cursor += h + gap;
      } else if (e.kind === 'line' && e.y1 === e.y2) {
        const h = Math.max(this.dots(e.thicknessMm), 1);
        items.push({ kind: 'line', x: 0, y: cursor, w: width, h });
        cursor += h + gap;
      } else {
        this.notes.push(`${e.kind} left out: a receipt printer prints line by line`);
      }
    }
    return { ...this.layout(width, cursor + this.dots(3), items), continuous: true };
  }

  private layout(widthDots: number, heightDots: number, items: LayoutItem[]): Layout {
    return {
      template: this.template.name,
      dpi: this.dpi,
      widthDots,
      heightDots,
      continuous: this.template.size.heightMm === null,
      items,
      notes: this.notes,
    };
  }

  private image(
    e: ImageElement,
    values: Record<string, unknown>,
    x: number,
    y: number,
    w: number,
    h: number,
  ): ImageItem {
    const value = values[e.field];
    const source = typeof value === 'string' ? Buffer.from(value, 'base64') : null;
    if (!source || !isPdf(source)) {
      throw new AppError('PRINT_DATA_INVALID', {
        template: this.template.name,
        field: e.field,
        issue: 'not a base64 PDF document',
      });
    }
    return { kind: 'image', x, y, w, h, format: e.format, source, bitmap: null, field: e.field };
  }

  private text(e: TextElement, values: Record<string, unknown>, x: number, w: number): TextItem {
    const field = placeholderField(e.text);
    const text = substitute(e.text, values).normalize('NFC');
    const bad = this.fonts.unsupported(text.replace(/\n/g, ''));
    if (bad) {
      throw new AppError('PRINT_TEXT_UNSUPPORTED_CHARACTER', {
        template: this.template.name,
        field,
        character: bad.character,
        codePoint: bad.codePoint,
      });
    }
    const bold = e.bold ?? false;
    const printer = this.printerFontCovers(text);
    const h = this.dots(e.h);
    const escpos = printer && this.isEscpos();
    const sizes = escpos ? this.escposSizes(e) : this.rasterSizes(e);
    const measure: Measure = escpos
      ? (t, size) => [...t].length * ESCPOS_CELL.width * (size / ESCPOS_CELL.height)
      : (t, size) => this.fonts.width(t, size, bold);
    const fit = fitText({
      text,
      widthDots: w,
      heightDots: h,
      sizes,
      maxLines: e.maxLines ?? 99,
      measure,
      ellipsis: e.overflow === 'ellipsis',
    });
    if (!fit.ok) {
      throw new AppError('PRINT_TEXT_TOO_LONG', {
        template: this.template.name,
        field,
        maxLines: fit.maxLines,
      });
    }
    if (fit.truncated) this.notes.push(`${field} shortened with …`);
    return {
      kind: 'text',
      x,
      y: this.dots(e.y),
      w,
      h,
      lines: fit.lines,
      sizeDots: fit.sizeDots,
      lineHeightDots: fit.lineHeightDots,
      bold,
      align: e.align ?? 'left',
      font: printer ? 'printer' : 'raster',
      field,
    };
  }

  private rasterSizes(e: TextElement): { sizeDots: number; lineHeightDots: number }[] {
    const out: { sizeDots: number; lineHeightDots: number }[] = [];
    const max = this.dots(e.sizeMm);
    const min = Math.min(this.dots(e.minSizeMm ?? e.sizeMm), max);
    const step = Math.max(1, Math.round(this.dpi / 100));
    for (let s = max; s >= min; s -= step)
      out.push({ sizeDots: s, lineHeightDots: Math.ceil(s * LINE_HEIGHT) });
    if (out.at(-1)?.sizeDots !== min)
      out.push({ sizeDots: min, lineHeightDots: Math.ceil(min * LINE_HEIGHT) });
    return out;
  }

  /** The resident font only scales by whole multiples of its 24-dot cell. */
  private escposSizes(e: TextElement): { sizeDots: number; lineHeightDots: number }[] {
    const k = (mm: number): number =>
      Math.min(8, Math.max(1, Math.round(this.dots(mm) / ESCPOS_CELL.height)));
    const out: { sizeDots: number; lineHeightDots: number }[] = [];
    for (let m = k(e.sizeMm); m >= k(e.minSizeMm ?? e.sizeMm); m--) {
      const size = m * ESCPOS_CELL.height;
      out.push({ sizeDots: size, lineHeightDots: Math.max(size, ESCPOS_LINE_SPACING) });
    }
    return out;
  }

  private isEscpos(): boolean {
    return this.target.language === 'escpos-epson' || this.target.language === 'escpos-star';
  }

  /** True when one of the printer's own fonts covers every character of the text. */
  private printerFontCovers(text: string): boolean {
    if (this.target.language === null || this.target.language === 'pdf') return false;
    if (this.isEscpos() && !isPrintableAscii(text)) return false;
    return this.target.fonts.some((font) =>
      [...text].every((ch) => {
        const script = scriptOf(ch.codePointAt(0) as number);
        return script !== 'other' && font.scripts.includes(script);
      }),
    );
  }

  private barcode(e: BarcodeElement, values: Record<string, unknown>, wDots: number): LayoutItem[] {
    const field = placeholderField(e.value);
    const value = substitute(e.value, values);
    let pattern;
    try {
      pattern = encodeBarcode(e.symbology, value, field);
    } catch (err) {
      if (err instanceof AppError)
        throw new AppError(err.code, { template: this.template.name, ...err.params });
      throw err;
    }
    const x = this.dots(e.x);
    const y = this.dots(e.y);
    const textMm = e.humanReadable && e.symbology === 'code128' ? 3.2 : 0;
    // ESC/POS barcode height is one byte.
    const hDots = this.isEscpos() ? Math.min(this.dots(e.h - textMm), 255) : this.dots(e.h - textMm);
    const preferred = Math.max(1, this.dots(e.moduleMm ?? (e.symbology === 'code128' ? 0.375 : 0.75)));
    const tooLarge = (): never => {
      throw new AppError('PRINT_BARCODE_TOO_LARGE', {
        template: this.template.name,
        field,
        symbology: e.symbology,
      });
    };
    let item: BarcodeItem;
    if (pattern.type === 'linear') {
      // An Epson prints in code set B (the `{B` prefix), wider than the optimised encoding.
      const modules = this.isEscpos()
        ? Math.max(code128SetBModules(value), pattern.modules)
        : pattern.modules;
      const minModule = this.isEscpos() ? 2 : 1;
      let m = Math.min(preferred, Math.floor(wDots / modules), this.isEscpos() ? 6 : 10);
      if (m < minModule) tooLarge();
      m = Math.max(m, minModule);
      item = {
        kind: 'barcode',
        x,
        y,
        w: modules * m,
        h: hDots,
        symbology: e.symbology,
        value,
        moduleDots: m,
        pattern,
        field,
      };
    } else {
      const side = Math.min(wDots, hDots);
      const m = Math.min(Math.max(preferred, 2), Math.floor(side / pattern.size), this.isEscpos() ? 8 : 10);
      if (m < 2) tooLarge();
      const size = pattern.size * m;
      item = {
        kind: 'barcode',
        x,
        y,
        w: size,
        h: size,
        symbology: e.symbology,
        value,
        moduleDots: m,
        pattern,
        field,
      };
    }
    const out: LayoutItem[] = [item];
    if (textMm > 0) {
      const printer = this.printerFontCovers(value);
      const sizeDots = printer && this.isEscpos() ? ESCPOS_CELL.height : this.dots(2.4);
      out.push({
        kind: 'text',
        x: item.x,
        y: item.y + item.h + this.dots(0.3),
        w: item.w,
        h: this.dots(textMm),
        lines: [value],
        sizeDots,
        lineHeightDots: Math.ceil(sizeDots * LINE_HEIGHT),
        bold: false,
        align: 'center',
        font: printer ? 'printer' : 'raster',
        field,
      });
    }
    return out;
  }
}

function top(e: Concrete['element']): number {
  return e.kind === 'line' ? Math.min(e.y1, e.y2) : e.y;
}
function left(e: Concrete['element']): number {
  return e.kind === 'line' ? Math.min(e.x1, e.x2) : e.x;
}

const PLACEHOLDER = /\{([A-Za-z_][\w.]*)\}/g;

export function substitute(text: string, values: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    let v: unknown = values;
    for (const part of name.split('.'))
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v === undefined || v === null ? '' : String(v);
  });
}

function placeholderField(text: string): string {
  const m = /\{([A-Za-z_][\w.]*)\}/.exec(text);
  return m?.[1] ?? text.slice(0, 40);
}
