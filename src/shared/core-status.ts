/**
 * What the screens are told about the station's core process, pushed by the Electron main
 * process on this channel (and learnt by any transport from CORE_RESTARTING answers): running,
 * restarting after a crash (nothing confirmed is lost), or stopped for good (the app shows its
 * recovery dialog).
 */
export const CORE_STATUS_CHANNEL = 'lastmile:core-status';

export type CoreStatusView =
  { state: 'running' } | { state: 'restarting'; attempt: number } | { state: 'stopped' };

/** Checks a pushed value field by field (the preload stays free of zod). */
export function parseCoreStatusView(value: unknown): CoreStatusView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { state?: unknown; attempt?: unknown };
  if (v.state === 'running' || v.state === 'stopped') return { state: v.state };
  if (v.state === 'restarting') {
    const attempt = typeof v.attempt === 'number' && Number.isFinite(v.attempt) ? Math.trunc(v.attempt) : 0;
    return { state: 'restarting', attempt };
  }
  return null;
}
