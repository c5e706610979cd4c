import * as fontkit from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { decomposeSaraAm } from './thai-sara-am';

/**
 * The fonts that ship with the app (npm packages, SIL Open Font License), so a label looks the
 * same on a Windows warehouse PC with no Thai or Chinese fonts installed. Files are read from
 * node_modules, never from the system and never copied into the repository.
 */
interface FaceFile {
  key: string;
  pkg: string;
  file: string;
}

const FACES: Record<'regular' | 'bold', FaceFile[]> = {
  // Order is the fallback order: Latin/Vietnamese first, then Thai, then Chinese.
  regular: [
    { key: 'sans', pkg: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf' },
    { key: 'thai', pkg: '@expo-google-fonts/noto-sans-thai', file: '400Regular/NotoSansThai_400Regular.ttf' },
    { key: 'cjk', pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Regular.otf' },
  ],
  bold: [
    { key: 'sans-bold', pkg: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf' },
    { key: 'thai-bold', pkg: '@expo-google-fonts/noto-sans-thai', file: '700Bold/NotoSansThai_700Bold.ttf' },
    { key: 'cjk-bold', pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Bold.otf' },
  ],
};

/** Line box as a fraction of the font size: room for Thai marks stacked above and descenders below. */
export const LINE_HEIGHT = 1.3;
/** Baseline from the top of the line box, as a fraction of the font size. */
export const BASELINE = 1.02;

export interface PlacedGlyph {
  face: string;
  glyphId: number;
  /** Pen position of the glyph origin, in dots from the start of the line, baseline at 0. */
  x: number;
  y: number;
}

export interface ShapedLine {
  text: string;
  width: number;
  sizeDots: number;
  glyphs: PlacedGlyph[];
}

export interface UnsupportedCharacter {
  character: string;
  codePoint: string;
  index: number;
}

type Face = fontkit.Font;

/**
 * Shapes text (OpenType GSUB/GPOS through fontkit: Thai marks stacked and shifted, Vietnamese
 * precomposed), measures it and hands out glyph outlines. Measuring and drawing use the same
 * shaping, so a line that was measured to fit is exactly the line that is drawn.
 */
export class FontLibrary {
  private readonly faces = new Map<string, Face>();
  private readonly outlines = new Map<string, string>();
  private readonly shapes = new Map<string, ShapedLine>();
  private readonly resolveFrom: NodeJS.Require;

  constructor(options: { resolveFrom?: string } = {}) {
    this.resolveFrom = createRequire(options.resolveFrom ?? __filename);
  }

  /** Absolute paths of every font file (the PDF and the documentation name them). */
  files(): { key: string; path: string }[] {
    return [...FACES.regular, ...FACES.bold].map((f) => ({ key: f.key, path: this.pathOf(f) }));
  }

  /** The first character no shipped font can draw (an emoji, a control character), or null. */
  unsupported(text: string): UnsupportedCharacter | null {
    let index = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || this.faceFor(cp, false) === null) {
        return { character: ch, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, index };
      }
      index += ch.length;
    }
    return null;
  }

  /** Shapes one line; throws PRINT_TEXT_UNSUPPORTED_CHARACTER for a character no font has. */
  shape(text: string, sizeDots: number, bold: boolean): ShapedLine {
    const cacheKey = `${bold ? 'b' : 'r'}${sizeDots}\u0000${text}`;
    const cached = this.shapes.get(cacheKey);
    if (cached) return cached;
    const glyphs: PlacedGlyph[] = [];
    let pen = 0;
    for (const run of this.runs(text, bold)) {
      const face = this.face(run.face);
      const scale = sizeDots / face.unitsPerEm;
      const shaped = face.layout(run.face.startsWith('thai') ? decomposeSaraAm(run.text) : run.text);
      shaped.glyphs.forEach((glyph, i) => {
        const pos = shaped.positions[i];
        if (!pos) return;
        glyphs.push({
          face: run.face,
          glyphId: glyph.id,
          x: pen + pos.xOffset * scale,
          y: -pos.yOffset * scale,
        });
        pen += pos.xAdvance * scale;
      });
    }
    const line = { text, width: pen, sizeDots, glyphs };
    if (this.shapes.size > 5000) this.shapes.clear();
    this.shapes.set(cacheKey, line);
    return line;
  }

  width(text: string, sizeDots: number, bold: boolean): number {
    return this.shape(text, sizeDots, bold).width;
  }

  /** SVG path data of a glyph in font units, y pointing up (the caller flips and scales it). */
  outline(face: string, glyphId: number): { d: string; unitsPerEm: number } {
    const font = this.face(face);
    const key = `${face}:${glyphId}`;
    let d = this.outlines.get(key);
    if (d === undefined) {
      d = font.getGlyph(glyphId).path.toSVG();
      this.outlines.set(key, d);
    }
    return { d, unitsPerEm: font.unitsPerEm };
  }

  /**
   * Splits text into runs of one face each. A combining mark stays with its base character's face,
   * or the shaper could not attach it (a Thai tone mark drawn from the Latin font would float).
   */
  private runs(text: string, bold: boolean): { face: string; text: string }[] {
    const runs: { face: string; text: string }[] = [];
    let index = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      const last = runs.at(-1);
      const isMark = /\p{M}/u.test(ch);
      let face: string | null = null;
      if (isMark && last && this.face(last.face).hasGlyphForCodePoint(cp)) face = last.face;
      else if (cp === 0x20 && last) face = last.face;
      else face = this.faceFor(cp, bold);
      if (face === null) {
        throw new AppError('PRINT_TEXT_UNSUPPORTED_CHARACTER', {
          character: ch,
          codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
          index,
        });
      }
      if (last && last.face === face) last.text += ch;
      else runs.push({ face, text: ch });
      index += ch.length;
    }
    return runs;
  }

  private faceFor(cp: number, bold: boolean): string | null {
    for (const f of FACES[bold ? 'bold' : 'regular']) {
      if (this.face(f.key).hasGlyphForCodePoint(cp)) return f.key;
    }
    return null;
  }

  private face(key: string): Face {
    let face = this.faces.get(key);
    if (!face) {
      const file = [...FACES.regular, ...FACES.bold].find((f) => f.key === key);
      if (!file) throw new AppError('INTERNAL', { reason: `unknown font face ${key}` });
      let opened: fontkit.Font | fontkit.FontCollection;
      try {
        opened = fontkit.openSync(this.pathOf(file));
      } catch (err) {
        throw new AppError('INTERNAL', { reason: 'font_missing', font: file.pkg }, { cause: err });
      }
      if (!('layout' in opened)) throw new AppError('INTERNAL', { reason: 'font_is_collection', font: key });
      face = opened;
      this.faces.set(key, face);
    }
    return face;
  }

  private pathOf(file: FaceFile): string {
    // Node's own node_modules search, done by hand: these packages export no subpath to a font.
    for (const dir of this.resolveFrom.resolve.paths(file.pkg) ?? []) {
      const candidate = path.join(dir, file.pkg, file.file);
      if (fs.existsSync(candidate)) return candidate;
    }
    throw new AppError('INTERNAL', { reason: 'font_missing', font: `${file.pkg}/${file.file}` });
  }
}
