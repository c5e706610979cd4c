import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { makeTestCore } from '../../helpers/core-factory';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  temps.cleanup();
});

const TAB = { clientId: 'http:bench' };

async function supervisorCore(): Promise<Core> {
  const { core } = makeTestCore(temps.make('lastmile-scale-settings-'));
  cores.push(core);
  await signInSupervisor(core, TAB.clientId);
  return core;
}

describe('station scale settings', () => {
  it('start with no scale; a supervisor sets an MT-SICS bridge and it is stored', async () => {
    const core = await supervisorCore();
    expect(core.settings.get()).toMatchObject({ scaleKind: 'none', scaleAddress: '' });
    const saved = await core.dispatch(
      'updateSettings',
      { scaleKind: 'mt-sics', scaleAddress: ' tcp://127.0.0.1:4001 ' },
      TAB,
    );
    expect(saved).toMatchObject({
      ok: true,
      value: { scaleKind: 'mt-sics', scaleAddress: 'tcp://127.0.0.1:4001' },
    });
    expect(core.settings.get()).toMatchObject({ scaleKind: 'mt-sics', scaleAddress: 'tcp://127.0.0.1:4001' });
    expect(
      await core.dispatch('updateSettings', { scaleKind: 'hid-pos', scaleAddress: '/dev/hidraw0' }, TAB),
    ).toMatchObject({ ok: true, value: { scaleKind: 'hid-pos', scaleAddress: '/dev/hidraw0' } });
  });

  it.each([
    ['http://127.0.0.1:4001'],
    ['tcp://127.0.0.1'],
    ['tcp://127.0.0.1:70000'],
    ['COM3'],
    ['/dev/../etc/passwd'],
    ['/dev/tty USB0'],
  ])('refuses the address %s with the scale_address issue, nothing written', async (address) => {
    const core = await supervisorCore();
    expect(await core.dispatch('updateSettings', { scaleKind: 'cas', scaleAddress: address }, TAB)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        params: { call: 'updateSettings', field: 'scaleAddress', issue: 'scale_address' },
      },
    });
    expect(core.settings.get()).toMatchObject({ scaleKind: 'none', scaleAddress: '' });
  });

  it('refuses an unknown kind, and a kind without an address (also when only the kind is sent)', async () => {
    const core = await supervisorCore();
    expect(await core.dispatch('updateSettings', { scaleKind: 'serial' }, TAB)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { field: 'scaleKind', issue: 'invalid_value' } },
    });
    expect(await core.dispatch('updateSettings', { scaleKind: 'mt-sics' }, TAB)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        params: { call: 'updateSettings', field: 'scaleAddress', issue: 'scale_address_missing' },
      },
    });
    expect(core.settings.get().scaleKind).toBe('none');
  });

  it('a clerk cannot change the scale', async () => {
    const { core } = makeTestCore(temps.make('lastmile-scale-settings-'));
    cores.push(core);
    expect(
      await core.dispatch('updateSettings', { scaleKind: 'cas', scaleAddress: 'tcp://127.0.0.1:4001' }, TAB),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { setting: 'scaleKind' } } });
  });
});
