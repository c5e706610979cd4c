import type { syncCalls } from '../../shared/calls/sync';
import { AppError } from '../../shared/errors';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function syncHandlers(core: Services): HandlersFor<typeof syncCalls> {
  const sync = () => {
    if (!core.sync) throw new AppError('INTERNAL', { reason: 'sync is not configured on this station' });
    return core.sync;
  };
  return {
    getSyncOverview: () => sync().overview(),
    startDailySync: (_input, ctx) => sync().startDaily('ui', ctx.user),
    cancelSync: () => sync().cancel(),
    listSyncReports: ({ limit }) => sync().reports(limit),
  };
}
