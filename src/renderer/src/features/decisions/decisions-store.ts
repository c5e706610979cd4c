import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { Disposition } from '../../../../shared/returns/qc-codes';
import type { DecisionRow, DecisionTrail } from '../../../../shared/returns/supervision-views';
import { toErrorShape } from '../../i18n/error-message';

export interface DecisionFilter {
  query: string;
  disposition: Disposition | '';
  status: 'active' | 'undone' | '';
}

export interface DecisionsState {
  filter: DecisionFilter;
  rows: DecisionRow[];
  next: string | null;
  cursor: number;
  trail: DecisionTrail | null;
  error: AppErrorShape | null;
  load(): Promise<void>;
  more(): Promise<void>;
  setFilter(patch: Partial<DecisionFilter>): Promise<void>;
  open(index: number): Promise<void>;
}

export type DecisionsStore = StoreApi<DecisionsState>;

const PAGE = 50;

export function createDecisionsStore(deps: { api: LastmileApi }): DecisionsStore {
  const { api } = deps;
  let latest = 0;
  return createStore<DecisionsState>()((set, get) => {
    const query = (before?: string) => {
      const { filter } = get();
      return api.qcBrowseDecisions({
        limit: PAGE,
        ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
        ...(filter.disposition ? { disposition: filter.disposition } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(before ? { before } : {}),
      });
    };
    return {
      filter: { query: '', disposition: '', status: '' },
      rows: [],
      next: null,
      cursor: 0,
      trail: null,
      error: null,

      async load() {
        const mine = ++latest;
        try {
          const page = await query();
          if (mine !== latest) return;
          set({ rows: page.rows, next: page.next, cursor: 0, trail: null, error: null });
          if (page.rows.length > 0) await get().open(0);
        } catch (err) {
          if (mine === latest) set({ error: toErrorShape(err) });
        }
      },

      async more() {
        const { next } = get();
        if (!next) return;
        try {
          const page = await query(next);
          set((s) => ({ rows: [...s.rows, ...page.rows], next: page.next }));
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      setFilter(patch) {
        set((s) => ({ filter: { ...s.filter, ...patch } }));
        return get().load();
      },

      async open(index) {
        const row = get().rows[index];
        if (!row) return;
        set({ cursor: index });
        try {
          const trail = await api.qcDecisionTrail({ decisionId: row.id });
          if (get().rows[get().cursor]?.id === row.id) set({ trail });
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },
    };
  });
}
