import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { ExceptionView } from '../../../../shared/returns/qc-views';
import type { ExceptionDisposal } from '../../../../shared/returns/supervision-codes';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';
import { newActionId } from '../supervisor/action-id';

export interface ResolveForm {
  kind: 'match' | 'dispose';
  returnOrderId: string;
  disposal: ExceptionDisposal | '';
  note: string;
}

export interface ExceptionsState {
  status: 'open' | 'resolved';
  items: ExceptionView[];
  cursor: number;
  form: ResolveForm;
  busy: boolean;
  error: AppErrorShape | null;
  resolved: string | null;
  load(): Promise<void>;
  show(status: ExceptionsState['status']): Promise<void>;
  select(index: number): void;
  edit(patch: Partial<ResolveForm>): void;
  resolve(): Promise<boolean>;
}

export type ExceptionsStore = StoreApi<ExceptionsState>;

const EMPTY: ResolveForm = { kind: 'match', returnOrderId: '', disposal: '', note: '' };

export function createExceptionsStore(deps: {
  api: LastmileApi;
  authorize: Authorize;
  newActionId?: () => string;
}): ExceptionsStore {
  const { api, authorize } = deps;
  const actionId = deps.newActionId ?? newActionId;
  return createStore<ExceptionsState>()((set, get) => ({
    status: 'open',
    items: [],
    cursor: 0,
    form: { ...EMPTY },
    busy: false,
    error: null,
    resolved: null,

    async load() {
      try {
        const items = await api.qcListExceptions({ status: get().status });
        set((s) => ({ items, cursor: Math.min(s.cursor, Math.max(0, items.length - 1)) }));
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },

    show(status) {
      set({ status, cursor: 0, error: null, resolved: null });
      return get().load();
    },

    select(index) {
      const n = get().items.length;
      if (n > 0) set({ cursor: Math.max(0, Math.min(n - 1, index)), form: { ...EMPTY } });
    },

    edit: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),

    async resolve() {
      const { items, cursor, form, busy } = get();
      const item = items[cursor];
      if (!item || busy || item.status !== 'open') return false;
      const note = form.note.trim();
      if (form.kind === 'match' && !form.returnOrderId.trim()) return false;
      if (form.kind === 'dispose' && (!form.disposal || note.length < 3)) return false;
      set({ busy: true, error: null, resolved: null });
      const clientActionId = actionId();
      try {
        const resolution =
          form.kind === 'match'
            ? { kind: 'match' as const, returnOrderId: form.returnOrderId.trim(), ...(note ? { note } : {}) }
            : { kind: 'dispose' as const, disposal: form.disposal as ExceptionDisposal, note };
        const view = await authorize('qcResolveException', (authorization) =>
          api.qcResolveException({
            exceptionId: item.id,
            resolution,
            clientActionId,
            ...(authorization ? { authorization } : {}),
          }),
        );
        if (view === null) {
          set({ busy: false });
          return false;
        }
        set({ busy: false, form: { ...EMPTY }, resolved: item.id });
        await get().load();
        return true;
      } catch (err) {
        set({ busy: false, error: toErrorShape(err) });
        return false;
      }
    },
  }));
}
