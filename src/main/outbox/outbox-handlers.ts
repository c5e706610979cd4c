import type { outboxCalls } from '../../shared/calls/outbox';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function outboxHandlers(core: Services): HandlersFor<typeof outboxCalls> {
  return {
    listQueue: ({ statuses, limit, offset }) => core.outboxQueries.list(statuses, limit, offset),
    listDeadLetters: ({ limit }) => core.deadLetters.list(limit),
    retryDeadLetter: async ({ eventId }, ctx) => {
      const event = await core.deadLetters.retry(eventId, ctx);
      core.sync?.wake?.(event.destination);
      return event;
    },
    discardDeadLetter: ({ eventId, reason }, ctx) => core.deadLetters.discard(eventId, reason, ctx),
  };
}
