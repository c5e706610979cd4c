import type { KeyInput } from '../features/scan/scanner-decoder';

/** A key that may start a code: after a held shortcut key it means the shortcut was a scan's first character. */
const CODE_KEY = /^(?:Key|Digit|Numpad|Minus|Period|Slash)/;

/** The shortcut letter or digit of a plain key press, or null. */
export function shortcutKeyOf(input: KeyInput): string | null {
  if (input.ctrlKey || input.altKey || input.metaKey || input.shiftKey) return null;
  if (input.isComposing || input.keyCode === 229) return null;
  const m = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9]))$/.exec(input.code);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/**
 * A lone shortcut key on a bench acts after a short pause; if more keys follow at scanner speed
 * it was the first character of a scan, and is given back to the decoder. Without the pause a
 * code beginning with a shortcut letter would act and lose its first character.
 */
export class ShortcutGate {
  private pending: { key: string; input: KeyInput; timer: ReturnType<typeof setTimeout> } | null = null;
  /** The shortcut that acted last, while a key typed right behind it could still prove it a scan. */
  private acted: { key: string; input: KeyInput; windowMs: number } | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly act: (key: string) => void,
  ) {}

  /** Holds the key as a possible shortcut, for `delayMs` (longer for a key whose action cannot be undone). */
  hold(key: string, input: KeyInput, delayMs = this.delayMs): void {
    this.drop();
    this.acted = null;
    this.pending = { key, input, timer: setTimeout(() => this.flush(delayMs), delayMs) };
  }

  /**
   * A busy page can run the pause's timer before it handles a key that was typed in time: the
   * keys' own event times decide. A code key stamped within the pause after the shortcut's key
   * means the shortcut was a scan's first character — its key and input are handed back (the
   * caller undoes what it can and decodes the input first).
   */
  takeBack(input: KeyInput): { key: string; input: KeyInput } | null {
    const acted = this.acted;
    this.acted = null;
    if (!acted || !CODE_KEY.test(input.code)) return null;
    return input.time - acted.input.time <= acted.windowMs ? { key: acted.key, input: acted.input } : null;
  }

  get holding(): boolean {
    return this.pending !== null;
  }

  /**
   * A new key arrived while one is held: a code key means the held one began a scan (its input is
   * returned, to be decoded first); any other key (Enter, Escape) means the shortcut was meant.
   */
  next(input: KeyInput): KeyInput | null {
    if (!this.pending) return null;
    if (!CODE_KEY.test(input.code)) {
      this.flush();
      return null;
    }
    const held = this.pending.input;
    this.drop();
    return held;
  }

  flush(windowMs = this.delayMs): void {
    if (!this.pending) return;
    const { key, input } = this.pending;
    this.drop();
    this.acted = { key, input, windowMs };
    this.act(key);
  }

  drop(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}
