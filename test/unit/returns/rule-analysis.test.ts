import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  suggestDisposition,
  type RuleTable,
} from '../../../src/shared/returns/disposition-rules';
import { analyseRules, traceRules, unitSpace } from '../../../src/shared/returns/rule-analysis';

const THB = (amount: string) => ({ amount, currency: 'THB' });

describe('rule table analysis', () => {
  it('flags a rule that earlier rules take every unit from, naming them', () => {
    const table: RuleTable = [
      { id: 'd-destroy', when: { grades: ['D'] }, then: 'destroy' },
      { id: 'c-or-d', when: { grades: ['C', 'D'] }, then: 'refurbish' },
      { id: 'd-cosmetics', when: { grades: ['D'], categories: ['cosmetics'] }, then: 'return_to_seller' },
      { id: 'otherwise', when: {}, then: 'restock' },
    ];
    const { warnings } = analyseRules(table);
    expect(warnings.filter((w) => w.kind === 'unreachable')).toEqual([
      { kind: 'unreachable', ruleId: 'd-cosmetics', takenBy: ['d-destroy'] },
    ]);
    // c-or-d still decides grade C, but grade D units go to the earlier rule, and differently.
    const overlap = warnings.find((w) => w.kind === 'overlap' && w.ruleId === 'c-or-d');
    expect(overlap).toMatchObject({ takenBy: 'd-destroy', takenAs: 'destroy', example: { grade: 'D' } });
    // The same disposition earlier is not an overlap worth a warning.
    const same = analyseRules([
      { id: 'a', when: { grades: ['D'] }, then: 'destroy' },
      { id: 'b', when: { grades: ['C', 'D'] }, then: 'destroy' },
      { id: 'z', when: {}, then: 'restock' },
    ]);
    expect(same.warnings.filter((w) => w.kind === 'overlap')).toEqual([]);
  });

  it('calls an unreachable rule unreachable even when only same-disposition rules take its units', () => {
    const { warnings } = analyseRules([
      { id: 'all-d', when: { grades: ['D'] }, then: 'destroy' },
      { id: 'd-home', when: { grades: ['D'], categories: ['home'] }, then: 'destroy' },
      { id: 'z', when: {}, then: 'restock' },
    ]);
    expect(warnings).toContainEqual({ kind: 'unreachable', ruleId: 'd-home', takenBy: ['all-d'] });
  });

  it('counts the units only the default rule decides (the gap) with examples, exactly', () => {
    const { warnings, units } = analyseRules([
      { id: 'abc', when: { grades: ['A', 'B', 'C'] }, then: 'restock' },
      { id: 'z', when: {}, then: 'destroy' },
    ]);
    // No value thresholds: two prices (none, any currency) × 3 matches × 6 reasons × 6 categories × 4 grades.
    expect(units).toBe(4 * 6 * 6 * 3 * 2);
    const gap = warnings.find((w) => w.kind === 'gap');
    expect(gap).toMatchObject({ defaultRuleId: 'z', disposition: 'destroy', units: units / 4 });
    expect(gap?.kind === 'gap' && gap.examples.every((e) => e.grade === 'D')).toBe(true);
    const full = analyseRules([
      { id: 'all', when: { grades: ['A', 'B', 'C', 'D'] }, then: 'restock' },
      { id: 'z', when: {}, then: 'destroy' },
    ]);
    expect(full.warnings.find((w) => w.kind === 'gap')).toBeUndefined();
  });

  it('cuts the item value at every threshold, so a range nothing can be in is found', () => {
    const table: RuleTable = [
      { id: 'cheap', when: { value: { below: [THB('300')] } }, then: 'destroy' },
      { id: 'empty', when: { value: { atLeast: [THB('500')], below: [THB('500')] } }, then: 'refurbish' },
      { id: 'dear', when: { value: { atLeast: [THB('300')] } }, then: 'refurbish' },
      { id: 'z', when: {}, then: 'restock' },
    ];
    const { warnings, reach } = analyseRules(table);
    expect(warnings).toContainEqual({ kind: 'empty_value_range', ruleId: 'empty', currency: 'THB' });
    expect(warnings).toContainEqual({ kind: 'unreachable', ruleId: 'empty', takenBy: [] });
    // Prices tried: none, another currency, 299.9999, 300, 500 THB.
    const prices = new Set(
      unitSpace(table).map((u) => (u.unitPrice ? `${u.unitPrice.amount} ${u.unitPrice.currency}` : 'none')),
    );
    expect([...prices].sort()).toEqual(['1 XXX', '299.9999 THB', '300 THB', '500 THB', 'none']);
    // "Dear" decides both 300 and 500 THB; the rest (no price, other currencies) fall to the default.
    expect(reach.find((r) => r.ruleId === 'dear')?.decides).toBe(2 * 432);
    expect(warnings.find((w) => w.kind === 'gap')).toMatchObject({ units: 2 * 432 });
  });

  it('agrees with the rules as the bench applies them, on every kind of unit', () => {
    const { reach, units } = analyseRules(DEFAULT_RULES);
    const counted = new Map<string, number>();
    for (const facts of unitSpace(DEFAULT_RULES)) {
      const hit = suggestDisposition(DEFAULT_RULES, facts).ruleId;
      counted.set(hit, (counted.get(hit) ?? 0) + 1);
    }
    expect(reach.reduce((n, r) => n + r.decides, 0)).toBe(units);
    for (const r of reach) expect(r.decides, r.ruleId).toBe(counted.get(r.ruleId) ?? 0);
    expect(analyseRules(DEFAULT_RULES).warnings.filter((w) => w.kind === 'unreachable')).toEqual([]);
  });

  it('traces which rule a unit hits and why each earlier one did not fit', () => {
    const trace = traceRules(DEFAULT_RULES, {
      grade: 'C',
      category: 'electronics',
      reason: 'damaged_in_transit',
      match: 'matched',
      unitPrice: THB('150'),
    });
    expect(trace).toMatchObject({ ruleId: 'damaged-cheap', disposition: 'destroy', index: 5 });
    expect(trace.passed).toEqual([
      { ruleId: 'wrong-item-back', failed: ['matches'] },
      { ruleId: 'unusable', failed: ['grades'] },
      { ruleId: 'opened-cosmetics', failed: ['categories'] },
      { ruleId: 'defective-electronics', failed: ['reasons', 'value'] },
      { ruleId: 'damaged-electronics', failed: ['value'] },
    ]);
  });
});
