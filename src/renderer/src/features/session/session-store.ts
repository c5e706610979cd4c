import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { UserView } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { hasRole, isPrivileged } from '../../../../shared/roles';
import type { Authorization, SessionView } from '../../../../shared/session-views';
import { toErrorShape } from '../../i18n/error-message';

/** What the tab must be told about its sign-in, until the person dismisses it. */
export type SessionNoticeView =
  { kind: 'idle_signed_out'; name: string; idleMinutes: number } | { kind: 'restarted'; name: string };

/** A supervisor's approval being asked for one action (SupervisorPrompt shows it). */
export interface StepUpRequest {
  /** Says what is being approved: `stepUp.purpose.<purpose>`. */
  purpose: string;
  error: AppErrorShape | null;
  /** When the error arrived (ms, this page's clock), for a lock-out countdown. */
  errorAt: number;
  busy: boolean;
}

export interface SessionState {
  view: SessionView | null;
  /** The tab's operator (view.user), null before the first answer. */
  user: UserView | null;
  stationName: string;
  /** The station could not be reached; before the first answer the shell shows only this. */
  error: AppErrorShape | null;
  /** The station refused this page's key: the shell says how to get the current link. */
  unauthorized: boolean;
  /** A sign-in, change-PIN or approval dialog is open (scanner keys are not scans then). */
  dialogOpen: boolean;
  dialog: 'signIn' | 'changePin' | null;
  users: UserView[];
  /** A badge scanned into the sign-in dialog (instead of picking a name). */
  signInBadge: string | null;
  signingIn: boolean;
  signInError: AppErrorShape | null;
  signInErrorAt: number;
  /** The PIN change asked for: whose, and the PIN just proven at sign-in (so it is not asked twice). */
  pinChange: { user: UserView; currentPin: string | null; forced: boolean } | null;
  pinChangeError: AppErrorShape | null;
  notice: SessionNoticeView | null;
  stepUp: StepUpRequest | null;

  load(): Promise<void>;
  setStationName(name: string): void;
  openSignIn(badge?: string): Promise<void>;
  closeSignIn(): void;
  /** A badge was scanned while the dialog is open, or at the Scan screen (which opens the dialog). */
  badgeScanned(badge: string): void;
  clearBadge(): void;
  signIn(who: { userId: string } | { badge: string }, pin: string): Promise<boolean>;
  signOut(): Promise<void>;
  openChangePin(): void;
  changePin(currentPin: string, newPin: string): Promise<boolean>;
  closeChangePin(): void;
  dismissNotice(): void;
  /**
   * Asks a supervisor to approve one action: shows SupervisorPrompt and runs `attempt` with what
   * they give. A wrong PIN (or a lock-out) keeps the prompt open; resolves with the action's answer,
   * or null when cancelled; other failures of the action are thrown.
   */
  requestStepUp<T>(purpose: string, attempt: (authorization: Authorization) => Promise<T>): Promise<T | null>;
  submitStepUp(authorization: Authorization): Promise<void>;
  cancelStepUp(): void;
  /** A call somewhere in the app failed: a refused key or an ended sign-in concern the session. */
  callFailed(error: AppErrorShape): void;
  /** Keeps the session fresh (idle sign-out, restarts); returns the stop function. */
  startWatching(intervalMs?: number): () => void;
}

export type SessionStore = StoreApi<SessionState>;

/** Supervisor-only actions are shown to everyone, enabled for a signed-in supervisor (or admin). */
export function isSupervisor(state: Pick<SessionState, 'user'>): boolean {
  return state.user ? isPrivileged(state.user.role) : false;
}

/** Admin-only screens (carrier accounts) show their content to a signed-in admin alone. */
export function isAdmin(state: Pick<SessionState, 'user'>): boolean {
  return state.user ? hasRole(state.user.role, 'admin') : false;
}

/** Failures that are about the credentials given, not about the action: the prompt stays open. */
export function isCredentialError(error: AppErrorShape): boolean {
  switch (error.code) {
    case 'BAD_PIN':
    case 'SIGN_IN_LOCKED':
    case 'BADGE_INVALID':
    case 'BADGE_UNKNOWN':
    case 'PIN_CHANGE_REQUIRED':
      return true;
    case 'FORBIDDEN':
      return error.params.authorizer === true;
    case 'NOT_FOUND':
      return error.params.entity === 'user';
    case 'VALIDATION_FAILED':
      return String(error.params.field ?? '').startsWith('authorization');
    default:
      return false;
  }
}

export function createSessionStore(api: LastmileApi, now: () => number = Date.now): SessionStore {
  let stepUpRun: ((authorization: Authorization) => Promise<void>) | null = null;
  let stepUpCancel: (() => void) | null = null;

  return createStore<SessionState>()((set, get) => {
    const dialogs = (patch: Partial<SessionState>): Partial<SessionState> => {
      const next = { ...get(), ...patch };
      return { ...patch, dialogOpen: next.dialog !== null || next.stepUp !== null };
    };

    /** Takes the station's answer about this tab; notices a restart that signed the tab out. */
    const apply = (view: SessionView): void => {
      const before = get().view;
      const patch: Partial<SessionState> = {
        view,
        user: view.user,
        stationName: view.stationName,
        error: null,
        unauthorized: false,
      };
      if (view.notice) {
        patch.notice = {
          kind: 'idle_signed_out',
          name: view.notice.name,
          idleMinutes: view.notice.idleMinutes,
        };
      } else if (before && before.bootId !== view.bootId && before.signedIn && !view.signedIn) {
        patch.notice = { kind: 'restarted', name: before.user.name };
      }
      set(patch);
    };

    return {
      view: null,
      user: null,
      stationName: '',
      error: null,
      unauthorized: false,
      dialogOpen: false,
      dialog: null,
      users: [],
      signInBadge: null,
      signingIn: false,
      signInError: null,
      signInErrorAt: 0,
      pinChange: null,
      pinChangeError: null,
      notice: null,
      stepUp: null,

      async load() {
        try {
          apply(await api.getSession({}));
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      setStationName: (stationName) => set({ stationName }),

      async openSignIn(badge) {
        set(dialogs({ dialog: 'signIn', signInError: null, signInBadge: badge ?? null }));
        try {
          set({ users: await api.listUsers({}) });
        } catch (err) {
          set({ signInError: toErrorShape(err), signInErrorAt: now() });
        }
      },

      closeSignIn: () =>
        set(dialogs({ dialog: null, signInError: null, signingIn: false, signInBadge: null })),

      badgeScanned(badge) {
        if (get().dialog === 'signIn') set({ signInBadge: badge, signInError: null });
        else void get().openSignIn(badge);
      },

      clearBadge: () => set({ signInBadge: null }),

      async signIn(who, pin) {
        set({ signingIn: true, signInError: null });
        try {
          const view = await api.signIn({ ...who, pin });
          apply(view);
          if (view.pinChangeFor) {
            set(
              dialogs({
                dialog: 'changePin',
                signingIn: false,
                signInBadge: null,
                pinChange: { user: view.pinChangeFor, currentPin: pin, forced: true },
                pinChangeError: null,
              }),
            );
          } else {
            set(dialogs({ dialog: null, signingIn: false, signInBadge: null, notice: null }));
          }
          return true;
        } catch (err) {
          set({ signInError: toErrorShape(err), signInErrorAt: now(), signingIn: false });
          return false;
        }
      },

      async signOut() {
        try {
          apply(await api.signOut({}));
          set({ notice: null });
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      openChangePin() {
        const view = get().view;
        if (!view?.signedIn) return;
        set(
          dialogs({
            dialog: 'changePin',
            pinChange: { user: view.user, currentPin: null, forced: false },
            pinChangeError: null,
          }),
        );
      },

      async changePin(currentPin, newPin) {
        try {
          apply(await api.changePin({ currentPin, newPin }));
          set(dialogs({ dialog: null, pinChange: null, pinChangeError: null }));
          return true;
        } catch (err) {
          set({ pinChangeError: toErrorShape(err) });
          return false;
        }
      },

      closeChangePin: () => set(dialogs({ dialog: null, pinChange: null, pinChangeError: null })),

      dismissNotice: () => set({ notice: null }),

      requestStepUp<T>(purpose: string, attempt: (authorization: Authorization) => Promise<T>) {
        stepUpCancel?.();
        return new Promise<T | null>((resolve, reject) => {
          const finish = (): void => {
            stepUpRun = null;
            stepUpCancel = null;
            set(dialogs({ stepUp: null }));
          };
          stepUpCancel = () => {
            finish();
            resolve(null);
          };
          stepUpRun = async (authorization) => {
            set({ stepUp: { purpose, error: null, errorAt: 0, busy: true } });
            try {
              const value = await attempt(authorization);
              finish();
              resolve(value);
            } catch (err) {
              const error = toErrorShape(err);
              if (isCredentialError(error)) {
                set({ stepUp: { purpose, error, errorAt: now(), busy: false } });
                return;
              }
              finish();
              reject(err instanceof Error ? err : new Error(String(err)));
            }
          };
          set(dialogs({ stepUp: { purpose, error: null, errorAt: 0, busy: false } }));
          if (get().users.length === 0)
            void api.listUsers({}).then(
              (users) => set({ users }),
              () => {},
            );
        });
      },

      async submitStepUp(authorization) {
        await stepUpRun?.(authorization);
      },

      cancelStepUp: () => stepUpCancel?.(),

      callFailed(error) {
        if (error.code === 'UNAUTHORIZED') set({ unauthorized: true });
        if (error.code === 'SESSION_EXPIRED') void get().load();
      },

      startWatching(intervalMs = 10_000) {
        const timer = setInterval(() => void get().load(), intervalMs);
        return () => clearInterval(timer);
      },
    };
  });
}
