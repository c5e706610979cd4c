import { describe, expect, it } from 'vitest';
import {
  CarrierTimeError,
  carrierTimeFromEpoch,
  parseCarrierTime,
  resolveTimeZone,
} from '../../../src/main/carriers/carrier-time';

describe('carrier times', () => {
  it('keeps an offset the carrier gave, in any of the spellings carriers use', () => {
    expect(parseCarrierTime('2026-05-01T09:30:00+07:00', 'UTC')).toEqual({
      occurredAt: '2026-05-01T09:30:00+07:00',
      occurredAtMs: Date.UTC(2026, 4, 1, 2, 30),
    });
    expect(parseCarrierTime('2026-05-01T09:30:00+0800', 'UTC').occurredAt).toBe('2026-05-01T09:30:00+08:00');
    expect(parseCarrierTime('2026-05-01 09:30:00 +08', 'UTC').occurredAt).toBe('2026-05-01T09:30:00+08:00');
    expect(parseCarrierTime('2026-05-01T09:30:00.250Z', 'Asia/Bangkok')).toEqual({
      occurredAt: '2026-05-01T09:30:00.250Z',
      occurredAtMs: Date.UTC(2026, 4, 1, 9, 30, 0, 250),
    });
    expect(parseCarrierTime('2026-05-01T09:30:00-05:00', 'UTC').occurredAtMs).toBe(
      Date.UTC(2026, 4, 1, 14, 30),
    );
  });

  it("gives a bare local time the market's zone: TH +07:00, VN +07:00, MY +08:00", () => {
    const zone = (market: 'TH' | 'VN' | 'MY') => resolveTimeZone({ market });
    expect(parseCarrierTime('2026-05-01 13:45:00', zone('TH'))).toEqual({
      occurredAt: '2026-05-01T13:45:00+07:00',
      occurredAtMs: Date.UTC(2026, 4, 1, 6, 45),
    });
    expect(parseCarrierTime('2026-05-01 13:45:00', zone('VN')).occurredAt).toBe('2026-05-01T13:45:00+07:00');
    expect(parseCarrierTime('2026-05-01 13:45:00', zone('MY'))).toEqual({
      occurredAt: '2026-05-01T13:45:00+08:00',
      occurredAtMs: Date.UTC(2026, 4, 1, 5, 45),
    });
    expect(parseCarrierTime('2026-05-01', zone('MY')).occurredAt).toBe('2026-05-01T00:00:00+08:00');
  });

  it('follows a zone with summer time, and an explicit zone wins over the market', () => {
    expect(parseCarrierTime('2026-07-01 12:00:00', 'Europe/London').occurredAt).toBe(
      '2026-07-01T12:00:00+01:00',
    );
    expect(parseCarrierTime('2026-01-15 12:00:00', 'Europe/London').occurredAt).toBe(
      '2026-01-15T12:00:00+00:00',
    );
    expect(resolveTimeZone({ market: 'TH', timeZone: 'Asia/Jakarta' })).toBe('Asia/Jakarta');
    expect(() => resolveTimeZone({})).toThrow(CarrierTimeError);
  });

  it('refuses what is not a real date and time, quoting it', () => {
    for (const bad of [
      '2026-02-30 10:00:00',
      '2026-05-01 24:00:00',
      '2026-05-01 10:61',
      'yesterday',
      '',
      '2026-05-01T10:00:00+15:00',
    ]) {
      expect(() => parseCarrierTime(bad, 'UTC'), bad).toThrow(CarrierTimeError);
    }
    expect(() => parseCarrierTime('next tuesday', 'UTC')).toThrow('"next tuesday"');
  });

  it('shows an epoch instant in a zone', () => {
    expect(carrierTimeFromEpoch(Date.UTC(2026, 4, 1, 6, 45), 'Asia/Bangkok')).toEqual({
      occurredAt: '2026-05-01T13:45:00+07:00',
      occurredAtMs: Date.UTC(2026, 4, 1, 6, 45),
    });
  });
});
