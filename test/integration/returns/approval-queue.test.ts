import { afterEach, describe, expect, it } from 'vitest';
import { SUPERVISOR_PIN, settleSupervisorPin } from '../../helpers/session';
import type { Core } from '../../../src/main/core';
import type { ApprovalItem, DecideApprovalsResult } from '../../../src/shared/returns/supervision-views';
import { makeTestCore, type TestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, outboxRows } from './qc-fixtures';
import {
  LIPSTICK,
  SERUM,
  actionId,
  auditActions,
  caller,
  pendingDestroy,
  supervisorTab,
} from './supervision-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

function station(): TestCore {
  const t = makeTestCore(temp.make('lastmile-approvals-'));
  cores.push(t.core);
  addBins(t.core);
  return t;
}

describe('the approvals queue on a real station database', () => {
  it('lists pending destroys with the unit, grade, scrap reason, evidence and who decided at which station', async () => {
    const { core, clock } = station();
    const d = await pendingDestroy(core, LIPSTICK, { itemPhoto: true, advance: (ms) => clock.advance(ms) });
    // Readable from a clerk's screen too: a supervisor may approve there with badge and PIN.
    const queue = await caller(core, 'clerk-tab').call<ApprovalItem[]>('qcApprovalQueue', {});
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      id: d.approvalId,
      status: 'pending',
      licensePlate: d.licensePlate,
      decisionId: d.decisionId,
      platformReturnId: d.platformReturnId,
      orderId: d.orderId,
      sku: 'SKU-LIPSTICK-07',
      name: LIPSTICK.name,
      category: 'cosmetics',
      grade: 'B',
      reason: 'buyer_remorse',
      scrapReason: 'hygiene',
      unitPrice: { amount: '420', currency: 'THB' },
      suggested: { disposition: 'destroy', ruleId: 'opened-cosmetics', ruleVersion: 0 },
      requestedBy: { id: 'clerk', name: 'Clerk' },
      station: { id: core.stationId, name: 'QC-1' },
      decidedBy: null,
      batchId: null,
    });
    expect(queue[0]?.evidence.map((p) => p.sha256)).toEqual([d.evidence]);
    expect(queue[0]?.photos.map((p) => [p.purpose, p.sha256])).toEqual([
      ['item', d.itemPhoto],
      ['evidence', d.evidence],
    ]);
  });

  it('approves several at once as a signed-in supervisor, skips one decided meanwhile, audits each once', async () => {
    const { core, clock } = station();
    const advance = (ms: number) => clock.advance(ms);
    const a = await pendingDestroy(core, LIPSTICK, { advance });
    const b = await pendingDestroy(core, SERUM, { advance });
    const sup = await supervisorTab(core);
    // One is approved at another screen first.
    await sup.call('qcDecideApprovals', {
      approvalIds: [b.approvalId],
      decision: 'approve',
      clientActionId: actionId(),
    });
    const id = actionId();
    const result = await sup.call<DecideApprovalsResult>('qcDecideApprovals', {
      approvalIds: [a.approvalId, b.approvalId],
      decision: 'approve',
      note: 'photos clear',
      clientActionId: id,
    });
    expect(result.decided.map((x) => [x.id, x.status, x.decidedBy?.id, x.decidedVia, x.note])).toEqual([
      [a.approvalId, 'approved', 'supervisor', 'queue', 'photos clear'],
    ]);
    expect(result.skipped).toEqual([{ id: b.approvalId, status: 'approved' }]);
    // Both sit in the one open batch.
    const decided = await sup.call<ApprovalItem[]>('qcApprovalQueue', { status: 'decided' });
    expect(decided.map((x) => x.id).sort()).toEqual([a.approvalId, b.approvalId].sort());
    expect(new Set(decided.map((x) => x.batchId))).toEqual(new Set([result.decided[0]?.batchId]));
    expect(result.decided[0]?.batchId).toMatch(/^DB-/);
    expect(
      core.db.prepare('SELECT count(*) AS n FROM destruction_batch_items WHERE removed_at IS NULL').get(),
    ).toEqual({ n: 2 });
    // The same request again (its answer was lost): the same answer, nothing decided or audited twice.
    const again = await sup.call<DecideApprovalsResult>('qcDecideApprovals', {
      approvalIds: [a.approvalId, b.approvalId],
      decision: 'approve',
      clientActionId: id,
    });
    expect(again.decided.map((x) => x.id)).toEqual([a.approvalId]);
    const audits = auditActions(core, 'qc.destroy_approved');
    expect(audits.map((r) => [r.entity_id, r.user_id])).toEqual([
      [b.approvalId, 'supervisor'],
      [a.approvalId, 'supervisor'],
    ]);
    expect(JSON.parse(audits[1]!.details)).toMatchObject({
      unit: a.licensePlate,
      requestedBy: 'clerk',
      operator: 'supervisor',
      via: 'queue',
    });
    expect(await sup.call<ApprovalItem[]>('qcApprovalQueue', {})).toEqual([]);
  });

  it('lets a supervisor approve at a clerk screen by PIN step-up, and refuses the clerk alone or a wrong PIN (audited)', async () => {
    const { core, clock } = station();
    settleSupervisorPin(core);
    const d = await pendingDestroy(core, LIPSTICK, { advance: (ms) => clock.advance(ms) });
    const clerk = caller(core, 'clerk-tab');
    expect(
      await clerk.refused('qcDecideApprovals', {
        approvalIds: [d.approvalId],
        decision: 'approve',
        clientActionId: actionId(),
      }),
    ).toBe('FORBIDDEN');
    expect(
      await clerk.refused('qcDecideApprovals', {
        approvalIds: [d.approvalId],
        decision: 'approve',
        authorization: { userId: 'supervisor', pin: '1234' },
        clientActionId: actionId(),
      }),
    ).toBe('BAD_PIN');
    expect(
      await clerk.refused('qcDecideApprovals', {
        approvalIds: [d.approvalId],
        decision: 'approve',
        authorization: { userId: 'clerk', pin: '1111' },
        clientActionId: actionId(),
      }),
    ).toBe('FORBIDDEN');
    // The dispatcher's step-up audits each refusal: a wrong PIN, and a clerk who may not approve.
    expect(auditActions(core, 'session.step_up_failed').map((r) => JSON.parse(r.details).reason)).toEqual([
      'bad_pin',
      'not_allowed',
    ]);
    expect((await clerk.call<ApprovalItem[]>('qcApprovalQueue', {}))[0]?.status).toBe('pending');
    const ok = await clerk.call<DecideApprovalsResult>('qcDecideApprovals', {
      approvalIds: [d.approvalId],
      decision: 'approve',
      authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
      clientActionId: actionId(),
    });
    expect(ok.decided[0]).toMatchObject({ status: 'approved', decidedBy: { id: 'supervisor' } });
    expect(JSON.parse(auditActions(core, 'qc.destroy_approved')[0]!.details)).toMatchObject({
      operator: 'clerk',
    });
  });

  it('refuses a destroy only with a reason and what the unit becomes instead, decided by the supervisor with its events', async () => {
    const { core, clock } = station();
    const d = await pendingDestroy(core, SERUM, { advance: (ms) => clock.advance(ms) });
    const sup = await supervisorTab(core);
    const base = { approvalIds: [d.approvalId], decision: 'reject' as const };
    expect(await sup.refused('qcDecideApprovals', { ...base, clientActionId: actionId() })).toBe(
      'QC_REJECT_REASON_REQUIRED',
    );
    expect(
      await sup.refused('qcDecideApprovals', { ...base, rejectReason: 'other', clientActionId: actionId() }),
    ).toBe('QC_REJECT_REASON_REQUIRED');
    expect(
      await sup.refused('qcDecideApprovals', {
        ...base,
        rejectReason: 'resellable',
        clientActionId: actionId(),
      }),
    ).toBe('QC_REJECT_NEEDS_DISPOSITION');
    expect(
      await sup.refused('qcDecideApprovals', {
        ...base,
        rejectReason: 'resellable',
        instead: { disposition: 'restock' },
        clientActionId: actionId(),
      }),
    ).toBe('QC_REJECT_NEEDS_DISPOSITION');
    expect(
      await sup.refused('qcDecideApprovals', {
        ...base,
        rejectReason: 'resellable',
        instead: { disposition: 'restock', bin: 'Q-01-01' },
        clientActionId: actionId(),
      }),
    ).toBe('QC_BIN_WRONG_KIND');
    const before = outboxRows(core).length;
    expect((await sup.call<ApprovalItem[]>('qcApprovalQueue', {}))[0]?.status).toBe('pending');
    expect(outboxRows(core)).toHaveLength(before);

    clock.advance(30_000);
    const result = await sup.call<DecideApprovalsResult>('qcDecideApprovals', {
      ...base,
      rejectReason: 'resellable',
      note: 'seal only torn, contents fine',
      instead: { disposition: 'restock', bin: 'a-01-03' },
      clientActionId: actionId(),
    });
    const refused = result.decided[0]!;
    expect(refused).toMatchObject({
      status: 'rejected',
      rejectReason: 'resellable',
      note: 'seal only torn, contents fine',
      decidedBy: { id: 'supervisor' },
      batchId: null,
      replacedBy: { disposition: 'restock', location: 'A-01-03' },
    });
    // The destroy stays on record, undone; the restock is a new decision by the supervisor, marked as theirs.
    const decisions = core.db
      .prepare<
        [number],
        {
          id: string;
          disposition: string;
          status: string;
          decided_by: string;
          override_reason: string | null;
          suggested: string;
        }
      >(
        'SELECT id, disposition, status, decided_by, override_reason, suggested FROM qc_unit_decisions WHERE unit_id = ? ORDER BY id',
      )
      .all(core.qc.plates.unitOf(d.licensePlate) ?? -1);
    expect(
      decisions.map((x) => [x.disposition, x.status, x.decided_by, x.override_reason, x.suggested]),
    ).toEqual([
      ['destroy', 'undone', 'clerk', null, 'destroy'],
      ['restock', 'active', 'supervisor', 'supervisor_instruction', 'destroy'],
    ]);
    // The hub is told: +1 to the destroy cage (earlier), −1 from it, +1 into the bin.
    const moves = outboxRows(core, 'inventory.adjusted').filter(
      (e) => e.data.licensePlate === d.licensePlate,
    );
    expect(moves.map((e) => [e.data.disposition, e.data.location, e.data.quantity])).toEqual([
      ['destroy', 'DESTROY-CAGE', 1],
      ['destroy', 'DESTROY-CAGE', -1],
      ['restock', 'A-01-03', 1],
    ]);
    const audit = auditActions(core, 'qc.destroy_rejected');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      rejectReason: 'resellable',
      instead: 'restock',
      replacedBy: decisions[1]!.id,
      note: 'seal only torn, contents fine',
    });
    // Its restock label is queued with it.
    const labels = core.db
      .prepare<[], { template: string; data: string }>('SELECT template, data FROM print_jobs ORDER BY seq')
      .all();
    expect(labels.at(-1)).toMatchObject({ template: 'restock-label' });
    expect(JSON.parse(labels.at(-1)!.data)).toMatchObject({ bin: 'A-01-03', sku: 'SKU-SERUM-30' });
  });
});
