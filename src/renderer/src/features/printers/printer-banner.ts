import type { PrinterStatusView } from '../../../../shared/printing';

/**
 * Labels waiting this long on a printer that is not known to be offline are worth telling the
 * clerk about (a printer switched off in the profile, or one that has not answered yet); a label
 * that prints within seconds is not.
 */
export const WAITING_NOTICE_MS = 15_000;

export type BannerLine =
  | { kind: 'offline'; printerId: string; name: string; count: number }
  | { kind: 'disabled'; printerId: string; name: string; count: number }
  | { kind: 'waiting'; printerId: string; name: string; count: number };

/** What the banner says about each printer: offline ones first, then the ones with labels stuck. */
export function bannerLines(statuses: readonly PrinterStatusView[]): BannerLine[] {
  const lines: BannerLine[] = [];
  for (const s of statuses) {
    const base = { printerId: s.printerId, name: s.name, count: s.queued };
    if (!s.enabled) {
      if (s.queued > 0) lines.push({ kind: 'disabled', ...base });
    } else if (s.state === 'offline') {
      lines.push({ kind: 'offline', ...base });
    } else if (s.queued > 0 && (s.oldestWaitingMs ?? 0) >= WAITING_NOTICE_MS) {
      lines.push({ kind: 'waiting', ...base });
    }
  }
  const order = { offline: 0, disabled: 1, waiting: 2 } as const;
  return lines.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}
