import { z } from 'zod';

/**
 * How long a primary line's circuit must stay open before new work goes to its backup line
 * (routes/route-book.ts). Short outages (a carrier's deploy, a flaky minute) keep the primary:
 * moving work between carriers has a cost (a second label, a second tracking number).
 */
export const DEFAULT_FAILOVER_AFTER_MS = 15 * 60_000;

export const failoverAfterMsSchema = z
  .number()
  .int()
  .min(10_000, 'at least 10 s: shorter would fail over on a single slow answer')
  .max(7 * 24 * 3_600_000, 'at most 7 days');

/** The failover delay of a stored sync configuration; the default when it has none or a bad one. */
export function failoverAfterMsOf(storedConfig: unknown): number {
  const value =
    storedConfig !== null && typeof storedConfig === 'object'
      ? (storedConfig as { failoverAfterMs?: unknown }).failoverAfterMs
      : undefined;
  const parsed = failoverAfterMsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_FAILOVER_AFTER_MS;
}
