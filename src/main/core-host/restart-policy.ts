/**
 * When a crashed core process is started again. Quickly at first (a one-off crash should cost
 * the clerk a second), then slower, and not for ever: a core that keeps crashing (a damaged
 * database, a disk that went read-only) stops, and the app shows the recovery dialog instead of
 * a window that flickers between "restarting" and "running".
 */
export interface RestartPolicy {
  /** Delay before the n-th restart within the window; the last one repeats. */
  delaysMs: readonly number[];
  /** More crashes than this within the window and the core is not started again. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  delaysMs: [200, 1000, 3000, 8000],
  maxCrashes: 5,
  windowMs: 5 * 60_000,
};

export type RestartDecision =
  { restart: true; attempt: number; delayMs: number } | { restart: false; crashes: number };

/** `crashTimes`: when the core ended unasked, the crash being decided on included. */
export function restartDecision(
  crashTimes: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  // A clock stepped back makes old crashes look recent: still counted, erring towards stopping.
  const crashes = crashTimes.filter((t) => now - t < policy.windowMs).length;
  if (crashes > policy.maxCrashes) return { restart: false, crashes };
  const delays = policy.delaysMs.length > 0 ? policy.delaysMs : [0];
  const delayMs = delays[Math.min(Math.max(crashes, 1), delays.length) - 1] ?? 0;
  return { restart: true, attempt: crashes, delayMs };
}
