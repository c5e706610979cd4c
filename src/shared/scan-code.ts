import { AppError } from './errors';

/** Longer than any tracking number, RMA or GS1 element string a dock sees; 4 KB of garbage is not a scan. */
export const MAX_SCAN_LENGTH = 128;

const GS = '\u001d';

/** AIM symbology identifiers a scanner may prefix: `]` + symbology letter + modifier digit. */
const AIM_PREFIX = /^\](?<sym>[A-Za-z][0-9A-Za-z])/;

export interface NormalisedScan {
  /** Upper-cased code, terminators and AIM prefix removed; GS separators inside a GS1 string kept. */
  code: string;
  /** AIM symbology identifier without the `]`, e.g. `C1` for GS1-128, when the scanner sent one. */
  symbology: string | null;
}

/**
 * Turns what a keyboard-wedge scanner (or a person) typed into a code we can look up, or throws a
 * translated AppError. Pure: the renderer may show the same verdict before a round trip.
 */
export function normaliseScan(raw: string): NormalisedScan {
  // Scanners end with CR, LF or Tab; people paste with spaces around.
  let text = raw.replace(/[\r\n\t]+$/u, '').trim();
  if (text.length === 0) throw new AppError('SCAN_EMPTY');
  if (text.length > MAX_SCAN_LENGTH) {
    throw new AppError('SCAN_TOO_LONG', { length: text.length, max: MAX_SCAN_LENGTH });
  }
  let symbology: string | null = null;
  const aim = AIM_PREFIX.exec(text);
  if (aim?.groups?.sym) {
    symbology = aim.groups.sym;
    text = text.slice(3);
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7f) throw new AppError('SCAN_NOT_ASCII', { character: ch });
    if ((cp < 0x21 || cp === 0x7f) && ch !== GS) {
      throw new AppError('SCAN_BAD_CHARACTERS', { position: text.indexOf(ch) + 1, charCode: cp });
    }
  }
  // A GS1 string may begin with FNC1 as GS, and scanners set to end every variable-length field
  // with FNC1 send one last GS; neither carries anything, and left on they made a known code
  // unknown. A GS inside separates GS1 elements and is kept for the recogniser.
  while (text.startsWith(GS)) text = text.slice(1);
  while (text.endsWith(GS)) text = text.slice(0, -1);
  if (text.length === 0) throw new AppError('SCAN_EMPTY');
  return { code: text.toUpperCase(), symbology };
}
