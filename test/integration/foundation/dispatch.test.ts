import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/main/api/handlers';
import type { Core } from '../../../src/main/core';
import { DEFAULT_SUPERVISOR } from '../../../src/main/session/users';
import { CALL_NAMES } from '../../../src/shared/channels';
import { contract } from '../../../src/shared/contract';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { SUPERVISOR_PIN, settleSupervisorPin, signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
let core: Core;
beforeEach(() => {
  ({ core } = makeTestCore(temps.make()));
});
afterEach(async () => {
  await core.close();
  temps.cleanup();
});

const written = () => ({
  scans: countRows(core.db, 'scans'),
  outbox: countRows(core.db, 'outbox_events'),
  settings: countRows(core.db, 'settings'),
  audit: countRows(core.db, 'audit_log'),
});

describe('the contract', () => {
  it('declares every call name once and has exactly one handler for each', () => {
    expect(Object.keys(contract).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(createHandlers(core)).sort()).toEqual([...CALL_NAMES].sort());
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
  });
});

describe('the dispatcher', () => {
  it.each(['deleteEverything', '__proto__', 'constructor', 'toString', ''])(
    'refuses %j as UNKNOWN_CALL',
    async (name) => {
      expect(await core.dispatch(name, {})).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_CALL', params: { name } },
      });
    },
  );

  it.each([
    [{ code: 42, source: 'scanner' }, 'code', 'invalid_type'],
    [{ code: 'RB1', source: 'telepathy' }, 'source', 'invalid_value'],
    [{ code: 'RB1' }, 'source', 'invalid_value'],
    [{ code: 'RB1', source: 'scanner', userId: 'supervisor' }, 'userId', 'unrecognized_keys'],
    ['RB1', '(payload)', 'invalid_type'],
    [[], '(payload)', 'invalid_type'],
  ])(
    'refuses recordScan(%j) with VALIDATION_FAILED on %s and writes nothing',
    async (input, field, issue) => {
      const before = written();
      expect(await core.dispatch('recordScan', input)).toEqual({
        ok: false,
        error: { code: 'VALIDATION_FAILED', params: { call: 'recordScan', field, issue } },
      });
      expect(written()).toEqual(before);
    },
  );

  it('validates the other calls too (nested fields, numbers out of range)', async () => {
    const before = written();
    const bad = [
      ['updateSettings', { stationName: '' }, 'stationName'],
      ['updateSettings', { staleTrackingHours: 1.5 }, 'staleTrackingHours'],
      ['updateSettings', { language: 'fr' }, 'language'],
      ['listQueue', { statuses: ['pending', 'lost'], limit: 10, offset: 0 }, 'statuses.1'],
      ['listQueue', { statuses: ['pending'], limit: 100_000, offset: 0 }, 'limit'],
      ['recentScans', { limit: -1 }, 'limit'],
      ['discardDeadLetter', { eventId: 'E1', reason: '  ' }, 'reason'],
    ] as const;
    for (const [name, input, field] of bad) {
      const envelope = await core.dispatch(name, input);
      expect(envelope, name).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', params: { field } },
      });
    }
    expect(written()).toEqual(before);
  });

  it('refuses a supervisor-only call from a clerk with FORBIDDEN and writes nothing', async () => {
    expect((await core.dispatch('getSession', {})) as unknown).toMatchObject({
      ok: true,
      value: { user: { role: 'clerk' } },
    });
    const before = written();
    for (const [name, input] of [
      ['retryDeadLetter', { eventId: 'E1' }],
      ['discardDeadLetter', { eventId: 'E1', reason: 'duplicate label' }],
      ['startDailySync', {}],
      ['cancelSync', {}],
    ] as const) {
      expect(await core.dispatch(name, input), name).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', params: { required: 'supervisor', role: 'clerk' } },
      });
    }
    expect(written()).toEqual(before);
  });

  it('signs in with the right PIN, refuses a wrong one with BAD_PIN and an unknown user with NOT_FOUND', async () => {
    settleSupervisorPin(core);
    expect(await core.dispatch('signIn', { userId: DEFAULT_SUPERVISOR.id, pin: '1234' })).toEqual({
      ok: false,
      error: { code: 'BAD_PIN', params: { attemptsLeft: 4 } },
    });
    expect(await core.dispatch('signIn', { userId: 'ghost', pin: '0000' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', params: { entity: 'user', id: 'ghost' } },
    });
    // Both failures are on the audit log; nothing else is.
    expect(countRows(core.db, 'audit_log')).toBe(2);
    expect(core.session.user().role).toBe('clerk');

    const ok = await core.dispatch('signIn', { userId: DEFAULT_SUPERVISOR.id, pin: SUPERVISOR_PIN });
    expect(ok).toMatchObject({
      ok: true,
      value: { user: { id: 'supervisor', name: 'Supervisor', role: 'supervisor' }, signedIn: true },
    });
    expect(countRows(core.db, 'audit_log')).toBe(3);
    // Now the supervisor-only call passes the role check and fails on its own terms.
    expect(await core.dispatch('retryDeadLetter', { eventId: 'E-missing' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', params: { entity: 'outbox_event', id: 'E-missing' } },
    });
    expect(await core.dispatch('signOut', {})).toMatchObject({
      ok: true,
      value: { user: { role: 'clerk' }, signedIn: false },
    });
  });

  it('round-trips settings and falls back to defaults for a broken stored value', async () => {
    await signInSupervisor(core);
    expect(await core.dispatch('updateSettings', { stationName: 'QC-7', sound: false })).toMatchObject({
      ok: true,
      value: { stationName: 'QC-7', sound: false, language: 'en' },
    });
    core.db.prepare("UPDATE settings SET value = '\"xx\"' WHERE key = 'sound'").run();
    expect(await core.dispatch('getSettings', {})).toMatchObject({
      ok: true,
      value: { stationName: 'QC-7', sound: true },
    });
  });
});
