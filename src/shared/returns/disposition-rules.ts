import { z } from 'zod';
import { moneySchema, type Money } from '../platform-returns';
import {
  dispositionSchema,
  gradeSchema,
  qcCategorySchema,
  qcReasonSchema,
  type Disposition,
  type Grade,
  type QcCategory,
  type QcReason,
  type UnitMatch,
} from './qc-codes';

/**
 * The rule table that suggests a disposition: grade × category × item value × reason (and whether
 * the unit is what the order expected). Rules are tried in order; the first whose conditions all
 * hold wins. A condition left out matches anything. The last rule must have no conditions, so
 * every unit gets a suggestion. Supervisors edit the table; every saved table is a new version and
 * each decision records the version and rule it followed.
 */
const ruleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _');

export const ruleConditionSchema = z.strictObject({
  grades: z.array(gradeSchema).min(1).optional(),
  categories: z.array(qcCategorySchema).min(1).optional(),
  reasons: z.array(qcReasonSchema).min(1).optional(),
  matches: z
    .array(z.enum(['matched', 'wrong', 'extra']))
    .min(1)
    .optional(),
  /**
   * Unit price thresholds, one per currency (no exchange rates at a dock): the item matches when
   * its currency is listed and its price is at least / below that amount. An item without a
   * price, or in a currency not listed, does not match a value condition.
   */
  value: z
    .strictObject({
      atLeast: z.array(moneySchema).min(1).optional(),
      below: z.array(moneySchema).min(1).optional(),
    })
    .refine((v) => v.atLeast !== undefined || v.below !== undefined, 'give atLeast or below')
    .optional(),
});
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const dispositionRuleSchema = z.strictObject({
  id: ruleIdSchema,
  when: ruleConditionSchema,
  then: dispositionSchema,
  /** Why the rule exists, in the supervisor's words (shown in the editor, never used to decide). */
  note: z.string().trim().max(200).optional(),
});
export type DispositionRule = z.infer<typeof dispositionRuleSchema>;

export const ruleTableSchema = z
  .array(dispositionRuleSchema)
  .min(1)
  .max(200)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'duplicate rule id' });
      seen.add(rule.id);
    });
    const last = rules.at(-1);
    if (last && Object.keys(last.when).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [rules.length - 1, 'when'],
        message: 'the last rule must have no conditions, so every unit gets a suggestion',
      });
    }
  });
export type RuleTable = z.infer<typeof ruleTableSchema>;

export interface UnitFacts {
  grade: Grade;
  category: QcCategory;
  reason: QcReason;
  match: Exclude<UnitMatch, 'missing'>;
  unitPrice: Money | null;
}

export interface Suggestion {
  disposition: Disposition;
  ruleId: string;
}

/** The first rule that fits. The table's last rule is unconditional, so there always is one. */
export function suggestDisposition(rules: RuleTable, facts: UnitFacts): Suggestion {
  for (const rule of rules) {
    if (holds(rule.when, facts)) return { disposition: rule.then, ruleId: rule.id };
  }
  // Unreachable for a table that passed ruleTableSchema; a safe answer if it did not.
  return { disposition: 'return_to_seller', ruleId: '(none)' };
}

function holds(when: RuleCondition, f: UnitFacts): boolean {
  if (when.grades && !when.grades.includes(f.grade)) return false;
  if (when.categories && !when.categories.includes(f.category)) return false;
  if (when.reasons && !when.reasons.includes(f.reason)) return false;
  if (when.matches && !when.matches.includes(f.match)) return false;
  if (when.value) {
    const price = f.unitPrice;
    if (!price) return false;
    if (when.value.atLeast) {
      const t = when.value.atLeast.find((m) => m.currency === price.currency);
      if (!t || compareDecimal(price.amount, t.amount) < 0) return false;
    }
    if (when.value.below) {
      const t = when.value.below.find((m) => m.currency === price.currency);
      if (!t || compareDecimal(price.amount, t.amount) >= 0) return false;
    }
  }
  return true;
}

/** Compares two decimal strings exactly (no float rounding at thresholds like "0.10"). */
export function compareDecimal(a: string, b: string): number {
  const scale = (s: string): bigint => {
    const negative = s.startsWith('-');
    const [whole = '0', frac = ''] = (negative ? s.slice(1) : s).split('.');
    const v = BigInt(whole + frac.padEnd(4, '0').slice(0, 4));
    return negative ? -v : v;
  };
  const d = scale(a) - scale(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const money = (amount: string, currency: string): Money => ({ amount, currency });
/** Roughly 10 USD in each demo market's currency: below it a repair costs more than the item. */
const REPAIR_WORTH_IT = [
  money('300', 'THB'),
  money('10', 'USD'),
  money('8', 'GBP'),
  money('45', 'MYR'),
  money('250000', 'VND'),
];

/** The table a new station starts with (version 0, until a supervisor saves one). */
export const DEFAULT_RULES: RuleTable = [
  { id: 'wrong-item-back', when: { matches: ['wrong'] }, then: 'return_to_seller' },
  { id: 'unusable', when: { grades: ['D'] }, then: 'destroy' },
  { id: 'opened-cosmetics', when: { categories: ['cosmetics'], grades: ['B', 'C'] }, then: 'destroy' },
  {
    id: 'defective-electronics',
    when: { categories: ['electronics'], reasons: ['defective'], value: { atLeast: REPAIR_WORTH_IT } },
    then: 'refurbish',
  },
  {
    id: 'damaged-electronics',
    when: { categories: ['electronics'], grades: ['C'], value: { atLeast: REPAIR_WORTH_IT } },
    then: 'refurbish',
  },
  { id: 'damaged-cheap', when: { grades: ['C'], value: { below: REPAIR_WORTH_IT } }, then: 'destroy' },
  { id: 'damaged', when: { grades: ['C'] }, then: 'return_to_seller' },
  { id: 'sellable', when: { grades: ['A', 'B'] }, then: 'restock' },
  { id: 'otherwise', when: {}, then: 'return_to_seller' },
];
