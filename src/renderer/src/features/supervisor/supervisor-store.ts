import { createStore, type StoreApi } from 'zustand/vanilla';
import type { QcAuthorization } from '../../../../shared/calls/returns';
import type { LastmileApi } from '../../../../shared/contract';
import type { UserView } from '../../../../shared/domain';

/** The supervisor screen's tabs, in order (PageUp / PageDown step through them). */
export const SUPERVISOR_TABS = ['approvals', 'batches', 'rules', 'shift', 'decisions', 'exceptions'] as const;
export type SupervisorTab = (typeof SUPERVISOR_TABS)[number];

export interface SupervisorState {
  tab: SupervisorTab;
  /** A supervisor's id and PIN typed at someone else's screen, for the next action only. */
  stepUp: { userId: string; pin: string };
  /** Who may authorize at this screen (for the step-up's picker). */
  supervisors: UserView[];
  loadSupervisors(): Promise<void>;
  show(tab: SupervisorTab): void;
  step(delta: 1 | -1): void;
  setStepUp(patch: Partial<SupervisorState['stepUp']>): void;
  /**
   * What an acting call carries: nothing when the signed-in operator is a supervisor themselves,
   * else the typed id and PIN (null when they are not both typed yet).
   */
  authorizationFor(operator: UserView | null): QcAuthorization | undefined | null;
  /** After every attempt: a PIN is never kept for a second action. */
  forgetPin(): void;
}

export type SupervisorStore = StoreApi<SupervisorState>;

export function createSupervisorStore(api: LastmileApi): SupervisorStore {
  return createStore<SupervisorState>()((set, get) => ({
    tab: 'approvals',
    stepUp: { userId: '', pin: '' },
    supervisors: [],
    async loadSupervisors() {
      try {
        const supervisors = (await api.listUsers({})).filter((u) => u.role === 'supervisor');
        set((s) => ({
          supervisors,
          stepUp: { ...s.stepUp, userId: s.stepUp.userId || (supervisors[0]?.id ?? '') },
        }));
      } catch {
        // The picker stays empty; the action then says what is missing.
      }
    },
    show: (tab) => set({ tab }),
    step(delta) {
      const i = SUPERVISOR_TABS.indexOf(get().tab);
      const next = SUPERVISOR_TABS[(i + delta + SUPERVISOR_TABS.length) % SUPERVISOR_TABS.length];
      if (next) set({ tab: next });
    },
    setStepUp: (patch) => set((s) => ({ stepUp: { ...s.stepUp, ...patch } })),
    authorizationFor(operator) {
      if (operator?.role === 'supervisor') return undefined;
      const { userId, pin } = get().stepUp;
      return userId && pin ? { userId, pin } : null;
    },
    forgetPin: () => set((s) => ({ stepUp: { ...s.stepUp, pin: '' } })),
  }));
}
