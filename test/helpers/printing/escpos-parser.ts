import { PNG } from 'pngjs';

/**
 * Reads back the ESC/POS (Epson) or Star line-mode bytes we send, command by command, so a test
 * can assert what a receipt printer would do: the text lines, the barcodes with their data, the
 * raster images, the cut. An unknown command fails the parse: nothing is silently skipped.
 */
export interface ParsedText {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** Character magnification (1 = 12×24 dots). */
  size: number;
}

export interface ParsedImage {
  width: number;
  height: number;
  /** 1 bit per dot, rows of ceil(width/8) bytes, MSB first. */
  bits: Uint8Array;
}

export interface ParsedEscpos {
  texts: ParsedText[];
  code128: { data: string; moduleDots: number; height: number }[];
  qr: { data: string; cellSize: number }[];
  images: ParsedImage[];
  cuts: number;
  resets: number;
}

export function parseEscpos(bytes: Uint8Array, dialect: 'epson' | 'star'): ParsedEscpos {
  const out: ParsedEscpos = { texts: [], code128: [], qr: [], images: [], cuts: 0, resets: 0 };
  let align: ParsedText['align'] = 'left';
  let bold = false;
  let size = 1;
  let line = '';
  let barcode = { module: 3, height: 162 };
  let qrCell = 3;
  let qrData = '';
  let starBand: ParsedImage | null = null;
  const b = Buffer.from(bytes);
  let i = 0;
  const need = (n: number): void => {
    if (i + n > b.length) throw new Error(`truncated command at byte ${i}`);
  };
  const flush = (): void => {
    out.texts.push({ text: line, align, bold, size });
    line = '';
  };
  const alignOf = (n: number): ParsedText['align'] =>
    n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left';
  const flushBand = (): void => {
    if (starBand) out.images.push(starBand);
    starBand = null;
  };

  while (i < b.length) {
    const c = b[i] as number;
    if (c === 0x0a) {
      if (line !== '') flush();
      i++;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      flushBand();
      line += String.fromCharCode(c);
      i++;
      continue;
    }
    if (c === 0x0b && dialect === 'star') {
      i++;
      continue;
    }
    if (c === 0x1b) {
      need(2);
      const n = b[i + 1] as number;
      if (n !== 0x6b) flushBand();
      if (n === 0x40) {
        out.resets++;
        i += 2;
      } else if (dialect === 'epson' && n === 0x61) {
        need(3);
        align = alignOf(b[i + 2] as number);
        i += 3;
      } else if (dialect === 'epson' && n === 0x45) {
        need(3);
        bold = b[i + 2] === 1;
        i += 3;
      } else if (dialect === 'epson' && n === 0x21) {
        need(3);
        if (b[i + 2] === 0) size = 1;
        i += 3;
      } else if (n === 0x64) {
        need(3);
        if (dialect === 'star' && (b[i + 2] === 2 || b[i + 2] === 3)) out.cuts++;
        i += 3;
      } else if (dialect === 'star' && n === 0x45) {
        bold = true;
        i += 2;
      } else if (dialect === 'star' && n === 0x46) {
        bold = false;
        i += 2;
      } else if (dialect === 'star' && n === 0x69) {
        need(4);
        size = (b[i + 2] as number) + 1;
        i += 4;
      } else if (dialect === 'star' && n === 0x30) {
        i += 2;
      } else if (dialect === 'star' && n === 0x7a) {
        i += 3;
      } else if (dialect === 'star' && n === 0x62) {
        // ESC b n1 n2 n3 n4 data RS: type, HRI, width, height
        need(6);
        const end = b.indexOf(0x1e, i + 6);
        if (end < 0) throw new Error('Star barcode without RS');
        const width = b[i + 4] === 0x31 ? 2 : b[i + 4] === 0x32 ? 3 : 4;
        out.code128.push({
          data: b.toString('latin1', i + 6, end),
          moduleDots: width,
          height: b[i + 5] as number,
        });
        i = end + 1;
      } else if (dialect === 'star' && n === 0x6b) {
        // ESC k n1 n2 d: one band of 24 raster rows
        need(4);
        const rowBytes = (b[i + 2] as number) + 256 * (b[i + 3] as number);
        need(4 + rowBytes * 24);
        const band = b.subarray(i + 4, i + 4 + rowBytes * 24);
        if (!starBand || starBand.width !== rowBytes * 8) {
          flushBand();
          starBand = { width: rowBytes * 8, height: 0, bits: new Uint8Array(0) };
        }
        starBand = { ...starBand, height: starBand.height + 24, bits: concat(starBand.bits, band) };
        i += 4 + rowBytes * 24;
        if (b[i] === 0x0a) i++;
      } else if (dialect === 'star' && n === 0x1d) {
        need(3);
        const m = b[i + 2] as number;
        if (m === 0x61) {
          need(4);
          align = alignOf(b[i + 3] as number);
          i += 4;
        } else if (m === 0x79) {
          need(4);
          const sub = b[i + 3] as number;
          if (sub === 0x53) {
            need(6);
            if (b[i + 4] === 0x32) qrCell = b[i + 5] as number;
            i += 6;
          } else if (sub === 0x44) {
            need(8);
            if (b[i + 4] !== 0x31 || b[i + 5] !== 0x00)
              throw new Error(`Star QR data command malformed at ${i}`);
            const len = (b[i + 6] as number) + 256 * (b[i + 7] as number);
            need(8 + len);
            qrData = b.toString('latin1', i + 8, i + 8 + len);
            i += 8 + len;
            if (b[i] === 0x0a) i++;
          } else if (sub === 0x50) {
            out.qr.push({ data: qrData, cellSize: qrCell });
            i += 4;
          } else throw new Error(`unknown Star QR command ${sub.toString(16)} at ${i}`);
        } else throw new Error(`unknown ESC GS ${m.toString(16)} at ${i}`);
      } else throw new Error(`unknown ESC ${n.toString(16)} at ${i}`);
      continue;
    }
    if (c === 0x1d && dialect === 'epson') {
      need(2);
      const n = b[i + 1] as number;
      if (n === 0x21) {
        need(3);
        size = ((b[i + 2] as number) & 0x0f) + 1;
        i += 3;
      } else if (n === 0x48 || n === 0x66) i += 3;
      else if (n === 0x77) {
        barcode = { ...barcode, module: b[i + 2] as number };
        i += 3;
      } else if (n === 0x68) {
        barcode = { ...barcode, height: b[i + 2] as number };
        i += 3;
      } else if (n === 0x6b) {
        need(4);
        if (b[i + 2] !== 73) throw new Error(`barcode type ${b[i + 2]} is not Code 128`);
        const len = b[i + 3] as number;
        need(4 + len);
        const raw = b.toString('latin1', i + 4, i + 4 + len);
        if (!raw.startsWith('{B')) throw new Error(`Code 128 without a code-set prefix: ${raw}`);
        out.code128.push({
          data: raw.slice(2).replace(/\{\{/g, '{'),
          moduleDots: barcode.module,
          height: barcode.height,
        });
        i += 4 + len;
      } else if (n === 0x28) {
        need(5);
        const len = (b[i + 3] as number) + 256 * (b[i + 4] as number);
        need(5 + len);
        const fn = b[i + 6] as number;
        if (b[i + 2] !== 0x6b) throw new Error(`unknown GS ( ${String.fromCharCode(b[i + 2] as number)}`);
        if (fn === 0x43) qrCell = b[i + 7] as number;
        else if (fn === 0x50) qrData = b.toString('latin1', i + 8, i + 5 + len);
        else if (fn === 0x51) out.qr.push({ data: qrData, cellSize: qrCell });
        i += 5 + len;
      } else if (n === 0x76) {
        need(8);
        const rowBytes = (b[i + 4] as number) + 256 * (b[i + 5] as number);
        const height = (b[i + 6] as number) + 256 * (b[i + 7] as number);
        need(8 + rowBytes * height);
        out.images.push({
          width: rowBytes * 8,
          height,
          bits: Uint8Array.from(b.subarray(i + 8, i + 8 + rowBytes * height)),
        });
        i += 8 + rowBytes * height;
      } else if (n === 0x56) {
        out.cuts++;
        i += 3;
      } else throw new Error(`unknown GS ${n.toString(16)} at ${i}`);
      continue;
    }
    throw new Error(`unexpected byte 0x${c.toString(16)} at ${i}`);
  }
  flushBand();
  if (line !== '') flush();
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A parsed raster image as an opaque PNG, for the barcode reader or a pixel comparison. */
export function imageToPng(image: ParsedImage, margin = 16): Buffer {
  const width = image.width + margin * 2;
  const height = image.height + margin * 2;
  const png = new PNG({ width, height });
  png.data.fill(255);
  const rowBytes = Math.ceil(image.width / 8);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (((image.bits[y * rowBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) === 0) continue;
      const o = ((y + margin) * width + x + margin) * 4;
      png.data[o] = png.data[o + 1] = png.data[o + 2] = 0;
    }
  }
  return PNG.sync.write(png);
}
