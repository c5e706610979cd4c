/**
 * What the clerk hears: one high short beep for a hit, two mid ones for a warning, two low long
 * ones for an error, and a rising pair for "not a return here" (it needs its own sound as well as
 * its own colour).
 */
export type Feedback = 'found' | 'unknown' | 'error' | 'info';

export interface Tone {
  frequency: number;
  durationMs: number;
  /** Silence before the next tone. */
  gapMs: number;
}

export const FEEDBACK_TONES: Record<Feedback, readonly Tone[]> = {
  found: [{ frequency: 1760, durationMs: 90, gapMs: 0 }],
  unknown: [
    { frequency: 440, durationMs: 140, gapMs: 90 },
    { frequency: 440, durationMs: 140, gapMs: 0 },
  ],
  error: [
    { frequency: 260, durationMs: 180, gapMs: 90 },
    { frequency: 260, durationMs: 180, gapMs: 0 },
  ],
  info: [
    { frequency: 660, durationMs: 110, gapMs: 60 },
    { frequency: 990, durationMs: 110, gapMs: 0 },
  ],
};

export interface Beeper {
  play(feedback: Feedback): void;
}
