import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallName } from '../../../shared/channels';
import type { CoreStatusView } from '../../../shared/core-status';
import type { Envelope } from '../../../shared/errors';

export interface CoreStatusState {
  /** running; restarting after a crash (calls wait or fail with CORE_RESTARTING); stopped for good. */
  status: CoreStatusView['state'];
  attempt: number;
  /** Counts the returns from a restart: what lived only in the old core (a sign-in) is read again. */
  recoveries: number;
  /** Every answer of every call goes by here: the station's state as the calls see it. */
  observe(name: CallName, envelope: Envelope<unknown>): void;
  /** What the Electron main process pushed (it knows at once, even when no call is under way). */
  pushed(view: CoreStatusView): void;
}

export type CoreStatusStore = StoreApi<CoreStatusState>;

/**
 * Whether the station's core is there, for the banner "the station is restarting, nothing you
 * confirmed is lost". Fed by both transports the same way (any CORE_RESTARTING answer, any
 * successful one) and, inside Electron, by the main process's pushes.
 */
export function createCoreStatusStore(): CoreStatusStore {
  return createStore<CoreStatusState>()((set, get) => {
    const become = (status: CoreStatusView['state'], attempt = 0): void => {
      const before = get().status;
      if (before === status && get().attempt === attempt) return;
      const recovered = before !== 'running' && status === 'running';
      set((s) => ({ status, attempt, recoveries: s.recoveries + (recovered ? 1 : 0) }));
    };
    return {
      status: 'running',
      attempt: 0,
      recoveries: 0,
      observe(_name, envelope) {
        if (envelope.ok) {
          become('running');
          return;
        }
        const { code, params } = envelope.error;
        if (code === 'CORE_RESTARTING') {
          become('restarting', typeof params.attempt === 'number' ? params.attempt : get().attempt);
        } else if (code === 'TRANSPORT_FAILED' && params.reason === 'core_stopped') {
          become('stopped');
        }
      },
      pushed(view) {
        become(view.state, view.state === 'restarting' ? view.attempt : 0);
      },
    };
  });
}
