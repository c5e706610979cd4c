import { PNG } from 'pngjs';

/** One bit per dot, rows padded to whole bytes, most significant bit leftmost; 1 = black. */
export interface MonoBitmap {
  width: number;
  height: number;
  rowBytes: number;
  data: Uint8Array;
}

export function createBitmap(width: number, height: number): MonoBitmap {
  const rowBytes = Math.ceil(width / 8);
  return { width, height, rowBytes, data: new Uint8Array(rowBytes * height) };
}

/** RGBA → 1 bit, the way a thermal head prints: each dot black or white, threshold at half grey. */
export function toMono(rgba: Uint8Array, width: number, height: number): MonoBitmap {
  const bitmap = createBitmap(width, height);
  const { rowBytes, data } = bitmap;
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
  return bitmap;
}

export function isBlack(bitmap: MonoBitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bitmap.rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0;
}

/** Blackens dots [x0, x1) of row y, clipped to the bitmap. */
export function fillSpan(bitmap: MonoBitmap, y: number, x0: number, x1: number): void {
  if (y < 0 || y >= bitmap.height) return;
  const from = Math.max(x0, 0);
  const to = Math.min(x1, bitmap.width);
  if (from >= to) return;
  const row = y * bitmap.rowBytes;
  const data = bitmap.data;
  const firstByte = from >> 3;
  const lastByte = (to - 1) >> 3;
  const headMask = 0xff >> (from & 7);
  const tailMask = (0xff << (7 - ((to - 1) & 7))) & 0xff;
  if (firstByte === lastByte) {
    data[row + firstByte] = (data[row + firstByte] as number) | (headMask & tailMask);
    return;
  }
  data[row + firstByte] = (data[row + firstByte] as number) | headMask;
  for (let b = firstByte + 1; b < lastByte; b++) data[row + b] = 0xff;
  data[row + lastByte] = (data[row + lastByte] as number) | tailMask;
}

export function fillRect(bitmap: MonoBitmap, x: number, y: number, w: number, h: number): void {
  const y0 = Math.max(y, 0);
  const y1 = Math.min(y + h, bitmap.height);
  for (let row = y0; row < y1; row++) fillSpan(bitmap, row, x, x + w);
}

/** ORs `source` into `target` with its top-left at (x, y), clipped to the target. */
export function blit(target: MonoBitmap, source: MonoBitmap, x: number, y: number): void {
  const y0 = Math.max(0, -y);
  const y1 = Math.min(source.height, target.height - y);
  const x0 = Math.max(0, -x);
  const x1 = Math.min(source.width, target.width - x);
  for (let sy = y0; sy < y1; sy++) {
    const srcRow = sy * source.rowBytes;
    const dstRow = (sy + y) * target.rowBytes;
    for (let sx = x0; sx < x1; sx++) {
      if (!((source.data[srcRow + (sx >> 3)] as number) & (0x80 >> (sx & 7)))) continue;
      const tx = sx + x;
      const at = dstRow + (tx >> 3);
      target.data[at] = (target.data[at] as number) | (0x80 >> (tx & 7));
    }
  }
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
  const gray = Buffer.alloc(bitmap.width * bitmap.height, 255);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) if (isBlack(bitmap, x, y)) gray[y * bitmap.width + x] = 0;
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}
