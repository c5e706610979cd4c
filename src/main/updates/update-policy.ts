/**
 * When a downloaded update may be installed. Installing restarts the app, so it must never happen
 * under a clerk's hands: only with no parcel open, and then either when the app quits anyway or at
 * the idle time a supervisor picked. An update whose file failed verification is never installed.
 */
export type UpdateState =
  | { phase: 'none' }
  | { phase: 'checking' }
  | { phase: 'downloading'; version: string }
  /** `verified`: the downloaded file matched the sha512 (and size) the update server published. */
  | { phase: 'ready'; version: string; verified: boolean }
  | { phase: 'rejected'; version: string; reason: 'verification_failed' };

export interface InstallTime {
  /** Local wall-clock time the supervisor chose, e.g. 13:00 for the lunch break; null: only on quit. */
  at: { hour: number; minute: number } | null;
  /** How long after `at` the app may still install (if the station was busy at `at` itself). */
  windowMinutes: number;
  /** Nobody touched the keyboard or mouse for at least this long. */
  minIdleMinutes: number;
  /** Offset of the warehouse's local time from UTC, in minutes (e.g. +420 for Bangkok). */
  utcOffsetMinutes: number;
}

export interface InstallContext {
  update: UpdateState;
  parcelOpen: boolean;
  idleMinutes: number;
  /** ms since the epoch. */
  now: number;
  time: InstallTime;
  /** `quit`: the app is closing anyway; `tick`: the periodic look while it runs. */
  moment: 'tick' | 'quit';
}

export type InstallReason =
  | 'nothing_ready'
  | 'not_verified'
  | 'parcel_open'
  | 'on_quit'
  | 'only_on_quit'
  | 'outside_install_window'
  | 'not_idle'
  | 'idle_in_install_window';

export interface InstallDecision {
  install: boolean;
  reason: InstallReason;
}

export function installDecision(ctx: InstallContext): InstallDecision {
  if (ctx.update.phase !== 'ready') return { install: false, reason: 'nothing_ready' };
  if (!ctx.update.verified) return { install: false, reason: 'not_verified' };
  if (ctx.parcelOpen) return { install: false, reason: 'parcel_open' };
  if (ctx.moment === 'quit') return { install: true, reason: 'on_quit' };
  if (ctx.time.at === null) return { install: false, reason: 'only_on_quit' };
  if (!insideWindow(ctx.now, ctx.time)) return { install: false, reason: 'outside_install_window' };
  if (ctx.idleMinutes < ctx.time.minIdleMinutes) return { install: false, reason: 'not_idle' };
  return { install: true, reason: 'idle_in_install_window' };
}

const DAY_MINUTES = 24 * 60;

/** Whether local `now` lies in [at, at + windowMinutes), across midnight too. */
export function insideWindow(now: number, time: InstallTime): boolean {
  if (time.at === null) return false;
  const localMinutes = Math.floor(now / 60_000) + time.utcOffsetMinutes;
  const minuteOfDay = ((localMinutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  const start = time.at.hour * 60 + time.at.minute;
  const since = (minuteOfDay - start + DAY_MINUTES) % DAY_MINUTES;
  return since < Math.min(Math.max(time.windowMinutes, 0), DAY_MINUTES);
}

/** Parses the supervisor's "HH:MM" (24-hour); null for anything else. */
export function parseInstallAt(value: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}
