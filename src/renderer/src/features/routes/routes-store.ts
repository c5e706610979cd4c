import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { RouteStatus } from '../../../../shared/route-views';
import { toErrorShape } from '../../i18n/error-message';

export interface RoutesState {
  status: RouteStatus | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
  /** Keeps the status live while the Sync screen is open; returns the stop function. */
  startPolling(): () => void;
}

export interface RoutesStoreDeps {
  api: LastmileApi;
  pollMs?: number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;
}

export type RoutesStore = StoreApi<RoutesState>;

/** Which line takes new work for each route, and why; read from getRouteStatus. */
export function createRoutesStore({
  api,
  pollMs = 5_000,
  timers = globalThis,
}: RoutesStoreDeps): RoutesStore {
  return createStore<RoutesState>()((set, get) => ({
    status: null,
    error: null,
    async load() {
      try {
        set({ status: await api.getRouteStatus({}), error: null });
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },
    startPolling() {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = async (): Promise<void> => {
        timer = undefined;
        await get().load();
        if (!stopped) timer = timers.setTimeout(() => void tick(), pollMs);
      };
      void tick();
      return () => {
        stopped = true;
        if (timer !== undefined) timers.clearTimeout(timer);
      };
    },
  }));
}
