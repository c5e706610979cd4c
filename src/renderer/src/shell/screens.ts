export const SCREENS = ['scan', 'queue', 'sync', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** The key hint printed on each navigation button. */
export function hotkeyLabel(screen: Screen): string {
  const n = SCREENS.indexOf(screen) + 1;
  return `F${n}`;
}

/**
 * F1–F4 or Alt+1..4 switch screens, so a clerk with a scanner in one hand never needs the mouse.
 * Read from `code`, so it works on every layout and with an input method on.
 */
export function screenForKey(input: {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): Screen | null {
  if (input.ctrlKey || input.metaKey) return null;
  const fn = /^F([1-4])$/.exec(input.code)?.[1];
  const digit = /^(?:Digit|Numpad)([1-4])$/.exec(input.code)?.[1];
  const n = fn && !input.altKey ? Number(fn) : digit && input.altKey ? Number(digit) : 0;
  return SCREENS[n - 1] ?? null;
}
