/**
 * What scanners wrap around a code: an AIM symbology identifier (`]C1`, `]E0`, `]Q3`, `]d2`…),
 * STX/ETX framing, CR/LF/Tab terminators, a leading FNC1 (sent as GS), spaces from a paste.
 * The recogniser strips all of it so the same label reads the same whatever the scanner is set to.
 */

export const GS = '\u001d';

/** `]` + symbology character + modifier character (ISO/IEC 15424). */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Characters a scanner or a paste puts before the code and that never belong to one. */
const LEADING_JUNK = new Set(['\u0001', '\u0002', '\r', '\n', '\t', ' ', GS]);
/** …and after it: ETX, EOT, terminators, a trailing FNC1, spaces. */
const TRAILING_JUNK = new Set(['\u0003', '\u0004', '\r', '\n', '\t', ' ', GS]);

export interface Unframed {
  /** The code without framing; case and inner characters untouched. */
  text: string;
  /** The first AIM identifier without its `]`, e.g. `C1`; null when none was sent. */
  symbology: string | null;
  /** What was removed, in words, for the recogniser's notes. */
  removed: string[];
}

/** GS1 symbologies: their data is a GS1 element string (ISO/IEC 15424 modifier values). */
export const GS1_SYMBOLOGIES: ReadonlySet<string> = new Set(['C1', 'e0', 'd2', 'Q3', 'J1']);

/**
 * Removes framing until none is left, so stripping twice gives what stripping once gave. Only
 * the first AIM identifier is kept as the symbology; any further one is scanner noise.
 */
export function unframe(raw: string): Unframed {
  const removed: string[] = [];
  let start = 0;
  let end = raw.length;
  let symbology: string | null = null;
  for (let changed = true; changed;) {
    changed = false;
    while (start < end && LEADING_JUNK.has(raw.charAt(start))) {
      removed.push(describe(raw.charAt(start), 'leading'));
      start++;
      changed = true;
    }
    while (end > start && TRAILING_JUNK.has(raw.charAt(end - 1))) {
      removed.push(describe(raw.charAt(end - 1), 'trailing'));
      end--;
      changed = true;
    }
    const aim = AIM_PREFIX.exec(raw.slice(start, start + 3));
    if (aim && end - start >= 3) {
      symbology ??= aim[0].slice(1);
      removed.push(`AIM identifier ${aim[0]}`);
      start += 3;
      changed = true;
    }
  }
  return { text: raw.slice(start, end), symbology, removed: dedupe(removed) };
}

function describe(ch: string, where: 'leading' | 'trailing'): string {
  const names: Record<string, string> = {
    '\u0001': 'SOH',
    '\u0002': 'STX',
    '\u0003': 'ETX',
    '\u0004': 'EOT',
    '\r': 'CR',
    '\n': 'LF',
    '\t': 'Tab',
    ' ': 'space',
    [GS]: where === 'leading' ? 'FNC1 (GS)' : 'GS',
  };
  return `${where} ${names[ch] ?? 'character'}`;
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}
