import type { SCAN_SOURCES } from '../../../../shared/domain';

export type ScanSource = (typeof SCAN_SOURCES)[number];

/** The parts of a KeyboardEvent the decoder reads; plain data so it runs and is tested without a DOM. */
export interface KeyInput {
  code: string;
  key: string;
  keyCode: number;
  isComposing: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Milliseconds on a monotonic clock (the event's timeStamp). */
  time: number;
}

export interface ScannerTiming {
  /** Longest gap between two keystrokes of one scanner burst; scanners type every 25–30 ms. */
  maxScannerGapMs: number;
  /** A burst shorter than this is a person's fast fingers, not a scanner. */
  minScannerLength: number;
  /** Keys typed this long before a scanner burst were stray presses, not part of the code. */
  strayPauseMs: number;
}

const DEFAULT_TIMING: ScannerTiming = { maxScannerGapMs: 60, minScannerLength: 4, strayPauseMs: 500 };

export type DecodeResult =
  /** Not for the scanner: let the page handle the key (navigation, buttons, shortcuts). */
  | { kind: 'pass' }
  /** Consumed; the text being typed is now `text`. */
  | { kind: 'typed'; text: string }
  /** A terminator ended a code. */
  | { kind: 'submit'; text: string; source: ScanSource }
  /** An input method is composing: what arrives is CJK/Thai text or nothing, never the code. */
  | { kind: 'ime' };

/**
 * FNC1 of a GS1 string reaches the PC as GS (ASCII 29). Scanners type it in one of three ways,
 * set per model: F8 (some Zebra), Ctrl+] (the ASCII control key for 29), or Alt + 0029 on the
 * numeric keypad (Windows alt code).
 */
const GS = '\u001d';

/**
 * Ctrl + punctuation: the ASCII control characters above Ctrl+Z, by physical key (US positions,
 * where scanners' keyboard tables put them). Ctrl+] = GS; Ctrl+Shift+6 (^) = RS and
 * Ctrl+Shift+- (_) = US frame ISO 15434 data in 2D carrier labels.
 */
const CTRL_PUNCTUATION: Record<string, { plain?: string; shifted?: string }> = {
  BracketLeft: { plain: '\u001b' },
  Backslash: { plain: '\u001c' },
  BracketRight: { plain: GS },
  Digit6: { shifted: '\u001e' },
  Minus: { shifted: '\u001f' },
};

/**
 * Shortcuts a person uses on an idle screen (Ctrl+P: the bench's command sheet); inside a burst
 * they are the scanner's control characters.
 */
const CTRL_SHORTCUTS = new Set(['A', 'C', 'P', 'R', 'V', 'X', 'Z']);

/** Keys whose character is the same on every layout; the letter and digit keys are decoded by position. */
const FIXED_KEYS: Record<string, string> = {
  Minus: '-',
  NumpadSubtract: '-',
  Slash: '/',
  NumpadDivide: '/',
  Period: '.',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadMultiply: '*',
  Space: ' ',
};

interface Typed {
  ch: string;
  /** null for text that did not come from keystrokes (paste, an input method's commit). */
  time: number | null;
  /** When a character took several keys (an alt code): the time of its first key. */
  start?: number;
}

/**
 * Turns keystrokes into scanned codes wherever the focus is. Letters and digits are read from
 * `KeyboardEvent.code` (the physical key), so a scanner on a French, German or Thai layout still
 * yields the printed code. A code is marked 'scanner' when its last burst came at scanner speed;
 * keys pressed well before such a burst (a stray key on an idle screen) are dropped, because the
 * scan is what the clerk meant.
 */
export class ScannerDecoder {
  private typed: Typed[] = [];
  /** Digits of an Alt + numeric keypad code being typed, with the time of its first digit. */
  private altCode: { digits: string; start: number; time: number } | null = null;

  constructor(private readonly timing: ScannerTiming = DEFAULT_TIMING) {}

  get text(): string {
    return this.typed.map((t) => t.ch).join('');
  }

  /** Text that arrived without keystrokes (paste, IME commit); it counts as typed by a person. */
  replace(text: string): string {
    this.typed = Array.from(text, (ch) => ({ ch, time: null }));
    return this.text;
  }

  reset(): void {
    this.typed = [];
    this.altCode = null;
  }

  key(input: KeyInput): DecodeResult {
    if (isImeKey(input)) {
      this.reset();
      return { kind: 'ime' };
    }
    const altDigit = input.altKey && !input.ctrlKey ? /^Numpad([0-9])$/.exec(input.code)?.[1] : undefined;
    if (altDigit !== undefined) {
      this.altCode = {
        digits: (this.altCode?.digits ?? '') + altDigit,
        start: this.altCode?.start ?? input.time,
        time: input.time,
      };
      return { kind: 'typed', text: this.text };
    }
    // Alt goes down before an alt code's digits (and some scanners repeat it between them).
    if (input.altKey && (input.code === 'AltLeft' || input.code === 'AltRight')) {
      this.altCode ??= { digits: '', start: input.time, time: input.time };
      return { kind: 'typed', text: this.text };
    }
    // Any other key ends an alt code: the character it stood for comes first.
    this.flushAltCode();
    if (input.altKey || input.metaKey) return { kind: 'pass' };
    const empty = this.typed.length === 0;

    switch (input.code) {
      case 'Enter':
      case 'NumpadEnter':
      case 'Tab':
        return empty ? { kind: 'pass' } : this.finish(input.time);
      case 'Backspace':
        if (empty) return { kind: 'pass' };
        this.typed.pop();
        return { kind: 'typed', text: this.text };
      case 'Escape':
        if (empty) return { kind: 'pass' };
        this.reset();
        return { kind: 'typed', text: '' };
    }

    const ch = decodeCharacter(input, empty);
    // A space on an idle screen presses the focused button; inside a code it is a (bad) character.
    if (ch === null || (ch === ' ' && empty)) return { kind: 'pass' };
    this.typed.push({ ch, time: input.time });
    return { kind: 'typed', text: this.text };
  }

  /** An alt code is complete when another key arrives; ASCII 1–126 only, anything else is dropped. */
  private flushAltCode(): void {
    const code = this.altCode;
    this.altCode = null;
    if (!code) return;
    const value = Number(code.digits);
    if (value >= 1 && value <= 126) {
      this.typed.push({ ch: String.fromCharCode(value), time: code.time, start: code.start });
    }
  }

  private finish(now: number): DecodeResult {
    const { maxScannerGapMs, minScannerLength, strayPauseMs } = this.timing;
    const typed = this.typed;
    let start = typed.length - 1;
    while (start > 0 && isQuick(typed[start - 1], typed[start], maxScannerGapMs)) start--;
    const last = typed[typed.length - 1];
    const burst = typed.length - start;
    const terminatorQuick = last?.time != null && now - last.time <= maxScannerGapMs;
    const fromScanner = burst >= minScannerLength && terminatorQuick && typed[start]?.time != null;
    const before = typed[start - 1]?.time;
    const firstOfBurst = typed[start]?.start ?? typed[start]?.time;
    const strayBefore =
      fromScanner && before != null && firstOfBurst != null && firstOfBurst - before >= strayPauseMs;
    const chosen = strayBefore ? typed.slice(start) : typed;
    this.reset();
    return {
      kind: 'submit',
      text: chosen.map((t) => t.ch).join(''),
      source: fromScanner ? 'scanner' : 'keyboard',
    };
  }
}

function isQuick(a: Typed | undefined, b: Typed | undefined, maxGap: number): boolean {
  const bStart = b?.start ?? b?.time;
  return a?.time != null && bStart != null && bStart - a.time <= maxGap;
}

/** Chrome's signs of an active input method (Chinese, Thai, Vietnamese…) on a keystroke. */
function isImeKey(input: Pick<KeyInput, 'key' | 'keyCode' | 'isComposing'>): boolean {
  return (
    input.isComposing || input.keyCode === 229 || input.key === 'Unidentified' || input.key === 'Process'
  );
}

/** The character a key stands for in a scanned code, or null when the key types nothing. */
function decodeCharacter(input: KeyInput, bufferEmpty: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(input.code)?.[1];
  if (input.ctrlKey) {
    const punctuation = CTRL_PUNCTUATION[input.code];
    if (punctuation) return (input.shiftKey ? punctuation.shifted : punctuation.plain) ?? null;
    if (!letter || (bufferEmpty && CTRL_SHORTCUTS.has(letter))) return null;
    // Ctrl+B is STX, Ctrl+C is ETX…: the control characters scanners add as prefix or suffix.
    return String.fromCharCode(letter.charCodeAt(0) - 64);
  }
  if (letter) return letter;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(input.code)?.[1];
  if (digit && !(input.shiftKey && input.code.startsWith('Digit'))) return digit;
  const fixed = input.shiftKey ? undefined : FIXED_KEYS[input.code];
  if (fixed !== undefined) return fixed;
  if (input.code === 'F8') return GS;
  // Punctuation depends on the layout; the layout's own character is the best we know.
  if (input.key.length === 1 && input.key >= ' ' && input.key <= '~') return input.key;
  return null;
}
