import type { ZebraHostStatus } from './printer-transport';

/**
 * Parses a Zebra `~HS` answer: three lines, each framed by STX … ETX. Line 1 field 2 is "paper
 * out", field 3 "pause", field 5 labels remaining in the batch; line 2 field 3 "head up", field 4
 * "ribbon out". Returns null until all three lines have arrived.
 */
export function parseHostStatus(answer: string): ZebraHostStatus | null {
  // eslint-disable-next-line no-control-regex -- STX/ETX frame the answer
  const lines = [...answer.matchAll(/\x02([^\x03]*)\x03/g)].map((m) => (m[1] ?? '').split(','));
  if (lines.length < 3) return null;
  const [one, two] = lines as [string[], string[]];
  const flag = (v: string | undefined): boolean => v?.trim() === '1';
  return {
    paperOut: flag(one[1]),
    paused: flag(one[2]),
    labelsRemaining: Number(one[4] ?? 0) || 0,
    headOpen: flag(two[2]),
    ribbonOut: flag(two[3]),
  };
}

/** Why a Zebra will not print now, or null if it is ready. */
export function notReadyReason(status: ZebraHostStatus): string | null {
  if (status.paperOut) return 'paper_out';
  if (status.headOpen) return 'head_open';
  if (status.ribbonOut) return 'ribbon_out';
  if (status.paused) return 'paused';
  return null;
}
