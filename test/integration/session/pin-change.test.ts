import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { DEFAULT_SUPERVISOR } from '../../../src/main/session/users';
import { makeTestCore } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

function open(): Core {
  const { core } = makeTestCore(temps.make('lastmile-pin-'));
  cores.push(core);
  return core;
}

const TAB = { clientId: 'http:tab-one' };
const OTHER_TAB = { clientId: 'http:tab-two' };

function addUsers(core: Core): void {
  core.db
    .transaction(() => {
      core.users.create({ id: 'clerk-linh', name: 'Linh', role: 'clerk', pin: '2580' });
      core.users.create({ id: 'sup-mei', name: 'Mei', role: 'supervisor', pin: '9137' });
      core.users.create({ id: 'sup-kai', name: 'Kai', role: 'supervisor', pin: '6342' });
      core.users.create({ id: 'admin-ana', name: 'Ana', role: 'admin', pin: '4719' });
    })
    .immediate();
}

const audit = (core: Core, action: string) =>
  core.db
    .prepare<[string], { user_id: string | null; entity_id: string; details: string }>(
      'SELECT user_id, entity_id, details FROM audit_log WHERE action = ? ORDER BY id',
    )
    .all(action)
    // Details are stored as canonical JSON (keys sorted, for the hash chain): compared as values.
    .map((r) => ({ ...r, details: JSON.parse(r.details) as unknown }));

describe('the default supervisor PIN 0000', () => {
  it('is proven at first sign-in but gives no supervisor session until it is changed', async () => {
    const core = open();
    const answer = await core.dispatch('signIn', { userId: DEFAULT_SUPERVISOR.id, pin: '0000' }, TAB);
    expect(answer).toMatchObject({
      ok: true,
      value: {
        user: { id: 'clerk', role: 'clerk' },
        signedIn: false,
        pinChangeFor: { id: 'supervisor', name: 'Supervisor', role: 'supervisor' },
      },
    });
    expect(await core.dispatch('startDailySync', {}, TAB)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Nor is 0000 accepted to approve something for someone else.
    expect(
      await core.dispatch(
        'retryDeadLetter',
        { eventId: 'E1', authorization: { userId: 'supervisor', pin: '0000' } },
        OTHER_TAB,
      ),
    ).toMatchObject({ ok: false, error: { code: 'PIN_CHANGE_REQUIRED' } });

    // The PIN everybody knows, a run and the old one again are all refused, each with its rule.
    for (const [newPin, rule] of [
      ['0000', 'repeated'],
      ['1234', 'sequence'],
      ['9876', 'sequence'],
      ['12', 'length'],
      ['1234567890123', 'length'],
      ['12a4', 'digits'],
    ] as const) {
      expect(await core.dispatch('changePin', { currentPin: '0000', newPin }, TAB), newPin).toEqual({
        ok: false,
        error: { code: 'PIN_TOO_WEAK', params: { rule } },
      });
    }
    const changed = await core.dispatch('changePin', { currentPin: '0000', newPin: '5827' }, TAB);
    expect(changed).toMatchObject({
      ok: true,
      value: { user: { id: 'supervisor', role: 'supervisor' }, signedIn: true, pinChangeFor: null },
    });
    expect(core.session.user(TAB.clientId).role).toBe('supervisor');
    expect(audit(core, 'user.pin_changed')).toEqual([
      {
        user_id: 'supervisor',
        entity_id: 'supervisor',
        details: { clientId: TAB.clientId, stationId: core.stationId, forced: true },
      },
    ]);

    // The old PIN is gone; the new one signs in at once, with no change asked.
    expect(await core.dispatch('signIn', { userId: 'supervisor', pin: '0000' }, OTHER_TAB)).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN' },
    });
    expect(await core.dispatch('signIn', { userId: 'supervisor', pin: '5827' }, OTHER_TAB)).toMatchObject({
      ok: true,
      value: { signedIn: true, pinChangeFor: null },
    });
  });
});

describe('changing one’s own PIN', () => {
  it('needs the current PIN (counted like a sign-in) and a new one that follows the rules', async () => {
    const core = open();
    addUsers(core);
    expect(await core.dispatch('changePin', { currentPin: '2580', newPin: '7153' }, TAB)).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', params: {} },
    });
    await core.dispatch('signIn', { userId: 'clerk-linh', pin: '2580' }, TAB);
    expect(await core.dispatch('changePin', { currentPin: '1111', newPin: '7153' }, TAB)).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN', params: { attemptsLeft: 4 } },
    });
    expect(await core.dispatch('changePin', { currentPin: '2580', newPin: '2580' }, TAB)).toEqual({
      ok: false,
      error: { code: 'PIN_TOO_WEAK', params: { rule: 'same_as_old' } },
    });
    expect(await core.dispatch('changePin', { currentPin: '2580', newPin: '715302' }, TAB)).toMatchObject({
      ok: true,
      value: { user: { id: 'clerk-linh' }, signedIn: true },
    });
    expect(audit(core, 'session.change_pin_failed')).toHaveLength(1);
  });
});

describe('resetting another user’s PIN', () => {
  it('a supervisor resets a clerk’s; the clerk must choose their own at the next sign-in', async () => {
    const core = open();
    addUsers(core);
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, TAB);
    // The clerk was signed in elsewhere with the forgotten PIN: that sign-in ends.
    await core.dispatch('signIn', { userId: 'clerk-linh', pin: '2580' }, OTHER_TAB);
    expect(core.session.user(OTHER_TAB.clientId).id).toBe('clerk-linh');

    expect(await core.dispatch('resetPin', { userId: 'clerk-linh', newPin: '3692' }, TAB)).toEqual({
      ok: true,
      value: { id: 'clerk-linh', name: 'Linh', role: 'clerk' },
    });
    expect(core.session.user(OTHER_TAB.clientId).id).toBe('clerk');
    expect(await core.dispatch('signIn', { userId: 'clerk-linh', pin: '3692' }, OTHER_TAB)).toMatchObject({
      ok: true,
      value: { signedIn: false, pinChangeFor: { id: 'clerk-linh' } },
    });
    expect(audit(core, 'user.pin_reset')).toEqual([
      {
        user_id: 'sup-mei',
        entity_id: 'clerk-linh',
        details: { approvedBy: 'sup-mei', stationId: core.stationId },
      },
    ]);
  });

  it('a supervisor may not reset another supervisor’s, an admin’s or their own; an admin may reset a supervisor’s', async () => {
    const core = open();
    addUsers(core);
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, TAB);
    for (const [userId, required] of [
      ['sup-kai', 'admin'],
      ['admin-ana', 'admin'],
      ['sup-mei', 'another_user'],
    ] as const) {
      expect(await core.dispatch('resetPin', { userId, newPin: '3692' }, TAB), userId).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', params: { required, role: 'supervisor' } },
      });
    }
    await core.dispatch('signIn', { userId: 'admin-ana', pin: '4719' }, OTHER_TAB);
    expect(await core.dispatch('resetPin', { userId: 'sup-kai', newPin: '3692' }, OTHER_TAB)).toMatchObject({
      ok: true,
    });
    // A clerk cannot reset anything, and a reset to a weak PIN is refused like a change.
    expect(
      await core.dispatch(
        'resetPin',
        { userId: 'clerk-linh', newPin: '3692' },
        { clientId: 'http:clerk-tab' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.dispatch('resetPin', { userId: 'clerk-linh', newPin: '1111' }, OTHER_TAB)).toEqual({
      ok: false,
      error: { code: 'PIN_TOO_WEAK', params: { rule: 'repeated' } },
    });
  });

  it('forgives the user’s lock-out, so a locked-out clerk can work again after the reset', async () => {
    const core = open();
    addUsers(core);
    for (let i = 0; i < 5; i++)
      await core.dispatch('signIn', { userId: 'clerk-linh', pin: '0000' }, OTHER_TAB);
    expect(
      await core.dispatch('signIn', { userId: 'clerk-linh', pin: '2580' }, { clientId: 'http:third' }),
    ).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED', params: { scope: 'user' } } });
    await core.dispatch('signIn', { userId: 'sup-mei', pin: '9137' }, TAB);
    await core.dispatch('resetPin', { userId: 'clerk-linh', newPin: '3692' }, TAB);
    expect(
      await core.dispatch('signIn', { userId: 'clerk-linh', pin: '3692' }, { clientId: 'http:third' }),
    ).toMatchObject({ ok: true, value: { pinChangeFor: { id: 'clerk-linh' } } });
  });
});
