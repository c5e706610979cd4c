import { describe, expect, it } from 'vitest';
import {
  ScannerDecoder,
  type DecodeResult,
  type KeyInput,
} from '../../../src/renderer/src/features/scan/scanner-decoder';
import { press } from '../../helpers/key-input';

/** The KeyboardEvent fields Chrome gives for one key on a US layout (code = physical key). */
function keyOf(ch: string): Pick<KeyInput, 'code' | 'key' | 'shiftKey'> {
  if (/^[A-Z]$/.test(ch)) return { code: `Key${ch}`, key: ch, shiftKey: true };
  if (/^[a-z]$/.test(ch)) return { code: `Key${ch.toUpperCase()}`, key: ch, shiftKey: false };
  if (/^[0-9]$/.test(ch)) return { code: `Digit${ch}`, key: ch, shiftKey: false };
  if (ch === '-') return { code: 'Minus', key: '-', shiftKey: false };
  throw new Error(`no key for ${ch}`);
}

/** Types `text` starting at `start`, one key every `gap` ms, then a terminator; returns the last result. */
function typeInto(
  decoder: ScannerDecoder,
  text: string,
  start: number,
  gap: number,
  terminator = 'Enter',
): DecodeResult {
  let t = start;
  for (const ch of text) {
    decoder.key(press({ ...keyOf(ch), time: t }));
    t += gap;
  }
  return decoder.key(press({ code: terminator, key: terminator, time: t }));
}

describe('ScannerDecoder', () => {
  it('takes a burst at scanner speed ended by Enter as a scanner code', () => {
    expect(typeInto(new ScannerDecoder(), 'RB123456785GB', 1000, 25)).toEqual({
      kind: 'submit',
      text: 'RB123456785GB',
      source: 'scanner',
    });
  });

  it('takes the same code typed by a person as keyboard input', () => {
    expect(typeInto(new ScannerDecoder(), 'RB123456785GB', 1000, 180)).toEqual({
      kind: 'submit',
      text: 'RB123456785GB',
      source: 'keyboard',
    });
  });

  it('accepts Tab as the scanner terminator', () => {
    expect(typeInto(new ScannerDecoder(), '1Z999AA10123456784', 0, 28, 'Tab')).toMatchObject({
      kind: 'submit',
      text: '1Z999AA10123456784',
      source: 'scanner',
    });
  });

  it('does not call a short fast burst a scanner', () => {
    expect(typeInto(new ScannerDecoder(), 'AB1', 0, 20)).toMatchObject({ source: 'keyboard' });
  });

  it('drops a stray key pressed long before a scan, keeping the scan', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ ...keyOf('x'), time: 0 }));
    expect(typeInto(decoder, 'RB123456785GB', 5000, 25)).toEqual({
      kind: 'submit',
      text: 'RB123456785GB',
      source: 'scanner',
    });
  });

  it('reads letters and digits from the physical key, so a German or French layout yields the printed code', () => {
    const decoder = new ScannerDecoder();
    // German QWERTZ: the key labelled Y on the US layout types "z"; French AZERTY digits need Shift.
    decoder.key(press({ code: 'KeyY', key: 'z', time: 0 }));
    decoder.key(press({ code: 'Digit1', key: '&', time: 25 }));
    decoder.key(press({ code: 'KeyQ', key: 'a', time: 50 }));
    decoder.key(press({ code: 'Numpad7', key: '7', time: 75 }));
    expect(decoder.key(press({ code: 'Enter', key: 'Enter', time: 100 }))).toEqual({
      kind: 'submit',
      text: 'Y1Q7',
      source: 'scanner',
    });
  });

  it('keeps layout-independent punctuation and falls back to the layout for the rest', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ code: 'Minus', key: 'ß', time: 0 }));
    decoder.key(press({ code: 'NumpadDivide', key: '/', time: 25 }));
    expect(decoder.key(press({ code: 'Digit2', key: '"', shiftKey: true, time: 50 }))).toEqual({
      kind: 'typed',
      text: '-/"',
    });
  });

  it('turns a scanner control prefix (Ctrl+B = STX) into the control character, for the scan check to refuse', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ code: 'KeyB', key: 'b', ctrlKey: true, time: 0 }));
    expect(typeInto(decoder, '123456', 25, 25)).toEqual({
      kind: 'submit',
      text: '\u0002123456',
      source: 'scanner',
    });
  });

  it('leaves copy, paste, reload and print (the bench’s command sheet) shortcuts alone on an idle screen', () => {
    const decoder = new ScannerDecoder();
    for (const code of ['KeyC', 'KeyV', 'KeyR', 'KeyP']) {
      expect(decoder.key(press({ code, key: code.slice(3).toLowerCase(), ctrlKey: true, time: 0 }))).toEqual({
        kind: 'pass',
      });
    }
    expect(decoder.text).toBe('');
  });

  it('maps F8 to GS, the FNC1 separator of GS1 strings', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ ...keyOf('1'), time: 0 }));
    expect(decoder.key(press({ code: 'F8', key: 'F8', time: 25 }))).toEqual({
      kind: 'typed',
      text: '1\u001d',
    });
  });

  /** A GS1 string scanned at scanner speed, its GS sent the way `sendGs` types it. */
  function scanGs1(sendGs: (decoder: ScannerDecoder, t: number) => number): DecodeResult {
    const decoder = new ScannerDecoder();
    let t = 1000;
    const type = (text: string) => {
      for (const ch of text) {
        decoder.key(press({ ...keyOf(ch), time: t }));
        t += 25;
      }
    };
    type('0109501101530003');
    type('10');
    type('ABC');
    t = sendGs(decoder, t);
    type('21');
    type('XYZ');
    return decoder.key(press({ code: 'Enter', key: 'Enter', time: t }));
  }

  it.each([
    [
      'F8 (some Zebra models)',
      (d: ScannerDecoder, t: number) => (d.key(press({ code: 'F8', key: 'F8', time: t })), t + 25),
    ],
    [
      'Ctrl+] (the ASCII control key for GS)',
      (d: ScannerDecoder, t: number) => (
        d.key(press({ code: 'BracketRight', key: ']', ctrlKey: true, time: t })),
        t + 25
      ),
    ],
    [
      'Alt + 0029 on the numeric keypad',
      (d: ScannerDecoder, t: number) => {
        d.key(press({ code: 'AltLeft', key: 'Alt', altKey: true, time: t }));
        for (const [i, digit] of ['0', '0', '2', '9'].entries()) {
          d.key(press({ code: `Numpad${digit}`, key: digit, altKey: true, time: t + 25 * (i + 1) }));
        }
        return t + 125;
      },
    ],
  ])('decodes GS sent as %s inside a scanner burst', (_how, sendGs) => {
    expect(scanGs1(sendGs)).toEqual({
      kind: 'submit',
      text: '0109501101530003' + '10ABC' + '\u001d' + '21XYZ',
      source: 'scanner',
    });
  });

  it('decodes the other control keys scanners send: Ctrl+[ ESC, Ctrl+\\ FS, Ctrl+^ RS, Ctrl+_ US', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ code: 'BracketLeft', key: '[', ctrlKey: true, time: 0 }));
    decoder.key(press({ code: 'Backslash', key: '\\', ctrlKey: true, time: 25 }));
    decoder.key(press({ code: 'Digit6', key: '^', ctrlKey: true, shiftKey: true, time: 50 }));
    expect(decoder.key(press({ code: 'Minus', key: '_', ctrlKey: true, shiftKey: true, time: 75 }))).toEqual({
      kind: 'typed',
      text: '\u001b\u001c\u001e\u001f',
    });
  });

  it('drops an alt code outside ASCII and keeps Alt+digit navigation working', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ ...keyOf('A'), time: 0 }));
    decoder.key(press({ code: 'AltLeft', key: 'Alt', altKey: true, time: 25 }));
    for (const [i, d] of ['0', '2', '5', '5'].entries()) {
      decoder.key(press({ code: `Numpad${d}`, key: d, altKey: true, time: 50 + 25 * i }));
    }
    expect(decoder.key(press({ ...keyOf('B'), time: 175 }))).toEqual({ kind: 'typed', text: 'AB' });
    expect(decoder.key(press({ code: 'Digit2', key: '2', altKey: true, time: 2000 }))).toEqual({
      kind: 'pass',
    });
  });

  it('reports an active input method (keyCode 229, Unidentified, isComposing) and forgets what it had', () => {
    for (const ime of [
      { keyCode: 229, key: 'a' },
      { keyCode: 65, key: 'Unidentified' },
      { keyCode: 65, key: 'Process' },
      { keyCode: 65, key: 'a', isComposing: true },
    ]) {
      const decoder = new ScannerDecoder();
      decoder.key(press({ ...keyOf('R'), time: 0 }));
      expect(decoder.key(press({ code: 'KeyA', time: 25, ...ime }))).toEqual({ kind: 'ime' });
      expect(decoder.text).toBe('');
    }
  });

  it('lets navigation and idle keys through: Alt+1, F1, Enter or Space with nothing typed', () => {
    const decoder = new ScannerDecoder();
    expect(decoder.key(press({ code: 'Digit1', key: '1', altKey: true, time: 0 }))).toEqual({ kind: 'pass' });
    expect(decoder.key(press({ code: 'F1', key: 'F1', time: 0 }))).toEqual({ kind: 'pass' });
    expect(decoder.key(press({ code: 'Enter', key: 'Enter', time: 0 }))).toEqual({ kind: 'pass' });
    expect(decoder.key(press({ code: 'Space', key: ' ', time: 0 }))).toEqual({ kind: 'pass' });
    expect(decoder.key(press({ code: 'ShiftLeft', key: 'Shift', shiftKey: true, time: 0 }))).toEqual({
      kind: 'pass',
    });
  });

  it('edits what a person types: Backspace removes, Escape clears', () => {
    const decoder = new ScannerDecoder();
    decoder.key(press({ ...keyOf('A'), time: 0 }));
    decoder.key(press({ ...keyOf('B'), time: 300 }));
    expect(decoder.key(press({ code: 'Backspace', key: 'Backspace', time: 600 }))).toEqual({
      kind: 'typed',
      text: 'A',
    });
    expect(decoder.key(press({ code: 'Escape', key: 'Escape', time: 900 }))).toEqual({
      kind: 'typed',
      text: '',
    });
    expect(decoder.key(press({ code: 'Backspace', key: 'Backspace', time: 1200 }))).toEqual({ kind: 'pass' });
  });

  it('counts pasted text as typed by a person', () => {
    const decoder = new ScannerDecoder();
    decoder.replace('RB123456785GB');
    expect(decoder.key(press({ code: 'Enter', key: 'Enter', time: 10 }))).toEqual({
      kind: 'submit',
      text: 'RB123456785GB',
      source: 'keyboard',
    });
  });
});
