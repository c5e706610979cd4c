import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeBadgeCode } from '../../../src/shared/codes/badge-code';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows, insertParcel } from '../../helpers/fixtures-db';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

const MEI_BADGE = makeBadgeCode('9001'); // BADGE-9001-2
const LINH_BADGE = makeBadgeCode('1002');
const TAB = { clientId: 'http:qc-bench' };

function open(): Core {
  const { core } = makeTestCore(temps.make('lastmile-badge-'));
  cores.push(core);
  core.db
    .transaction(() => {
      core.users.create({ id: 'sup-mei', name: 'Mei', role: 'supervisor', pin: '9137', badge: MEI_BADGE });
      core.users.create({ id: 'clerk-linh', name: 'Linh', role: 'clerk', pin: '2580' });
    })
    .immediate();
  return core;
}

describe('signing in with a badge', () => {
  it('accepts { badge, pin } as scanned (terminator, lower case) and signs that user in', async () => {
    const core = open();
    const answer = await core.dispatch('signIn', { badge: `${MEI_BADGE.toLowerCase()}\r`, pin: '9137' }, TAB);
    expect(answer).toMatchObject({ ok: true, value: { user: { id: 'sup-mei' }, signedIn: true } });
    const row = core.db
      .prepare<[], { details: string }>("SELECT details FROM audit_log WHERE action = 'session.sign_in'")
      .get();
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ via: 'badge', clientId: TAB.clientId });
  });

  it('refuses a wrong PIN, an unknown badge and a misread one, each audited, the guesses counted', async () => {
    const core = open();
    expect(await core.dispatch('signIn', { badge: MEI_BADGE, pin: '0000' }, TAB)).toMatchObject({
      ok: false,
      error: { code: 'BAD_PIN' },
    });
    expect(await core.dispatch('signIn', { badge: makeBadgeCode('7777'), pin: '9137' }, TAB)).toEqual({
      ok: false,
      error: { code: 'BADGE_UNKNOWN', params: {} },
    });
    // One character misread: the check character catches it before anything is looked up.
    const misread = MEI_BADGE.replace('9001', '9007');
    expect(await core.dispatch('signIn', { badge: misread, pin: '9137' }, TAB)).toEqual({
      ok: false,
      error: { code: 'BADGE_INVALID', params: { reason: 'check_character' } },
    });
    expect(await core.dispatch('signIn', { badge: 'RB123456785GB', pin: '9137' }, TAB)).toEqual({
      ok: false,
      error: { code: 'BADGE_INVALID', params: { reason: 'format' } },
    });
    const reasons = core.db
      .prepare<[], { entity_type: string; details: string }>(
        "SELECT entity_type, details FROM audit_log WHERE action = 'session.sign_in_failed' ORDER BY id",
      )
      .all()
      .map((r) => [r.entity_type, JSON.parse(r.details).reason]);
    expect(reasons).toEqual([
      ['badge', 'bad_pin'],
      ['badge', 'unknown_badge'],
      ['badge', 'invalid_badge'],
      ['badge', 'invalid_badge'],
    ]);
    expect(
      core.db
        .prepare<[], { scope: string; failures: number }>(
          'SELECT scope, failures FROM sign_in_failures ORDER BY scope',
        )
        .all(),
    ).toEqual([
      { scope: `client:${TAB.clientId}`, failures: 2 },
      { scope: 'station', failures: 2 },
      { scope: 'user:sup-mei', failures: 1 },
    ]);
  });

  it('wants exactly one of userId and badge', async () => {
    const core = open();
    for (const input of [{ pin: '9137' }, { userId: 'sup-mei', badge: MEI_BADGE, pin: '9137' }]) {
      expect(await core.dispatch('signIn', input, TAB)).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          params: { call: 'signIn', field: 'userId', issue: 'user_or_badge' },
        },
      });
    }
  });

  it('a supervisor gives badges (unique, valid, audited) and takes them back', async () => {
    const core = open();
    await core.dispatch('signIn', { badge: MEI_BADGE, pin: '9137' }, TAB);
    expect(
      await core.dispatch('assignBadge', { userId: 'clerk-linh', badge: LINH_BADGE }, TAB),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await core.dispatch('signIn', { badge: LINH_BADGE, pin: '2580' }, { clientId: 'http:x' }),
    ).toMatchObject({ ok: true, value: { user: { id: 'clerk-linh' } } });
    expect(await core.dispatch('assignBadge', { userId: 'clerk-linh', badge: MEI_BADGE }, TAB)).toEqual({
      ok: false,
      error: { code: 'BADGE_TAKEN', params: {} },
    });
    expect(await core.dispatch('assignBadge', { userId: 'clerk-linh', badge: 'BADGE-12-X-9' }, TAB)).toEqual({
      ok: false,
      error: { code: 'BADGE_INVALID', params: { reason: 'format' } },
    });
    expect(await core.dispatch('assignBadge', { userId: 'clerk-linh', badge: null }, TAB)).toMatchObject({
      ok: true,
    });
    expect(
      await core.dispatch('signIn', { badge: LINH_BADGE, pin: '2580' }, { clientId: 'http:y' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BADGE_UNKNOWN' },
    });
    expect(
      core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'user.badge_%' ORDER BY id").all(),
    ).toEqual([{ action: 'user.badge_assigned' }, { action: 'user.badge_removed' }]);
    // A clerk cannot hand out badges.
    expect(
      await core.dispatch('assignBadge', { userId: 'clerk-linh', badge: LINH_BADGE }, { clientId: 'http:z' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a badge scanned at the Scan screen', () => {
  it('is never recorded as a parcel scan, nor sent anywhere, valid or not', async () => {
    const core = open();
    insertParcel(core.db, { id: 'P1', trackingNumber: 'TH0112345678', carrier: 'flash' });
    for (const code of [MEI_BADGE, `${MEI_BADGE.toLowerCase()}\r`, 'BADGE-0000', `]C1${MEI_BADGE}`]) {
      expect(await core.dispatch('recordScan', { code, source: 'scanner' }, TAB), code).toEqual({
        ok: false,
        error: { code: 'SCAN_IS_BADGE', params: {} },
      });
    }
    expect(countRows(core.db, 'scans')).toBe(0);
    expect(countRows(core.db, 'outbox_events')).toBe(0);
    expect(await core.dispatch('recordScan', { code: 'TH0112345678', source: 'scanner' }, TAB)).toMatchObject(
      {
        ok: true,
        value: { outcome: 'parcel' },
      },
    );
  });
});
