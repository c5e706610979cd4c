import type { MonoBitmap } from '../raster';

/**
 * A small ZPL II writer: just the commands our labels use, each escaped correctly. Field data
 * goes through `^FH` (hex escapes), so a `^` or `~` in a customer's name can never end the field
 * or start a command, and UTF-8 text reaches the printer unchanged under `^CI28`.
 */
export class ZplBuilder {
  private readonly parts: string[] = [];

  /** `~SD` darkness comes before the label: it is a setting, not part of the format. */
  darkness(value: number): this {
    this.parts.push(`~SD${String(Math.round(value)).padStart(2, '0')}`);
    return this;
  }

  start(): this {
    this.parts.push('^XA', '^CI28');
    return this;
  }

  printWidth(dots: number): this {
    this.parts.push(`^PW${Math.round(dots)}`);
    return this;
  }

  labelLength(dots: number): this {
    this.parts.push(`^LL${Math.round(dots)}`);
    return this;
  }

  labelHome(x: number, y: number): this {
    this.parts.push(`^LH${Math.round(x)},${Math.round(y)}`);
    return this;
  }

  origin(x: number, y: number): this {
    this.parts.push(`^FO${Math.max(0, Math.round(x))},${Math.max(0, Math.round(y))}`);
    return this;
  }

  /** A printer font: `0` (scalable) or a stored one (`E:NOTOTHAI.TTF`) through `^A@`. */
  font(id: string, heightDots: number, widthDots: number): this {
    const h = Math.round(heightDots);
    const w = Math.round(widthDots);
    if (/^[0-9A-Z]$/.test(id)) this.parts.push(`^A${id}N,${h},${w}`);
    else this.parts.push(`^A@N,${h},${w},${id}`);
    return this;
  }

  /** One-line field block: the printer aligns the text within `width`. */
  block(widthDots: number, align: 'left' | 'center' | 'right'): this {
    const j = align === 'center' ? 'C' : align === 'right' ? 'R' : 'L';
    this.parts.push(`^FB${Math.round(widthDots)},1,0,${j},0`);
    return this;
  }

  text(value: string): this {
    this.parts.push(`^FH_^FD${escapeFieldData(value)}^FS`);
    return this;
  }

  code128(value: string, moduleDots: number, heightDots: number): this {
    // Mode A: the printer picks code sets itself (as the preview's encoder does); no printed line.
    this.parts.push(`^BY${moduleDots},3`, `^BCN,${Math.round(heightDots)},N,N,N,A`);
    return this.text(value);
  }

  qr(value: string, magnification: number): this {
    this.parts.push(`^BQN,2,${Math.min(Math.max(Math.round(magnification), 1), 10)}`);
    // "M" error correction and automatic input mode, as the preview encodes it.
    return this.text(`MA,${value}`);
  }

  dataMatrix(value: string, moduleDots: number): this {
    this.parts.push(`^BXN,${Math.round(moduleDots)},200`);
    return this.text(value);
  }

  box(widthDots: number, heightDots: number, thicknessDots: number): this {
    const w = Math.max(Math.round(widthDots), 1);
    const h = Math.max(Math.round(heightDots), 1);
    const t = Math.min(Math.max(Math.round(thicknessDots), 1), w, h);
    this.parts.push(`^GB${w},${h},${t},B,0^FS`);
    return this;
  }

  graphic(bitmap: MonoBitmap): this {
    const total = bitmap.rowBytes * bitmap.height;
    this.parts.push(`^GFA,${total},${total},${bitmap.rowBytes},${compressGraphic(bitmap)}^FS`);
    return this;
  }

  end(): this {
    this.parts.push('^XZ');
    return this;
  }

  toString(): string {
    return this.parts.join('\n') + '\n';
  }
}

/** `^FH_` escapes: the command prefixes, the escape character itself and anything not printable. */
export function escapeFieldData(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '^' || ch === '~' || ch === '_' || ch === '\\' || cp < 0x20 || cp === 0x7f) {
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

const REPEAT_LOW = 'GHIJKLMNOPQRSTUVWXY'; // 1–19
const REPEAT_HIGH = 'ghijklmnopqrstuvwxyz'; // 20, 40, … 400
const HEX = '0123456789ABCDEF';

/**
 * Zebra's ASCII compression of `^GFA` hex: runs of one hex digit as a repeat count, `,` for a row
 * that ends in zeros, `:` for a row equal to the previous one. A text bitmap is mostly white,
 * so this shrinks a label's bytes several times over. Works on the bitmap's nibbles directly:
 * a label's text bitmaps are encoded on every print, so this sits on the hot path.
 */
export function compressGraphic(bitmap: MonoBitmap): string {
  const { data, rowBytes, height } = bitmap;
  const row = new Uint8Array(rowBytes * 2);
  const parts: string[] = [];
  for (let y = 0; y < height; y++) {
    const at = y * rowBytes;
    if (y > 0 && sameRow(data, at - rowBytes, at, rowBytes)) {
      parts.push(':');
      continue;
    }
    for (let i = 0; i < rowBytes; i++) {
      const byte = data[at + i] as number;
      row[2 * i] = byte >> 4;
      row[2 * i + 1] = byte & 0x0f;
    }
    let end = row.length;
    while (end > 0 && row[end - 1] === 0) end--;
    if (end === 0) {
      parts.push(',');
      continue;
    }
    let line = '';
    let i = 0;
    while (i < end) {
      const value = row[i] as number;
      let run = 1;
      while (i + run < end && row[i + run] === value) run++;
      line += run === 1 ? HEX[value] : repeatCount(run) + HEX[value];
      i += run;
    }
    parts.push(end < row.length ? line + ',' : line);
  }
  return parts.join('');
}

function sameRow(data: Uint8Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (data[a + i] !== data[b + i]) return false;
  return true;
}

function repeatCount(n: number): string {
  if (n === 1) return '';
  let out = '';
  let rest = n;
  while (rest >= 20) {
    const high = Math.min(Math.floor(rest / 20), 20);
    out += REPEAT_HIGH[high - 1];
    rest -= high * 20;
  }
  if (rest > 0) out += REPEAT_LOW[rest - 1];
  return out;
}
