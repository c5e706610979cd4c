import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, ipcChannel } from '../../../src/shared/channels';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

beforeAll(async () => {
  await import('../../../src/preload/index');
});

describe('the preload bridge', () => {
  it('exposes one object, window.lastmile, with exactly the contract calls, frozen', () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['lastmile']);
    const bridge = fake.exposed[0]!.api as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.getOwnPropertyNames(bridge)).toHaveLength(CALL_NAMES.length);
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const name of CALL_NAMES) expect(typeof bridge[name], name).toBe('function');
    // No generic door to IPC.
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('makes each function invoke its own channel with the input and nothing else', async () => {
    const bridge = fake.exposed[0]!.api as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of CALL_NAMES) {
      fake.invoked.length = 0;
      const input = { probe: name };
      await expect(bridge[name]!(input, 'extra')).resolves.toEqual({
        ok: true,
        value: { channel: ipcChannel(name) },
      });
      expect(fake.invoked).toEqual([{ channel: ipcChannel(name), args: [input] }]);
    }
  });
});

describe('the preload bridge when the main process does not answer', () => {
  it('returns a TRANSPORT_FAILED envelope instead of rejecting with Electron’s message', async () => {
    const bridge = fake.exposed[0]!.api as Record<string, (input: unknown) => Promise<unknown>>;
    fake.noIpcHandler = true;
    try {
      await expect(bridge.recordScan!({ code: 'X', source: 'scanner' })).resolves.toEqual({
        ok: false,
        error: { code: 'TRANSPORT_FAILED', params: { call: 'recordScan' } },
      });
    } finally {
      fake.noIpcHandler = false;
    }
  });
});
