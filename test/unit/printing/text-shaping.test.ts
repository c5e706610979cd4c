import fs from 'node:fs';
import * as fontkit from 'fontkit';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FontLibrary } from '../../../src/main/printing/text/font-library';

let fonts: FontLibrary;
beforeAll(async () => {
  fonts = await FontLibrary.load();
});
const fileOf = (key: string): string => fonts.files().find((f) => f.key === key)?.path as string;

const hbFonts = new Map<string, hb.Font>();
/** HarfBuzz called directly on one font file: the reference our shaping must equal. */
function harfbuzzFont(key: string): hb.Font {
  let font = hbFonts.get(key);
  if (!font) {
    font = new hb.Font(new hb.Face(new hb.Blob(fs.readFileSync(fileOf(key)))));
    hbFonts.set(key, font);
  }
  return font;
}

function harfbuzz(fontKey: string, text: string) {
  const font = harfbuzzFont(fontKey);
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  let pen = 0;
  return infos.map((info, i) => {
    const p = positions[i] as { xAdvance: number; xOffset: number; yOffset: number };
    const glyph = {
      id: info.codepoint,
      name: font.glyphName(info.codepoint),
      x: pen + p.xOffset,
      y: p.yOffset,
    };
    pen += p.xAdvance;
    return glyph;
  });
}

function ours(text: string, bold = false) {
  // Size = 1000 dots at 1000 units per em: our dots are font units, comparable with HarfBuzz's.
  return fonts.shape(text, 1000, bold).glyphs.map((g) => ({ face: g.face, id: g.glyphId, x: g.x, y: -g.y }));
}

// What goes wrong without a real shaper: stacked Thai marks (ที่, น้ำ), marks that must move clear of
// a tall consonant (ป่, ปั้), a tone mark over a tall consonant with a vowel below (ปู่, ฟุ้ง, ฝุ่น: the
// narrow form), consonants that lose their tail or descender before a below vowel (ญู, ฐุ, ฎุ), SARA AM
// after a tone mark, Vietnamese double diacritics in both cases, Chinese with full-width punctuation.
const CORPUS: { font: string; text: string }[] = [
  ...[
    'ปู่',
    'ฟุ้ง',
    'ฝุ่นฟุ้งปู่ย่า',
    'ที่ป่ากำปั้นน้ำ',
    'สินค้าชำรุด',
    'ซ่านย่าตายายผู้ใหญ่',
    'กรุงเทพมหานคร',
    'ญูฐุฎุฎู',
    'ปี่ฟื้นปั๊มป่ำ',
    'หูฟังไร้สาย กล่องบุบ',
    'บรรจุภัณฑ์เสียหาย ส่งคืนผู้ขาย',
    'ฤๅษีเก้าสิบ๙ บาท',
  ].flatMap((text) => [
    { font: 'thai', text },
    { font: 'thai-bold', text },
  ]),
  ...[
    'Nguyễn Văn An, Đường Lê Lợi, Quận 1',
    'Tai nghe không dây bị hỏng',
    'ẤẦẨẪẬ ẮẰẲẴẶ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ',
    'Hàng trả lại: vỏ hộp móp méo, thiếu phụ kiện',
  ].flatMap((text) => [
    { font: 'sans', text },
    { font: 'sans-bold', text },
  ]),
  ...['无线耳机已损坏，请退货', '包装破损（外箱）；缺少配件：充电线', '退货编号１２３'].flatMap((text) => [
    { font: 'cjk', text },
    { font: 'cjk-bold', text },
  ]),
];

describe('text shaping is HarfBuzz’s', () => {
  it.each(CORPUS)('$font: $text', ({ font, text }) => {
    const mine = ours(text, font.endsWith('-bold'));
    const reference = harfbuzz(font, text);
    expect(mine.every((g) => g.face === font)).toBe(true);
    expect(mine.map((g) => g.id)).toEqual(reference.map((g) => g.id));
    mine.forEach((g, i) => {
      expect(Math.abs(g.x - (reference[i]?.x ?? NaN)), `glyph ${i} x`).toBeLessThan(0.01);
      expect(Math.abs(g.y - (reference[i]?.y ?? NaN)), `glyph ${i} y`).toBeLessThan(0.01);
    });
  });

  it('picks the narrow tone mark over a tall consonant with a below vowel, where fontkit picked the plain one', () => {
    for (const [text, narrow] of [
      ['ปู่', 'uni0E48.narrow'],
      ['ฟุ้ง', 'uni0E49.narrow'],
    ] as const) {
      const names = ours(text).map((g) => harfbuzzFont('thai').glyphName(g.id));
      expect(names).toContain(narrow);
      const face = fontkit.openSync(fileOf('thai')) as fontkit.Font;
      expect(face.layout(text).glyphs.map((g) => g.name)).not.toContain(narrow);
    }
  });

  it('splits SARA AM and stacks the tone mark above its circle (น้ำ)', () => {
    const names = ours('น้ำ').map((g) => harfbuzzFont('thai').glyphName(g.id));
    expect(names).toEqual(['uni0E19', 'uni0E4D', 'uni0E49.small', 'uni0E32']);
  });

  it('keeps a Thai mark in the Thai run and falls back per script in mixed text', () => {
    const shaped = fonts.shape('SKU ที่ 退货 Đ', 24, false);
    expect(new Set(shaped.glyphs.map((g) => g.face))).toEqual(new Set(['sans', 'thai', 'cjk']));
    // Runs are shaped one after another on one pen: each run starts where the previous one ended.
    const thai = harfbuzz('thai', 'ที่ ');
    const firstThai = shaped.glyphs.findIndex((g) => g.face === 'thai');
    expect(shaped.glyphs[firstThai]!.x).toBeCloseTo(
      fonts.width('SKU ', 24, false) + (thai[0]!.x * 24) / 1000,
      6,
    );
  });

  it('measures in proportion to the size: one shaping serves every size', () => {
    const text = 'หูฟังไร้สาย 无线耳机 Tai nghe';
    expect(fonts.width(text, 40, false)).toBeCloseTo(fonts.width(text, 20, false) * 2, 9);
  });

  it('names the first character no shipped font has (an emoji), never draws a blank', () => {
    expect(fonts.unsupported('OK ✓ 😀')).toEqual({ character: '😀', codePoint: 'U+1F600', index: 5 });
    expect(() => fonts.shape('box 😀', 24, false)).toThrow(/PRINT_TEXT_UNSUPPORTED_CHARACTER/);
  });
});
