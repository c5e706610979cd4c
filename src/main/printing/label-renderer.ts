import { AppError } from '../../shared/errors';
import type { LabelFormat, PrintDpi, PrinterFont, PrinterProfile } from '../../shared/printing';
import type { Layout } from './layout/model';
import { resolveLayout, type LayoutTarget } from './layout/resolve';
import { LabelRasterizer } from './render/compose';
import { renderEscpos } from './render/escpos/render-escpos';
import { renderPdf } from './render/pdf/render-pdf';
import { rasterizePdf } from './render/pdf-raster';
import { monoToPng, type MonoBitmap } from './render/raster';
import { renderZpl } from './render/zpl/render-zpl';
import { templateNamed } from './templates';
import { FontLibrary } from './text/font-library';

/** Resident fonts assumed when no printer profile is given (the CLI's `--format`). */
export const DEFAULT_PRINTER_FONTS: Record<'zpl' | 'escpos', PrinterFont[]> = {
  zpl: [{ id: '0', scripts: ['latin'] }],
  escpos: [{ id: 'A', scripts: ['latin'] }],
};

export interface RenderedLabel {
  format: LabelFormat;
  bytes: Buffer;
  layout: Layout;
}

/** What a label is rendered for: a printer profile, or a bare format (support staff, tests). */
export type RenderTarget =
  | { profile: PrinterProfile }
  | { format: LabelFormat; dpi?: PrintDpi; escpos?: 'epson' | 'star'; mediaWidthMm?: number };

/**
 * One entry point from (template, data, target) to bytes. The layout is resolved once per
 * target and every output draws it, so the preview of a profile is what that printer prints.
 * Made with `await LabelRenderer.load()` (the shaper loads asynchronously, once).
 */
export class LabelRenderer {
  readonly raster: LabelRasterizer;

  static async load(): Promise<LabelRenderer> {
    return new LabelRenderer(await FontLibrary.load());
  }

  constructor(readonly fonts: FontLibrary) {
    this.raster = new LabelRasterizer(fonts);
  }

  /** Validates and fits; throws the coded error (unknown template, bad data, too long, …). */
  layout(template: string, data: unknown, target: RenderTarget): Layout {
    return resolveLayout(templateNamed(template), data, layoutTarget(target), this.fonts);
  }

  async render(
    template: string,
    data: unknown,
    target: RenderTarget,
    createdAt = new Date(0),
  ): Promise<RenderedLabel> {
    const layout = await this.drawnLayout(template, data, target);
    const format = formatOf(target);
    const bytes = await this.renderLayout(layout, format, target, createdAt);
    return { format, bytes, layout };
  }

  /** The picture of the label as this target prints it (a receipt printer's flows down the paper). */
  async preview(template: string, data: unknown, target: RenderTarget): Promise<Buffer> {
    return this.png(await this.drawnLayout(template, data, target));
  }

  /**
   * The layout with each document in it (a platform's PDF label) drawn at its item's size in
   * dots: what is printed and previewed. `layout` alone stays synchronous for checks at enqueue.
   */
  async drawnLayout(template: string, data: unknown, target: RenderTarget): Promise<Layout> {
    const layout = this.layout(template, data, target);
    for (const item of layout.items) {
      if (item.kind === 'image' && !item.bitmap)
        item.bitmap = await rasterizePdf(item.source, { widthDots: item.w, heightDots: item.h });
    }
    return layout;
  }

  png(layout: Layout): Buffer {
    return monoToPng(this.bitmap(layout));
  }

  /** The whole label in printer dots, as the preview shows it. */
  bitmap(layout: Layout): MonoBitmap {
    return this.raster.bitmap(layout);
  }

  private async renderLayout(
    layout: Layout,
    format: LabelFormat,
    target: RenderTarget,
    createdAt: Date,
  ): Promise<Buffer> {
    const profile = 'profile' in target ? target.profile : null;
    switch (format) {
      case 'png':
        return this.png(layout);
      case 'pdf':
        return renderPdf(layout, this.fonts, { createdAt });
      case 'zpl':
        return Buffer.from(
          renderZpl(layout, this.raster, {
            fonts: profile?.fonts ?? DEFAULT_PRINTER_FONTS.zpl,
            ...(profile ? { darkness: profile.darkness, offsetMm: profile.offsetMm } : {}),
          }),
          'utf8',
        );
      case 'escpos': {
        const dialect = profile
          ? profile.language === 'escpos-star'
            ? 'star'
            : 'epson'
          : 'escpos' in target
            ? (target.escpos ?? 'epson')
            : 'epson';
        return renderEscpos(layout, this.raster, dialect);
      }
      default:
        throw new AppError('PRINT_FORMAT_UNSUPPORTED', { format: String(format) });
    }
  }
}

export function formatOf(target: RenderTarget): LabelFormat {
  if ('format' in target) return target.format;
  const language = target.profile.language;
  return language === 'zpl' ? 'zpl' : language === 'pdf' ? 'pdf' : 'escpos';
}

function layoutTarget(target: RenderTarget): LayoutTarget {
  if ('profile' in target) {
    const p = target.profile;
    return { dpi: p.dpi, language: p.language, fonts: p.fonts, mediaWidthMm: p.media.widthMm };
  }
  const dpi = target.dpi ?? 203;
  switch (target.format) {
    case 'zpl':
      return { dpi, language: 'zpl', fonts: DEFAULT_PRINTER_FONTS.zpl };
    case 'escpos':
      return {
        dpi,
        language: target.escpos === 'star' ? 'escpos-star' : 'escpos-epson',
        fonts: DEFAULT_PRINTER_FONTS.escpos,
        mediaWidthMm: target.mediaWidthMm ?? 80,
      };
    case 'png':
    case 'pdf':
      return { dpi, language: null, fonts: [] };
    default:
      throw new AppError('PRINT_FORMAT_UNSUPPORTED', { format: String(target.format) });
  }
}
