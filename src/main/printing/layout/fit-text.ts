/** Measures a line of text at a size, in dots. */
export type Measure = (text: string, sizeDots: number) => number;

export interface FitRequest {
  text: string;
  widthDots: number;
  heightDots: number;
  /** Candidate sizes, largest first; each comes with its line height. */
  sizes: { sizeDots: number; lineHeightDots: number }[];
  maxLines: number;
  measure: Measure;
  ellipsis: boolean;
}

export type FitResult =
  | { ok: true; lines: string[]; sizeDots: number; lineHeightDots: number; truncated: boolean }
  | { ok: false; maxLines: number };

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Word segmentation of a paragraph is the same at every candidate size and for every label that
// carries the same product name; ICU's segmenter is not cheap, so each text is segmented once.
const SEGMENT_CACHE_LIMIT = 5000;
const wordCache = new Map<string, readonly string[]>();
function wordsOf(paragraph: string): readonly string[] {
  let words = wordCache.get(paragraph);
  if (!words) {
    words = Array.from(wordSegmenter.segment(paragraph), (s) => s.segment);
    if (wordCache.size >= SEGMENT_CACHE_LIMIT) wordCache.clear();
    wordCache.set(paragraph, words);
  }
  return words;
}

/**
 * Largest size at which the text fits the box, wrapping at word boundaries (ICU finds them in
 * Thai and Chinese, which have no spaces) and inside a word only when a word alone is too wide.
 * Never splits a grapheme, so a Thai tone mark or a Vietnamese accent stays on its letter.
 */
export function fitText(req: FitRequest): FitResult {
  for (const size of req.sizes) {
    const maxLines = Math.min(req.maxLines, Math.floor(req.heightDots / size.lineHeightDots));
    if (maxLines < 1) continue;
    const lines = wrap(req.text, req.widthDots, (t) => req.measure(t, size.sizeDots));
    if (lines.length <= maxLines) {
      return {
        ok: true,
        lines,
        sizeDots: size.sizeDots,
        lineHeightDots: size.lineHeightDots,
        truncated: false,
      };
    }
  }
  const smallest = req.sizes.at(-1);
  const maxLines = smallest
    ? Math.min(req.maxLines, Math.floor(req.heightDots / smallest.lineHeightDots))
    : 0;
  if (!req.ellipsis || !smallest || maxLines < 1) return { ok: false, maxLines: Math.max(maxLines, 0) };
  const measure = (t: string): number => req.measure(t, smallest.sizeDots);
  const lines = wrap(req.text, req.widthDots, measure).slice(0, maxLines);
  const last = lines.length - 1;
  const graphemes = [...graphemeSegmenter.segment(lines[last] ?? '')].map((s) => s.segment);
  while (graphemes.length > 0 && measure(graphemes.join('').trimEnd() + '…') > req.widthDots) graphemes.pop();
  lines[last] = graphemes.join('').trimEnd() + '…';
  return {
    ok: true,
    lines,
    sizeDots: smallest.sizeDots,
    lineHeightDots: smallest.lineHeightDots,
    truncated: true,
  };
}

export function wrap(text: string, width: number, measure: (t: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const segment of wordsOf(paragraph)) {
      const candidate = line + segment;
      if (measure(candidate.trimEnd()) <= width) {
        line = candidate;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = segment.trimStart();
      if (measure(line) > width) {
        // A single word wider than the box: break it between graphemes.
        let part = '';
        for (const { segment: g } of graphemeSegmenter.segment(line)) {
          if (part !== '' && measure(part + g) > width) {
            lines.push(part);
            part = '';
          }
          part += g;
        }
        line = part;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
