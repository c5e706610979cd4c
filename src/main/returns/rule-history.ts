import { ruleTableSchema, type RuleTable } from '../../shared/returns/disposition-rules';
import type { RuleVersion } from '../../shared/returns/supervision-views';
import type { People, SupervisionDeps } from './supervision-context';

const SHOWN = 50;

/** Every saved rule table, newest first: who saved it, when, why (the decisions name their version). */
export class RuleHistory {
  private readonly list;
  private readonly one;

  constructor(
    deps: SupervisionDeps,
    private readonly people: People,
  ) {
    this.list = deps.db.prepare<
      [number],
      { version: number; rules: string; note: string | null; saved_by: string; saved_at: number }
    >('SELECT version, rules, note, saved_by, saved_at FROM qc_rule_sets ORDER BY version DESC LIMIT ?');
    this.one = deps.db.prepare<[number], { rules: string }>(
      'SELECT rules FROM qc_rule_sets WHERE version = ?',
    );
  }

  versions(): RuleVersion[] {
    return this.list.all(SHOWN).map((r) => ({
      version: r.version,
      savedBy: this.people.user(r.saved_by),
      savedAt: r.saved_at,
      note: r.note,
      rules: countRules(r.rules),
    }));
  }

  /** A saved table as it was (null for a version never saved, or one this app cannot read). */
  table(version: number): RuleTable | null {
    const row = this.one.get(version);
    if (!row) return null;
    const parsed = ruleTableSchema.safeParse(JSON.parse(row.rules));
    return parsed.success ? parsed.data : null;
  }
}

function countRules(json: string): number {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.length : 0;
  } catch {
    return 0;
  }
}
