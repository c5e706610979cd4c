import type { Money } from '../../../../shared/platform-returns';

/** "500 THB, 20 USD" ⇄ a list of amounts, as the value thresholds are typed in the editor. */
export function formatMoneyList(list: readonly Money[] | undefined): string {
  return (list ?? []).map((m) => `${m.amount} ${m.currency}`).join(', ');
}

/** Null when the text is not such a list (the field then shows it is wrong and nothing changes). */
export function parseMoneyList(text: string): Money[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Money[] = [];
  for (const part of parts) {
    const m = /^(\d{1,12}(?:\.\d{1,4})?)\s*([A-Za-z]{3})$/.exec(part);
    if (!m || !m[1] || !m[2]) return null;
    out.push({ amount: m[1], currency: m[2].toUpperCase() });
  }
  return out;
}
