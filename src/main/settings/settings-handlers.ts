import type { settingsCalls } from '../../shared/calls/settings';
import type { Settings } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { scaleSettingsIssue } from '../../shared/scales/station-scale-settings';
import { isSupervisorSetting } from '../../shared/settings-access';
import type { HandlersFor } from '../api/dispatch';
import type { Services } from '../core';
import { writeTransaction } from '../db/write';

export function settingsHandlers(core: Services): HandlersFor<typeof settingsCalls> {
  return {
    getSettings: () => core.settings.get(),
    updateSettings: async (input, ctx) => {
      const { authorization: _verifiedByDispatcher, ...patch } = input;
      const before = core.settings.get();
      // Only what really changes counts: a screen that sends a form back unchanged needs no approval.
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter(
        (key) => patch[key] !== undefined && patch[key] !== before[key],
      );
      const cross = scaleSettingsIssue({ ...before, ...patch });
      if (cross) throw new AppError('VALIDATION_FAILED', { call: 'updateSettings', ...cross });
      const guarded = changed.filter(isSupervisorSetting);
      if (guarded.length > 0 && !ctx.approver) {
        throw new AppError('FORBIDDEN', {
          required: 'supervisor',
          role: ctx.user.role,
          setting: guarded[0] ?? null,
        });
      }
      if (changed.length === 0) return before;
      const values = Object.fromEntries(changed.map((key) => [key, patch[key]])) as Partial<Settings>;
      await writeTransaction(core.db, () => {
        core.settings.write(values);
        core.audit.record({
          userId: ctx.user.id,
          action: 'settings.update',
          entityType: 'settings',
          entityId: core.stationId,
          details: {
            changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: patch[key] }])),
            approvedBy: ctx.approver?.id ?? null,
          },
        });
      });
      // The bench's scale follows its settings at once, not at the next reading.
      core.packing.scale.refresh();
      return core.settings.get();
    },
  };
}
