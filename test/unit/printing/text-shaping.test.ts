import fs from 'node:fs';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { FontLibrary } from '../../../src/main/printing/text/font-library';
import { decomposeSaraAm } from '../../../src/main/printing/text/thai-sara-am';

const fonts = new FontLibrary();
const fileOf = (key: string): string => fonts.files().find((f) => f.key === key)?.path as string;

/** HarfBuzz (the reference shaper, C++ compiled to wasm, loaded from node_modules) on one font. */
function harfbuzz(fontKey: string, text: string) {
  const data = fs.readFileSync(fileOf(fontKey));
  const face = new hb.Face(new hb.Blob(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)));
  const font = new hb.Font(face);
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  let pen = 0;
  return infos.map((info, i) => {
    const p = positions[i] as { xAdvance: number; xOffset: number; yOffset: number };
    const glyph = { id: info.codepoint, x: pen + p.xOffset, y: p.yOffset };
    pen += p.xAdvance;
    return glyph;
  });
}

function ours(text: string) {
  // Size = 1000 dots at 1000 units per em: our dots are font units, comparable with HarfBuzz's.
  return fonts.shape(text, 1000, false).glyphs.map((g) => ({ face: g.face, id: g.glyphId, x: g.x, y: -g.y }));
}

// Strings chosen for what goes wrong without shaping: stacked Thai marks (ที่, น้ำ), marks that must
// move clear of a tall consonant (ป่, ปั้), sara am after a tone mark, Vietnamese double diacritics.
const CASES: { font: string; text: string }[] = [
  { font: 'thai', text: 'ที่ป่ากำปั้นน้ำ' },
  { font: 'thai', text: 'สินค้าชำรุด' },
  { font: 'thai', text: 'ซ่านย่าตายายผู้ใหญ่' },
  { font: 'thai', text: 'กรุงเทพมหานคร' },
  { font: 'sans', text: 'Nguyễn Văn An, Đường Lê Lợi, Quận 1' },
  { font: 'sans', text: 'Tai nghe không dây bị hỏng' },
  { font: 'cjk', text: '无线耳机已损坏，请退货' },
];

describe('text shaping equals HarfBuzz', () => {
  it.each(CASES)('$text', ({ font, text }) => {
    const mine = ours(text);
    const reference = harfbuzz(font, text);
    expect(mine.every((g) => g.face === font)).toBe(true);
    expect(mine.map((g) => g.id)).toEqual(reference.map((g) => g.id));
    mine.forEach((g, i) => {
      expect(Math.abs(g.x - (reference[i]?.x ?? NaN)), `glyph ${i} x`).toBeLessThanOrEqual(1);
      expect(Math.abs(g.y - (reference[i]?.y ?? NaN)), `glyph ${i} y`).toBeLessThanOrEqual(1);
    });
  });

  it('needs the SARA AM rule: without it the tone mark and the circle of น้ำ come out in the wrong order', () => {
    const thai = fontsWithoutSaraAm('น้ำ');
    expect(thai).not.toEqual(harfbuzz('thai', 'น้ำ').map((g) => g.id));
    expect(decomposeSaraAm('น้ำ')).toBe('น\u0e4d\u0e49\u0e32');
  });

  it('keeps a Thai mark in the Thai run and falls back per script in mixed text', () => {
    const faces = fonts.shape('SKU ที่ 退货 Đ', 24, false).glyphs.map((g) => g.face);
    expect(new Set(faces)).toEqual(new Set(['sans', 'thai', 'cjk']));
  });

  it('names the first character no shipped font has (an emoji), never draws a blank', () => {
    expect(fonts.unsupported('OK ✓ 😀')).toEqual({ character: '😀', codePoint: 'U+1F600', index: 5 });
    expect(() => fonts.shape('box 😀', 24, false)).toThrow(/PRINT_TEXT_UNSUPPORTED_CHARACTER/);
  });
});

function fontsWithoutSaraAm(text: string): number[] {
  // The same font through fontkit directly, skipping our SARA AM step.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fontkit = require('fontkit') as typeof import('fontkit');
  const face = fontkit.openSync(fileOf('thai')) as import('fontkit').Font;
  return face.layout(text).glyphs.map((g) => g.id);
}
