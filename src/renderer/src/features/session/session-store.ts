import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { UserView } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { toErrorShape } from '../../i18n/error-message';

export interface SessionState {
  user: UserView | null;
  stationName: string;
  /** The station could not be reached; before the first answer the shell shows only this. */
  error: AppErrorShape | null;
  dialogOpen: boolean;
  users: UserView[];
  signingIn: boolean;
  signInError: AppErrorShape | null;
  load(): Promise<void>;
  setStationName(name: string): void;
  openSignIn(): Promise<void>;
  closeSignIn(): void;
  signIn(userId: string, pin: string): Promise<boolean>;
  signOut(): Promise<void>;
}

export type SessionStore = StoreApi<SessionState>;

/** Supervisor-only actions are shown to everyone, enabled only for a signed-in supervisor. */
export function isSupervisor(state: Pick<SessionState, 'user'>): boolean {
  return state.user?.role === 'supervisor';
}

export function createSessionStore(api: LastmileApi): SessionStore {
  return createStore<SessionState>()((set) => ({
    user: null,
    stationName: '',
    error: null,
    dialogOpen: false,
    users: [],
    signingIn: false,
    signInError: null,

    async load() {
      try {
        const session = await api.getSession({});
        set({ user: session.user, stationName: session.stationName, error: null });
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },

    setStationName: (stationName) => set({ stationName }),

    async openSignIn() {
      set({ dialogOpen: true, signInError: null });
      try {
        set({ users: await api.listUsers({}) });
      } catch (err) {
        set({ signInError: toErrorShape(err) });
      }
    },

    closeSignIn: () => set({ dialogOpen: false, signInError: null, signingIn: false }),

    async signIn(userId, pin) {
      set({ signingIn: true, signInError: null });
      try {
        const user = await api.signIn({ userId, pin });
        set({ user, dialogOpen: false, signingIn: false });
        return true;
      } catch (err) {
        set({ signInError: toErrorShape(err), signingIn: false });
        return false;
      }
    },

    async signOut() {
      try {
        set({ user: await api.signOut({}) });
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },
  }));
}
