import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import { settingsSchema, type Settings } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { isSupervisorSetting } from '../../../../shared/settings-access';
import { scaleSettingsIssue } from '../../../../shared/scales/station-scale-settings';
import { validationParams } from '../../../../shared/validation-issue';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';

/** The fields edited as text and saved with the Save button; language and sound apply at once. */
export interface SettingsDraft {
  stationName: string;
  staleTrackingHours: string;
  supervisorIdleMinutes: string;
  qcUndoMinutes: string;
  scaleKind: Settings['scaleKind'];
  scaleAddress: string;
}

export interface SettingsState {
  settings: Settings | null;
  draft: SettingsDraft;
  saving: boolean;
  /** The station confirmed the last save and nothing was edited since. */
  saved: boolean;
  error: AppErrorShape | null;
  /** The link with the station key an admin has just made here, to hand to every screen. */
  newStationLink: string | null;
  keyError: AppErrorShape | null;
  load(): Promise<void>;
  /** An admin makes a new station key: every screen holding the old one must open the new link. */
  rotateStationKey(): Promise<void>;
  edit(patch: Partial<SettingsDraft>): void;
  saveDraft(): Promise<void>;
  setLanguage(language: Settings['language']): Promise<void>;
  setSound(on: boolean): Promise<void>;
  /** The packing bench's photo before sealing (a supervisor setting: approval asked when needed). */
  setPackPhoto(value: Settings['packPhotoRequired']): Promise<void>;
}

export interface SettingsStoreDeps {
  api: LastmileApi;
  /** Called with every settings value the station confirms (switch the language, rename the header). */
  onApplied: (settings: Settings) => void;
  /** A supervisor's approval for a change of a supervisor setting (settings-access.ts). */
  authorize?: Authorize;
  /** Takes a new station key; answers the link to show (null where there is none: Electron). */
  onStationKey?: (token: string) => string | null;
}

export type SettingsStore = StoreApi<SettingsState>;

function draftOf(settings: Settings): SettingsDraft {
  return {
    stationName: settings.stationName,
    staleTrackingHours: String(settings.staleTrackingHours),
    supervisorIdleMinutes: String(settings.supervisorIdleMinutes),
    qcUndoMinutes: String(settings.qcUndoMinutes),
    scaleKind: settings.scaleKind,
    scaleAddress: settings.scaleAddress,
  };
}

/** A whole number typed in a field; anything else goes as NaN, which the contract refuses field by field. */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  const authorize: Authorize = deps.authorize ?? ((_purpose, action) => action(undefined));
  return createStore<SettingsState>()((set, get) => {
    const update = async (patch: Partial<Settings>): Promise<void> => {
      const current = get().settings;
      // Only what changed is sent: an unchanged supervisor value needs no supervisor.
      const changed = Object.fromEntries(
        Object.entries(patch).filter(([key, value]) => current?.[key as keyof Settings] !== value),
      ) as Partial<Settings>;
      if (current && Object.keys(changed).length === 0) {
        set({ saved: true, error: null, draft: draftOf(current) });
        return;
      }
      // The contract's own check first: a supervisor is never asked to approve a value it would refuse.
      const checked = settingsSchema.partial().safeParse(changed);
      if (!checked.success) {
        set({
          error: {
            code: 'VALIDATION_FAILED',
            params: validationParams('updateSettings', checked.error.issues[0]),
          },
          saved: false,
        });
        return;
      }
      const cross = current ? scaleSettingsIssue({ ...current, ...checked.data }) : null;
      if (cross) {
        set({
          error: { code: 'VALIDATION_FAILED', params: { call: 'updateSettings', ...cross } },
          saved: false,
        });
        return;
      }
      const guarded = (Object.keys(changed) as (keyof Settings)[]).some(isSupervisorSetting);
      set({ saving: true, error: null });
      try {
        const settings = guarded
          ? await authorize('updateSettings', (authorization) =>
              deps.api.updateSettings({ ...changed, ...(authorization ? { authorization } : {}) }),
            )
          : await deps.api.updateSettings(changed);
        if (settings === null) {
          set({ saving: false });
          return;
        }
        set({ settings, draft: draftOf(settings), saving: false, saved: true });
        deps.onApplied(settings);
      } catch (err) {
        set({ saving: false, error: toErrorShape(err), saved: false });
      }
    };

    return {
      settings: null,
      draft: {
        stationName: '',
        staleTrackingHours: '',
        supervisorIdleMinutes: '',
        qcUndoMinutes: '',
        scaleKind: 'none',
        scaleAddress: '',
      },
      saving: false,
      saved: false,
      error: null,
      newStationLink: null,
      keyError: null,

      async rotateStationKey() {
        set({ keyError: null, newStationLink: null });
        try {
          const answer = await authorize('rotateStationToken', (authorization) =>
            deps.api.rotateStationToken(authorization ? { authorization } : {}),
          );
          if (answer) set({ newStationLink: deps.onStationKey?.(answer.token) ?? null });
        } catch (err) {
          set({ keyError: toErrorShape(err) });
        }
      },

      async load() {
        try {
          const settings = await deps.api.getSettings({});
          set({ settings, draft: draftOf(settings), error: null });
          deps.onApplied(settings);
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      edit: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, saved: false })),

      saveDraft() {
        const { draft } = get();
        return update({
          stationName: draft.stationName.trim(),
          staleTrackingHours: wholeNumber(draft.staleTrackingHours),
          supervisorIdleMinutes: wholeNumber(draft.supervisorIdleMinutes),
          qcUndoMinutes: wholeNumber(draft.qcUndoMinutes),
          scaleKind: draft.scaleKind,
          scaleAddress: draft.scaleAddress.trim(),
        });
      },

      setLanguage: (language) => update({ language }),
      setSound: (sound) => update({ sound }),
      setPackPhoto: (packPhotoRequired) => update({ packPhotoRequired }),
    };
  });
}
