import { Resvg } from '@resvg/resvg-js';
import type { FontLibrary } from '../text/font-library';
import { toMono, isBlack } from './raster';

/**
 * One glyph at one size and one quarter-dot phase, as the black dots a thermal head prints:
 * runs of dots per row, relative to the integer dot the glyph's pen position falls in.
 */
export interface GlyphDots {
  /** Triples (row, firstX, endX) relative to the pen's whole dot; endX exclusive. */
  runs: Int16Array;
}

/** Pen positions are kept to a quarter of a dot: four phases per axis, each drawn once. */
export const GLYPH_PHASES = 4;
const CACHE_LIMIT = 50_000;
const EMPTY: GlyphDots = { runs: new Int16Array(0) };

/**
 * Glyph bitmaps per (font, glyph, size, phase), drawn once by resvg from the glyph's outline and
 * thresholded at half grey, then reused: a label's text is composited from these dots instead of
 * rasterising the whole label again. The preview and every printer bitmap use this same cache,
 * so what is shown is what is printed.
 */
export class GlyphRaster {
  /** face → size → (glyph, phases) → dots. */
  private readonly cache = new Map<string, Map<number, Map<number, GlyphDots>>>();
  private size = 0;

  constructor(private readonly fonts: FontLibrary) {}

  /** `phaseX`, `phaseY`: whole quarters of a dot (0–3) past the pen's dot. */
  get(face: string, glyphId: number, sizeDots: number, phaseX: number, phaseY: number): GlyphDots {
    if (this.size >= CACHE_LIMIT) {
      this.cache.clear();
      this.size = 0;
    }
    let bySize = this.cache.get(face);
    if (!bySize) this.cache.set(face, (bySize = new Map()));
    let glyphs = bySize.get(sizeDots);
    if (!glyphs) bySize.set(sizeDots, (glyphs = new Map()));
    const key = (glyphId * GLYPH_PHASES + phaseX) * GLYPH_PHASES + phaseY;
    let dots = glyphs.get(key);
    if (!dots) {
      dots = this.draw(face, glyphId, sizeDots, phaseX / GLYPH_PHASES, phaseY / GLYPH_PHASES);
      glyphs.set(key, dots);
      this.size++;
    }
    return dots;
  }

  private draw(face: string, glyphId: number, sizeDots: number, dx: number, dy: number): GlyphDots {
    const { d, unitsPerEm, bbox } = this.fonts.outline(face, glyphId);
    if (!bbox) return EMPTY;
    const s = sizeDots / unitsPerEm;
    // The glyph's box in dots around the pen, one dot of margin for antialiasing.
    const left = Math.floor(dx + bbox.minX * s) - 1;
    const top = Math.floor(dy - bbox.maxY * s) - 1;
    const width = Math.ceil(dx + bbox.maxX * s) + 1 - left;
    const height = Math.ceil(dy - bbox.minY * s) + 1 - top;
    if (width <= 0 || height <= 0) return EMPTY;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${left} ${top} ${width} ${height}">` +
      `<path fill="#000" transform="translate(${dx} ${dy}) scale(${s} ${-s})" d="${d}"/></svg>`;
    const rendered = new Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'original' },
      font: { loadSystemFonts: false },
    }).render();
    const mono = toMono(rendered.pixels, rendered.width, rendered.height);
    const runs: number[] = [];
    for (let y = 0; y < mono.height; y++) {
      let x = 0;
      while (x < mono.width) {
        if (!isBlack(mono, x, y)) {
          x++;
          continue;
        }
        const start = x;
        while (x < mono.width && isBlack(mono, x, y)) x++;
        runs.push(top + y, left + start, left + x);
      }
    }
    return { runs: Int16Array.from(runs) };
  }
}
