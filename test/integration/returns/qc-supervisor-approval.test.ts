import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { DEFAULT_SUPERVISOR } from '../../../src/main/session/users';
import type { QcAction } from '../../../src/shared/calls/returns';
import { makeTestCore } from '../../helpers/core-factory';
import { SUPERVISOR_PIN, settleSupervisorPin } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, destroyAwaitingApproval } from './qc-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

function station() {
  const t = makeTestCore(temp.make());
  cores.push(t.core);
  addBins(t.core);
  return t;
}

const approveHere = (pin: string): QcAction => ({
  kind: 'approve_here',
  authorization: { userId: DEFAULT_SUPERVISOR.id, pin },
});

const count = (core: Core, sql: string): number =>
  (core.db.prepare<[], { n: number }>(sql).get() as { n: number }).n;

describe('a destroy approved at the clerk’s bench is the session’s step-up', () => {
  it('PIN guesses at the bench lock the supervisor out, for sign-in too; nothing is decided meanwhile', async () => {
    const { core, clock } = station();
    settleSupervisorPin(core);
    const b = await destroyAwaitingApproval(core);

    const answers: string[] = [];
    for (const pin of ['1111', '2222', '3333', '4444', '5555', '6666']) {
      answers.push(await b.refused('qcAct', { action: approveHere(pin) }));
    }
    expect(answers).toEqual(['BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'BAD_PIN', 'SIGN_IN_LOCKED']);
    // Locked: the right PIN is not even compared, at the bench or at another tab's sign-in.
    expect(await b.refused('qcAct', { action: approveHere(SUPERVISOR_PIN) })).toBe('SIGN_IN_LOCKED');
    expect(
      await core.dispatch(
        'signIn',
        { userId: DEFAULT_SUPERVISOR.id, pin: SUPERVISOR_PIN },
        { clientId: 'http:office-tab' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED', params: { scope: 'user' } } });
    expect(count(core, 'SELECT count(*) AS n FROM qc_unit_decisions')).toBe(0);
    expect(count(core, 'SELECT count(*) AS n FROM qc_approvals')).toBe(0);
    // Every refusal at the bench is audited against the supervisor it tried.
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'session.step_up_failed' AND entity_id = 'supervisor'",
      ),
    ).toBe(7);

    clock.advance(31_000);
    const approved = await b.act(approveHere(SUPERVISOR_PIN));
    expect(approved.feedback).toMatchObject({
      kind: 'decided',
      params: { disposition: 'destroy', approvedBy: 'Supervisor' },
    });
    const approval = core.db
      .prepare<[], { id: string; status: string; decided_by: string; requested_by: string }>(
        'SELECT id, status, decided_by, requested_by FROM qc_approvals',
      )
      .get();
    expect(approval).toMatchObject({ status: 'approved', decided_by: 'supervisor', requested_by: 'clerk' });
    const audited = core.db
      .prepare<[], { user_id: string; entity_id: string; details: string }>(
        "SELECT user_id, entity_id, details FROM audit_log WHERE action = 'qc.destroy_approved'",
      )
      .all();
    expect(audited.map((r) => ({ ...r, details: JSON.parse(r.details) as unknown }))).toEqual([
      {
        user_id: 'supervisor',
        entity_id: approval?.id,
        details: expect.objectContaining({ via: 'bench', requestedBy: 'clerk', clientId: 'local' }),
      },
    ]);
  });

  it('the default PIN 0000 approves nothing until the supervisor has chosen their own', async () => {
    const { core } = station();
    const b = await destroyAwaitingApproval(core);
    expect(await b.refused('qcAct', { action: approveHere('0000') })).toBe('PIN_CHANGE_REQUIRED');
    expect(count(core, 'SELECT count(*) AS n FROM qc_approvals')).toBe(0);
    expect(
      count(
        core,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'session.step_up_failed' AND entity_id = 'supervisor'",
      ),
    ).toBe(1);
  });

  it('a clerk cannot approve a destroy in the approvals queue, even with their own PIN', async () => {
    const { core } = station();
    settleSupervisorPin(core);
    const b = await destroyAwaitingApproval(core);
    await b.act({ kind: 'later' });
    const approvalId = (core.db.prepare('SELECT id FROM qc_approvals').get() as { id: string }).id;
    const byClerk = await core.dispatch('qcDecideApproval', {
      approvalId,
      decision: 'approve',
      authorization: { userId: 'clerk', pin: '1111' },
      clientActionId: 'clerk-approves-0001',
    });
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bySupervisor = await core.dispatch('qcDecideApproval', {
      approvalId,
      decision: 'approve',
      authorization: { userId: DEFAULT_SUPERVISOR.id, pin: SUPERVISOR_PIN },
      clientActionId: 'sup-approves-0001',
    });
    expect(bySupervisor).toMatchObject({ ok: true, value: { status: 'approved' } });
    const row = core.db
      .prepare<[], { user_id: string; details: string }>(
        "SELECT user_id, details FROM audit_log WHERE action = 'qc.destroy_approved'",
      )
      .get();
    expect(row?.user_id).toBe('supervisor');
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({
      via: 'queue',
      stepUp: true,
      operator: 'clerk',
      requestedBy: 'clerk',
    });
  });
});
