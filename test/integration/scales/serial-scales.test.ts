import net from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CasScale } from '../../../src/main/scales/cas-scale';
import { FakeSerialScale } from '../../../src/main/scales/fake-scale';
import { MtSicsScale } from '../../../src/main/scales/mt-sics-scale';
import type { Scale, ScaleEvent } from '../../../src/main/scales/scale';
import { ScaleCommandError } from '../../../src/main/scales/scale';
import { ScaleMonitor } from '../../../src/main/scales/scale-monitor';
import { systemClock } from '../../../src/main/clock';
import type { WeighState } from '../../../src/shared/scales/stable-weight';

const clock = systemClock;

/** Resolves when `predicate` holds for a monitor state; fails after `ms` with the states seen. */
function until(
  monitor: ScaleMonitor,
  predicate: (s: WeighState) => boolean,
  ms = 5_000,
): Promise<WeighState> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const check = () => {
      const s = monitor.snapshot().state;
      if (predicate(s)) {
        off();
        clearTimeout(timer);
        resolve(s);
        return true;
      }
      if (seen.at(-1) !== s.kind) seen.push(s.kind);
      return false;
    };
    const off = monitor.onChange(() => void check());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`state never came; saw ${seen.join(' → ')}`));
    }, ms);
    check();
  });
}

function connectTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

function events(scale: Scale): ScaleEvent[] {
  const out: ScaleEvent[] = [];
  scale.subscribe((e) => out.push(e));
  return out;
}

describe('MT-SICS scale over a TCP-serial bridge', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(fake: FakeSerialScale, policy = {}) {
    const port = await fake.listen();
    cleanups.push(() => fake.close());
    const socket = await connectTcp(port);
    const scale = new MtSicsScale({ id: 'bench-1', stream: socket, clock, pollMs: 20, answerTimeoutMs: 400 });
    cleanups.push(() => scale.close());
    const seen = events(scale);
    const monitor = new ScaleMonitor({
      scale,
      clock,
      policy: { minConsecutive: 3, minStableMs: 0, toleranceGrams: 2, unpluggedAfterMs: 600, ...policy },
    });
    cleanups.push(() => monitor.stop());
    return { scale, monitor, seen };
  }

  it('an unstable load settles and only then is accepted', async () => {
    const fake = new FakeSerialScale({
      protocol: 'mt-sics',
      states: [
        { grams: 300, stable: false },
        { grams: 1100, stable: false },
        { grams: 1236, stable: true },
        { grams: 1234, stable: true },
        { grams: 1235, stable: true },
      ],
    });
    const { monitor } = await setup(fake);
    const accepted = await monitor.waitForStable(AbortSignal.timeout(5_000));
    expect(accepted.grams).toBe(1235);
    expect(accepted.reading).toMatchObject({ reported: { text: '1.235', unit: 'kg' }, source: 'mt-sics' });
    // The run started at the first stable reading: both moving ones were seen and refused.
    expect(fake.commands.slice(0, 5)).toEqual(['SI', 'SI', 'SI', 'SI', 'SI']);
  });

  it('over range and under zero are states, not weights', async () => {
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ over: true }] });
    const { monitor } = await setup(fake);
    await until(monitor, (s) => s.kind === 'over_range');
    fake.script([{ under: true }]);
    await until(monitor, (s) => s.kind === 'negative');
    fake.script([{ grams: 0, stable: true }]);
    await until(monitor, (s) => s.kind === 'zero');
  });

  it('zero and tare go between polls and answer what the scale said', async () => {
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 412, stable: true }] });
    const { scale, monitor } = await setup(fake);
    await until(monitor, (s) => s.kind === 'stable' && s.grams === 412);
    await scale.zero?.();
    await until(monitor, (s) => s.kind === 'zero');
    fake.script([{ grams: 912, stable: true }]);
    expect(await scale.tare?.()).toBe(500);
    await until(monitor, (s) => s.kind === 'zero');
    fake.script([{ grams: 1500, stable: false }]);
    await until(monitor, (s) => s.kind === 'in_motion');
    await expect(scale.zero?.()).rejects.toMatchObject({ reason: 'busy' });
    fake.script([{ over: true }]);
    await expect(scale.tare?.()).rejects.toMatchObject({ reason: 'out_of_range' });
    expect(fake.commands.filter((c) => c === 'Z' || c === 'T')).toEqual(['Z', 'T', 'Z', 'T']);
  });

  it('a scale that stops answering is unplugged after the silence, and back when it answers', async () => {
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 700, stable: true }] });
    const { monitor, seen } = await setup(fake);
    await until(monitor, (s) => s.kind === 'stable');
    fake.silence();
    const state = await until(monitor, (s) => s.kind === 'unplugged');
    expect(state).toMatchObject({ kind: 'unplugged' });
    expect(seen.some((e) => e.type === 'fault' && e.code === 'no_answer')).toBe(true);
    fake.silence(false);
    await until(monitor, (s) => s.kind === 'stable');
  });

  it('a pulled cable closes the scale: unplugged at once, commands refused', async () => {
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 700, stable: true }] });
    const { scale, monitor, seen } = await setup(fake, { unpluggedAfterMs: 60_000 });
    await until(monitor, (s) => s.kind === 'stable');
    fake.unplug();
    await until(monitor, (s) => s.kind === 'unplugged');
    expect(monitor.snapshot().closed).toBe(true);
    expect(seen.at(-1)).toMatchObject({ type: 'closed' });
    await expect(scale.zero?.()).rejects.toBeInstanceOf(ScaleCommandError);
  });

  it('noise on the line and error answers are faults with a reason', async () => {
    const fake = new FakeSerialScale({
      protocol: 'mt-sics',
      states: [{ display: { text: '1.2.3', unit: 'kg' } }],
    });
    const { seen } = await setup(fake);
    await expect
      .poll(() => seen.find((e) => e.type === 'fault'), { timeout: 5_000 })
      .toMatchObject({
        code: 'unreadable',
      });
    fake.garble();
    await expect
      .poll(() => seen.some((e) => e.type === 'fault' && /baud/.test(e.detail)), { timeout: 5_000 })
      .toBe(true);
  });

  it('an S poll on a moving load answers busy, which is no reading', async () => {
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 900, stable: false }] });
    const port = await fake.listen();
    cleanups.push(() => fake.close());
    const scale = new MtSicsScale({
      id: 'b',
      stream: await connectTcp(port),
      clock,
      pollMs: 10,
      pollCommand: 'S',
    });
    cleanups.push(() => scale.close());
    const seen = events(scale);
    await expect.poll(() => fake.commands.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(seen.filter((e) => e.type === 'reading')).toEqual([]);
    fake.script([{ grams: 900, stable: true }]);
    await expect.poll(() => seen.some((e) => e.type === 'reading'), { timeout: 5_000 }).toBe(true);
  });
});

describe('CAS scale', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('polls W and accepts a settled weight; overload is a state', async () => {
    const fake = new FakeSerialScale({
      protocol: 'cas',
      states: [{ grams: 1480, stable: false }, { grams: 1500 }, { grams: 1500 }, { grams: 1500 }],
    });
    const port = await fake.listen();
    cleanups.push(() => fake.close());
    const scale = new CasScale({ id: 'cas-1', stream: await connectTcp(port), clock, pollMs: 15 });
    cleanups.push(() => scale.close());
    const monitor = new ScaleMonitor({ scale, clock, policy: { minConsecutive: 3, minStableMs: 0 } });
    cleanups.push(() => monitor.stop());
    const accepted = await monitor.waitForStable(AbortSignal.timeout(5_000));
    expect(accepted).toMatchObject({
      grams: 1500,
      reading: { source: 'cas', reported: { text: '1.500', unit: 'kg' } },
    });
    fake.script([{ over: true }]);
    await until(monitor, (s) => s.kind === 'over_range');
    expect(new Set(fake.commands)).toEqual(new Set(['W']));
  });

  it('in stream mode it only listens: lines the scale sends by itself are readings', async () => {
    const written: string[] = [];
    const line = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _enc, done) => {
        written.push(chunk.toString());
        done();
      },
    });
    const scale = new CasScale({ id: 'cas-2', stream: line, clock, mode: 'stream' });
    cleanups.push(() => scale.close());
    const seen = events(scale);
    line.push('US,GS,+  0.240kg\r\nST,GS,+  0.250kg\r\nST,GS');
    line.push(',+  0.250kg\r\n');
    await expect.poll(() => seen.filter((e) => e.type === 'reading').length, { timeout: 5_000 }).toBe(3);
    expect(seen.map((e) => (e.type === 'reading' ? [e.reading.grams, e.reading.stable] : e.type))).toEqual([
      [240, false],
      [250, true],
      [250, true],
    ]);
    expect(written).toEqual([]);
  });
});
