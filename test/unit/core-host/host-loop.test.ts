import Database from 'better-sqlite3';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../../src/main/core';
import { runHostLoop } from '../../../src/main/core-host/host-loop';
import { PROTOCOL_VERSION, hostMessageSchema, type HostMessage } from '../../../src/main/core-host/protocol';
import { nodeMessagePortWire, type Wire } from '../../../src/main/core-host/wire';
import { makeTestCore, recordingLogger } from '../../helpers/core-factory';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
const cores: Core[] = [];
const wires: Wire[] = [];
afterEach(async () => {
  for (const w of wires.splice(0)) w.close();
  for (const c of cores.splice(0)) await c.close();
  dirs.cleanup();
});

/** A real core served by the host loop on one end of a MessageChannel; the test holds the other. */
function servedCore() {
  const dataDir = dirs.make('lastmile-host-loop-');
  const { core } = makeTestCore(dataDir);
  cores.push(core);
  const channel = new MessageChannel();
  const hostWire = nodeMessagePortWire(channel.port1);
  const mainWire = nodeMessagePortWire(channel.port2);
  wires.push(hostWire, mainWire);
  const logger = recordingLogger();
  let stops = 0;
  const loop = runHostLoop(hostWire, core.dispatch, logger, () => (stops += 1));
  const received: HostMessage[] = [];
  mainWire.onMessage((raw) => received.push(hostMessageSchema.parse(raw)));
  return { dataDir, core, loop, mainWire, received, logger, stops: () => stops };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('the core host’s message loop', () => {
  it('answers a write only once its transaction has committed: the row is on disk when the answer arrives', async () => {
    const { dataDir, mainWire } = servedCore();
    const onDiskWhenAnswered: number[] = [];
    mainWire.onMessage((raw) => {
      if ((raw as { t?: string }).t !== 'result') return;
      // Read on another connection, at the moment the answer is received.
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        onDiskWhenAnswered.push((db.prepare('SELECT count(*) AS n FROM scans').get() as { n: number }).n);
      } finally {
        db.close();
      }
    });
    mainWire.send({
      v: PROTOCOL_VERSION,
      t: 'call',
      id: 7,
      name: 'recordScan',
      input: { code: 'TH1234567890', source: 'scanner' },
      caller: { clientId: 'ipc:1' },
    });
    await until(() => onDiskWhenAnswered.length === 1);
    expect(onDiskWhenAnswered).toEqual([1]);
  });

  it('returns each call’s envelope under its id, the contract’s errors included, and answers pings', async () => {
    const { mainWire, received } = servedCore();
    mainWire.send({ v: PROTOCOL_VERSION, t: 'call', id: 1, name: 'getSession', input: {}, caller: null });
    mainWire.send({ v: PROTOCOL_VERSION, t: 'call', id: 2, name: 'noSuchCall', input: {}, caller: null });
    mainWire.send({ v: PROTOCOL_VERSION, t: 'ping', id: 3 });
    await until(() => received.length === 3);
    expect(received).toContainEqual({ v: 1, t: 'pong', id: 3 });
    expect(received).toContainEqual(
      expect.objectContaining({ t: 'result', id: 1, envelope: expect.objectContaining({ ok: true }) }),
    );
    expect(received).toContainEqual({
      v: 1,
      t: 'result',
      id: 2,
      envelope: { ok: false, error: { code: 'UNKNOWN_CALL', params: { name: 'noSuchCall' } } },
    });
  });

  it('ignores (and logs) messages that do not fit the protocol, or come from another version', async () => {
    const { mainWire, received, logger } = servedCore();
    mainWire.send({ v: PROTOCOL_VERSION, t: 'call', id: -1, name: 'getSession', input: {}, caller: null });
    mainWire.send({ v: 2, t: 'call', id: 1, name: 'getSession', input: {}, caller: null });
    mainWire.send('hello');
    mainWire.send({ v: PROTOCOL_VERSION, t: 'ping', id: 9 });
    await until(() => received.length === 1);
    expect(received).toEqual([{ v: 1, t: 'pong', id: 9 }]);
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'warn malformed message from the main process ignored',
      'error message of another protocol version ignored',
      'error message of another protocol version ignored',
    ]);
  });

  it('hands `stop` over, finishes the calls it took, then refuses new ones as never applied', async () => {
    const { mainWire, received, loop, stops } = servedCore();
    mainWire.send({
      v: PROTOCOL_VERSION,
      t: 'call',
      id: 1,
      name: 'recordScan',
      input: { code: 'TH1234567890', source: 'scanner' },
      caller: null,
    });
    mainWire.send({ v: PROTOCOL_VERSION, t: 'stop' });
    await until(() => stops() === 1);
    loop.close();
    await loop.drain();
    await until(() => received.length === 1);
    expect(received[0]).toMatchObject({ t: 'result', id: 1, envelope: { ok: true } });
    mainWire.send({ v: PROTOCOL_VERSION, t: 'call', id: 2, name: 'getSession', input: {}, caller: null });
    await until(() => received.length === 2);
    expect(received[1]).toEqual({
      v: 1,
      t: 'result',
      id: 2,
      envelope: {
        ok: false,
        error: {
          code: 'TRANSPORT_FAILED',
          params: { call: 'getSession', reason: 'core_stopped', maybeApplied: false },
        },
      },
    });
  });
});
