const SARA_AM = 0x0e33;
const NIKHAHIT = '\u0e4d';
const SARA_AA = '\u0e32';

/** Above-base marks a NIKHAHIT moves in front of (mai han-akat, sara i–uee, the tone marks …). */
function isAboveMark(cp: number): boolean {
  return cp === 0x0e31 || (cp >= 0x0e34 && cp <= 0x0e37) || cp === 0x0e3b || (cp >= 0x0e47 && cp <= 0x0e4e);
}

/**
 * Thai SARA AM (ำ) is written as one character but drawn as two: a NIKHAHIT circle over the
 * consonant and a SARA AA after it. The circle goes before any tone mark already on the
 * consonant, so the tone mark stacks above it (น้ำ: circle low, tone mark on top). HarfBuzz's
 * Thai shaper does this before OpenType lookups; fontkit does not, so we do it ourselves.
 */
export function decomposeSaraAm(text: string): string {
  if (!text.includes('\u0e33')) return text;
  const out: string[] = [];
  for (const ch of text) {
    if (ch.codePointAt(0) !== SARA_AM) {
      out.push(ch);
      continue;
    }
    let at = out.length;
    while (at > 0 && isAboveMark(out[at - 1]?.codePointAt(0) as number)) at--;
    out.splice(at, 0, NIKHAHIT);
    out.push(SARA_AA);
  }
  return out.join('');
}
