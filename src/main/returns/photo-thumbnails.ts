import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import type { PhotoMimeType } from '../../shared/returns/qc-codes';

/**
 * A small PNG of a photo, for the certificate: a phone photo is megabytes, and fifty of them
 * would make a certificate nobody can e-mail. resvg (already shipped for the labels) decodes
 * JPEG, PNG and WebP and scales it; the same photo always gives the same bytes. Null when the
 * bytes cannot be drawn (the hash is printed all the same).
 *
 * The PNG has no alpha channel (flattened on white): PDFKit splits an alpha channel off on an
 * asynchronous inflate, so the order its image objects land in the file — and the certificate's
 * hash — would depend on which photo decoded first.
 */
export function thumbnailPng(
  bytes: Uint8Array,
  mimeType: PhotoMimeType,
  size: { width: number; height: number },
  box: { width: number; height: number },
): Buffer | null {
  const k = Math.min(box.width / size.width, box.height / size.height, 1);
  const width = Math.max(1, Math.round(size.width * k));
  const height = Math.max(1, Math.round(size.height * k));
  const href = `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" xlink:href="${href}"/></svg>`;
  try {
    const rendered = new Resvg(svg, { fitTo: { mode: 'original' } }).render();
    return rendered.width > 0 && rendered.height > 0
      ? opaquePng(rendered.pixels, rendered.width, rendered.height)
      : null;
  } catch {
    return null;
  }
}

/** RGBA pixels as an 8-bit RGB PNG: pngjs composites each pixel over white when it drops alpha. */
function opaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, bitDepth: 8 });
}
