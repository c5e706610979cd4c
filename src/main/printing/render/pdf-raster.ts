import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { toMono, type MonoBitmap } from './raster';

/**
 * A PDF page → a 1-bit bitmap of exactly `widthDots × heightDots`, the page scaled to fit (its
 * aspect kept, centred) and thresholded the way a thermal head prints. pdfjs-dist (Mozilla's
 * renderer, legacy build for Node) draws into @napi-rs/canvas (Skia, prebuilt per platform in
 * the npm package): neither needs a system library, a browser or a network at run time.
 *
 * Platform labels (TikTok Shop) come only as PDF in our markets; this is how they reach a ZPL or
 * ESC/POS printer, which cannot take a PDF.
 */
export interface PdfRasterOptions {
  widthDots: number;
  heightDots: number;
  /** 1-based; platform labels are one page. */
  page?: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type Canvas = typeof import('@napi-rs/canvas');
let libs: Promise<[PdfJs, Canvas]> | null = null;

// Loaded on first use: both are large (one native) and most stations never print a platform label.
function load(): Promise<[PdfJs, Canvas]> {
  libs ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  return libs;
}

/** pdfjs reads the 14 standard fonts (Helvetica, …) from files it ships; labels rarely embed them. */
function standardFontDir(): string {
  const pkg = createRequire(__filename).resolve('pdfjs-dist/package.json');
  return path.join(path.dirname(pkg), 'standard_fonts') + path.sep;
}

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

export async function rasterizePdf(pdf: Uint8Array, options: PdfRasterOptions): Promise<MonoBitmap> {
  const { widthDots, heightDots } = options;
  const [lib, { createCanvas }] = await load();
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: standardFontDir(),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise.catch((err: unknown) => {
      throw new AppError('PRINT_DATA_INVALID', {
        template: '(pdf)',
        field: 'pdf',
        issue: err instanceof Error ? err.message : 'unreadable PDF',
      });
    });
    const page = await doc.getPage(options.page ?? 1);
    const unit = page.getViewport({ scale: 1 });
    const scale = Math.min(widthDots / unit.width, heightDots / unit.height);
    const viewport = page.getViewport({
      scale,
      offsetX: (widthDots - unit.width * scale) / 2,
      offsetY: (heightDots - unit.height * scale) / 2,
    });
    const canvas = createCanvas(widthDots, heightDots);
    const ctx = canvas.getContext('2d');
    // Paper is white; pdfjs paints only what the page draws.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, widthDots, heightDots);
    await page.render({
      canvas: canvas as never,
      canvasContext: ctx as never,
      viewport,
      background: '#ffffff',
    }).promise;
    const rgba = ctx.getImageData(0, 0, widthDots, heightDots).data;
    return toMono(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), widthDots, heightDots);
  } finally {
    await task.destroy();
  }
}
