import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LastmileApi } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import {
  ruleTableSchema,
  type DispositionRule,
  type RuleCondition,
  type RuleTable,
} from '../../../../shared/returns/disposition-rules';
import type { RuleVersion } from '../../../../shared/returns/supervision-views';
import { toErrorShape } from '../../i18n/error-message';

export interface RulesState {
  /** The version the draft started from; a save names it, so it never overwrites a newer one. */
  basedOn: number | null;
  draft: RuleTable;
  cursor: number;
  dirty: boolean;
  note: string;
  saving: boolean;
  error: AppErrorShape | null;
  /** The version just saved, and how many warnings the core found in it. */
  saved: { version: number; warnings: number } | null;
  history: RuleVersion[];
  load(): Promise<void>;
  select(index: number): void;
  /** Moves the rule under the cursor up or down: the order decides which rule wins. */
  shift(delta: -1 | 1): void;
  /** A new rule above the cursor (never below the last, catch-all one). */
  add(): void;
  remove(): void;
  edit(patch: Partial<Omit<DispositionRule, 'when'>>): void;
  editWhen(patch: Partial<RuleCondition>): void;
  setNote(note: string): void;
  save(): Promise<boolean>;
}

export type RulesStore = StoreApi<RulesState>;

function without<K extends keyof RuleCondition>(
  when: RuleCondition,
  patch: Partial<RuleCondition>,
): RuleCondition {
  const next: Record<string, unknown> = { ...when, ...patch };
  // An empty list means "any": the condition is left out, as the schema wants it.
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[k as K];
  }
  return next as RuleCondition;
}

export function createRulesStore(deps: { api: LastmileApi }): RulesStore {
  const { api } = deps;
  let counter = 0;
  return createStore<RulesState>()((set, get) => {
    const change = (draft: RuleTable, cursor = get().cursor) =>
      set({ draft, cursor: Math.max(0, Math.min(draft.length - 1, cursor)), dirty: true, saved: null });
    return {
      basedOn: null,
      draft: [],
      cursor: 0,
      dirty: false,
      note: '',
      saving: false,
      error: null,
      saved: null,
      history: [],

      async load() {
        try {
          const [current, history] = await Promise.all([api.qcListRules({}), api.qcRuleHistory({})]);
          set({
            basedOn: current.version,
            draft: current.rules,
            dirty: false,
            cursor: 0,
            error: null,
            history,
          });
        } catch (err) {
          set({ error: toErrorShape(err) });
        }
      },

      select(index) {
        const n = get().draft.length;
        if (n > 0) set({ cursor: Math.max(0, Math.min(n - 1, index)) });
      },

      shift(delta) {
        const { draft, cursor } = get();
        const to = cursor + delta;
        // The last rule is the catch-all and stays last.
        if (to < 0 || to >= draft.length - 1 || cursor >= draft.length - 1) return;
        const next = [...draft];
        const [rule] = next.splice(cursor, 1);
        if (rule) next.splice(to, 0, rule);
        change(next, to);
      },

      add() {
        const { draft, cursor } = get();
        const at = Math.min(cursor, Math.max(0, draft.length - 1));
        let id = `rule-${draft.length + 1}`;
        while (draft.some((r) => r.id === id)) id = `rule-${draft.length + 1}-${++counter}`;
        const next = [...draft];
        next.splice(at, 0, { id, when: { grades: ['D'] }, then: 'destroy' });
        change(next, at);
      },

      remove() {
        const { draft, cursor } = get();
        if (cursor >= draft.length - 1) return;
        change(
          draft.filter((_, i) => i !== cursor),
          cursor,
        );
      },

      edit(patch) {
        const { draft, cursor } = get();
        const rule = draft[cursor];
        if (!rule) return;
        const next = { ...rule, ...patch };
        if (next.note !== undefined && next.note.trim() === '') delete next.note;
        change(draft.map((r, i) => (i === cursor ? next : r)));
      },

      editWhen(patch) {
        const { draft, cursor } = get();
        const rule = draft[cursor];
        if (!rule || cursor === draft.length - 1) return;
        change(draft.map((r, i) => (i === cursor ? { ...r, when: without(r.when, patch) } : r)));
      },

      setNote: (note) => set({ note }),

      async save() {
        const { draft, note, basedOn, saving } = get();
        if (saving) return false;
        const checked = ruleTableSchema.safeParse(draft);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          set({
            error: {
              code: 'VALIDATION_FAILED',
              params: {
                call: 'qcSaveRules',
                field: issue ? issue.path.join('.') : '',
                issue: issue?.message ?? '',
              },
            },
          });
          return false;
        }
        set({ saving: true, error: null });
        try {
          const result = await api.qcSaveRules({
            rules: checked.data,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(basedOn !== null ? { basedOn } : {}),
          });
          const history = await api.qcRuleHistory({});
          set({
            saving: false,
            basedOn: result.version,
            dirty: false,
            note: '',
            history,
            saved: { version: result.version, warnings: result.warnings.length },
          });
          return true;
        } catch (err) {
          set({ saving: false, error: toErrorShape(err) });
          return false;
        }
      },
    };
  });
}
