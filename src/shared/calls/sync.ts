import { z } from 'zod';
import { call, noInput } from '../call-spec';
import { syncOverviewSchema, syncReportSchema } from '../sync-views';

export const syncCalls = {
  getSyncOverview: call({
    input: noInput,
    output: syncOverviewSchema,
    errors: [],
    role: 'any',
    background: true,
    effect: 'read',
  }),
  startDailySync: call({
    input: noInput,
    output: z.object({ runId: z.string() }),
    errors: ['SYNC_ALREADY_RUNNING', 'FORBIDDEN', 'SESSION_EXPIRED'],
    role: 'supervisor',
  }),
  cancelSync: call({
    input: noInput,
    output: z.object({ runId: z.string() }),
    errors: ['SYNC_NOT_RUNNING', 'FORBIDDEN', 'SESSION_EXPIRED'],
    role: 'supervisor',
  }),
  listSyncReports: call({
    input: z.object({ limit: z.number().int().min(1).max(50) }).strict(),
    output: z.array(syncReportSchema),
    errors: [],
    role: 'any',
    background: true,
    effect: 'read',
  }),
};
