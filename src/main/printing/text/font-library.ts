import * as fontkit from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { loadHarfBuzz, type HarfBuzz } from './harfbuzz';

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
  /** Pen position of the glyph origin, in dots from the start of the line, baseline at 0, y down. */
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

export interface GlyphOutline {
  /** SVG path data in font units, y pointing up (the caller flips and scales it). */
  d: string;
  unitsPerEm: number;
  /** Bounding box in font units, y up; null for a glyph that draws nothing (a space). */
  bbox: { minX: number; minY: number; maxX: number; maxY: number } | null;
}

/** A line shaped once in em units (size-free: shaping at 10 or 40 dots gives the same glyphs). */
interface EmLine {
  width: number;
  glyphs: PlacedGlyph[];
}

interface Face {
  outlines: fontkit.Font;
  shaper: InstanceType<HarfBuzz['Font']>;
  unitsPerEm: number;
}

const SHAPE_CACHE_LIMIT = 20_000;

/**
 * Shapes text with HarfBuzz (Thai marks stacked and shifted by the fonts' own GSUB/GPOS, SARA AM
 * split, Vietnamese precomposed), measures it and hands out glyph outlines (fontkit: it reads them
 * correctly; its shaping misses Thai contextual forms, so it does not shape). Measuring and drawing
 * use the same shaping, so a line that was measured to fit is exactly the line that is drawn.
 *
 * HarfBuzz loads asynchronously, so a library is made with `await FontLibrary.load()`; from then
 * on everything is synchronous (the print queue fits a label inside the caller's transaction).
 */
export class FontLibrary {
  private readonly faces = new Map<string, Face>();
  private readonly outlines = new Map<string, GlyphOutline>();
  private readonly shapes = new Map<string, EmLine>();
  private readonly buffer: InstanceType<HarfBuzz['Buffer']>;

  static async load(options: { resolveFrom?: string } = {}): Promise<FontLibrary> {
    return new FontLibrary(await loadHarfBuzz(), options);
  }

  private readonly resolveFrom: NodeJS.Require;

  private constructor(
    private readonly hb: HarfBuzz,
    options: { resolveFrom?: string },
  ) {
    this.resolveFrom = createRequire(options.resolveFrom ?? __filename);
    this.buffer = new hb.Buffer();
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
        return { character: ch, codePoint: codePointName(cp), index };
      }
      index += ch.length;
    }
    return null;
  }

  /** Shapes one line; throws PRINT_TEXT_UNSUPPORTED_CHARACTER for a character no font has. */
  shape(text: string, sizeDots: number, bold: boolean): ShapedLine {
    const em = this.shapeEm(text, bold);
    return {
      text,
      width: em.width * sizeDots,
      sizeDots,
      glyphs: em.glyphs.map((g) => ({
        face: g.face,
        glyphId: g.glyphId,
        x: g.x * sizeDots,
        y: g.y * sizeDots,
      })),
    };
  }

  width(text: string, sizeDots: number, bold: boolean): number {
    return this.shapeEm(text, bold).width * sizeDots;
  }

  outline(face: string, glyphId: number): GlyphOutline {
    const key = `${face}:${glyphId}`;
    let outline = this.outlines.get(key);
    if (!outline) {
      const font = this.face(face).outlines;
      const glyph = font.getGlyph(glyphId);
      const d = glyph.path.toSVG();
      const b = glyph.path.bbox;
      outline = {
        d,
        unitsPerEm: font.unitsPerEm,
        bbox: d === '' ? null : { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY },
      };
      this.outlines.set(key, outline);
    }
    return outline;
  }

  private shapeEm(text: string, bold: boolean): EmLine {
    const cacheKey = `${bold ? 'b' : 'r'}\u0000${text}`;
    const cached = this.shapes.get(cacheKey);
    if (cached) return cached;
    const glyphs: PlacedGlyph[] = [];
    let pen = 0;
    for (const run of this.runs(text, bold)) {
      const face = this.face(run.face);
      const buffer = this.buffer;
      buffer.clearContents();
      buffer.addText(run.text);
      buffer.guessSegmentProperties();
      this.hb.shape(face.shaper, buffer);
      const infos = buffer.getGlyphInfos();
      const positions = buffer.getGlyphPositions();
      const unit = 1 / face.unitsPerEm;
      infos.forEach((info, i) => {
        const pos = positions[i];
        if (!pos) return;
        glyphs.push({
          face: run.face,
          glyphId: info.codepoint,
          x: pen + pos.xOffset * unit,
          y: -pos.yOffset * unit,
        });
        pen += pos.xAdvance * unit;
      });
    }
    const line = { width: pen, glyphs };
    // A station prints the same product names over and over; a bound keeps odd inputs from piling up.
    if (this.shapes.size >= SHAPE_CACHE_LIMIT) this.shapes.clear();
    this.shapes.set(cacheKey, line);
    return line;
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
      if (isMark && last && this.face(last.face).outlines.hasGlyphForCodePoint(cp)) face = last.face;
      else if (cp === 0x20 && last) face = last.face;
      else face = this.faceFor(cp, bold);
      if (face === null) {
        throw new AppError('PRINT_TEXT_UNSUPPORTED_CHARACTER', {
          character: ch,
          codePoint: codePointName(cp),
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
      if (this.face(f.key).outlines.hasGlyphForCodePoint(cp)) return f.key;
    }
    return null;
  }

  private face(key: string): Face {
    let face = this.faces.get(key);
    if (!face) {
      const file = [...FACES.regular, ...FACES.bold].find((f) => f.key === key);
      if (!file) throw new AppError('INTERNAL', { reason: `unknown font face ${key}` });
      let bytes: Buffer;
      let opened: fontkit.Font | fontkit.FontCollection;
      try {
        bytes = fs.readFileSync(this.pathOf(file));
        opened = fontkit.create(bytes);
      } catch (err) {
        throw new AppError('INTERNAL', { reason: 'font_missing', font: file.pkg }, { cause: err });
      }
      if (!('getGlyph' in opened))
        throw new AppError('INTERNAL', { reason: 'font_is_collection', font: key });
      // The same bytes for both, so outlines and shaping can never come from two different fonts.
      const hbFace = new this.hb.Face(new this.hb.Blob(bytes));
      face = { outlines: opened, shaper: new this.hb.Font(hbFace), unitsPerEm: hbFace.upem };
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

function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
