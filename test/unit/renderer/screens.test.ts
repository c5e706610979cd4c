import { describe, expect, it } from 'vitest';
import { hotkeyLabel, screenForKey, SCREENS } from '../../../src/renderer/src/shell/screens';

const key = (code: string, mods: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) =>
  screenForKey({ code, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('screen hotkeys', () => {
  it('maps F1–F4, F6 and Alt+1..5 to Returns QC, Scan, Queue, Sync, Settings, as printed on the buttons', () => {
    expect(SCREENS.map((s) => key(hotkeyLabel(s)))).toEqual(['receive', 'scan', 'queue', 'sync', 'settings']);
    expect(['Digit1', 'Digit2', 'Digit3', 'Numpad4', 'Digit5'].map((c) => key(c, { altKey: true }))).toEqual([
      'receive',
      'scan',
      'queue',
      'sync',
      'settings',
    ]);
  });

  it('leaves digits without Alt, F5 and Ctrl combinations to the scanner and the browser', () => {
    expect(key('Digit1')).toBeNull();
    expect(key('F5')).toBeNull();
    expect(key('F1', { ctrlKey: true })).toBeNull();
    expect(key('Digit6', { altKey: true })).toBeNull();
    // Some Zebra scanners send the GS separator as F8: it must never switch screens.
    expect(key('F8')).toBeNull();
  });
});
