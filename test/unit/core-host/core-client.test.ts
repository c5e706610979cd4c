import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreClient } from '../../../src/main/core-host/core-client';
import { PROTOCOL_VERSION, mainMessageSchema, type MainMessage } from '../../../src/main/core-host/protocol';
import { nodeMessagePortWire, type Wire } from '../../../src/main/core-host/wire';
import { recordingLogger } from '../../helpers/core-factory';

type Call = Extract<MainMessage, { t: 'call' }>;

/**
 * The host's end of a real MessageChannel, played by the test: it records the calls it receives
 * (parsed with the protocol's schema) and answers when the test says so.
 */
function hostEnd(): { wire: Wire; hostWire: Wire; calls: Call[]; answer(id: number, value: unknown): void } {
  const channel = new MessageChannel();
  const wire = nodeMessagePortWire(channel.port1);
  const hostWire = nodeMessagePortWire(channel.port2);
  const calls: Call[] = [];
  hostWire.onMessage((raw) => {
    const m = mainMessageSchema.parse(raw);
    if (m.t === 'call') calls.push(m);
  });
  wires.push(wire, hostWire);
  return {
    wire,
    hostWire,
    calls,
    answer: (id, value) =>
      hostWire.send({ v: PROTOCOL_VERSION, t: 'result', id, envelope: { ok: true, value } }),
  };
}

const wires: Wire[] = [];
afterEach(() => {
  for (const w of wires.splice(0)) w.close();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('CoreClient: the contract answered by a core in another process', () => {
  it('sends each call with its own id and caller, and gives each answer to its own caller', async () => {
    const host = hostEnd();
    const client = new CoreClient({ logger: recordingLogger() });
    client.connect(host.wire);
    const a = client.dispatch('recentScans', { limit: 1 }, { clientId: 'ipc:1' });
    const b = client.dispatch('getSession', {});
    await until(() => host.calls.length === 2);
    expect(host.calls.map((c) => [c.name, c.caller])).toEqual([
      ['recentScans', { clientId: 'ipc:1' }],
      ['getSession', null],
    ]);
    expect(host.calls[0]!.id).not.toBe(host.calls[1]!.id);
    // Answered in the other order: each still reaches its caller.
    host.answer(host.calls[1]!.id, 'session');
    host.answer(host.calls[0]!.id, 'scans');
    expect(await a).toEqual({ ok: true, value: 'scans' });
    expect(await b).toEqual({ ok: true, value: 'session' });
    expect(client.load()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('answers TRANSPORT_FAILED (timeout, maybe applied) when the core is too slow, and drops the late answer', async () => {
    const host = hostEnd();
    const logger = recordingLogger();
    const client = new CoreClient({ logger, callTimeoutMs: 60, callTimeouts: { listQueue: 5_000 } });
    client.connect(host.wire);
    const slow = client.dispatch('recordScan', { code: 'TH1', source: 'scanner' });
    expect(await slow).toEqual({
      ok: false,
      error: {
        code: 'TRANSPORT_FAILED',
        params: { call: 'recordScan', reason: 'timeout', maybeApplied: true, timeoutMs: 60 },
      },
    });
    host.answer(host.calls[0]!.id, 'too late');
    await until(() => logger.lines.some((l) => l.message === 'late answer from the core dropped'));
    // A call with its own, longer limit is still waiting after the default one passed.
    const list = client.dispatch('listQueue', {});
    await new Promise((r) => setTimeout(r, 120));
    expect(client.load().inFlight).toBe(1);
    host.answer(host.calls[1]!.id, 'page');
    expect(await list).toEqual({ ok: true, value: 'page' });
  });

  it('refuses calls beyond its in-flight limit at once, without sending them (back-pressure)', async () => {
    const host = hostEnd();
    const client = new CoreClient({ logger: recordingLogger(), maxInFlight: 2 });
    client.connect(host.wire);
    const first = client.dispatch('getSession', {});
    const second = client.dispatch('getSession', {});
    expect(await client.dispatch('recordScan', { code: 'TH1', source: 'scanner' })).toEqual({
      ok: false,
      error: {
        code: 'TRANSPORT_FAILED',
        params: { call: 'recordScan', reason: 'overloaded', maybeApplied: false },
      },
    });
    await until(() => host.calls.length === 2);
    for (const c of host.calls) host.answer(c.id, c.id);
    await Promise.all([first, second]);
    expect(host.calls.map((c) => c.name)).toEqual(['getSession', 'getSession']);
  });

  it('holds calls made while no core is connected and sends them, in order, to the next one', async () => {
    const client = new CoreClient({ logger: recordingLogger(), waitForCoreMs: 5_000 });
    const made = ['getSession', 'recentScans', 'getSettings'].map((name) => client.dispatch(name, {}));
    expect(client.load()).toEqual({ inFlight: 0, waiting: 3 });
    const host = hostEnd();
    client.connect(host.wire);
    await until(() => host.calls.length === 3);
    expect(host.calls.map((c) => c.name)).toEqual(['getSession', 'recentScans', 'getSettings']);
    for (const c of host.calls) host.answer(c.id, c.name);
    expect(await Promise.all(made)).toEqual([
      { ok: true, value: 'getSession' },
      { ok: true, value: 'recentScans' },
      { ok: true, value: 'getSettings' },
    ]);
  });

  it('answers CORE_RESTARTING (never sent) when no core comes in time, and refuses past its waiting limit', async () => {
    const client = new CoreClient({ logger: recordingLogger(), waitForCoreMs: 50, maxWaiting: 1 });
    client.disconnect({ phase: 'restarting', attempt: 2 });
    const waiting = client.dispatch('recordScan', { code: 'TH1', source: 'scanner' });
    expect(await client.dispatch('getSession', {})).toMatchObject({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'overloaded', maybeApplied: false } },
    });
    expect(await waiting).toEqual({
      ok: false,
      error: {
        code: 'CORE_RESTARTING',
        params: { call: 'recordScan', maybeApplied: false, phase: 'restarting', attempt: 2 },
      },
    });
  });

  it('when the core goes away, every call in flight answers CORE_RESTARTING: it may have committed', async () => {
    const host = hostEnd();
    const client = new CoreClient({ logger: recordingLogger() });
    client.connect(host.wire);
    const inFlight = client.dispatch('recordScan', { code: 'TH1', source: 'scanner' });
    await until(() => host.calls.length === 1);
    client.disconnect({ phase: 'restarting', attempt: 1 });
    expect(await inFlight).toEqual({
      ok: false,
      error: {
        code: 'CORE_RESTARTING',
        params: { call: 'recordScan', maybeApplied: true, phase: 'restarting', attempt: 1 },
      },
    });
    // The dead core's answer, should it still arrive, goes nowhere.
    host.answer(host.calls[0]!.id, 'ghost');
  });

  it('once stopped, answers everything at once; reopened, waits for a core again', async () => {
    const client = new CoreClient({ logger: recordingLogger(), waitForCoreMs: 5_000 });
    const waiting = client.dispatch('getSession', {});
    client.stop('the app is closing');
    expect(await waiting).toMatchObject({
      ok: false,
      error: { code: 'TRANSPORT_FAILED', params: { reason: 'core_stopped', maybeApplied: false } },
    });
    expect(await client.dispatch('getSession', {})).toMatchObject({ ok: false });
    client.reopen({ phase: 'restarting', attempt: 0 });
    const again = client.dispatch('getSession', {});
    const host = hostEnd();
    client.connect(host.wire);
    await until(() => host.calls.length === 1);
    host.answer(host.calls[0]!.id, 'back');
    expect(await again).toEqual({ ok: true, value: 'back' });
  });

  it('refuses an input that cannot cross to another process, and keeps the wire', async () => {
    const host = hostEnd();
    const client = new CoreClient({ logger: recordingLogger() });
    client.connect(host.wire);
    expect(await client.dispatch('recordScan', { code: () => 'TH1' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', params: { issue: 'not_cloneable' } },
    });
    expect(host.wire.closed).toBe(false);
    const next = client.dispatch('getSession', {});
    await until(() => host.calls.length === 1);
    host.answer(host.calls[0]!.id, 'fine');
    expect(await next).toEqual({ ok: true, value: 'fine' });
  });
});
