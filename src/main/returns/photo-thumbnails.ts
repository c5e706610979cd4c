import { Resvg } from '@resvg/resvg-js';
import type { PhotoMimeType } from '../../shared/returns/qc-codes';

/**
 * A small PNG of a photo, for the certificate: a phone photo is megabytes, and fifty of them
 * would make a certificate nobody can e-mail. resvg (already shipped for the labels) decodes
 * JPEG, PNG and WebP and scales it; the same photo always gives the same bytes. Null when the
 * bytes cannot be drawn (the hash is printed all the same).
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
    const png = new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng();
    return png.length > 0 ? Buffer.from(png) : null;
  } catch {
    return null;
  }
}
