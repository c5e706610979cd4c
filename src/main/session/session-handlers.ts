import type { sessionCalls } from '../../shared/calls/session';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { writeTransaction } from '../db/write';

export function sessionHandlers(core: Services): HandlersFor<typeof sessionCalls> {
  return {
    getSession: (_input, ctx) => ({ user: ctx.user, stationName: core.settings.get().stationName }),
    listUsers: () => core.users.list(),
    signIn: async ({ userId, pin }, ctx) => {
      const user = core.session.signIn(ctx.clientId, userId, pin);
      await writeTransaction(core.db, () =>
        core.audit.record({
          userId: user.id,
          action: 'session.sign_in',
          entityType: 'user',
          entityId: user.id,
        }),
      );
      return user;
    },
    signOut: (_input, ctx) => core.session.signOut(ctx.clientId),
  };
}
