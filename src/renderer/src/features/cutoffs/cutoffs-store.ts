import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import type { CutoffTableRow } from '../../../../shared/packing/carrier-cutoffs';
import type { CutoffAction, CutoffException } from '../../../../shared/packing/pack-views';
import { toErrorShape } from '../../i18n/error-message';
import type { Authorize } from '../session/step-up';
import { newActionId } from '../supervisor/action-id';

/** A cut-off row being edited: the time as typed, and the weekdays (null = the market's working week). */
export interface CutoffDraft {
  carrier: string;
  market: string;
  lastPickup: string;
  days: number[] | null;
  /** The row is the station's own (it can be reset to the default). */
  override: boolean;
}

export interface CutoffsState {
  items: CutoffException[];
  cursor: number;
  /** The action chosen with N / O / R for the selected parcel, waiting for Enter. */
  pending: CutoffAction | null;
  note: string;
  table: CutoffTableRow[];
  draft: CutoffDraft | null;
  busy: boolean;
  error: AppErrorShape | null;
  notice: { kind: CutoffAction | 'saved' | 'reset'; orderRef: string } | null;
  load(): Promise<void>;
  move(delta: number): void;
  select(index: number): void;
  /** N / O / R: refused for a rebook the parcel cannot have (the reason is on screen). */
  choose(action: CutoffAction): boolean;
  setNote(note: string): void;
  cancel(): void;
  /** Enter: the chosen action for the selected parcel (a note needs its text). */
  confirm(): Promise<boolean>;
  /** Starts editing a row of the table, or the selected parcel's carrier and market. */
  edit(row?: CutoffTableRow): void;
  editDraft(patch: Partial<CutoffDraft>): void;
  toggleDay(day: number): void;
  /** The market's working week (true) or the weekdays it has now, to pick from (false). */
  setWorkingWeek(on: boolean): void;
  saveDraft(): Promise<boolean>;
  resetDraft(): Promise<boolean>;
}

export type CutoffsStore = StoreApi<CutoffsState>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function createCutoffsStore(deps: {
  api: LastmileApi;
  authorize: Authorize;
  newActionId?: () => string;
}): CutoffsStore {
  const { api, authorize } = deps;
  const actionId = deps.newActionId ?? newActionId;
  return createStore<CutoffsState>()((set, get) => {
    const rowFor = (carrier: string, market: string): CutoffTableRow | undefined => {
      const t = get().table;
      return (
        t.find((r) => r.carrier === carrier && r.market === market) ??
        t.find((r) => r.carrier === carrier && r.market === '*') ??
        t.find((r) => r.carrier === '*' && r.market === '*')
      );
    };

    const save = async (draft: CutoffDraft, reset: boolean): Promise<boolean> => {
      if (get().busy) return false;
      if (!reset && !TIME.test(draft.lastPickup.trim())) {
        set({
          error: {
            code: 'VALIDATION_FAILED',
            params: { call: 'packCutoffSet', field: 'lastPickup', issue: 'cutoff_time' },
          },
        });
        return false;
      }
      set({ busy: true, error: null, notice: null });
      const clientActionId = actionId();
      try {
        const table = await authorize('packCutoffSet', (authorization) =>
          api.packCutoffSet({
            carrier: draft.carrier,
            market: draft.market,
            lastPickup: draft.lastPickup.trim(),
            days: draft.days,
            ...(reset ? { reset: true } : {}),
            clientActionId,
            ...(authorization ? { authorization } : {}),
          }),
        );
        if (table === null) {
          set({ busy: false });
          return false;
        }
        set({
          busy: false,
          table,
          draft: null,
          notice: {
            kind: reset ? 'reset' : 'saved',
            orderRef: `${table.find((r) => r.carrier === draft.carrier)?.carrierName ?? draft.carrier} ${draft.market}`,
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
      items: [],
      cursor: 0,
      pending: null,
      note: '',
      table: [],
      draft: null,
      busy: false,
      error: null,
      notice: null,

      async load() {
        try {
          const [items, table] = await Promise.all([api.packCutoffExceptions({}), api.packCutoffTable({})]);
          set((s) => ({ items, table, cursor: Math.min(s.cursor, Math.max(0, items.length - 1)) }));
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      move(delta) {
        get().select(get().cursor + delta);
      },

      select(index) {
        const n = get().items.length;
        if (n === 0) return;
        const cursor = Math.max(0, Math.min(n - 1, index));
        if (cursor !== get().cursor) set({ cursor, pending: null, note: '' });
      },

      choose(action) {
        const item = get().items[get().cursor];
        if (!item || get().busy) return false;
        if (action === 'rebook' && !item.rebookable) {
          set({
            pending: null,
            error: { code: 'CUTOFF_REBOOK_NOT_ALLOWED', params: { orderRef: item.orderRef } },
          });
          return false;
        }
        set({ pending: action, error: null, notice: null });
        return true;
      },

      setNote: (note) => set({ note }),

      cancel: () => set({ pending: null, note: '', draft: null, error: null }),

      async confirm() {
        const { items, cursor, pending, note, busy } = get();
        const item = items[cursor];
        if (!item || !pending || busy) return false;
        const text = note.trim();
        if (pending === 'note' && text === '') {
          set({ error: { code: 'CUTOFF_NOTE_REQUIRED', params: {} } });
          return false;
        }
        set({ busy: true, error: null, notice: null });
        const clientActionId = actionId();
        try {
          const done = await authorize('packCutoffResolve', (authorization) =>
            api.packCutoffResolve({
              packageId: item.packageId,
              action: pending,
              ...(text ? { note: text } : {}),
              clientActionId,
              ...(authorization ? { authorization } : {}),
            }),
          );
          if (done === null) {
            set({ busy: false });
            return false;
          }
          set({ busy: false, pending: null, note: '', notice: { kind: pending, orderRef: item.orderRef } });
          await get().load();
          return true;
        } catch (err) {
          set({ busy: false, error: toErrorShape(err) });
          return false;
        }
      },

      edit(row) {
        const item = get().items[get().cursor];
        const base = row ?? (item ? rowFor(item.carrier, item.market) : undefined);
        if (!base) return;
        // Editing the catch-all from a parcel makes a row for that parcel's carrier and market.
        const carrier = row ? row.carrier : (item?.carrier ?? base.carrier);
        const market = row ? row.market : (item?.market ?? base.market);
        const own = base.carrier === carrier && base.market === market;
        set({
          pending: null,
          error: null,
          draft: {
            carrier,
            market,
            lastPickup: base.lastPickup,
            days: base.days ? [...base.days] : null,
            override: own && base.origin === 'override',
          },
        });
      },

      editDraft: (patch) => set((s) => (s.draft ? { draft: { ...s.draft, ...patch } } : {})),

      toggleDay(day) {
        const draft = get().draft;
        if (!draft) return;
        const week = draft.days ?? rowFor(draft.carrier, draft.market)?.pickupDays ?? [1, 2, 3, 4, 5];
        const next = week.includes(day) ? week.filter((d) => d !== day) : [...week, day].sort();
        // A carrier that never picks up is not a cut-off: at least one day stays.
        if (next.length === 0) return;
        set({ draft: { ...draft, days: next } });
      },

      setWorkingWeek(on) {
        const draft = get().draft;
        if (!draft) return;
        const week = rowFor(draft.carrier, draft.market)?.pickupDays ?? [1, 2, 3, 4, 5];
        set({ draft: { ...draft, days: on ? null : [...week] } });
      },

      saveDraft() {
        const draft = get().draft;
        return draft ? save(draft, false) : Promise.resolve(false);
      },

      resetDraft() {
        const draft = get().draft;
        return draft?.override ? save(draft, true) : Promise.resolve(false);
      },
    };
  });
}
