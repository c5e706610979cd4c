import { z } from 'zod';
import { OUTBOX_STATUSES } from './domain';

export const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;
export const SYNC_STAGES = ['pull_returns', 'pull_orders', 'pull_tracking', 'push', 'report'] as const;
export const SYNC_RUN_STATUSES = ['running', 'ok', 'attention', 'failed', 'cancelled'] as const;

/** Events per outbox status; every status present, zero when none. */
export const outboxCountsSchema = z.object(
  Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof OUTBOX_STATUSES)[number],
    z.ZodNumber
  >,
);
export type OutboxCounts = z.infer<typeof outboxCountsSchema>;

export const destinationOverviewSchema = z.object({
  name: z.string(),
  counts: outboxCountsSchema,
  circuit: z.enum(CIRCUIT_STATES),
  lastSuccessAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type DestinationOverview = z.infer<typeof destinationOverviewSchema>;

export const syncProgressSchema = z.object({
  runId: z.string(),
  stage: z.enum(SYNC_STAGES),
  stageIndex: z.number().int(),
  stageCount: z.number().int(),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.number().int(),
  cancelRequested: z.boolean(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncOverviewSchema = z.object({
  destinations: z.array(destinationOverviewSchema),
  running: syncProgressSchema.nullable(),
  /** Why sync is off at this station (its stored configuration cannot be used); null when it is on. */
  configError: z.string().nullable(),
});
export type SyncOverview = z.infer<typeof syncOverviewSchema>;

export const unknownCodeLineSchema = z.object({
  account: z.string(),
  /** The connector kind (aftership, ninja-van, tiktok-shop, …). */
  connector: z.string(),
  code: z.string(),
  count: z.number().int(),
  /** The first event's description (or order id), cut short. */
  sample: z.string(),
});
export type UnknownCodeLine = z.infer<typeof unknownCodeLineSchema>;

/** An order the platform cancelled after the station had handed it over (not un-shipped). */
export const lateCancellationLineSchema = z.object({
  account: z.string(),
  /** The platform's order id. */
  orderId: z.string(),
  noticedAt: z.number().int(),
});
export type LateCancellationLine = z.infer<typeof lateCancellationLineSchema>;

export const syncReportSchema = z.object({
  id: z.string(),
  trigger: z.enum(['ui', 'cli']),
  status: z.enum(SYNC_RUN_STATUSES),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  destinations: z.array(
    z.object({
      name: z.string(),
      delivered: z.number().int(),
      failed: z.number().int(),
      dead: z.number().int(),
      pending: z.number().int(),
    }),
  ),
  pulls: z.array(
    z.object({
      source: z.string(),
      fetched: z.number().int(),
      upserted: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  failures: z.array(
    z.object({
      eventId: z.string(),
      destination: z.string(),
      type: z.string(),
      status: z.enum(OUTBOX_STATUSES),
      attempts: z.number().int(),
      error: z.string(),
    }),
  ),
  exceptions: z.array(
    z.object({
      parcelId: z.string(),
      trackingNumber: z.string(),
      carrier: z.string(),
      lastTrackingAt: z.number().int().nullable(),
      hoursSilent: z.number(),
    }),
  ),
  errors: z.array(z.string()),
  /**
   * Tracking updates for parcels not known when they were pulled: newly held this run, applied
   * because their parcel arrived, expired unclaimed, and still waiting. Absent in older reports.
   */
  pendingTracking: z
    .object({
      held: z.number().int(),
      applied: z.number().int(),
      expired: z.number().int(),
      waiting: z.number().int(),
    })
    .optional(),
  /** Delivered outbox events moved to the archive by this run's retention step. Absent in older reports. */
  archivedEvents: z.number().int().optional(),
  /**
   * New work sent to a backup line since the last report (its primary's circuit open longer
   * than failoverAfterMs), per route and line. Absent in older reports.
   */
  backupLines: z
    .array(
      z.object({
        country: z.string(),
        sellerId: z.string().nullable(),
        primary: z.string(),
        backup: z.string(),
        sent: z.number().int(),
      }),
    )
    .optional(),
  /**
   * Source codes the connector's table does not know (mapped to `unknown`, the events kept), per
   * account and code, counted since the last report. Absent in older reports.
   */
  unknownCodes: z.array(unknownCodeLineSchema).optional(),
  /**
   * Orders the platform cancelled after they were handed over, noticed since the last report: the
   * parcel is on its way (not un-shipped). Absent in older reports.
   */
  lateCancellations: z.array(lateCancellationLineSchema).optional(),
});
export type SyncReport = z.infer<typeof syncReportSchema>;
