import { describe, expect, it } from 'vitest';
import { hotkeyLabel, screenForKey, SCREENS } from '../../../src/renderer/src/shell/screens';

const key = (code: string, mods: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) =>
  screenForKey({ code, altKey: false, ctrlKey: false, metaKey: false, ...mods });

const ORDER = ['receive', 'scan', 'queue', 'sync', 'printers', 'settings', 'supervisor', 'packing'];

describe('screen hotkeys', () => {
  it('maps F1–F4, F6, F7, F9, F10 and Alt+1..8 to the screens in rail order, as printed on the buttons', () => {
    expect(SCREENS.map((s) => hotkeyLabel(s))).toEqual(['F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F9', 'F10']);
    expect(SCREENS.map((s) => key(hotkeyLabel(s)))).toEqual(ORDER);
    expect(
      ['Digit1', 'Digit2', 'Digit3', 'Numpad4', 'Digit5', 'Digit6', 'Digit7', 'Digit8'].map((c) =>
        key(c, { altKey: true }),
      ),
    ).toEqual(ORDER);
  });

  it('leaves digits without Alt, F5 and Ctrl combinations to the scanner and the browser', () => {
    expect(key('Digit1')).toBeNull();
    expect(key('F5')).toBeNull();
    expect(key('F1', { ctrlKey: true })).toBeNull();
    expect(key('Digit9', { altKey: true })).toBeNull();
    // Some Zebra scanners send the GS separator as F8: it must never switch screens.
    expect(key('F8')).toBeNull();
  });
});
