import { describe, expect, it } from 'vitest';
import type { LastmileApi } from '../../../src/shared/contract';
import { DEFAULT_RULES, ruleTableSchema } from '../../../src/shared/returns/disposition-rules';
import { formatMoneyList, parseMoneyList } from '../../../src/renderer/src/features/rules/money-list';
import { createRulesStore } from '../../../src/renderer/src/features/rules/rules-store';
import { windowOf } from '../../../src/renderer/src/features/shift/shift-store';

/** The two calls the editor makes, answered as the core would from a table kept here. */
function fakeRulesApi() {
  let saved = {
    version: 0,
    rules: DEFAULT_RULES,
    savedBy: null as string | null,
    savedAt: null as number | null,
  };
  const saves: unknown[] = [];
  const api = {
    qcListRules: async () => saved,
    qcRuleHistory: async () => [],
    qcSaveRules: async (input: { rules: typeof DEFAULT_RULES; basedOn?: number }) => {
      saves.push(input);
      saved = { ...saved, version: saved.version + 1, rules: input.rules };
      return { version: saved.version, warnings: [] };
    },
  } as unknown as LastmileApi;
  return { api, saves };
}

describe('the rules editor', () => {
  it('keeps the catch-all rule last whatever is moved, added or removed, and leaves empty conditions out', async () => {
    const { api, saves } = fakeRulesApi();
    const store = createRulesStore({ api });
    await store.getState().load();
    const n = DEFAULT_RULES.length;
    const s = () => store.getState();

    s().select(n - 1);
    s().shift(-1); // the last rule does not move
    s().remove(); // nor goes
    expect(s().draft.at(-1)).toEqual(DEFAULT_RULES.at(-1));
    expect(s().dirty).toBe(false);

    s().select(n - 2);
    s().shift(1); // nothing goes below the last rule
    expect(s().draft).toEqual(DEFAULT_RULES);

    s().select(0);
    s().add();
    expect(s().draft).toHaveLength(n + 1);
    s().editWhen({ grades: [], categories: ['electronics'] });
    s().edit({ id: 'phones', then: 'refurbish', note: '  ' });
    expect(s().draft[0]).toEqual({ id: 'phones', when: { categories: ['electronics'] }, then: 'refurbish' });
    s().shift(1);
    expect(s().draft[1]?.id).toBe('phones');
    expect(s().cursor).toBe(1);
    expect(ruleTableSchema.safeParse(s().draft).success).toBe(true);

    expect(await s().save()).toBe(true);
    expect(saves).toEqual([{ rules: s().draft, basedOn: 0 }]);
    expect(s().basedOn).toBe(1);
    expect(s().dirty).toBe(false);
  });

  it('refuses to send a table the core would refuse, saying which field', async () => {
    const { api, saves } = fakeRulesApi();
    const store = createRulesStore({ api });
    await store.getState().load();
    store.getState().select(0);
    store.getState().edit({ id: 'Not An Id' });
    expect(await store.getState().save()).toBe(false);
    expect(store.getState().error).toMatchObject({ code: 'VALIDATION_FAILED', params: { field: '0.id' } });
    expect(saves).toEqual([]);
  });

  it('reads value thresholds as "500 THB, 20 USD" and refuses anything else', () => {
    expect(parseMoneyList('500 THB, 20.5usd')).toEqual([
      { amount: '500', currency: 'THB' },
      { amount: '20.5', currency: 'USD' },
    ]);
    expect(parseMoneyList('')).toEqual([]);
    expect(parseMoneyList('500')).toBeNull();
    expect(parseMoneyList('-5 THB')).toBeNull();
    expect(formatMoneyList([{ amount: '300', currency: 'THB' }])).toBe('300 THB');
  });

  it('cuts shift windows at local midnight', () => {
    const now = new Date(2026, 0, 15, 14, 30).getTime();
    const midnight = new Date(2026, 0, 15).getTime();
    expect(windowOf('today', now)).toEqual({ from: midnight, to: now + 1 });
    expect(windowOf('yesterday', now)).toEqual({ from: new Date(2026, 0, 14).getTime(), to: midnight });
    expect(windowOf('week', now).from).toBe(new Date(2026, 0, 9).getTime());
  });
});
