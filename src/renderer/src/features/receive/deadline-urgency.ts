/** Within this much of the seller's deadline the bench shows it in the warning colour. */
export const DEADLINE_SOON_MS = 24 * 3_600_000;

export type DeadlineUrgency = 'passed' | 'soon' | 'later' | 'none';

/**
 * How close the platform's deadline for the seller is: a return whose deadline passes today is
 * the one the clerk should finish first (the platform decides for the seller after it).
 */
export function deadlineUrgency(deadline: number | null, now: number): DeadlineUrgency {
  if (deadline === null) return 'none';
  if (deadline <= now) return 'passed';
  return deadline - now <= DEADLINE_SOON_MS ? 'soon' : 'later';
}
