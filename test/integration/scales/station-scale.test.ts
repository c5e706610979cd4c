import { execFileSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/clock';
import { createCore, type Core } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/logger';
import { recordingLogger } from '../../helpers/core-factory';
import { FakeSerialScale, hidScaleReport } from '../../../src/main/scales/fake-scale';
import { StationScale, type StationScaleConfig } from '../../../src/main/scales/station-scale';
import { seededRandom } from '../../../src/main/random';
import type { LiveScaleReading } from '../../../src/shared/scales/live-reading';
import { signInSupervisor } from '../../helpers/session';
import { TempDirs } from '../../helpers/temp-dir';

const temps = new TempDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temps.cleanup();
});

const TAB = 'http:bench';
const QUICK = {
  policy: { minConsecutive: 3, minStableMs: 150, unpluggedAfterMs: 1_000 },
  pollMs: 40,
  backoff: { baseMs: 40, capMs: 160 },
};

/** Resolves with the first live reading `predicate` accepts, fails after `ms` naming the states seen. */
function until(
  source: { live(): LiveScaleReading; onChange(l: () => void): () => void },
  predicate: (r: LiveScaleReading) => boolean,
  seen: string[] = [],
  ms = 5_000,
): Promise<LiveScaleReading> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const r = source.live();
      if (seen.at(-1) !== r.state) seen.push(r.state);
      if (!predicate(r)) return;
      off();
      clearTimeout(timer);
      resolve(r);
    };
    const off = source.onChange(check);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`never came; saw ${seen.join(' → ')}`));
    }, ms);
    check();
  });
}

async function stationWithFake(states: ConstructorParameters<typeof FakeSerialScale>[0]['states']) {
  const fake = new FakeSerialScale({ protocol: 'mt-sics', states });
  const port = await fake.listen();
  const core: Core = createCore({
    dataDir: temps.make('lastmile-station-scale-'),
    clock: systemClock,
    random: seededRandom(3),
    logger: silentLogger,
    printing: { start: false },
    packing: { stationScale: QUICK, labelRetryMs: 0 },
  });
  cleanups.push(
    () => fake.close(),
    () => core.close(),
  );
  await signInSupervisor(core, TAB);
  return { fake, port, core };
}

const live = async (core: Core) => {
  const answer = await core.dispatch('packScaleReading', {}, { clientId: TAB });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.value;
};

describe('the station scale from the settings', () => {
  it('an MT-SICS bridge on TCP: configured in the settings, unstable then stable, unplugged, back again', async () => {
    const { fake, port, core } = await stationWithFake([
      { grams: 1180, stable: false },
      { grams: 1242, stable: false },
      { grams: 1250, stable: true },
    ]);
    expect(await live(core)).toEqual({
      configured: false,
      kind: 'none',
      state: 'waiting',
      grams: null,
      stable: false,
      lastFault: null,
      commands: [],
    });
    // Enter without a scale: the station says so.
    const seen: string[] = [];
    const stable = until(core.packing.scale, (r) => r.state === 'stable', seen);
    expect(
      await core.dispatch(
        'updateSettings',
        { scaleKind: 'mt-sics', scaleAddress: `tcp://127.0.0.1:${port}` },
        { clientId: TAB },
      ),
    ).toMatchObject({ ok: true });
    expect(await stable).toMatchObject({ configured: true, kind: 'mt-sics', grams: 1250, stable: true });
    expect(seen).toContain('in_motion');
    expect(seen.indexOf('in_motion')).toBeLessThan(seen.indexOf('stable'));
    expect(fake.commands.filter((c) => c === 'SI').length).toBeGreaterThanOrEqual(5);
    expect(await live(core)).toEqual({
      configured: true,
      kind: 'mt-sics',
      state: 'stable',
      grams: 1250,
      stable: true,
      lastFault: null,
      commands: ['zero', 'tare'],
    });

    // The bridge goes away: unplugged, the attempts to reopen fail (nobody listens), no crash.
    await fake.close();
    await until(core.packing.scale, (r) => r.state === 'unplugged');
    expect(await live(core)).toMatchObject({
      configured: true,
      state: 'unplugged',
      grams: null,
      stable: false,
      commands: [],
    });

    // It comes back on the same port: the station reconnects by itself and weighs again.
    const back = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 640, stable: true }] });
    cleanups.push(() => back.close());
    await back.listen(port);
    expect(await until(core.packing.scale, (r) => r.state === 'stable')).toMatchObject({ grams: 640 });
    expect(back.commands).toContain('SI');

    // Settings back to no scale: the line is closed, the screen is told.
    await core.dispatch('updateSettings', { scaleKind: 'none', scaleAddress: '' }, { clientId: TAB });
    expect(await live(core)).toMatchObject({ configured: false, kind: 'none' });
  });

  it('a scale the settings point somewhere else is reopened there', async () => {
    const { port, core } = await stationWithFake([{ grams: 300, stable: true }]);
    const other = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 2_000, stable: true }] });
    const otherPort = await other.listen();
    cleanups.push(() => other.close());
    await core.dispatch(
      'updateSettings',
      { scaleKind: 'mt-sics', scaleAddress: `tcp://127.0.0.1:${port}` },
      { clientId: TAB },
    );
    expect(await until(core.packing.scale, (r) => r.state === 'stable')).toMatchObject({ grams: 300 });
    await core.dispatch(
      'updateSettings',
      { scaleAddress: `tcp://127.0.0.1:${otherPort}` },
      { clientId: TAB },
    );
    expect(await until(core.packing.scale, (r) => r.state === 'stable')).toMatchObject({ grams: 2_000 });
  });
});

const command = async (core: Core, which: 'zero' | 'tare') =>
  core.dispatch('packScaleCommand', { command: which }, { clientId: TAB });

describe('zero and tare from the bench', () => {
  it('are sent to the MT-SICS scale, which weighs net of them; a moving load is refused, not queued', async () => {
    const { fake, port, core } = await stationWithFake([{ grams: 35, stable: true }]);
    // No scale configured yet: nothing to command.
    expect(await command(core, 'zero')).toMatchObject({
      ok: false,
      error: { code: 'PACK_SCALE_UNAVAILABLE' },
    });
    await core.dispatch(
      'updateSettings',
      { scaleKind: 'mt-sics', scaleAddress: `tcp://127.0.0.1:${port}` },
      { clientId: TAB },
    );
    expect(await until(core.packing.scale, (r) => r.state === 'stable')).toMatchObject({ grams: 35 });

    // 35 g of dust on the platter: zeroed, the scale itself now reads 0.
    expect(await command(core, 'zero')).toEqual({ ok: true, value: { command: 'zero', tareGrams: 0 } });
    expect(fake.commands).toContain('Z');
    await until(core.packing.scale, (r) => r.state === 'zero');

    // An empty box of 155 g (190 g gross) goes on and is taken as tare: the reading is net again.
    fake.script([{ grams: 190, stable: true }]);
    await until(core.packing.scale, (r) => r.state === 'stable' && r.grams === 155);
    expect(await command(core, 'tare')).toEqual({ ok: true, value: { command: 'tare', tareGrams: 155 } });
    await until(core.packing.scale, (r) => r.state === 'zero');
    fake.script([{ grams: 990, stable: true }]);
    expect(await until(core.packing.scale, (r) => r.state === 'stable')).toMatchObject({ grams: 800 });

    // The load swings: the scale answers "not now", and the packer is told so.
    fake.script([{ grams: 1400, stable: false }]);
    await until(core.packing.scale, (r) => r.state === 'in_motion');
    expect(await command(core, 'tare')).toMatchObject({ ok: false, error: { code: 'PACK_SCALE_BUSY' } });
    fake.script([{ grams: 1400, over: true }]);
    await until(core.packing.scale, (r) => r.state === 'over_range');
    expect(await command(core, 'zero')).toMatchObject({
      ok: false,
      error: { code: 'PACK_WEIGHT_OVER_RANGE' },
    });
  });

  it('a CAS scale takes no command: the bench is told to use the scale’s own button', async () => {
    const fake = new FakeSerialScale({ protocol: 'cas', states: [{ grams: 500, stable: true }] });
    const port = await fake.listen();
    cleanups.push(() => fake.close());
    const scale = new StationScale({
      config: () => ({ kind: 'cas', address: `tcp://127.0.0.1:${port}` }),
      clock: systemClock,
      logger: silentLogger,
      ...QUICK,
    });
    cleanups.push(() => scale.close());
    expect(await until(scale, (r) => r.state === 'stable')).toMatchObject({ commands: [] });
    await expect(scale.command('tare')).rejects.toMatchObject({
      code: 'PACK_SCALE_NO_COMMAND',
      params: { command: 'tare', kind: 'cas' },
    });
  });
});

describe('a scale that cannot be opened', () => {
  it('is unplugged, tried again 500 ms doubling to 10 s, logged once, and opened when it answers', async () => {
    const pending: Array<{ fn: () => void; ms: number }> = [];
    const timers = {
      setTimeout: (fn: () => void, ms: number) => pending.push({ fn, ms }),
      clearTimeout: () => undefined,
    };
    const logger = recordingLogger();
    const fake = new FakeSerialScale({ protocol: 'mt-sics', states: [{ grams: 90, stable: true }] });
    cleanups.push(() => fake.close());
    let present = false;
    let attempts = 0;
    const scale = new StationScale({
      config: () => ({ kind: 'mt-sics', address: '/dev/ttyUSB7' }),
      clock: systemClock,
      logger,
      timers,
      policy: { minConsecutive: 1, minStableMs: 0 },
      open: (address) => {
        attempts++;
        expect(address).toEqual({ kind: 'path', path: '/dev/ttyUSB7' });
        return present ? Promise.resolve(fake.connect()) : Promise.reject(new Error('ENOENT'));
      },
    });
    cleanups.push(() => scale.close());
    expect(scale.live()).toMatchObject({ configured: true, state: 'waiting' });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      await until(scale, () => pending.length > 0);
      expect(scale.live()).toMatchObject({ configured: true, kind: 'mt-sics', state: 'unplugged' });
      const next = pending.shift()!;
      waits.push(next.ms);
      next.fn();
    }
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(attempts).toBe(8);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    // The device is back: the next attempt opens it and the scale weighs (its polls run on these timers).
    present = true;
    await until(scale, () => pending.length > 0);
    pending.shift()!.fn();
    await until(scale, () => attempts === 9 && pending.length > 0);
    pending.shift()!.fn();
    expect(await until(scale, (r) => r.state === 'stable')).toMatchObject({ grams: 90 });
  });
});

describe('a device path read as a file', () => {
  it('a HID POS scale on a FIFO (as /dev/hidraw0 would be): reports become a stable weight', async () => {
    const fifo = path.join(temps.make('lastmile-hidraw-'), 'hidraw0');
    execFileSync('mkfifo', [fifo]);
    let config: StationScaleConfig = { kind: 'hid-pos', address: fifo };
    const scale = new StationScale({
      config: () => config,
      clock: systemClock,
      logger: silentLogger,
      ...QUICK,
      // Stability by count alone: the test writes reports as fast as they are read.
      policy: { ...QUICK.policy, minStableMs: 0 },
    });
    // The writer end, as the kernel's HID driver would feed the node.
    const device = await open(fifo, 'r+');
    cleanups.push(async () => {
      await scale.close();
      // The station's last read waits on the FIFO: one more report lets it return and close.
      await device.write(hidScaleReport({ status: 'stable', unit: 'g', raw: 0 }));
      await device.close();
    });
    const reports = [
      { status: 'in_motion', raw: 700 },
      { status: 'stable', raw: 812 },
      { status: 'stable', raw: 812 },
      { status: 'stable', raw: 812 },
      { status: 'stable', raw: 812 },
    ] as const;
    const seen: string[] = [];
    let changes = 0;
    scale.onChange(() => changes++);
    for (const r of reports) {
      const before = changes;
      await device.write(hidScaleReport({ status: r.status, unit: 'g', raw: r.raw }));
      // One report per read, as hidraw hands them: the next is written once this one was taken.
      await until(scale, () => changes > before, seen);
    }
    expect(await until(scale, (r) => r.state === 'stable', seen)).toMatchObject({
      kind: 'hid-pos',
      grams: 812,
      stable: true,
    });
    // Opening is 'waiting' (or already the first report, when the read is quick), never 'unplugged'.
    expect(seen).not.toContain('unplugged');
    expect(seen).toContain('in_motion');
    config = { kind: 'none', address: '' };
    scale.refresh();
    expect(scale.live().configured).toBe(false);
  });
});
