import { DEFAULT_RULES, ruleTableSchema, type RuleTable } from '../../shared/returns/disposition-rules';
import type { Clock } from '../clock';
import type { Db } from '../db/open';

export interface RuleSet {
  version: number;
  rules: RuleTable;
  savedBy: string | null;
  savedAt: number | null;
}

/**
 * The disposition rule tables, one row per saved version (never edited in place); the newest is in
 * force. Version 0 is the built-in default, used until a supervisor saves a table.
 */
export class RuleStore {
  private readonly latest;
  private readonly insert;
  private cached: RuleSet | null = null;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.latest = db.prepare<[], { version: number; rules: string; saved_by: string; saved_at: number }>(
      'SELECT version, rules, saved_by, saved_at FROM qc_rule_sets ORDER BY version DESC LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO qc_rule_sets (version, rules, note, saved_by, saved_at)
       VALUES ((SELECT coalesce(max(version), 0) + 1 FROM qc_rule_sets), ?, ?, ?, ?) RETURNING version`,
    );
  }

  /** The table in force. Re-read each time a version may have changed (another process saves too). */
  current(): RuleSet {
    const row = this.latest.get();
    if (!row) return { version: 0, rules: DEFAULT_RULES, savedBy: null, savedAt: null };
    if (this.cached?.version === row.version) return this.cached;
    const parsed = ruleTableSchema.safeParse(JSON.parse(row.rules));
    // A stored table this version cannot read falls back to the default rather than suggesting nothing.
    const rules = parsed.success ? parsed.data : DEFAULT_RULES;
    this.cached = { version: row.version, rules, savedBy: row.saved_by, savedAt: row.saved_at };
    return this.cached;
  }

  /** Saves a new version; call inside the caller's transaction (it is audited with it). */
  save(rules: RuleTable, note: string | null, by: string): number {
    const checked = ruleTableSchema.parse(rules);
    const row = this.insert.get(JSON.stringify(checked), note, by, this.clock.now()) as { version: number };
    return row.version;
  }
}
