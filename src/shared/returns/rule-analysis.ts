import type { Money } from '../platform-returns';
import {
  compareDecimal,
  suggestDisposition,
  type DispositionRule,
  type RuleCondition,
  type RuleTable,
  type UnitFacts,
} from './disposition-rules';
import { GRADES, QC_CATEGORIES, QC_REASONS, type Disposition } from './qc-codes';

/**
 * What a supervisor should know about a rule table before saving it, found by trying every kind
 * of unit there is: each grade × category × reason × match, and for the item value every range the
 * table's thresholds cut (per currency), an item without a price and one in a currency no rule
 * names. The space is finite and small (a few thousand units), so the answers are exact:
 *
 * - unreachable: a rule no unit ever reaches, because earlier rules take all of its units;
 * - overlap: an earlier rule takes some of a later rule's units and decides them differently —
 *   the order (priority) decides, and the supervisor should mean it;
 * - gap: units no rule but the default (the last, unconditional one) decides;
 * - empty value range: "at least X and below Y" with Y ≤ X in some currency.
 */

export const MATCHES = ['matched', 'wrong', 'extra'] as const;

export type RuleWarning =
  | { kind: 'unreachable'; ruleId: string; takenBy: string[] }
  | {
      kind: 'overlap';
      ruleId: string;
      takenBy: string;
      takenAs: Disposition;
      units: number;
      example: UnitFacts;
    }
  | { kind: 'gap'; defaultRuleId: string; disposition: Disposition; units: number; examples: UnitFacts[] }
  | { kind: 'empty_value_range'; ruleId: string; currency: string };

export interface RuleReach {
  ruleId: string;
  /** Units this rule decides (it is the first that fits). */
  decides: number;
  /** Units whose conditions it fits, whether or not an earlier rule took them. */
  fits: number;
}

export interface RuleAnalysis {
  /** Kinds of unit tried. */
  units: number;
  reach: RuleReach[];
  warnings: RuleWarning[];
}

const EXAMPLES = 3;

export function analyseRules(rules: RuleTable): RuleAnalysis {
  const cells = unitSpace(rules);
  const reach = rules.map((r) => ({ ruleId: r.id, decides: 0, fits: 0 }));
  const takenFrom = rules.map(() => new Map<number, { units: number; example: UnitFacts }>());
  const last = rules.length - 1;
  const defaultIsCatchAll = last >= 0 && Object.keys(rules[last]?.when ?? {}).length === 0;
  const gapExamples: UnitFacts[] = [];
  let gapUnits = 0;

  for (const facts of cells) {
    let winner = -1;
    rules.forEach((rule, i) => {
      if (!fits(rule.when, facts)) return;
      (reach[i] as RuleReach).fits++;
      if (winner < 0) {
        winner = i;
        (reach[i] as RuleReach).decides++;
        return;
      }
      const first = rules[winner] as DispositionRule;
      if (first.then === rule.then) return;
      const seen = (takenFrom[i] as Map<number, { units: number; example: UnitFacts }>).get(winner);
      if (seen) seen.units++;
      else takenFrom[i]?.set(winner, { units: 1, example: facts });
    });
    if (winner === last && defaultIsCatchAll) {
      gapUnits++;
      if (gapExamples.length < EXAMPLES) gapExamples.push(facts);
    }
  }

  const warnings: RuleWarning[] = [];
  rules.forEach((rule, i) => {
    for (const currency of emptyRanges(rule))
      warnings.push({ kind: 'empty_value_range', ruleId: rule.id, currency });
    const isDefault = i === last && defaultIsCatchAll;
    if ((reach[i] as RuleReach).decides === 0 && !isDefault) {
      const takers = [...(takenFrom[i] as Map<number, unknown>).keys()].map((w) => rules[w]?.id ?? '');
      // Same-disposition takers are not overlaps, but they still make the rule unreachable.
      const sameAs = rules
        .slice(0, i)
        .filter((r) => r.then === rule.then && overlapsSomewhere(r, rule, cells))
        .map((r) => r.id);
      warnings.push({ kind: 'unreachable', ruleId: rule.id, takenBy: unique([...takers, ...sameAs]) });
      return;
    }
    if (isDefault) return;
    for (const [w, taken] of takenFrom[i] as Map<number, { units: number; example: UnitFacts }>) {
      const by = rules[w] as DispositionRule;
      warnings.push({
        kind: 'overlap',
        ruleId: rule.id,
        takenBy: by.id,
        takenAs: by.then,
        units: taken.units,
        example: taken.example,
      });
    }
  });
  const fallback = rules[last];
  if (fallback && defaultIsCatchAll && gapUnits > 0) {
    warnings.push({
      kind: 'gap',
      defaultRuleId: fallback.id,
      disposition: fallback.then,
      units: gapUnits,
      examples: gapExamples,
    });
  }
  return { units: cells.length, reach, warnings };
}

/** Why each rule before the one that decides did not fit: the "try it" box. */
export type ConditionName = 'grades' | 'categories' | 'reasons' | 'matches' | 'value';

export interface RuleTrace {
  ruleId: string;
  disposition: Disposition;
  index: number;
  /** Each earlier rule with the conditions the unit failed. */
  passed: Array<{ ruleId: string; failed: ConditionName[] }>;
}

export function traceRules(rules: RuleTable, facts: UnitFacts): RuleTrace {
  const hit = suggestDisposition(rules, facts);
  const index = rules.findIndex((r) => r.id === hit.ruleId);
  return {
    ruleId: hit.ruleId,
    disposition: hit.disposition,
    index,
    passed: rules
      .slice(0, Math.max(index, 0))
      .map((r) => ({ ruleId: r.id, failed: failedConditions(r.when, facts) })),
  };
}

export function failedConditions(when: RuleCondition, f: UnitFacts): ConditionName[] {
  const failed: ConditionName[] = [];
  if (when.grades && !when.grades.includes(f.grade)) failed.push('grades');
  if (when.categories && !when.categories.includes(f.category)) failed.push('categories');
  if (when.reasons && !when.reasons.includes(f.reason)) failed.push('reasons');
  if (when.matches && !when.matches.includes(f.match)) failed.push('matches');
  if (when.value && !valueFits(when.value, f.unitPrice)) failed.push('value');
  return failed;
}

function fits(when: RuleCondition, f: UnitFacts): boolean {
  return failedConditions(when, f).length === 0;
}

function valueFits(value: NonNullable<RuleCondition['value']>, price: Money | null): boolean {
  if (!price) return false;
  if (value.atLeast) {
    const t = value.atLeast.find((m) => m.currency === price.currency);
    if (!t || compareDecimal(price.amount, t.amount) < 0) return false;
  }
  if (value.below) {
    const t = value.below.find((m) => m.currency === price.currency);
    if (!t || compareDecimal(price.amount, t.amount) >= 0) return false;
  }
  return true;
}

function overlapsSomewhere(a: DispositionRule, b: DispositionRule, cells: UnitFacts[]): boolean {
  return cells.some((c) => fits(a.when, c) && fits(b.when, c));
}

function emptyRanges(rule: DispositionRule): string[] {
  const v = rule.when.value;
  if (!v?.atLeast || !v.below) return [];
  return v.atLeast
    .filter((low) =>
      v.below?.some((high) => high.currency === low.currency && compareDecimal(high.amount, low.amount) <= 0),
    )
    .map((m) => m.currency);
}

/** A currency no rule names, standing for "any other currency". */
const OTHER_CURRENCY = 'XXX';

/** One unit of every kind the table can tell apart. */
export function unitSpace(rules: RuleTable): UnitFacts[] {
  const prices: Array<Money | null> = [null, { amount: '1', currency: OTHER_CURRENCY }];
  for (const [currency, thresholds] of thresholdsByCurrency(rules)) {
    const sorted = [...thresholds].sort(compareDecimal);
    const lowest = sorted[0] as string;
    // Below the lowest threshold (when a price can be there), then one price at each threshold.
    if (compareDecimal(lowest, '0') > 0) prices.push({ amount: justBelow(lowest), currency });
    for (const t of sorted) prices.push({ amount: t, currency });
  }
  const out: UnitFacts[] = [];
  for (const grade of GRADES)
    for (const category of QC_CATEGORIES)
      for (const reason of QC_REASONS)
        for (const match of MATCHES)
          for (const unitPrice of prices) out.push({ grade, category, reason, match, unitPrice });
  return out;
}

function thresholdsByCurrency(rules: RuleTable): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (m: Money): void => {
    const set = out.get(m.currency) ?? new Set<string>();
    // "300" and "300.00" are one threshold.
    if (![...set].some((t) => compareDecimal(t, m.amount) === 0)) set.add(m.amount);
    out.set(m.currency, set);
  };
  for (const r of rules) {
    r.when.value?.atLeast?.forEach(add);
    r.when.value?.below?.forEach(add);
  }
  return out;
}

/** The largest 4-decimal amount below `amount` (compareDecimal's precision). */
function justBelow(amount: string): string {
  const [whole = '0', frac = ''] = amount.split('.');
  const scaled = BigInt(whole + frac.padEnd(4, '0').slice(0, 4)) - 1n;
  const digits = scaled.toString().padStart(5, '0');
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
