/** What the clerk hears: one high short beep for a hit, two low ones for anything to look at. */
export type Feedback = 'found' | 'unknown' | 'error';

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
};

export interface Beeper {
  play(feedback: Feedback): void;
}
