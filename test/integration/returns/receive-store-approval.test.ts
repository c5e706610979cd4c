import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { createReceiveStore } from '../../../src/renderer/src/features/receive/receive-store';
import { createApi } from '../../../src/renderer/src/transport/create-api';
import { makeBadgeCode } from '../../../src/shared/codes/badge-code';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, destroyAwaitingApproval } from './qc-fixtures';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temp.cleanup();
});

const MEI_BADGE = makeBadgeCode('9001');
const BENCH = 'http:qc-bench-3';

describe('the Returns QC screen’s approval at the bench, against a real core', () => {
  it('takes the supervisor’s badge scan and PIN; a wrong PIN is said and approves nothing', async () => {
    const { core } = makeTestCore(temp.make('lastmile-receive-approval-'));
    cores.push(core);
    addBins(core);
    core.db
      .transaction(() => {
        core.users.create({ id: 'sup-mei', name: 'Mei', role: 'supervisor', pin: '9137', badge: MEI_BADGE });
      })
      .immediate();
    await destroyAwaitingApproval(core, BENCH);

    let n = 0;
    const store = createReceiveStore({
      api: createApi((name, input) => core.dispatch(name, input, { clientId: BENCH })),
      beeper: { play: () => {} },
      soundOn: () => false,
      newActionId: () => `store-action-${String(++n).padStart(4, '0')}`,
    });
    await store.getState().load();
    // The badge, as a keyboard-wedge scanner types it (with its Enter), is the approver, not an item.
    store.getState().paste(`${MEI_BADGE}\r`);
    expect(store.getState().approverBadge).toBe(MEI_BADGE);

    expect(await store.getState().approve('1234')).toBe(false);
    expect(store.getState().refusal).toMatchObject({ kind: 'error', error: { code: 'BAD_PIN' } });
    expect(core.db.prepare('SELECT count(*) AS n FROM qc_approvals').get()).toEqual({ n: 0 });

    expect(await store.getState().approve('9137')).toBe(true);
    expect(store.getState().feedback).toMatchObject({
      kind: 'decided',
      params: { disposition: 'destroy', approvedBy: 'Mei' },
    });
    expect(core.db.prepare('SELECT status, decided_by FROM qc_approvals').all()).toEqual([
      { status: 'approved', decided_by: 'sup-mei' },
    ]);
    expect(
      core.db
        .prepare<[], { action: string; user_id: string }>(
          "SELECT action, user_id FROM audit_log WHERE action IN ('session.step_up_failed', 'qc.destroy_approved') ORDER BY id",
        )
        .all(),
    ).toEqual([
      { action: 'session.step_up_failed', user_id: 'sup-mei' },
      { action: 'qc.destroy_approved', user_id: 'sup-mei' },
    ]);
  });
});
