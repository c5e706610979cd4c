import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeBadgeCode } from '../../../src/shared/codes/badge-code';
import { makeTestCore } from '../../helpers/core-factory';
import { insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

const MEI_BADGE = makeBadgeCode('9001');
const SUPERVISOR_TAB = { clientId: 'http:supervisor-desk' };
const CLERK_TAB = { clientId: 'http:qc-bench' };
const MINUTE = 60_000;

function open() {
  const made = makeTestCore(temps.make('lastmile-idle-'));
  cores.push(made.core);
  made.core.db
    .transaction(() => {
      made.core.users.create({
        id: 'sup-mei',
        name: 'Mei',
        role: 'supervisor',
        pin: '9137',
        badge: MEI_BADGE,
      });
      made.core.users.create({ id: 'clerk-linh', name: 'Linh', role: 'clerk', pin: '2580' });
    })
    .immediate();
  return made;
}

/** One dead outbox event (a carrier refused it for good), as a supervisor finds it. */
function deadEvent(core: Core, id: string): void {
  core.db
    .prepare(
      `INSERT INTO outbox_events (id, idempotency_key, destination, ordering_key, type, payload, status, attempts,
         next_attempt_at, last_error, created_at, updated_at)
       VALUES (?, ?, 'flash', ?, 'scan.unknown', '{}', 'dead', 3, 0, 'unknown consignment', 1, 1)`,
    )
    .run(id, id, `code:${id}`);
}

const statusOf = (core: Core, id: string) =>
  core.db.prepare<[string], { status: string }>('SELECT status FROM outbox_events WHERE id = ?').get(id)
    ?.status;

describe('a supervisor’s sign-in ends after supervisorIdleMinutes without a call', () => {
  it('lasts while the tab is used, ends after 5 idle minutes, and the tab is told once', async () => {
    const { core, clock } = open();
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, SUPERVISOR_TAB);
    expect((await core.dispatch('getSession', {}, SUPERVISOR_TAB)) as unknown).toMatchObject({
      ok: true,
      value: { user: { id: 'sup-mei' }, idleMinutes: 5 },
    });
    // A call every 4 minutes keeps it (any call but a screen's own polling).
    for (let i = 0; i < 5; i++) {
      clock.advance(4 * MINUTE);
      expect((await core.dispatch('recentScans', { limit: 5 }, SUPERVISOR_TAB)).ok).toBe(true);
    }
    expect(core.session.user(SUPERVISOR_TAB.clientId).id).toBe('sup-mei');

    // Polling the session, the sync overview or the queue is not a person: it does not keep it.
    for (let i = 0; i < 4; i++) {
      clock.advance(MINUTE + 1);
      await core.dispatch('listQueue', { statuses: ['pending'], limit: 5, offset: 0 }, SUPERVISOR_TAB);
    }
    clock.advance(MINUTE);
    const session = await core.dispatch('getSession', {}, SUPERVISOR_TAB);
    expect(session).toMatchObject({
      ok: true,
      value: {
        user: { id: 'clerk', role: 'clerk' },
        signedIn: false,
        notice: { kind: 'idle_signed_out', name: 'Mei', idleMinutes: 5 },
      },
    });
    expect(await core.dispatch('getSession', {}, SUPERVISOR_TAB)).toMatchObject({
      ok: true,
      value: { notice: null },
    });
  });

  it('a supervisor call after the end answers SESSION_EXPIRED, and the tab scans as the default clerk', async () => {
    const { core, clock } = open();
    deadEvent(core, 'E1');
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, SUPERVISOR_TAB);
    clock.advance(5 * MINUTE);
    expect(await core.dispatch('retryDeadLetter', { eventId: 'E1' }, SUPERVISOR_TAB)).toEqual({
      ok: false,
      error: { code: 'SESSION_EXPIRED', params: { name: 'Mei', idleMinutes: 5 } },
    });
    expect(statusOf(core, 'E1')).toBe('dead');
    insertParcel(core.db, { id: 'P1', trackingNumber: 'TH0112345678', carrier: 'flash' });
    await core.dispatch('recordScan', { code: 'TH0112345678', source: 'scanner' }, SUPERVISOR_TAB);
    expect(core.db.prepare('SELECT user_id FROM scans').all()).toEqual([{ user_id: 'clerk' }]);
  });

  it('the idle time is a supervisor setting, and applies at once', async () => {
    const { core, clock } = open();
    expect(await core.dispatch('updateSettings', { supervisorIdleMinutes: 60 }, CLERK_TAB)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', params: { setting: 'supervisorIdleMinutes' } },
    });
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, SUPERVISOR_TAB);
    expect(
      await core.dispatch('updateSettings', { supervisorIdleMinutes: 15 }, SUPERVISOR_TAB),
    ).toMatchObject({
      ok: true,
      value: { supervisorIdleMinutes: 15 },
    });
    clock.advance(14 * MINUTE);
    expect(core.session.user(SUPERVISOR_TAB.clientId).id).toBe('sup-mei');
    clock.advance(MINUTE);
    expect(core.session.user(SUPERVISOR_TAB.clientId).id).toBe('clerk');
  });

  it('a clerk’s own sign-in does not end by idleness (only privileged ones do)', async () => {
    const { core, clock } = open();
    await core.dispatch('signIn', { userId: 'clerk-linh', pin: '2580' }, CLERK_TAB);
    clock.advance(8 * 60 * MINUTE);
    expect(core.session.user(CLERK_TAB.clientId).id).toBe('clerk-linh');
  });
});

describe('step-up: a supervisor approves one action at a clerk’s session', () => {
  it('retry and discard take the supervisor’s badge or id and PIN; the audit row says who approved', async () => {
    const { core } = open();
    deadEvent(core, 'E1');
    deadEvent(core, 'E2');
    expect(await core.dispatch('retryDeadLetter', { eventId: 'E1' }, CLERK_TAB)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk' } },
    });
    const retried = await core.dispatch(
      'retryDeadLetter',
      { eventId: 'E1', authorization: { badge: MEI_BADGE, pin: '9137' } },
      CLERK_TAB,
    );
    expect(retried).toMatchObject({ ok: true, value: { id: 'E1', status: 'pending' } });
    const discarded = await core.dispatch(
      'discardDeadLetter',
      { eventId: 'E2', reason: 'label printed twice', authorization: { userId: 'sup-mei', pin: '9137' } },
      CLERK_TAB,
    );
    expect(discarded).toMatchObject({ ok: true, value: { id: 'E2', status: 'discarded' } });

    const rows = core.db
      .prepare<[], { user_id: string; action: string; details: string }>(
        "SELECT user_id, action, details FROM audit_log WHERE action LIKE 'outbox.%' ORDER BY id",
      )
      .all();
    expect(rows.map((r) => [r.user_id, r.action, JSON.parse(r.details).approvedBy])).toEqual([
      ['clerk', 'outbox.retry', 'sup-mei'],
      ['clerk', 'outbox.discard', 'sup-mei'],
    ]);
    // The approval signed nobody in: the bench is still the clerk's.
    expect(core.session.user(CLERK_TAB.clientId).id).toBe('clerk');
  });

  it('a wrong PIN, a clerk’s PIN or no PIN changes nothing; wrong PINs count towards the same lock-out', async () => {
    const { core } = open();
    deadEvent(core, 'E1');
    const attempt = (authorization: Record<string, string>) =>
      core.dispatch('retryDeadLetter', { eventId: 'E1', authorization }, CLERK_TAB);
    expect(await attempt({ userId: 'clerk-linh', pin: '2580' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk', authorizer: true } },
    });
    for (let i = 0; i < 4; i++) {
      expect(await attempt({ userId: 'sup-mei', pin: '0000' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_PIN' },
      });
    }
    // The fifth wrong one locks Mei everywhere: at this bench and for her own sign-in at her desk.
    expect(await attempt({ badge: MEI_BADGE, pin: '1212' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN', params: { retryAfterSeconds: 30 } },
    });
    expect(await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, SUPERVISOR_TAB)).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_LOCKED', params: { scope: 'user' } },
    });
    expect(statusOf(core, 'E1')).toBe('dead');
    const failed = core.db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'session.step_up_failed'",
      )
      .get();
    expect(failed).toEqual({ n: 6 });
  });

  it('Session.authorizeFor is the same check for other capabilities (the QC destroy approval)', async () => {
    const { core } = open();
    await expect(
      core.session.authorizeFor('supervisor', CLERK_TAB, { badge: MEI_BADGE, pin: '9137' }),
    ).resolves.toEqual({ id: 'sup-mei', name: 'Mei', role: 'supervisor' });
    await expect(
      core.session.authorizeFor('admin', CLERK_TAB, { badge: MEI_BADGE, pin: '9137' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      params: { required: 'admin', role: 'supervisor', authorizer: true },
    });
    await expect(
      core.session.authorizeFor('supervisor', CLERK_TAB, { userId: 'sup-mei', pin: '0101' }),
    ).rejects.toMatchObject({ code: 'BAD_PIN' });
  });
});
