const PREVIEW_CHARS = 32;

const CONTROL_NAMES = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'BEL',
  'BS',
  'HT',
  'LF',
  'VT',
  'FF',
  'CR',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];

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
