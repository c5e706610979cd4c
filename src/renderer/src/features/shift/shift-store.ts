import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { ShiftTeam } from '../../../../shared/returns/supervision-views';
import { toErrorShape } from '../../i18n/error-message';

export const SHIFT_WINDOWS = ['today', 'yesterday', 'week'] as const;
export type ShiftWindow = (typeof SHIFT_WINDOWS)[number];

/** The window in local time: today since midnight, yesterday, or the last seven days. */
export function windowOf(which: ShiftWindow, now: number): { from: number; to: number } {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const day = 86_400_000;
  const start = midnight.getTime();
  if (which === 'today') return { from: start, to: now + 1 };
  if (which === 'yesterday') return { from: start - day, to: start };
  return { from: start - 6 * day, to: now + 1 };
}

export interface ShiftState {
  window: ShiftWindow;
  team: ShiftTeam | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
  show(window: ShiftWindow): Promise<void>;
}

export type ShiftStore = StoreApi<ShiftState>;

export function createShiftStore(deps: { api: LastmileApi; now?: () => number }): ShiftStore {
  const now = deps.now ?? Date.now;
  let latest = 0;
  return createStore<ShiftState>()((set, get) => ({
    window: 'today',
    team: null,
    error: null,
    async load() {
      const mine = ++latest;
      try {
        const team = await deps.api.qcShiftSummaries(windowOf(get().window, now()));
        if (mine === latest) set({ team, error: null });
      } catch (err) {
        if (mine === latest) set({ error: toErrorShape(err) });
      }
    },
    show(window) {
      set({ window, team: null });
      return get().load();
    },
  }));
}
