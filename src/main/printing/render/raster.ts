import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';

/** One bit per dot, rows padded to whole bytes, most significant bit leftmost; 1 = black. */
export interface MonoBitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Uint8Array;
}

/**
 * SVG → 1-bit bitmap, the way a thermal head prints it: each dot black or white, threshold at
 * half grey. resvg draws (no system fonts: the SVG holds outlines only, so a PC without Thai or
 * Chinese fonts draws the same dots).
 */
export function rasterizeSvg(svg: string): MonoBitmap {
  const rendered = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: false },
  }).render();
  return toMono(rendered.pixels, rendered.width, rendered.height);
}

export function toMono(rgba: Uint8Array, width: number, height: number): MonoBitmap {
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = (rgba[i + 3] as number) / 255;
      // Composite over white, then Rec. 709 luma.
      const lum =
        (0.2126 * (rgba[i] as number) + 0.7152 * (rgba[i + 1] as number) + 0.0722 * (rgba[i + 2] as number)) *
          a +
        255 * (1 - a);
      const at = y * rowBytes + (x >> 3);
      if (lum < 128) data[at] = (data[at] as number) | (0x80 >> (x & 7));
    }
  }
  return { width, height, rowBytes, data };
}

export function isBlack(bitmap: MonoBitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bitmap.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
}

/** An opaque black-and-white PNG (no transparency: decoders and printers both want it flat). */
export function monoToPng(bitmap: MonoBitmap): Buffer {
  const png = new PNG({
    width: bitmap.width,
    height: bitmap.height,
    colorType: 0,
    inputColorType: 0,
    bitDepth: 8,
  });
  const gray = Buffer.alloc(bitmap.width * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) gray[y * bitmap.width + x] = isBlack(bitmap, x, y) ? 0 : 255;
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}
