import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { trackingExceptions } from '../../../src/main/sync/sync-report';
import { SETTING_ACCESS } from '../../../src/shared/settings-access';
import { settingsSchema } from '../../../src/shared/domain';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows, insertParcel } from '../../helpers/fixtures-db';
import { SUPERVISOR_PIN, settleSupervisorPin, signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

function open() {
  const made = makeTestCore(temps.make('lastmile-settings-'));
  cores.push(made.core);
  return made;
}

const HOUR = 3_600_000;
const CLERK_TAB = { clientId: 'http:bench' };
const settingsAudit = (core: Core) =>
  core.db
    .prepare<[], { user_id: string; details: string }>(
      "SELECT user_id, details FROM audit_log WHERE action = 'settings.update' ORDER BY id",
    )
    .all()
    .map((r) => ({ user: r.user_id, ...JSON.parse(r.details) }));

describe('who may change which setting', () => {
  it('an unsigned clerk cannot silence the 48 h report: staleTrackingHours 700 is refused, nothing written', async () => {
    const { core, clock } = open();
    insertParcel(core.db, {
      id: 'P1',
      trackingNumber: 'TH0112345678',
      carrier: 'flash',
      at: clock.now() - 60 * HOUR,
    });
    const before = countRows(core.db, 'settings');
    expect(await core.dispatch('updateSettings', { staleTrackingHours: 700 }, CLERK_TAB)).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        params: { required: 'supervisor', role: 'clerk', setting: 'staleTrackingHours' },
      },
    });
    // Hidden among bench settings it is refused too, and the bench setting is not half-applied.
    expect(
      await core.dispatch('updateSettings', { sound: false, staleTrackingHours: 700 }, CLERK_TAB),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(countRows(core.db, 'settings')).toBe(before);
    expect(core.settings.get()).toMatchObject({ staleTrackingHours: 48, sound: true });
    // The parcel silent for 60 h is still in the exception report.
    expect(
      trackingExceptions(core.db, clock.now(), core.settings.get().staleTrackingHours).map(
        (e) => e.trackingNumber,
      ),
    ).toEqual(['TH0112345678']);
  });

  it('a clerk changes the bench settings (language, sound); each change is audited', async () => {
    const { core } = open();
    expect(
      await core.dispatch('updateSettings', { language: 'zh-CN', sound: false }, CLERK_TAB),
    ).toMatchObject({
      ok: true,
      value: { language: 'zh-CN', sound: false },
    });
    expect(settingsAudit(core)).toEqual([
      {
        user: 'clerk',
        changes: { language: { from: 'en', to: 'zh-CN' }, sound: { from: true, to: false } },
        approvedBy: null,
      },
    ]);
  });

  it('a supervisor’s change is audited with old and new value; an unchanged value needs nobody', async () => {
    const { core } = open();
    // The settings form sends back what it showed: unchanged supervisor values are no change.
    expect(
      await core.dispatch(
        'updateSettings',
        { stationName: 'QC-1', staleTrackingHours: 48, sound: false },
        CLERK_TAB,
      ),
    ).toMatchObject({ ok: true });
    await signInSupervisor(core, 'http:desk');
    expect(
      await core.dispatch(
        'updateSettings',
        { staleTrackingHours: 72, stationName: 'Dock 3' },
        { clientId: 'http:desk' },
      ),
    ).toMatchObject({ ok: true, value: { staleTrackingHours: 72, stationName: 'Dock 3' } });
    expect(settingsAudit(core).slice(1)).toEqual([
      {
        user: 'supervisor',
        changes: { staleTrackingHours: { from: 48, to: 72 }, stationName: { from: 'QC-1', to: 'Dock 3' } },
        approvedBy: 'supervisor',
      },
    ]);
  });

  it('a supervisor may approve one change at the clerk’s bench (step-up)', async () => {
    const { core } = open();
    settleSupervisorPin(core);
    expect(
      await core.dispatch(
        'updateSettings',
        { staleTrackingHours: 24, authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN } },
        CLERK_TAB,
      ),
    ).toMatchObject({ ok: true, value: { staleTrackingHours: 24 } });
    expect(settingsAudit(core)).toEqual([
      { user: 'clerk', changes: { staleTrackingHours: { from: 48, to: 24 } }, approvedBy: 'supervisor' },
    ]);
  });

  it('places every setting (a new one must be placed too)', () => {
    expect(Object.keys(SETTING_ACCESS).sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    expect(
      Object.entries(SETTING_ACCESS)
        .filter(([, who]) => who === 'bench')
        .map(([key]) => key)
        .sort(),
    ).toEqual(['language', 'sound']);
  });
});

describe('the station name', () => {
  it.each([
    ['a control character', 'QC\u00071'],
    ['a line break', 'QC\n1'],
    ['a C1 control', 'QC\u00851'],
    ['a lone high surrogate', 'QC-\ud83d'],
    ['a lone low surrogate', 'QC-\ude00'],
  ])('refuses %s with a translated validation issue', async (_what, stationName) => {
    const { core } = open();
    await signInSupervisor(core);
    expect(await core.dispatch('updateSettings', { stationName })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        params: { call: 'updateSettings', field: 'stationName', issue: 'station_name_characters' },
      },
    });
    expect(core.settings.get().stationName).toBe('QC-1');
  });

  it('accepts real names in any script, emoji included', async () => {
    const { core } = open();
    await signInSupervisor(core);
    for (const stationName of ['退货 1 号台', 'Kho Hà Nội', 'QC 😀']) {
      expect(await core.dispatch('updateSettings', { stationName }), stationName).toMatchObject({ ok: true });
    }
  });
});
