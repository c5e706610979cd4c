/** ASCII names of C0 control characters, as scanner manuals spell them. */
export const CONTROL_NAMES: readonly string[] = [
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
 * A code as the screen shows it: every control character as a visible token (`‹GS›` for the
 * GS1 separator), because station fonts draw GS as nothing or an empty box and the clerk must
 * see that a separator is there. For display only; never look the result up.
 */
export function displayCode(code: string): string {
  let out = '';
  for (const ch of code) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20) out += `‹${CONTROL_NAMES[cp] ?? '?'}›`;
    else if (cp === 0x7f) out += '‹DEL›';
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '‹?›';
    else out += ch;
  }
  return out;
}
