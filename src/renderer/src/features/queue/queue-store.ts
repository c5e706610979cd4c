import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import { OUTBOX_STATUSES, type OutboxEventView } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import { toErrorShape } from '../../i18n/error-message';

export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface QueueState {
  statuses: OutboxStatus[];
  page: number;
  pageSize: number;
  events: OutboxEventView[];
  total: number;
  counts: Record<OutboxStatus, number>;
  loading: boolean;
  error: AppErrorShape | null;
  load(): Promise<void>;
  toggleStatus(status: OutboxStatus): Promise<void>;
  setPage(page: number): Promise<void>;
  /** Reloads while the screen is open: the background sync changes statuses under the clerk's eyes. */
  startPolling(intervalMs?: number): () => void;
}

export type QueueStore = StoreApi<QueueState>;

/** Rows that fit a 768-pixel-high screen at arm's-length type size. */
const QUEUE_PAGE_SIZE = 9;

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function createQueueStore(api: LastmileApi, pageSize = QUEUE_PAGE_SIZE): QueueStore {
  // A poll already on its way when the clerk changes the filter or page must not overwrite the newer answer.
  let latestLoad = 0;
  return createStore<QueueState>()((set, get) => ({
    statuses: ['pending', 'in_flight'],
    page: 0,
    pageSize,
    events: [],
    total: 0,
    counts: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>,
    loading: false,
    error: null,

    async load() {
      const { statuses, page } = get();
      const thisLoad = ++latestLoad;
      set({ loading: true });
      try {
        const list = await api.listQueue({ statuses, limit: pageSize, offset: page * pageSize });
        if (thisLoad !== latestLoad) return;
        const lastPage = pageCount(list.total, pageSize) - 1;
        if (page > lastPage) {
          set({ page: lastPage, loading: false });
          return get().load();
        }
        set({ events: list.events, total: list.total, counts: list.counts, loading: false, error: null });
      } catch (err) {
        if (thisLoad === latestLoad) set({ loading: false, error: toErrorShape(err) });
      }
    },

    toggleStatus(status) {
      const current = get().statuses;
      const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
      // An empty filter would show nothing and confuse; keep at least one status.
      if (next.length === 0) return Promise.resolve();
      set({ statuses: OUTBOX_STATUSES.filter((s) => next.includes(s)), page: 0 });
      return get().load();
    },

    setPage(page) {
      set({ page: Math.max(0, page) });
      return get().load();
    },

    startPolling(intervalMs = 5000) {
      void get().load();
      const timer = setInterval(() => {
        if (!get().loading) void get().load();
      }, intervalMs);
      return () => clearInterval(timer);
    },
  }));
}
