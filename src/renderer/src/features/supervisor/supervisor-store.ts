import { createStore, type StoreApi } from 'zustand/vanilla';

/** The supervisor screen's tabs, in order (PageUp / PageDown step through them). */
export const SUPERVISOR_TABS = [
  'approvals',
  'batches',
  'rules',
  'shift',
  'decisions',
  'exceptions',
  'imports',
  'cutoffs',
] as const;
export type SupervisorTab = (typeof SUPERVISOR_TABS)[number];

export interface SupervisorState {
  tab: SupervisorTab;
  show(tab: SupervisorTab): void;
  step(delta: 1 | -1): void;
}

export type SupervisorStore = StoreApi<SupervisorState>;

/**
 * Which tab is open. Who approves an action is not kept here: at someone else's screen each
 * action asks for a supervisor through the session's step-up prompt (features/session/step-up.ts).
 */
export function createSupervisorStore(): SupervisorStore {
  return createStore<SupervisorState>()((set, get) => ({
    tab: 'approvals',
    show: (tab) => set({ tab }),
    step(delta) {
      const i = SUPERVISOR_TABS.indexOf(get().tab);
      const next = SUPERVISOR_TABS[(i + delta + SUPERVISOR_TABS.length) % SUPERVISOR_TABS.length];
      if (next) set({ tab: next });
    },
  }));
}
