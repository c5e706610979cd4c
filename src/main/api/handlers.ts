import { AppError } from '../../shared/errors';
import type { Core } from '../core';
import type { Handlers } from './dispatch';

/** One handler per contract call; each is a thin adapter from the contract to a core service. */
export function createHandlers(core: Omit<Core, 'dispatch'>): Handlers {
  const sync = () => {
    if (!core.sync) throw new AppError('INTERNAL', { reason: 'sync is not configured on this station' });
    return core.sync;
  };
  return {
    getSession: () => ({ user: core.session.user(), stationName: core.settings.get().stationName }),
    listUsers: () => core.users.list(),
    signIn: ({ userId, pin }) => {
      const user = core.session.signIn(userId, pin);
      core.audit.record({
        userId: user.id,
        action: 'session.sign_in',
        entityType: 'user',
        entityId: user.id,
      });
      return user;
    },
    signOut: () => core.session.signOut(),
    recordScan: (input) => core.scans.record(input, core.session.user()),
    recentScans: ({ limit }) => core.scans.recentScans(limit),
    listQueue: ({ statuses, limit, offset }) => core.outboxQueries.list(statuses, limit, offset),
    getSettings: () => core.settings.get(),
    updateSettings: (patch) => core.settings.update(patch),
    getSyncOverview: () => sync().overview(),
    startDailySync: () => sync().startDaily('ui', core.session.user()),
    cancelSync: () => sync().cancel(),
    listSyncReports: ({ limit }) => sync().reports(limit),
    listDeadLetters: ({ limit }) => core.deadLetters.list(limit),
    retryDeadLetter: ({ eventId }) => {
      const event = core.deadLetters.retry(eventId, core.session.user());
      core.sync?.wake?.(event.destination);
      return event;
    },
    discardDeadLetter: ({ eventId, reason }) =>
      core.deadLetters.discard(eventId, reason, core.session.user()),
  };
}
