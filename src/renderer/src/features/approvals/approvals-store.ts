import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { DestroyRejectReason, InsteadOfDestroy } from '../../../../shared/returns/supervision-codes';
import type { ApprovalItem } from '../../../../shared/returns/supervision-views';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';
import { newActionId } from '../supervisor/action-id';

export interface RejectForm {
  reason: DestroyRejectReason | '';
  instead: InsteadOfDestroy | '';
  bin: string;
  note: string;
}

export interface ApprovalsNotice {
  kind: 'approved' | 'rejected';
  count: number;
  /** Decided by someone else meanwhile, left as they are. */
  skipped: number;
}

export interface ApprovalsState {
  view: 'pending' | 'decided';
  items: ApprovalItem[];
  /** The row the keyboard is on. */
  cursor: number;
  selected: string[];
  loading: boolean;
  busy: boolean;
  error: AppErrorShape | null;
  notice: ApprovalsNotice | null;
  /** Open while the supervisor says why a destroy is refused and what the unit becomes instead. */
  reject: RejectForm | null;
  /** Photo bytes as data URLs by hash, fetched when a row is looked at ('missing' when gone). */
  photos: Record<string, string>;
  load(): Promise<void>;
  setView(view: ApprovalsState['view']): Promise<void>;
  move(delta: number): void;
  moveTo(index: number): void;
  toggle(id?: string): void;
  selectAll(): void;
  /** The approvals an action applies to: the ticked ones, else the one under the cursor. */
  targets(): string[];
  /** Approves the targets; at someone else's screen a supervisor authorizes it in the prompt. */
  approve(): Promise<boolean>;
  openReject(): void;
  editReject(patch: Partial<RejectForm>): void;
  cancelReject(): void;
  submitReject(): Promise<boolean>;
  loadPhoto(sha256: string): Promise<void>;
  refused(error: AppErrorShape): void;
}

export type ApprovalsStore = StoreApi<ApprovalsState>;

const EMPTY_REJECT: RejectForm = { reason: '', instead: '', bin: '', note: '' };

export function createApprovalsStore(deps: {
  api: LastmileApi;
  authorize: Authorize;
  newActionId?: () => string;
}): ApprovalsStore {
  const { api, authorize } = deps;
  const actionId = deps.newActionId ?? newActionId;
  let latest = 0;
  return createStore<ApprovalsState>()((set, get) => {
    const decide = async (
      input: Omit<
        Parameters<LastmileApi['qcDecideApprovals']>[0],
        'approvalIds' | 'clientActionId' | 'authorization'
      >,
    ): Promise<boolean> => {
      const ids = get().targets();
      if (ids.length === 0 || get().busy) return false;
      set({ busy: true, error: null, notice: null });
      // One id for the action, kept across a prompt's retries after a wrong PIN.
      const clientActionId = actionId();
      try {
        const result = await authorize(
          input.decision === 'approve' ? 'qcApproveDestroy' : 'qcRejectDestroy',
          (authorization) =>
            api.qcDecideApprovals({
              ...input,
              approvalIds: ids,
              clientActionId,
              ...(authorization ? { authorization } : {}),
            }),
        );
        if (result === null) {
          set({ busy: false });
          return false;
        }
        set({
          busy: false,
          selected: [],
          reject: null,
          notice: {
            kind: input.decision === 'approve' ? 'approved' : 'rejected',
            count: result.decided.length,
            skipped: result.skipped.length,
          },
        });
        await get().load();
        return true;
      } catch (err) {
        set({ busy: false, error: toErrorShape(err) });
        return false;
      }
    };

    return {
      view: 'pending',
      items: [],
      cursor: 0,
      selected: [],
      loading: false,
      busy: false,
      error: null,
      notice: null,
      reject: null,
      photos: {},

      async load() {
        const mine = ++latest;
        set({ loading: true });
        try {
          const items = await api.qcApprovalQueue({ status: get().view });
          if (mine !== latest) return;
          const ids = new Set(items.map((i) => i.id));
          set((s) => ({
            items,
            loading: false,
            cursor: Math.min(s.cursor, Math.max(0, items.length - 1)),
            // A ticked approval someone else decided meanwhile is no longer offered.
            selected: s.selected.filter((id) => ids.has(id)),
          }));
        } catch (err) {
          if (mine === latest) set({ loading: false, error: toErrorShape(err) });
        }
      },

      setView(view) {
        set({ view, cursor: 0, selected: [], reject: null, notice: null, error: null });
        return get().load();
      },

      move(delta) {
        get().moveTo(get().cursor + delta);
      },

      moveTo(index) {
        const n = get().items.length;
        if (n === 0) return;
        set({ cursor: Math.max(0, Math.min(n - 1, index)) });
      },

      toggle(id) {
        const { items, cursor, selected, view } = get();
        const target = id ?? items[cursor]?.id;
        if (!target || view !== 'pending') return;
        set({
          selected: selected.includes(target) ? selected.filter((s) => s !== target) : [...selected, target],
        });
      },

      selectAll() {
        const { items, selected, view } = get();
        if (view !== 'pending') return;
        set({ selected: selected.length === items.length ? [] : items.map((i) => i.id) });
      },

      targets() {
        const { items, cursor, selected, view } = get();
        if (view !== 'pending') return [];
        if (selected.length > 0) return selected;
        const current = items[cursor];
        return current ? [current.id] : [];
      },

      approve() {
        return decide({ decision: 'approve' });
      },

      openReject() {
        if (get().targets().length === 0) return;
        set({ reject: { ...EMPTY_REJECT }, error: null, notice: null });
      },

      editReject(patch) {
        const form = get().reject;
        if (form) set({ reject: { ...form, ...patch } });
      },

      cancelReject() {
        set({ reject: null, error: null });
      },

      submitReject() {
        const form = get().reject;
        if (!form) return Promise.resolve(false);
        // Said on screen at once; the core checks the same again.
        if (!form.reason || (form.reason === 'other' && !form.note.trim())) {
          set({ error: { code: 'QC_REJECT_REASON_REQUIRED', params: {} } });
          return Promise.resolve(false);
        }
        if (!form.instead || (form.instead === 'restock' && !form.bin.trim())) {
          set({ error: { code: 'QC_REJECT_NEEDS_DISPOSITION', params: {} } });
          return Promise.resolve(false);
        }
        return decide({
          decision: 'reject',
          rejectReason: form.reason,
          instead: {
            disposition: form.instead,
            ...(form.instead === 'restock' ? { bin: form.bin.trim() } : {}),
          },
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
        });
      },

      async loadPhoto(sha256) {
        if (get().photos[sha256]) return;
        try {
          const photo = await api.qcGetPhoto({ sha256 });
          set((s) => ({
            photos: { ...s.photos, [sha256]: `data:${photo.mimeType};base64,${photo.dataBase64}` },
          }));
        } catch {
          set((s) => ({ photos: { ...s.photos, [sha256]: 'missing' } }));
        }
      },

      refused(error) {
        set({ error, notice: null });
      },
    };
  });
}
