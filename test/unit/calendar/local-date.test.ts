import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOf,
  isTimeZone,
  localTimeOf,
  offsetMinutes,
  parseIsoDate,
  weekdayOf,
} from '../../../src/shared/calendar/local-date';

describe('dates and zones', () => {
  it('knows weekdays and adds days across months and leap years', () => {
    expect(weekdayOf('2026-01-01')).toBe(4);
    expect(weekdayOf('2028-02-29')).toBe(2);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-2-3')).toThrow(RangeError);
  });

  it('maps instants to local time and back, Bangkok and London', () => {
    const t = Date.UTC(2026, 5, 1, 3, 30); // 10:30 in Bangkok
    expect(localTimeOf(t, 'Asia/Bangkok')).toEqual({ date: '2026-06-01', minute: 630, second: 0 });
    expect(instantOf('2026-06-01', 630, 'Asia/Bangkok')).toBe(t);
    expect(offsetMinutes(t, 'Europe/London')).toBe(60);
    expect(offsetMinutes(Date.UTC(2026, 0, 1), 'Europe/London')).toBe(0);
    expect(instantOf('2026-07-01', 9 * 60, 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 8));
    expect(instantOf('2026-12-24', 23 * 60, 'America/New_York')).toBe(Date.UTC(2026, 11, 25, 4));
  });

  it('handles the daylight-saving changes: a skipped hour moves on, a doubled one is the first', () => {
    // London springs forward at 01:00 UTC on 29 Mar 2026; 01:30 local does not exist.
    expect(instantOf('2026-03-29', 90, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // Falls back at 01:00 UTC on 25 Oct 2026; 01:30 local happens at 00:30 and at 01:30 UTC.
    expect(instantOf('2026-10-25', 90, 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(instantOf('2026-10-25', 0, 'Europe/London')).toBe(Date.UTC(2026, 9, 24, 23, 0));
  });

  it('refuses unknown zones', () => {
    expect(isTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimeZone('Asia/Saigon_City')).toBe(false);
  });
});
