import { createStore, type StoreApi } from 'zustand/vanilla';
import { contract, type LastmileApi } from '../../../../shared/contract';
import type { OutboxEventView } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import type {
  DestinationOverview,
  SyncOverview,
  SyncProgress,
  SyncReport,
} from '../../../../shared/sync-views';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';

export interface DiscardDraft {
  eventId: string;
  reason: string;
}

export interface SyncState {
  overview: SyncOverview | null;
  reports: SyncReport[];
  deadLetters: OutboxEventView[];
  /** The station could not give the overview (e.g. sync not set up). */
  error: AppErrorShape | null;
  /** The last button press failed (start, cancel, retry, discard). */
  actionError: AppErrorShape | null;
  busy: boolean;
  discarding: DiscardDraft | null;
  /** Destinations that never saw an event are folded away unless asked for. */
  showIdleDestinations: boolean;
  toggleIdleDestinations(): void;
  load(): Promise<void>;
  refreshOverview(): Promise<void>;
  startDaily(): Promise<void>;
  cancel(): Promise<void>;
  retry(eventId: string): Promise<void>;
  beginDiscard(eventId: string): void;
  editDiscardReason(reason: string): void;
  abandonDiscard(): void;
  confirmDiscard(): Promise<void>;
  /** Keeps the overview live while the screen is open; returns the stop function. */
  startPolling(): () => void;
}

export interface SyncStoreDeps {
  api: LastmileApi;
  /** Runs a dead-letter action with a supervisor's approval when the operator is not one. */
  authorize?: Authorize;
  /** While a sync runs the progress bar moves; poll often then, rarely otherwise. */
  runningPollMs?: number;
  idlePollMs?: number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;
}

export type SyncStore = StoreApi<SyncState>;

const REPORTS_SHOWN = 5;
const DEAD_LETTERS_SHOWN = 50;

/** The contract's own rule for a discard reason, so the button enables exactly when the call would pass. */
export function discardReasonValid(reason: string): boolean {
  return contract.discardDeadLetter.input.shape.reason.safeParse(reason).success;
}

/** A destination worth a row: something queued, sent, failing or refused, or it was ever reached. */
function isActiveDestination(d: DestinationOverview): boolean {
  const queued = Object.values(d.counts).some((n) => n > 0);
  return queued || d.lastSuccessAt !== null || d.circuit !== 'closed' || d.lastError !== null;
}

/** The rows to show: the active destinations, or all of them; and how many idle ones are folded away. */
export function destinationRows(
  destinations: readonly DestinationOverview[],
  showIdle: boolean,
): { rows: DestinationOverview[]; idle: number } {
  const active = destinations.filter(isActiveDestination);
  return { rows: showIdle ? [...destinations] : active, idle: destinations.length - active.length };
}

/** A report's per-destination lines worth reading: the ones where something happened. */
export function reportLines(report: SyncReport): SyncReport['destinations'] {
  return report.destinations.filter((d) => d.delivered + d.failed + d.dead + d.pending > 0);
}

/** Share of the whole run done, 0–1: each stage is an equal slice, filled by its done/total. */
export function progressFraction(p: SyncProgress): number {
  const stages = Math.max(1, p.stageCount);
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.min(1, (Math.min(p.stageIndex, stages - 1) + within) / stages);
}

/** The supervisor prompt was cancelled: nothing happened, nothing to report. */
class CancelledApproval extends Error {}

export function createSyncStore(deps: SyncStoreDeps): SyncStore {
  const { api } = deps;
  const authorize: Authorize = deps.authorize ?? ((_purpose, action) => action(undefined));
  const timers = deps.timers ?? globalThis;
  const runningPollMs = deps.runningPollMs ?? 500;
  const idlePollMs = deps.idlePollMs ?? 5000;

  return createStore<SyncState>()((set, get) => {
    // A run this screen started may finish before the next poll sees it running; its report is still due.
    let reportDue = false;
    let wakePolling: (() => void) | null = null;

    const act = async (action: () => Promise<unknown>): Promise<boolean> => {
      set({ busy: true, actionError: null });
      try {
        await action();
        return true;
      } catch (err) {
        if (!(err instanceof CancelledApproval)) set({ actionError: toErrorShape(err) });
        return false;
      } finally {
        set({ busy: false });
      }
    };

    const loadLists = async (): Promise<void> => {
      const [reports, deadLetters] = await Promise.all([
        api.listSyncReports({ limit: REPORTS_SHOWN }),
        api.listDeadLetters({ limit: DEAD_LETTERS_SHOWN }),
      ]);
      set({ reports, deadLetters });
    };

    return {
      overview: null,
      reports: [],
      deadLetters: [],
      error: null,
      actionError: null,
      busy: false,
      discarding: null,
      showIdleDestinations: false,
      toggleIdleDestinations: () => set((s) => ({ showIdleDestinations: !s.showIdleDestinations })),

      async load() {
        try {
          const overview = await api.getSyncOverview({});
          set({ overview, error: null });
          await loadLists();
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      async refreshOverview() {
        if (get().overview?.running) reportDue = true;
        try {
          const overview = await api.getSyncOverview({});
          set({ overview, error: null });
          // A run just ended: its report and any new dead letters are ready now.
          if (reportDue && !overview.running) {
            reportDue = false;
            await loadLists();
          }
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      async startDaily() {
        if (await act(() => api.startDailySync({}))) {
          reportDue = true;
          await get().refreshOverview();
          wakePolling?.();
        }
      },

      async cancel() {
        if (await act(() => api.cancelSync({}))) await get().refreshOverview();
      },

      async retry(eventId) {
        await act(() =>
          authorize('retryDeadLetter', (authorization) =>
            api.retryDeadLetter({ eventId, ...(authorization ? { authorization } : {}) }),
          ),
        );
        await get().load();
      },

      beginDiscard: (eventId) => set({ discarding: { eventId, reason: '' }, actionError: null }),
      editDiscardReason: (reason) =>
        set((s) => (s.discarding ? { discarding: { ...s.discarding, reason } } : {})),
      abandonDiscard: () => set({ discarding: null }),

      async confirmDiscard() {
        const draft = get().discarding;
        if (!draft) return;
        const done = await act(async () => {
          const answer = await authorize('discardDeadLetter', (authorization) =>
            api.discardDeadLetter({
              eventId: draft.eventId,
              reason: draft.reason,
              ...(authorization ? { authorization } : {}),
            }),
          );
          // Cancelled at the supervisor prompt: the reason stays for another try.
          if (answer === null) throw new CancelledApproval();
        });
        if (done) set({ discarding: null });
        await get().load();
      },

      startPolling() {
        let stopped = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const schedule = (): void => {
          if (stopped) return;
          if (timer !== undefined) timers.clearTimeout(timer);
          timer = timers.setTimeout(tick, get().overview?.running ? runningPollMs : idlePollMs);
        };
        const tick = async (): Promise<void> => {
          timer = undefined;
          await get().refreshOverview();
          schedule();
        };
        wakePolling = schedule;
        void get().load().then(schedule);
        return () => {
          stopped = true;
          if (wakePolling === schedule) wakePolling = null;
          if (timer !== undefined) timers.clearTimeout(timer);
        };
      },
    };
  });
}
