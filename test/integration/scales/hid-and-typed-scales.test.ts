import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/clock';
import { FakeHidScale } from '../../../src/main/scales/fake-scale';
import { HidPosScale } from '../../../src/main/scales/hid-pos-scale';
import type { ScaleEvent } from '../../../src/main/scales/scale';
import { ScaleMonitor } from '../../../src/main/scales/scale-monitor';
import { TypedScale } from '../../../src/main/scales/typed-scale';

const clock = systemClock;

describe('HID POS scale driver', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function setup(policy = {}) {
    const device = new FakeHidScale();
    const scale = new HidPosScale({ id: 'usb-scale', device, clock });
    const seen: ScaleEvent[] = [];
    scale.subscribe((e) => seen.push(e));
    const monitor = new ScaleMonitor({
      scale,
      clock,
      policy: { minConsecutive: 3, minStableMs: 0, unpluggedAfterMs: 400, ...policy },
    });
    cleanups.push(
      () => monitor.stop(),
      () => scale.close(),
    );
    return { device, scale, seen, monitor };
  }

  it('reports in motion, then a stable weight, from report bytes', async () => {
    const { device, monitor } = setup();
    device.send({ status: 'in_motion', unit: 'g', raw: 980 });
    expect(monitor.snapshot().state).toEqual({ kind: 'in_motion', grams: 980 });
    for (let i = 0; i < 3; i++) device.send({ status: 'stable', unit: 'oz', exponent: -1, raw: 353 });
    const state = monitor.snapshot().state;
    expect(state).toMatchObject({
      kind: 'stable',
      grams: 1001,
      reading: { reported: { text: '35.3', unit: 'oz' } },
    });
    expect(await monitor.waitForStable()).toMatchObject({ grams: 1001 });
  });

  it('faults, calibration requests and other reports are not weights', () => {
    const { device, seen, monitor } = setup();
    device.send(new Uint8Array([4, 1, 2, 3, 4, 5])); // an attribute report: ignored
    device.send(new Uint8Array([3, 1, 2, 0, 0, 0])); // fault
    device.send(new Uint8Array([3, 8, 2, 0, 0, 0])); // needs re-zeroing
    device.send(new Uint8Array([3, 4])); // truncated
    expect(seen.map((e) => (e.type === 'fault' ? e.code : e.type))).toEqual([
      'scale_error',
      'needs_rezero',
      'unreadable',
    ]);
    expect(monitor.snapshot()).toMatchObject({
      state: { kind: 'waiting' },
      lastFault: { code: 'unreadable' },
    });
  });

  it('over the limit and under zero are states', () => {
    const { device, monitor } = setup();
    device.send({ status: 'over_limit', unit: 'kg', raw: 0xffff });
    expect(monitor.snapshot().state.kind).toBe('over_range');
    device.send({ status: 'under_zero', unit: 'g', raw: 14 });
    expect(monitor.snapshot().state).toEqual({ kind: 'negative', grams: -14 });
  });

  it('unplugged: the device error closes the scale, and silence alone also counts', async () => {
    const silent = setup({ unpluggedAfterMs: 150 });
    silent.device.send({ status: 'stable', unit: 'g', raw: 500 });
    await expect.poll(() => silent.monitor.snapshot().state.kind, { timeout: 5_000 }).toBe('unplugged');
    expect(silent.monitor.snapshot().closed).toBe(false);

    const pulled = setup({ unpluggedAfterMs: 60_000 });
    pulled.device.send({ status: 'stable', unit: 'g', raw: 500 });
    pulled.device.unplug();
    expect(pulled.monitor.snapshot()).toMatchObject({ state: { kind: 'unplugged' }, closed: true });
    expect(pulled.seen.at(-1)).toMatchObject({ type: 'closed' });
  });
});

describe('typed weight', () => {
  it('is accepted at once and never comes unplugged', () => {
    const scale = new TypedScale('keyboard', clock, 'kg');
    const monitor = new ScaleMonitor({ scale, clock });
    try {
      expect(scale.enter('1,2.5')).toEqual({ ok: false, reason: 'not_a_number' });
      expect(monitor.snapshot().state.kind).toBe('waiting');
      expect(scale.enter('1.25')).toMatchObject({ ok: true, grams: 1250 });
      expect(monitor.snapshot().state).toMatchObject({
        kind: 'stable',
        grams: 1250,
        reading: { source: 'typed' },
      });
      expect(monitor.snapshot().state).toMatchObject({ kind: 'stable' });
    } finally {
      monitor.stop();
    }
  });
});
