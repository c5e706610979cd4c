import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { RouteStatus } from '../../../../shared/route-views';
import { toErrorShape } from '../../i18n/error-message';

/** The route being edited, as typed: a new one, or an existing one (country and seller fixed). */
export interface RouteDraft {
  /** Editing an existing route: its key cannot change (delete and add instead). */
  existing: boolean;
  country: string;
  sellerId: string;
  primary: string;
  /** '' for no backup line. */
  backup: string;
}

export interface RoutesState {
  status: RouteStatus | null;
  error: AppErrorShape | null;
  draft: RouteDraft | null;
  saving: boolean;
  formError: AppErrorShape | null;
  load(): Promise<void>;
  /** Opens the form: empty for a new route, or filled with the route of (country, seller). */
  edit(key?: { country: string; sellerId: string | null }): void;
  change(patch: Partial<Omit<RouteDraft, 'existing'>>): void;
  cancelEdit(): void;
  /** Sends the draft (setRoute); the form closes when the station took it. */
  save(): Promise<void>;
  remove(key: { country: string; sellerId: string | null }): Promise<void>;
  /** The failover delay as typed, in minutes; null: not being changed. */
  failoverDraft: string | null;
  editFailover(value: string | null): void;
  saveFailover(): Promise<void>;
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
    draft: null,
    saving: false,
    formError: null,
    failoverDraft: null,
    editFailover(value) {
      set({ failoverDraft: value, formError: null });
    },
    async saveFailover() {
      const typed = get().failoverDraft;
      if (typed === null) return;
      try {
        await api.setFailoverAfter({ minutes: Number(typed) });
        set({ failoverDraft: null, error: null });
        await get().load();
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },
    edit(key) {
      const route = key
        ? get().status?.routes.find((r) => r.country === key.country && r.sellerId === key.sellerId)
        : undefined;
      set({
        formError: null,
        draft: route
          ? {
              existing: true,
              country: route.country,
              sellerId: route.sellerId ?? '',
              primary: route.primary,
              backup: route.backup ?? '',
            }
          : { existing: false, country: '', sellerId: '', primary: '', backup: '' },
      });
    },
    change(patch) {
      const draft = get().draft;
      if (!draft) return;
      const next = { ...draft, ...patch };
      // Country codes are upper case; what was typed is kept otherwise.
      if (patch.country !== undefined) next.country = patch.country.toUpperCase();
      set({ draft: next, formError: null });
    },
    cancelEdit() {
      set({ draft: null, formError: null });
    },
    async save() {
      const draft = get().draft;
      if (!draft || get().saving) return;
      set({ saving: true, formError: null });
      try {
        await api.setRoute({
          country: draft.country.trim(),
          sellerId: draft.sellerId.trim() === '' ? null : draft.sellerId.trim(),
          primary: draft.primary,
          backup: draft.backup === '' ? null : draft.backup,
        });
        set({ draft: null, saving: false });
        await get().load();
      } catch (err) {
        set({ saving: false, formError: toErrorShape(err) });
      }
    },
    async remove(key) {
      try {
        await api.deleteRoute({ country: key.country, sellerId: key.sellerId });
        await get().load();
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },
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
