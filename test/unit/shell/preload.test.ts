import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, ipcChannel } from '../../../src/shared/channels';
import { CORE_STATUS_CHANNEL } from '../../../src/shared/core-status';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fake.module);

beforeAll(async () => {
  await import('../../../src/preload/index');
});

describe('the preload bridge', () => {
  it('exposes window.lastmile with exactly the contract calls, frozen (and the core-status events beside it)', () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['lastmile', 'lastmileEvents']);
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

describe('the core-status events the preload passes to the page', () => {
  it('exposes one frozen function that hands over checked plain values, never the IPC event', () => {
    const events = fake.exposed[1]!.api as Record<string, unknown>;
    expect(Object.keys(events)).toEqual(['onCoreStatus']);
    expect(Object.isFrozen(events)).toBe(true);
    const seen: unknown[][] = [];
    const off = (events.onCoreStatus as (l: (...a: unknown[]) => void) => () => void)((...args) =>
      seen.push(args),
    );
    fake.pushToRenderer(CORE_STATUS_CHANNEL, { state: 'restarting', attempt: 2, extra: 'dropped' });
    fake.pushToRenderer(CORE_STATUS_CHANNEL, { state: 'exploded' });
    fake.pushToRenderer(CORE_STATUS_CHANNEL, 'running');
    fake.pushToRenderer(CORE_STATUS_CHANNEL, { state: 'running' });
    expect(seen).toEqual([[{ state: 'restarting', attempt: 2 }], [{ state: 'running' }]]);
    off();
    fake.pushToRenderer(CORE_STATUS_CHANNEL, { state: 'stopped' });
    expect(seen).toHaveLength(2);
  });
});
