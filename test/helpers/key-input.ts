import type { KeyInput } from '../../src/renderer/src/features/scan/scanner-decoder';

/** One keydown as the scanner decoder reads it: no modifiers, no IME, unless `partial` says so. */
export function press(partial: Partial<KeyInput> & { time: number }): KeyInput {
  return {
    code: '',
    key: '',
    keyCode: 0,
    isComposing: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    shiftKey: false,
    ...partial,
  };
}
