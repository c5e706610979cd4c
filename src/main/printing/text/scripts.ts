import type { TextScript } from '../../../shared/printing';

/** Vietnamese letters beyond Latin-1 (ă â đ ơ ư and the tone-marked vowels of U+1EA0–U+1EF9). */
const VIETNAMESE_EXTRA = new Set([
  0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1a0, 0x1a1, 0x1af, 0x1b0,
]);

/**
 * The script a code point belongs to, for deciding whether a printer's own font can print it.
 * `other` (emoji, symbols, scripts we ship no font for) never goes to a printer font.
 */
export function scriptOf(cp: number): TextScript | 'other' {
  if (cp >= 0x20 && cp <= 0x7e) return 'latin';
  if (cp >= 0xa0 && cp <= 0xff) return 'latin';
  if (VIETNAMESE_EXTRA.has(cp) || (cp >= 0x1ea0 && cp <= 0x1ef9)) return 'vietnamese';
  if (cp >= 0x100 && cp <= 0x24f) return 'latin';
  if (cp >= 0x0300 && cp <= 0x036f) return 'vietnamese'; // combining tone marks, left after NFC only in odd input
  if (cp >= 0x0e00 && cp <= 0x0e7f) return 'thai';
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, unified ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) // full-width forms
  )
    return 'cjk';
  if (cp >= 0x2010 && cp <= 0x2027) return 'latin'; // dashes, quotes, bullet, ellipsis
  return 'other';
}

export function scriptsOf(text: string): Set<TextScript | 'other'> {
  const out = new Set<TextScript | 'other'>();
  for (const ch of text) out.add(scriptOf(ch.codePointAt(0) as number));
  return out;
}

/** Printable 7-bit ASCII only: what an ESC/POS printer's resident font prints without a code page. */
export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}
