import type { sessionCalls } from '../../shared/calls/session';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function sessionHandlers(core: Services): HandlersFor<typeof sessionCalls> {
  return {
    getSession: (_input, ctx) => core.session.view(ctx.clientId, { takeNotice: true }),
    listUsers: () => core.users.list(),
    signIn: (credentials, ctx) => core.session.signIn(ctx.clientId, credentials),
    signOut: (_input, ctx) => core.session.signOut(ctx.clientId),
    changePin: ({ currentPin, newPin }, ctx) => core.session.changePin(ctx.clientId, currentPin, newPin),
    resetPin: ({ userId, newPin }, ctx) => core.userAdmin.resetPin(ctx, userId, newPin),
    assignBadge: ({ userId, badge }, ctx) => core.userAdmin.assignBadge(ctx, userId, badge),
  };
}
