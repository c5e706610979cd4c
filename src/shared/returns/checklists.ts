import { QC_CATEGORIES, type Grade, type QcCategory } from './qc-codes';

/**
 * The grading questions per category, as data. Each is a yes/no question with the answer a
 * sellable item gives; any other answer lowers the grade to `ifBad` (the worst one wins). Short on
 * purpose: a clerk answers them from across the bench by key or by scanning YES / NO.
 */
export interface ChecklistQuestion {
  id: string;
  good: 'yes' | 'no';
  ifBad: Exclude<Grade, 'A'>;
}

export type Answer = 'yes' | 'no';

const SEALED: ChecklistQuestion = { id: 'sealed', good: 'yes', ifBad: 'B' };
const COMPLETE: ChecklistQuestion = { id: 'all_parts', good: 'yes', ifBad: 'C' };
const NO_DAMAGE: ChecklistQuestion = { id: 'no_damage', good: 'yes', ifBad: 'C' };

export const CHECKLISTS: Readonly<Record<QcCategory, readonly ChecklistQuestion[]>> = {
  electronics: [
    SEALED,
    { id: 'powers_on', good: 'yes', ifBad: 'C' },
    NO_DAMAGE,
    COMPLETE,
    { id: 'beyond_repair', good: 'no', ifBad: 'D' },
  ],
  apparel: [
    { id: 'tags_attached', good: 'yes', ifBad: 'B' },
    { id: 'unworn', good: 'yes', ifBad: 'C' },
    NO_DAMAGE,
  ],
  footwear: [SEALED, { id: 'unworn', good: 'yes', ifBad: 'C' }, NO_DAMAGE],
  cosmetics: [SEALED, { id: 'contents_intact', good: 'yes', ifBad: 'D' }, NO_DAMAGE],
  home: [SEALED, NO_DAMAGE, COMPLETE],
  general: [SEALED, NO_DAMAGE, COMPLETE],
};

/** Categories whose units carry a serial number the clerk scans (or skips when there is none). */
export const SERIAL_CATEGORIES: ReadonlySet<QcCategory> = new Set<QcCategory>(['electronics']);

const ORDER: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };

/** The grade the answers give; questions not answered yet do not count. */
export function gradeOf(category: QcCategory, answers: Readonly<Record<string, Answer>>): Grade {
  let grade: Grade = 'A';
  for (const q of CHECKLISTS[category]) {
    const a = answers[q.id];
    if (a !== undefined && a !== q.good && ORDER[q.ifBad] > ORDER[grade]) grade = q.ifBad;
  }
  return grade;
}

/** The next question to answer, or null when the checklist is done. */
export function nextQuestion(
  category: QcCategory,
  answers: Readonly<Record<string, Answer>>,
): ChecklistQuestion | null {
  return CHECKLISTS[category].find((q) => answers[q.id] === undefined) ?? null;
}

/** The questions answered "badly": what a refurbish work order lists as faults. */
export function faultsOf(category: QcCategory, answers: Readonly<Record<string, Answer>>): string[] {
  return CHECKLISTS[category]
    .filter((q) => answers[q.id] !== undefined && answers[q.id] !== q.good)
    .map((q) => q.id);
}

const KEYWORDS: ReadonlyArray<[RegExp, QcCategory]> = [
  [/electr|phone|audio|earbud|headphone|speaker|lamp|camera|computer|gadget|charger/i, 'electronics'],
  [/shoe|sneaker|boot|sandal|footwear/i, 'footwear'],
  [/cosmetic|beauty|makeup|lipstick|serum|skin|perfume|fragrance/i, 'cosmetics'],
  [/apparel|cloth|shirt|dress|fashion|wear|trouser|jacket/i, 'apparel'],
  [/home|kitchen|bottle|furniture|decor|household/i, 'home'],
];

/**
 * Our category for the platform's category text: our own ids as they are, then by keyword,
 * else 'general' (which still has a checklist, so nothing is left ungraded).
 */
export function qcCategoryOf(category: string | null): QcCategory {
  if (!category) return 'general';
  const lower = category.toLowerCase();
  if ((QC_CATEGORIES as readonly string[]).includes(lower)) return lower as QcCategory;
  for (const [pattern, ours] of KEYWORDS) if (pattern.test(category)) return ours;
  return 'general';
}
