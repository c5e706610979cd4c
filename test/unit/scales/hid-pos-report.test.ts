import { describe, expect, it } from 'vitest';
import { hidReportToReading, parseHidScaleReport } from '../../../src/shared/scales/hid-pos-report';
import { hidScaleReport } from '../../../src/main/scales/fake-scale';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('HID POS scale reports', () => {
  it('reads a node-hid buffer (report id first) and a WebHID payload (id apart) the same', () => {
    // 100.0 oz, stable: status 4, unit 11 (oz), exponent 0xFF (−1), weight 1000 = 0x03E8.
    const nodeHid = parseHidScaleReport(bytes(3, 4, 11, 0xff, 0xe8, 0x03));
    const webHid = parseHidScaleReport(bytes(4, 11, 0xff, 0xe8, 0x03), 3);
    expect(nodeHid).toEqual(webHid);
    expect(nodeHid).toEqual({
      ok: true,
      report: { status: 'stable', statusCode: 4, unit: 'oz', unitCode: 11, exponent: -1, raw: 1000 },
    });
    if (!nodeHid.ok) throw new Error('unreachable');
    expect(hidReportToReading(nodeHid.report, 42)).toEqual({
      grams: 2835,
      stable: true,
      overRange: false,
      underZero: false,
      reported: { text: '100.0', unit: 'oz' },
      at: 42,
      source: 'hid-pos',
    });
  });

  it('reads grams, kilograms and pounds with their exponents', () => {
    const cases: Array<[number[], number, string]> = [
      [[3, 4, 2, 0, 0x34, 0x12], 0x1234, 'g'], // 4660 g
      [[3, 4, 3, 0xfd, 0xd2, 0x04], 1234, 'kg'], // 1.234 kg
      [[3, 4, 12, 0xfe, 0x7b, 0x00], 1219, 'lb'], // 1.23 lb = 557.93 g → 558
    ];
    const grams = cases.map(([b]) => {
      const p = parseHidScaleReport(new Uint8Array(b));
      if (!p.ok) throw new Error(p.detail);
      return hidReportToReading(p.report, 0).grams;
    });
    expect(grams).toEqual([4660, 1234, 558]);
  });

  it('names every state: zero, in motion, under zero, over the limit', () => {
    const state = (b: number[]) => {
      const p = parseHidScaleReport(new Uint8Array(b));
      if (!p.ok) throw new Error(p.detail);
      const r = hidReportToReading(p.report, 0);
      return [p.report.status, r.grams, r.stable, r.overRange, r.underZero];
    };
    expect(state([3, 2, 2, 0, 0, 0])).toEqual(['zero', 0, true, false, false]);
    expect(state([3, 3, 2, 0, 0x10, 0x00])).toEqual(['in_motion', 16, false, false, false]);
    expect(state([3, 5, 2, 0, 0x0a, 0x00])).toEqual(['under_zero', -10, false, false, true]);
    expect(state([3, 6, 2, 0, 0xff, 0xff])).toEqual(['over_limit', 0, false, true, false]);
    // A zero report with unit 0 (some models) weighs nothing.
    expect(state([3, 2, 0, 0, 0, 0])).toEqual(['zero', 0, true, false, false]);
  });

  it('refuses what is not a weight report, clearly', () => {
    expect(parseHidScaleReport(bytes(4, 1, 2, 3, 4, 5))).toMatchObject({
      ok: false,
      reason: 'not_a_weight_report',
    });
    expect(parseHidScaleReport(bytes(3, 4, 2))).toMatchObject({ ok: false, reason: 'too_short' });
    expect(parseHidScaleReport(bytes(3, 9, 2, 0, 1, 0))).toMatchObject({
      ok: false,
      reason: 'unknown_status',
    });
    expect(parseHidScaleReport(bytes(3, 4, 5, 0, 1, 0))).toMatchObject({ ok: false, reason: 'unknown_unit' }); // taels
    expect(parseHidScaleReport(bytes())).toMatchObject({ ok: false, reason: 'not_a_weight_report' });
  });

  it('the fake scale writes the bytes a real one sends', () => {
    expect([...hidScaleReport({ status: 'stable', unit: 'oz', exponent: -1, raw: 1000 })]).toEqual([
      3, 4, 11, 0xff, 0xe8, 0x03,
    ]);
    expect([...hidScaleReport({ status: 'in_motion', unit: 'g', raw: 258, withReportId: false })]).toEqual([
      3, 2, 0, 2, 1,
    ]);
  });
});
