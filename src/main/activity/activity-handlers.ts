import type { activityCalls } from '../../shared/calls/activity';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function activityHandlers(core: Services): HandlersFor<typeof activityCalls> {
  return {
    getActivity: () => core.activity.current(),
  };
}
