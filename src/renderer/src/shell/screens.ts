/**
 * The screens, in the order of the navigation rail. Adding a screen is one id here and one line in
 * app/screen-components.tsx (the compiler insists on both) plus its texts (`nav.<id>`).
 */
export const SCREENS = [
  'receive',
  'scan',
  'queue',
  'sync',
  'printers',
  'settings',
  'supervisor',
  'packing',
] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * Function keys by position. F5 stays the browser's reload and F8 is left alone because some Zebra
 * scanners send the GS separator as F8.
 */
const HOTKEYS = ['F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F9', 'F10'] as const;

/** The key hint printed on each navigation button. */
export function hotkeyLabel(screen: Screen): string {
  return HOTKEYS[SCREENS.indexOf(screen)] ?? '';
}

/**
 * A function key or Alt+digit switches screens, so a clerk with a scanner in one hand never needs
 * the mouse. Read from `code`, so it works on every layout and with an input method on.
 */
export function screenForKey(input: {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): Screen | null {
  if (input.ctrlKey || input.metaKey) return null;
  if (!input.altKey) {
    const index = (HOTKEYS as readonly string[]).indexOf(input.code);
    return index >= 0 ? (SCREENS[index] ?? null) : null;
  }
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(input.code)?.[1];
  return digit ? (SCREENS[Number(digit) - 1] ?? null) : null;
}
