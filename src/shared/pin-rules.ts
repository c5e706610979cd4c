/** The rules a new PIN must meet, shared so the screen can say what is wrong before a round trip. */
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 12;

export const PIN_RULES = ['length', 'digits', 'repeated', 'sequence', 'same_as_old'] as const;
export type PinRule = (typeof PIN_RULES)[number];

/**
 * The first rule `pin` breaks, or null when it is acceptable: 4–12 digits, not one digit repeated
 * (0000), not a run up or down (1234, 9876, 7890), and not the PIN it replaces.
 */
export function pinProblem(pin: string, oldPin?: string): PinRule | null {
  if (!/^\d*$/.test(pin)) return 'digits';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) return 'length';
  if (/^(\d)\1*$/.test(pin)) return 'repeated';
  if (isRun(pin, 1) || isRun(pin, -1)) return 'sequence';
  if (oldPin !== undefined && pin === oldPin) return 'same_as_old';
  return null;
}

/** Each digit is the previous one plus `step`, wrapping 9→0 (so 7890 and 8901 count as runs too). */
function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if (Number(pin[i]) !== (Number(pin[i - 1]) + step + 10) % 10) return false;
  }
  return true;
}
