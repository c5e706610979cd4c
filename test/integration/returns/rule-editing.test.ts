import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { DEFAULT_RULES, type RuleTable } from '../../../src/shared/returns/disposition-rules';
import type { RuleVersion } from '../../../src/shared/returns/supervision-views';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, addReturn, bench } from './qc-fixtures';
import { LIPSTICK, auditActions, caller, supervisorTab } from './supervision-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

describe('editing the disposition rules on a real station database', () => {
  it('saves versions (never over another supervisor’s), audits them, warns, and decisions record the version used', async () => {
    const t = makeTestCore(temp.make('lastmile-rules-'));
    const { core } = t;
    cores.push(core);
    addBins(core);
    const sup = await supervisorTab(core);
    expect(await sup.call('qcListRules', {})).toMatchObject({
      version: 0,
      rules: DEFAULT_RULES,
      savedBy: null,
    });

    // Opened cosmetics go to refurbish now; a leftover rule below the catch-all is unreachable.
    const table: RuleTable = [
      {
        id: 'opened-cosmetics-refurbish',
        when: { categories: ['cosmetics'], grades: ['B'] },
        then: 'refurbish',
        note: 'Reseal and sell as B-stock',
      },
      { id: 'sellable', when: { grades: ['A', 'B'] }, then: 'restock' },
      { id: 'opened-cosmetics-old', when: { categories: ['cosmetics'], grades: ['B'] }, then: 'destroy' },
      { id: 'otherwise', when: {}, then: 'return_to_seller' },
    ];
    const saved = await sup.call<{ version: number; warnings: Array<{ kind: string; ruleId?: string }> }>(
      'qcSaveRules',
      {
        rules: table,
        note: 'B-stock programme',
        basedOn: 0,
      },
    );
    expect(saved.version).toBe(1);
    expect(saved.warnings).toContainEqual({
      kind: 'unreachable',
      ruleId: 'opened-cosmetics-old',
      takenBy: ['opened-cosmetics-refurbish'],
    });
    expect(saved.warnings.some((w) => w.kind === 'gap')).toBe(true);
    // A second editor who started from version 0 too is told, and nothing is saved.
    expect(await sup.refused('qcSaveRules', { rules: DEFAULT_RULES, basedOn: 0 })).toBe('QC_RULES_CHANGED');
    expect(await caller(core, 'clerk-tab').refused('qcSaveRules', { rules: DEFAULT_RULES })).toBe(
      'FORBIDDEN',
    );
    // A table whose last rule has conditions is refused by the contract: every unit must get a suggestion.
    expect(await sup.refused('qcSaveRules', { rules: table.slice(0, 3), basedOn: 1 })).toBe(
      'VALIDATION_FAILED',
    );

    const history = await sup.call<RuleVersion[]>('qcRuleHistory', {});
    expect(history).toEqual([
      {
        version: 1,
        savedBy: { id: 'supervisor', name: 'Supervisor', role: 'supervisor' },
        savedAt: t.clock.now(),
        note: 'B-stock programme',
        rules: 4,
      },
    ]);
    const audit = auditActions(core, 'qc.rules_saved');
    expect(audit.map((a) => [a.entity_id, a.user_id])).toEqual([['1', 'supervisor']]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ rules: 4, replaces: 0, note: 'B-stock programme' });

    // The next opened lipstick follows version 1, and its decision says so.
    const b = bench(core);
    const ret = addReturn(core, { items: [LIPSTICK] });
    await b.scan(ret.tracking);
    await b.enter();
    await b.scan(LIPSTICK.barcode);
    for (const a of ['no', 'yes', 'yes'] as const) await b.act({ kind: 'answer', answer: a });
    await b.enter();
    await b.enter();
    const suggested = await b.enter();
    expect(suggested.state.receipt?.units[0]?.suggested).toEqual({
      disposition: 'refurbish',
      ruleId: 'opened-cosmetics-refurbish',
      ruleVersion: 1,
    });
    const decision = core.db
      .prepare<[], { rule_id: string; rule_version: number; disposition: string }>(
        'SELECT rule_id, rule_version, disposition FROM qc_unit_decisions',
      )
      .get();
    expect(decision).toEqual({
      rule_id: 'opened-cosmetics-refurbish',
      rule_version: 1,
      disposition: 'refurbish',
    });
  });
});
