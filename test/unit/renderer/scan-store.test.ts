import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../../src/main/core';
import { setWritePolicy } from '../../../src/main/db/write';
import { seedDemo } from '../../../src/main/demo/seed';
import type { Feedback } from '../../../src/renderer/src/features/scan/feedback-tones';
import {
  createScanStore,
  type KeyContext,
  type KeyVerdict,
  type ScanStore,
} from '../../../src/renderer/src/features/scan/scan-store';
import { createApi } from '../../../src/renderer/src/transport/create-api';
import type { Envelope } from '../../../src/shared/errors';
import { startChild, stopChild, type Child } from '../../helpers/child-process';
import { makeTestCore } from '../../helpers/core-factory';
import { countRows } from '../../helpers/fixtures-db';
import { press } from '../../helpers/key-input';
import { TempDirs } from '../../helpers/temp-dir';

const temp = new TempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  temp.cleanup();
});

/** The Scan screen's store wired to a real core through the contract dispatcher (what IPC does). */
function setup(sound = true) {
  const { core } = makeTestCore(temp.make());
  cores.push(core);
  seedDemo(core.db, core.users, { seed: 3, parcels: 60, now: core.clock.now() });
  const beeps: Feedback[] = [];
  const store = createScanStore({
    api: createApi((name, input) => core.dispatch(name, input)),
    beeper: { play: (f) => beeps.push(f) },
    soundOn: () => sound,
  });
  const tracking =
    core.db
      .prepare<[], { t: string }>('SELECT return_tracking_number AS t FROM return_orders ORDER BY id LIMIT 1')
      .get()?.t ?? '';
  return { core, store, beeps, tracking };
}

function scan(
  store: ScanStore,
  text: string,
  start = 0,
  gap = 25,
  where: KeyContext = 'scan-screen',
): KeyVerdict {
  let time = start;
  for (const ch of text) {
    const code = /[0-9]/.test(ch) ? `Digit${ch}` : `Key${ch}`;
    store.getState().key(press({ code, key: ch, time }), where);
    time += gap;
  }
  return store.getState().key(press({ code: 'Enter', key: 'Enter', time }), where);
}

/**
 * Waits until `done` holds, for up to 10 s. A count of 50 short pauses (what this was) is a
 * quarter of a second on a quiet machine and not enough for a real commit on a loaded one.
 */
async function waitUntil(done: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}

const settled = (store: ScanStore): Promise<void> =>
  waitUntil(() => store.getState().inFlight === 0 && store.getState().panel.kind !== 'idle');

const rows = (core: Core) =>
  core.db
    .prepare<[], { code: string; source: string; outcome: string }>(
      'SELECT code, source, outcome FROM scans ORDER BY id',
    )
    .all();

describe('scan store against a real core', () => {
  it('records a scanner burst as a scanner scan and beeps once, high', async () => {
    const { core, store, beeps, tracking } = setup();
    scan(store, tracking);
    await settled(store);
    const panel = store.getState().panel;
    expect(panel.kind).toBe('found');
    expect(panel.kind === 'found' && panel.result.returnOrder?.returnTrackingNumber).toBe(tracking);
    expect(rows(core)).toEqual([{ code: tracking, source: 'scanner', outcome: 'return_order' }]);
    expect(beeps).toEqual(['found']);
    expect(store.getState().text).toBe('');
  });

  it('records two scans in the order they were made, even when the second comes before the first is answered', async () => {
    const { core, store, tracking } = setup();
    scan(store, 'UNKNOWN0001', 0);
    scan(store, tracking, 1000);
    await settled(store);
    await waitUntil(() => rows(core).length >= 2);
    expect(rows(core).map((r) => r.code)).toEqual(['UNKNOWN0001', tracking]);
  });

  it('refuses a control character without a round trip: translated-ready error, nothing written, low beep', async () => {
    const { core, store, beeps } = setup();
    store.getState().key(press({ code: 'KeyB', key: 'b', ctrlKey: true, time: 0 }), 'scan-screen');
    scan(store, '12345', 25);
    await settled(store);
    expect(store.getState().panel).toEqual({
      kind: 'error',
      error: { code: 'SCAN_BAD_CHARACTERS', params: { position: 1, charCode: 2 } },
      raw: { preview: '<STX>12345', length: 6 },
    });
    expect(rows(core)).toEqual([]);
    expect(beeps).toEqual(['error']);
  });

  it('judges text an input method commits at once, and stays silent with sound off', async () => {
    const { core, store, beeps } = setup(false);
    store.getState().setText('退货');
    expect(store.getState().panel).toMatchObject({ kind: 'error', error: { code: 'SCAN_NOT_ASCII' } });
    expect(store.getState().text).toBe('');
    store.getState().key(press({ code: 'KeyA', key: 'Unidentified', keyCode: 229, time: 0 }), 'scan-screen');
    expect(store.getState().panel).toEqual({ kind: 'ime' });
    expect(rows(core)).toEqual([]);
    expect(beeps).toEqual([]);
  });

  it('submits a pasted code that ends with a line break, as typed by a person', async () => {
    const { core, store, tracking } = setup();
    store.getState().paste(`${tracking}\r\n`);
    await settled(store);
    expect(rows(core)).toEqual([{ code: tracking, source: 'keyboard', outcome: 'return_order' }]);
  });

  it('shows an unknown code as unknown, recorded, with the double low beep', async () => {
    const { core, store, beeps } = setup();
    scan(store, 'ZZ123456789');
    await settled(store);
    expect(store.getState().panel.kind).toBe('unknown');
    expect(rows(core)).toEqual([{ code: 'ZZ123456789', source: 'scanner', outcome: 'unknown' }]);
    expect(beeps).toEqual(['unknown']);
    await store.getState().loadRecent();
    expect(store.getState().recent.map((r) => r.code)).toEqual(['ZZ123456789']);
  });

  it('records a scanner burst made on another screen, and leaves slow typing there alone', async () => {
    const { core, store, tracking } = setup();
    expect(scan(store, 'ABC123', 0, 200, 'elsewhere')).toBe('pass');
    expect(store.getState().text).toBe('');
    expect(scan(store, tracking, 5000, 25, 'elsewhere')).toBe('scanned');
    await settled(store);
    expect(rows(core)).toEqual([{ code: tracking, source: 'scanner', outcome: 'return_order' }]);
  });
});

describe('scan store when the station database is held by another program', () => {
  const LOCKER = path.join(__dirname, '..', '..', 'integration', 'fixtures', 'hold-write-lock.ts');
  const lockers: Child[] = [];
  afterEach(async () => {
    for (const c of lockers.splice(0)) await stopChild(c);
  });

  /** The store on a real core, with every recordScan the store sends logged (and maybe rewritten). */
  function busySetup(
    rewrite?: (n: number, envelope: Envelope<unknown>) => Envelope<unknown>,
    busyRetries = 3,
  ) {
    const { core } = makeTestCore(temp.make());
    cores.push(core);
    seedDemo(core.db, core.users, { seed: 3, parcels: 60, now: core.clock.now() });
    // The station's own wait for the lock, shortened from 5 s so the test is quick.
    setWritePolicy(core.db, { maxWaitMs: 150 });
    const sent: { clientScanId: unknown; answer: string }[] = [];
    const store = createScanStore({
      api: createApi(async (name, input) => {
        const envelope = await core.dispatch(name, input);
        if (name !== 'recordScan') return envelope;
        const answer = rewrite ? rewrite(sent.length + 1, envelope) : envelope;
        sent.push({
          clientScanId: (input as { clientScanId?: unknown }).clientScanId,
          answer: answer.ok ? 'ok' : answer.error.code,
        });
        return answer;
      }),
      beeper: { play: () => {} },
      soundOn: () => false,
      busyRetries,
      busyPauseMs: 20,
    });
    return { core, store, sent };
  }

  async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('shows "busy, retrying", sends the same scan again with the same id, and records it once the lock is gone', async () => {
    const { core, store, sent } = busySetup(undefined, 1000);
    const locker = startChild(process.execPath, [
      '--import',
      'tsx',
      LOCKER,
      path.join(core.dataDir, DATABASE_FILE),
    ]);
    lockers.push(locker);
    await locker.waitForLine(/^locked$/);

    store.getState().paste('BUSY-0001\n');
    await until('the busy panel', () => store.getState().panel.kind === 'busy');
    expect(store.getState().panel).toMatchObject({ kind: 'busy', code: 'BUSY-0001', attempt: 1 });
    await until('a second try', () => sent.length >= 2);
    locker.proc.stdin.write('release\n');
    await until('the answer', () => store.getState().panel.kind === 'unknown');

    expect(sent.at(-1)?.answer).toBe('ok');
    expect(sent.slice(0, -1).every((s) => s.answer === 'DB_LOCKED')).toBe(true);
    expect(new Set(sent.map((s) => s.clientScanId)).size).toBe(1);
    expect(rows(core)).toEqual([{ code: 'BUSY-0001', source: 'keyboard', outcome: 'unknown' }]);
    expect(countRows(core.db, 'outbox_events')).toBe(1);
  });

  it('a try that committed but came back DB_LOCKED is not recorded twice: the retry gets the first result', async () => {
    let first: unknown = null;
    const { core, store, sent } = busySetup((n, envelope) => {
      if (n !== 1) return envelope;
      // Committed at the station; the clerk's screen never saw this answer.
      first = envelope.ok ? envelope.value : null;
      return { ok: false, error: { code: 'DB_LOCKED', params: { retryable: true } } };
    });

    store.getState().paste('LOST-ANSWER-1\n');
    await until('the answer', () => store.getState().panel.kind === 'unknown');

    expect(sent.map((s) => s.answer)).toEqual(['DB_LOCKED', 'ok']);
    expect(sent[0]?.clientScanId).toBe(sent[1]?.clientScanId);
    const panel = store.getState().panel;
    expect(first).not.toBeNull();
    expect(panel.kind === 'unknown' && panel.result).toEqual(first);
    expect(rows(core)).toEqual([{ code: 'LOST-ANSWER-1', source: 'keyboard', outcome: 'unknown' }]);
    expect(countRows(core.db, 'outbox_events')).toBe(1);
  });

  it('gives up after its retries with the DB_LOCKED error on the panel, and nothing written', async () => {
    const { core, store, sent } = busySetup(undefined, 2);
    const locker = startChild(process.execPath, [
      '--import',
      'tsx',
      LOCKER,
      path.join(core.dataDir, DATABASE_FILE),
    ]);
    lockers.push(locker);
    await locker.waitForLine(/^locked$/);

    store.getState().paste('NEVER-0001\n');
    await until('the error panel', () => store.getState().panel.kind === 'error');

    expect(store.getState().panel).toMatchObject({
      kind: 'error',
      error: { code: 'DB_LOCKED', params: { retryable: true } },
    });
    expect(sent.map((s) => s.answer)).toEqual(['DB_LOCKED', 'DB_LOCKED', 'DB_LOCKED']);
    locker.proc.stdin.write('release\n');
    await locker.waitForLine(/^released$/);
    expect(rows(core)).toEqual([]);
  });
});
