import type { settingsCalls } from '../../shared/calls/settings';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';

export function settingsHandlers(core: Services): HandlersFor<typeof settingsCalls> {
  return {
    getSettings: () => core.settings.get(),
    updateSettings: (patch) => core.settings.update(patch),
  };
}
