import { describe, expect, it } from 'vitest';
import { casToReading, parseCasLine } from '../../../src/shared/scales/cas';
import { mtSicsCommand, mtSicsToReading, parseMtSicsLine } from '../../../src/shared/scales/mt-sics';

describe('MT-SICS answers', () => {
  it('reads stable and dynamic weights with their units', () => {
    const stable = parseMtSicsLine('S S      1.23 kg\r\n');
    expect(stable).toMatchObject({ kind: 'weight', command: 'S', stable: true, text: '1.23', unit: 'kg' });
    expect(mtSicsToReading(stable, 7)).toEqual({
      grams: 1230,
      stable: true,
      overRange: false,
      underZero: false,
      reported: { text: '1.23', unit: 'kg' },
      at: 7,
      source: 'mt-sics',
    });
    expect(mtSicsToReading(parseMtSicsLine('S D    250.4 g'), 0)).toMatchObject({
      grams: 250,
      stable: false,
    });
    expect(mtSicsToReading(parseMtSicsLine('S S     -0.50 kg'), 0)).toMatchObject({
      grams: -500,
      underZero: true,
    });
    expect(mtSicsToReading(parseMtSicsLine('S S      2.20 lb'), 0)).toMatchObject({ grams: 998 });
  });

  it('reads busy, over, under, zero, tare and the three errors', () => {
    expect(parseMtSicsLine('S I')).toEqual({ kind: 'busy', command: 'S' });
    expect(mtSicsToReading(parseMtSicsLine('S +'), 0)).toMatchObject({ overRange: true, grams: 0 });
    expect(mtSicsToReading(parseMtSicsLine('S -'), 0)).toMatchObject({ underZero: true });
    expect(parseMtSicsLine('Z A')).toEqual({ kind: 'zeroed' });
    expect(parseMtSicsLine('Z I')).toEqual({ kind: 'busy', command: 'Z' });
    expect(parseMtSicsLine('T S    100.00 g')).toMatchObject({
      kind: 'weight',
      command: 'T',
      text: '100.00',
    });
    expect(parseMtSicsLine('T +')).toEqual({ kind: 'over', command: 'T' });
    expect(parseMtSicsLine('ES')).toMatchObject({ kind: 'error', code: 'ES' });
    expect(parseMtSicsLine('ET')).toMatchObject({ kind: 'error', code: 'ET' });
    expect(parseMtSicsLine('EL')).toMatchObject({ kind: 'error', code: 'EL' });
  });

  it('says why a line is unreadable', () => {
    expect(parseMtSicsLine('S S      1.2.3 kg')).toMatchObject({
      kind: 'unreadable',
      why: '"1.2.3" is not a number',
    });
    expect(parseMtSicsLine('S S      1.23 furlong')).toMatchObject({ kind: 'unreadable' });
    expect(parseMtSicsLine('hello')).toMatchObject({ kind: 'unreadable', why: 'not an MT-SICS answer' });
    expect(mtSicsToReading(parseMtSicsLine('Z A'), 0)).toBeNull();
  });

  it('writes commands with CR LF', () => {
    expect(mtSicsCommand('SI')).toBe('SI\r\n');
  });
});

describe('CAS lines', () => {
  it('reads stable, unstable, net and negative weights', () => {
    expect(casToReading(parseCasLine('ST,GS,+ 1.500kg'), 3)).toEqual({
      grams: 1500,
      stable: true,
      overRange: false,
      underZero: false,
      reported: { text: '1.500', unit: 'kg' },
      at: 3,
      source: 'cas',
    });
    expect(casToReading(parseCasLine('US,GS,+  0.812kg'), 0)).toMatchObject({ grams: 812, stable: false });
    expect(casToReading(parseCasLine('ST,NT,+0001.250kg'), 0)).toMatchObject({ grams: 1250 });
    expect(casToReading(parseCasLine('ST,GS,-  0.020kg'), 0)).toMatchObject({ grams: -20, underZero: true });
    expect(casToReading(parseCasLine('ST,GS,+   3.30lb'), 0)).toMatchObject({ grams: 1497 });
  });

  it('reads overload and refuses garbage', () => {
    expect(casToReading(parseCasLine('OL,GS,+   .   kg'), 0)).toMatchObject({ overRange: true });
    expect(parseCasLine('XX,GS,+1.0kg')).toMatchObject({ kind: 'unreadable' });
    expect(parseCasLine('ST,GS,+ 1.5stone')).toMatchObject({ kind: 'unreadable' });
    expect(casToReading(parseCasLine('ST,TR,+ 0.100kg'), 0)).toBeNull();
  });
});
