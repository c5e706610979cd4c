import type { PrinterStatusView } from '../../../../shared/printing';

/**
 * Labels waiting this long on a printer that is not known to be offline are worth telling the
 * clerk about (a printer switched off in the profile, or one that has not answered yet); a label
 * that prints within seconds is not.
 */
export const WAITING_NOTICE_MS = 15_000;

/** The status line of labels waiting for any printer (the station's queue names them so). */
export const UNROUTED_PRINTER = '';

export type BannerLine =
  | { kind: 'offline'; printerId: string; name: string; count: number }
  | { kind: 'disabled'; printerId: string; name: string; count: number }
  | { kind: 'waiting'; printerId: string; name: string; count: number }
  /** Labels no printer of the station prints yet (none set up for them). */
  | { kind: 'unrouted'; printerId: string; name: string; count: number };

/** What the banner says about each printer: offline ones first, then the ones with labels stuck. */
export function bannerLines(statuses: readonly PrinterStatusView[]): BannerLine[] {
  const lines: BannerLine[] = [];
  for (const s of statuses) {
    const base = { printerId: s.printerId, name: s.name, count: s.queued };
    if (s.printerId === UNROUTED_PRINTER) {
      if (s.queued > 0) lines.push({ kind: 'unrouted', ...base });
    } else if (!s.enabled) {
      if (s.queued > 0) lines.push({ kind: 'disabled', ...base });
    } else if (s.state === 'offline') {
      lines.push({ kind: 'offline', ...base });
    } else if (s.queued > 0 && (s.oldestWaitingMs ?? 0) >= WAITING_NOTICE_MS) {
      lines.push({ kind: 'waiting', ...base });
    }
  }
  const order = { unrouted: 0, offline: 1, disabled: 2, waiting: 3 } as const;
  return lines.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}
