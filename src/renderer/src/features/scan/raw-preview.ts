import { CONTROL_NAMES } from '../../../../shared/codes/display-code';

const PREVIEW_CHARS = 32;

/**
 * A readable glimpse of what arrived for a refused scan: control characters spelled as their ASCII
 * names (<STX>, which scanner manuals use; station fonts lack the control-picture glyphs), long
 * garbage cut short, and its true length.
 */
export function rawPreview(raw: string): { preview: string; length: number } {
  const chars = Array.from(raw);
  const shown = chars.slice(0, PREVIEW_CHARS).map((ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x7f) return '<DEL>';
    const name = CONTROL_NAMES[cp];
    return name ? `<${name}>` : ch;
  });
  return { preview: shown.join('') + (chars.length > PREVIEW_CHARS ? '…' : ''), length: chars.length };
}
