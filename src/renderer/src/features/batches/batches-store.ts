import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type {
  BatchDetail,
  BatchSummary,
  CertificateFile,
  CertificateVerification,
} from '../../../../shared/returns/supervision-views';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';
import { newActionId } from '../supervisor/action-id';

export type BatchesNotice = 'closed' | 'label_queued' | 'downloaded';

export interface BatchesState {
  batches: BatchSummary[];
  currentId: string | null;
  detail: BatchDetail | null;
  note: string;
  busy: boolean;
  error: AppErrorShape | null;
  notice: BatchesNotice | null;
  /** The answer for the last certificate file checked on this screen. */
  verification: (CertificateVerification & { fileName: string }) | null;
  load(): Promise<void>;
  open(id: string): Promise<void>;
  move(delta: number): Promise<void>;
  setNote(note: string): void;
  /** Closes the batch; at someone else's screen a supervisor authorizes it in the prompt. */
  close(): Promise<boolean>;
  /** The issued PDF, for the screen to save; null (and the error shown) when it cannot be had. */
  certificate(): Promise<CertificateFile | null>;
  printLabel(): Promise<void>;
  verify(fileName: string, dataBase64: string): Promise<void>;
  refused(error: AppErrorShape): void;
}

export type BatchesStore = StoreApi<BatchesState>;

export function createBatchesStore(deps: {
  api: LastmileApi;
  authorize: Authorize;
  newActionId?: () => string;
}): BatchesStore {
  const { api, authorize } = deps;
  const actionId = deps.newActionId ?? newActionId;
  let latest = 0;
  return createStore<BatchesState>()((set, get) => ({
    batches: [],
    currentId: null,
    detail: null,
    note: '',
    busy: false,
    error: null,
    notice: null,
    verification: null,

    async load() {
      try {
        const batches = await api.qcListBatches({});
        set({ batches });
        const current = get().currentId;
        const keep = current && batches.some((b) => b.id === current) ? current : (batches[0]?.id ?? null);
        if (keep) await get().open(keep);
        else set({ currentId: null, detail: null });
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },

    async open(id) {
      const mine = ++latest;
      if (id !== get().currentId) set({ currentId: id, note: '', notice: null, error: null });
      try {
        const detail = await api.qcGetBatch({ batchId: id });
        if (mine === latest) set({ detail });
      } catch (err) {
        if (mine === latest) set({ error: toErrorShape(err) });
      }
    },

    move(delta) {
      const { batches, currentId } = get();
      const i = batches.findIndex((b) => b.id === currentId);
      const next = batches[Math.max(0, Math.min(batches.length - 1, i + delta))];
      return next && next.id !== currentId ? get().open(next.id) : Promise.resolve();
    },

    setNote: (note) => set({ note }),

    async close() {
      const { detail, note, busy } = get();
      if (!detail || detail.status !== 'open' || busy) return false;
      set({ busy: true, error: null, notice: null });
      const clientActionId = actionId();
      try {
        const closed = await authorize('qcCloseBatch', (authorization) =>
          api.qcCloseBatch({
            batchId: detail.id,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(authorization ? { authorization } : {}),
            clientActionId,
          }),
        );
        if (closed === null) {
          set({ busy: false });
          return false;
        }
        set({ busy: false, detail: closed, note: '', notice: 'closed' });
        set({ batches: await api.qcListBatches({}) });
        return true;
      } catch (err) {
        set({ busy: false, error: toErrorShape(err) });
        return false;
      }
    },

    async certificate() {
      const { detail } = get();
      if (!detail?.certificate) return null;
      set({ error: null });
      try {
        const file = await api.qcGetCertificate({ batchId: detail.id });
        set({ notice: 'downloaded' });
        return file;
      } catch (err) {
        set({ error: toErrorShape(err) });
        return null;
      }
    },

    async printLabel() {
      const { detail } = get();
      if (!detail) return;
      set({ error: null, notice: null });
      try {
        await api.qcPrintBatchLabel({ batchId: detail.id });
        set({ notice: 'label_queued' });
        await get().open(detail.id);
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },

    async verify(fileName, dataBase64) {
      set({ error: null, verification: null });
      try {
        const verdict = await api.qcVerifyCertificate({ dataBase64 });
        set({ verification: { ...verdict, fileName } });
      } catch (err) {
        set({ error: toErrorShape(err) });
      }
    },

    refused: (error) => set({ error, notice: null }),
  }));
}
