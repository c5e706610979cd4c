import type { PrinterCheck } from '../../../../shared/printing';

export type NotReadyReason = 'paperOut' | 'paused' | 'headOpen' | 'ribbonOut';

/** What a Zebra's `~HS` answer says is wrong, in the order a clerk would fix it. */
export function notReadyReasons(check: Pick<PrinterCheck, 'hostStatus'>): NotReadyReason[] {
  const s = check.hostStatus;
  if (!s) return [];
  return (['headOpen', 'paperOut', 'ribbonOut', 'paused'] as const).filter((r) => s[r]);
}
