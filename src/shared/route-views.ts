import { z } from 'zod';

/**
 * Routes and backup lines, as the contract and the screens see them. A route maps a destination
 * country (and optionally one seller) to a primary line and a backup line — each a configured
 * destination (a carrier account). New work goes to the primary unless its circuit has stayed open
 * longer than the sync configuration's `failoverAfterMs`; then it goes to the backup.
 */
export const LINES = ['primary', 'backup'] as const;
export type Line = (typeof LINES)[number];

/**
 * Why a line is the active one: the primary answers; it is down but not for long enough yet; it
 * has been down long enough (→ backup); it is down and the route has no backup; or the backup is
 * down as well (then the primary keeps the work: nothing is gained by moving it).
 */
export const LINE_REASONS = [
  'primary_up',
  'primary_down_briefly',
  'primary_down',
  'no_backup',
  'backup_down',
] as const;
export type LineReason = (typeof LINE_REASONS)[number];

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case (TH, VN, MY, GB, US)');
export const sellerIdSchema = z.string().min(1).max(64);
export const lineName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a destination name: letters, digits, dot, dash, underscore; at most 64');

export const routeKeySchema = z.strictObject({
  country: countryCode,
  /** Absent or null: the route for every seller of the country without one of their own. */
  sellerId: sellerIdSchema.nullable().optional(),
});
export type RouteKey = z.infer<typeof routeKeySchema>;

/** Primary ≠ backup and both configured are the route book's rules (ROUTE_LINES_SAME, ROUTE_LINE_UNKNOWN). */
export const routeInputSchema = z.strictObject({
  country: countryCode,
  sellerId: sellerIdSchema.nullable().optional(),
  primary: lineName,
  backup: lineName.nullable(),
});
export type RouteInput = z.infer<typeof routeInputSchema>;

export const routeSchema = z.object({
  id: z.string(),
  country: countryCode,
  sellerId: z.string().nullable(),
  primary: z.string(),
  backup: z.string().nullable(),
  updatedAt: z.number().int(),
  updatedBy: z.string().nullable(),
});
export type Route = z.infer<typeof routeSchema>;

/** What resolveLine answers: the two lines, which one takes new work, and why. */
export const lineResolutionSchema = z.object({
  primary: z.string(),
  backup: z.string().nullable(),
  active: z.enum(LINES),
  reason: z.enum(LINE_REASONS),
});
export type LineResolution = z.infer<typeof lineResolutionSchema>;

export const routeStatusSchema = z.object({
  failoverAfterMs: z.number().int(),
  /** The connector accounts a route may name as a line (the sync configuration's destinations). */
  lines: z.array(z.string()),
  routes: z.array(
    routeSchema.extend({
      line: lineResolutionSchema,
      /** Since when each line has been unreachable (its circuit open, not reached since); null: up. */
      primaryDownSince: z.number().int().nullable(),
      backupDownSince: z.number().int().nullable(),
      /** Work this route sent to its backup line in the last 24 hours. */
      sentToBackup24h: z.number().int(),
    }),
  ),
});
export type RouteStatus = z.infer<typeof routeStatusSchema>;
