/** When the renderer crashed recently (ms timestamps). */
export type CrashHistory = readonly number[];

export const CRASH_WINDOW_MS = 60_000;
export const MAX_RELOADS_IN_WINDOW = 3;

export interface CrashDecision {
  action: 'ignore' | 'reload' | 'give-up';
  /** The history to keep for the next crash. */
  history: CrashHistory;
}

/**
 * What to do when the page's process is gone. `clean-exit` is the window closing: nothing to do.
 * Anything else reloads the page, unless it already crashed MAX_RELOADS_IN_WINDOW times within
 * CRASH_WINDOW_MS — then reloading would only loop, and the operator is told instead.
 */
export function rendererCrashAction(history: CrashHistory, now: number, reason: string): CrashDecision {
  if (reason === 'clean-exit') return { action: 'ignore', history };
  const recent = history.filter((t) => now - t >= 0 && now - t < CRASH_WINDOW_MS);
  return {
    action: recent.length >= MAX_RELOADS_IN_WINDOW ? 'give-up' : 'reload',
    history: [...recent, now],
  };
}
