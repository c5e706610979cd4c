import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { toErrorShape } from '../../i18n/error-message';

/** The fields edited as text and saved with the Save button; language and sound apply at once. */
export interface SettingsDraft {
  stationName: string;
  staleTrackingHours: string;
  qcUndoMinutes: string;
}

export interface SettingsState {
  settings: Settings | null;
  draft: SettingsDraft;
  saving: boolean;
  /** The station confirmed the last save and nothing was edited since. */
  saved: boolean;
  error: AppErrorShape | null;
  load(): Promise<void>;
  edit(patch: Partial<SettingsDraft>): void;
  saveDraft(): Promise<void>;
  setLanguage(language: Settings['language']): Promise<void>;
  setSound(on: boolean): Promise<void>;
}

export interface SettingsStoreDeps {
  api: LastmileApi;
  /** Called with every settings value the station confirms (switch the language, rename the header). */
  onApplied: (settings: Settings) => void;
}

export type SettingsStore = StoreApi<SettingsState>;

function draftOf(settings: Settings): SettingsDraft {
  return {
    stationName: settings.stationName,
    staleTrackingHours: String(settings.staleTrackingHours),
    qcUndoMinutes: String(settings.qcUndoMinutes),
  };
}

export function createSettingsStore(deps: SettingsStoreDeps): SettingsStore {
  return createStore<SettingsState>()((set, get) => {
    const update = async (patch: Partial<Settings>): Promise<void> => {
      set({ saving: true, error: null });
      try {
        const settings = await deps.api.updateSettings(patch);
        set({ settings, draft: draftOf(settings), saving: false, saved: true });
        deps.onApplied(settings);
      } catch (err) {
        set({ saving: false, error: toErrorShape(err), saved: false });
      }
    };

    return {
      settings: null,
      draft: { stationName: '', staleTrackingHours: '', qcUndoMinutes: '' },
      saving: false,
      saved: false,
      error: null,

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
        // A non-number goes as NaN, which the contract refuses with a field-precise validation error.
        const whole = (text: string): number =>
          /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
        return update({
          stationName: draft.stationName.trim(),
          staleTrackingHours: whole(draft.staleTrackingHours),
          qcUndoMinutes: whole(draft.qcUndoMinutes),
        });
      },

      setLanguage: (language) => update({ language }),
      setSound: (sound) => update({ sound }),
    };
  });
}
