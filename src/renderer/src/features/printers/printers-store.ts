import { createStore, type StoreApi } from 'zustand/vanilla';
import { reprintReasonValid } from '../../../../shared/calls/printing';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type {
  LabelPreview,
  LabelTemplateInfo,
  PrintJobStatus,
  PrintJobView,
  PrinterCheck,
  PrinterLanguage,
  PrinterProfile,
  PrinterStatusView,
  TextScript,
} from '../../../../shared/printing';
import { toErrorShape } from '../../i18n/error-message';
import { draftOf, newDraft, profileFromDraft, withLanguage, type ProfileDraft } from './profile-draft';

export { reprintReasonValid };

export const HISTORY_FILTERS = ['all', 'waiting', 'printed', 'failed', 'cancelled'] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

const FILTER_STATUSES: Record<HistoryFilter, PrintJobStatus[] | undefined> = {
  all: undefined,
  waiting: ['queued', 'sending'],
  printed: ['printed'],
  failed: ['failed'],
  cancelled: ['cancelled'],
};

const HISTORY_SHOWN = 50;

export interface PrintersState {
  printers: PrinterProfile[];
  /** Every printer's state and what waits for it; the shell's banner reads it on every screen. */
  statuses: PrinterStatusView[];
  templates: LabelTemplateInfo[];
  loaded: boolean;
  loadError: AppErrorShape | null;
  /** The printer open in the editor (null: none, or a new one being added). */
  selectedId: string | null;
  draft: ProfileDraft | null;
  busy: boolean;
  /** The last button press failed (save, delete, test print, check, reprint). */
  actionError: AppErrorShape | null;
  notice: { kind: 'saved' } | { kind: 'deleted'; cancelledJobs: number } | null;
  confirmingDelete: boolean;
  /** The last status check of the selected printer. */
  check: PrinterCheck | null;
  /** The selected printer's last test print, followed until it printed or failed. */
  testJob: PrintJobView | null;
  testPreview: LabelPreview | null;
  history: PrintJobView[];
  historyFilter: HistoryFilter;
  reprint: { jobId: string; reason: string } | null;
  preview: { jobId: string; label: LabelPreview | null; error: AppErrorShape | null } | null;

  load(): Promise<void>;
  select(printerId: string): void;
  addPrinter(): void;
  closeEditor(): void;
  edit(patch: Partial<Omit<ProfileDraft, 'isNew' | 'language' | 'fonts' | 'templates'>>): void;
  setLanguage(language: PrinterLanguage): void;
  toggleTemplate(name: string): void;
  addFont(): void;
  editFontId(index: number, id: string): void;
  toggleFontScript(index: number, script: TextScript): void;
  removeFont(index: number): void;
  save(): Promise<void>;
  askDelete(): void;
  cancelDelete(): void;
  confirmDelete(): Promise<void>;
  testPrint(): Promise<void>;
  checkStatus(printerId?: string): Promise<void>;
  setHistoryFilter(filter: HistoryFilter): Promise<void>;
  refreshHistory(): Promise<void>;
  beginReprint(jobId: string): void;
  editReprintReason(reason: string): void;
  cancelReprint(): void;
  confirmReprint(): Promise<void>;
  showPreview(jobId: string): Promise<void>;
  closePreview(): void;
  refreshStatuses(): Promise<void>;
  /** Keeps `statuses` fresh for the banner, on every screen; returns the stop function. */
  startStatusPolling(): () => void;
  /** While the Printers screen is open: history and the test print follow the printers live. */
  startScreenPolling(): () => void;
}

export interface PrintersStoreDeps {
  api: LastmileApi;
  statusPollMs?: number;
  screenPollMs?: number;
  timers?: Pick<typeof globalThis, 'setInterval' | 'clearInterval'>;
}

export type PrintersStore = StoreApi<PrintersState>;

const FINISHED: readonly PrintJobStatus[] = ['printed', 'failed', 'cancelled'];

export function createPrintersStore(deps: PrintersStoreDeps): PrintersStore {
  const { api } = deps;
  const timers = deps.timers ?? globalThis;

  return createStore<PrintersState>()((set, get) => {
    const act = async (action: () => Promise<void>): Promise<void> => {
      set({ busy: true, actionError: null, notice: null });
      try {
        await action();
      } catch (err) {
        set({ actionError: toErrorShape(err) });
      } finally {
        set({ busy: false });
      }
    };
    const editDraft = (change: (d: ProfileDraft) => ProfileDraft): void =>
      set((s) => (s.draft ? { draft: change(s.draft), notice: null } : {}));
    const editFonts = (change: (fonts: ProfileDraft['fonts']) => ProfileDraft['fonts']): void =>
      editDraft((d) => ({ ...d, fonts: change(d.fonts.map((f) => ({ ...f, scripts: [...f.scripts] }))) }));

    const loadPrinters = async (): Promise<void> => {
      const [printers, statuses] = await Promise.all([api.listPrinters({}), api.printerStatuses({})]);
      set({ printers, statuses });
    };

    return {
      printers: [],
      statuses: [],
      templates: [],
      loaded: false,
      loadError: null,
      selectedId: null,
      draft: null,
      busy: false,
      actionError: null,
      notice: null,
      confirmingDelete: false,
      check: null,
      testJob: null,
      testPreview: null,
      history: [],
      historyFilter: 'all',
      reprint: null,
      preview: null,

      async load() {
        try {
          const [templates] = await Promise.all([api.listLabelTemplates({}), loadPrinters()]);
          set({ templates, loaded: true, loadError: null });
          await get().refreshHistory();
        } catch (err) {
          set({ loadError: toErrorShape(err) });
        }
      },

      select(printerId) {
        const profile = get().printers.find((p) => p.id === printerId);
        if (!profile) return;
        set({
          selectedId: printerId,
          draft: draftOf(profile),
          actionError: null,
          notice: null,
          confirmingDelete: false,
          check: null,
          testJob: null,
          testPreview: null,
          reprint: null,
        });
        void get().refreshHistory();
      },

      addPrinter() {
        set({
          selectedId: null,
          draft: newDraft(),
          actionError: null,
          notice: null,
          confirmingDelete: false,
          check: null,
          testJob: null,
          testPreview: null,
        });
      },

      closeEditor() {
        set({
          selectedId: null,
          draft: null,
          actionError: null,
          confirmingDelete: false,
          check: null,
          testJob: null,
        });
        void get().refreshHistory();
      },

      edit: (patch) => editDraft((d) => ({ ...d, ...patch })),
      setLanguage: (language) => editDraft((d) => withLanguage(d, language)),
      toggleTemplate: (name) =>
        editDraft((d) => ({
          ...d,
          templates: d.templates.includes(name)
            ? d.templates.filter((t) => t !== name)
            : [...d.templates, name],
        })),
      addFont: () => editFonts((fonts) => [...fonts, { id: '', scripts: [] }]),
      editFontId: (index, id) => editFonts((fonts) => fonts.map((f, i) => (i === index ? { ...f, id } : f))),
      toggleFontScript: (index, script) =>
        editFonts((fonts) =>
          fonts.map((f, i) =>
            i !== index
              ? f
              : {
                  ...f,
                  scripts: f.scripts.includes(script)
                    ? f.scripts.filter((s) => s !== script)
                    : [...f.scripts, script],
                },
          ),
        ),
      removeFont: (index) => editFonts((fonts) => fonts.filter((_f, i) => i !== index)),

      async save() {
        const draft = get().draft;
        if (!draft) return;
        await act(async () => {
          const saved = await api.savePrinter({ profile: profileFromDraft(draft) });
          await loadPrinters();
          set({ selectedId: saved.id, draft: draftOf(saved), notice: { kind: 'saved' } });
        });
      },

      askDelete: () => set({ confirmingDelete: true, actionError: null }),
      cancelDelete: () => set({ confirmingDelete: false }),

      async confirmDelete() {
        const id = get().selectedId;
        if (!id) return;
        await act(async () => {
          const { cancelledJobs } = await api.deletePrinter({ printerId: id });
          await loadPrinters();
          set({
            selectedId: null,
            draft: null,
            confirmingDelete: false,
            notice: { kind: 'deleted', cancelledJobs },
          });
          await get().refreshHistory();
        });
      },

      async testPrint() {
        const id = get().selectedId;
        if (!id) return;
        await act(async () => {
          const job = await api.testPrint({ printerId: id });
          set({ testJob: job, testPreview: null });
          const [preview] = await Promise.all([
            api.previewPrintJob({ jobId: job.id }),
            get().refreshHistory(),
          ]);
          if (get().testJob?.id === job.id) set({ testPreview: preview });
        });
      },

      async checkStatus(printerId) {
        const id = printerId ?? get().selectedId;
        if (!id) return;
        await act(async () => {
          const check = await api.checkPrinter({ printerId: id });
          if (id === get().selectedId) set({ check });
          await get().refreshStatuses();
        });
      },

      async setHistoryFilter(filter) {
        set({ historyFilter: filter });
        await get().refreshHistory();
      },

      async refreshHistory() {
        const { selectedId, historyFilter } = get();
        const statuses = FILTER_STATUSES[historyFilter];
        try {
          const history = await api.listPrintJobs({
            limit: HISTORY_SHOWN,
            ...(selectedId ? { printerId: selectedId } : {}),
            ...(statuses ? { statuses } : {}),
          });
          // A newer selection or filter may have been made while this was on its way.
          if (get().selectedId !== selectedId || get().historyFilter !== historyFilter) return;
          const test = get().testJob;
          const followed = test ? history.find((j) => j.id === test.id) : undefined;
          set({ history, ...(followed ? { testJob: followed } : {}) });
          if (test && !followed && !FINISHED.includes(test.status)) {
            set({
              testJob:
                (await api.listPrintJobs({ printerId: test.printerId, limit: HISTORY_SHOWN })).find(
                  (j) => j.id === test.id,
                ) ?? test,
            });
          }
        } catch (err) {
          set({ actionError: toErrorShape(err) });
        }
      },

      beginReprint: (jobId) => set({ reprint: { jobId, reason: '' }, actionError: null }),
      editReprintReason: (reason) => set((s) => (s.reprint ? { reprint: { ...s.reprint, reason } } : {})),
      cancelReprint: () => set({ reprint: null }),

      async confirmReprint() {
        const draft = get().reprint;
        if (!draft || !reprintReasonValid(draft.reason)) return;
        await act(async () => {
          await api.reprintJob({ jobId: draft.jobId, reason: draft.reason.trim() });
          set({ reprint: null });
          await get().refreshHistory();
        });
      },

      async showPreview(jobId) {
        set({ preview: { jobId, label: null, error: null } });
        try {
          const label = await api.previewPrintJob({ jobId });
          if (get().preview?.jobId === jobId) set({ preview: { jobId, label, error: null } });
        } catch (err) {
          if (get().preview?.jobId === jobId)
            set({ preview: { jobId, label: null, error: toErrorShape(err) } });
        }
      },
      closePreview: () => set({ preview: null }),

      async refreshStatuses() {
        try {
          set({ statuses: await api.printerStatuses({}) });
        } catch {
          // The banner keeps what it showed; the next poll tries again.
        }
      },

      startStatusPolling() {
        void get().refreshStatuses();
        const timer = timers.setInterval(() => void get().refreshStatuses(), deps.statusPollMs ?? 3000);
        return () => timers.clearInterval(timer);
      },

      startScreenPolling() {
        void get().load();
        const timer = timers.setInterval(() => {
          void loadPrinters().catch(() => {});
          void get().refreshHistory();
        }, deps.screenPollMs ?? 2000);
        return () => timers.clearInterval(timer);
      },
    };
  });
}
