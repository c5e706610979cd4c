import type { routesCalls } from '../../shared/calls/routes';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function routesHandlers(core: Services): HandlersFor<typeof routesCalls> {
  return {
    listRoutes: () => core.routes.list(),
    setRoute: (input, ctx) => core.routes.set(input, ctx.user, { checkLines: true }),
    deleteRoute: (input, ctx) => core.routes.delete(input, ctx.user),
    setFailoverAfter: (input, ctx) => core.routes.setFailoverAfter(input.minutes * 60_000, ctx.user),
    getRouteStatus: () => core.routes.status(),
  };
}
