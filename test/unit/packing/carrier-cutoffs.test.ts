import { describe, expect, it } from 'vitest';
import { calendarForMarket, workingCalendar } from '../../../src/shared/calendar/calendars';
import { instantOf } from '../../../src/shared/calendar/local-date';
import {
  DEFAULT_CUTOFFS,
  cutoffRowFor,
  cutoffRowSchema,
  mergeCutoffRows,
  nextCutoff,
  type CutoffRow,
} from '../../../src/shared/packing/carrier-cutoffs';

const KL = 'Asia/Kuala_Lumpur';
const row = (over: Partial<CutoffRow> = {}): CutoffRow => ({
  carrier: 'jnt-my',
  market: 'MY',
  lastPickup: '17:00',
  days: null,
  ...over,
});
const at = (date: string, hhmm: string, zone = KL) => {
  const [h, m] = hhmm.split(':').map(Number);
  return instantOf(date, (h ?? 0) * 60 + (m ?? 0), zone);
};

describe('the next cut-off after a parcel was packed', () => {
  const my = calendarForMarket('MY');

  it('is today’s pickup when packed before it, tomorrow’s when packed after', () => {
    // Thursday 2026-01-15.
    expect(nextCutoff({ row: row(), fromMs: at('2026-01-15', '09:10'), timeZone: KL, calendar: my })).toBe(
      at('2026-01-15', '17:00'),
    );
    expect(nextCutoff({ row: row(), fromMs: at('2026-01-15', '17:00'), timeZone: KL, calendar: my })).toBe(
      at('2026-01-15', '17:00'),
    );
    expect(nextCutoff({ row: row(), fromMs: at('2026-01-15', '17:01'), timeZone: KL, calendar: my })).toBe(
      at('2026-01-16', '17:00'),
    );
  });

  it('skips the weekend of the market’s working week, and a public holiday', () => {
    // Friday evening → Monday.
    expect(nextCutoff({ row: row(), fromMs: at('2026-01-16', '18:00'), timeZone: KL, calendar: my })).toBe(
      at('2026-01-19', '17:00'),
    );
    // Kedah works Sunday–Thursday: Thursday evening → Sunday.
    const kedah = { ...calendarForMarket('MY'), workingWeek: [0, 1, 2, 3, 4] as const, holidays: [] };
    expect(nextCutoff({ row: row(), fromMs: at('2026-01-15', '18:00'), timeZone: KL, calendar: kedah })).toBe(
      at('2026-01-18', '17:00'),
    );
    // Kuala Lumpur keeps both days of Chinese New Year (17 and 18 February 2026): Monday evening → Thursday.
    const kl = workingCalendar('MY-14');
    expect(nextCutoff({ row: row(), fromMs: at('2026-02-16', '18:00'), timeZone: KL, calendar: kl })).toBe(
      at('2026-02-19', '17:00'),
    );
  });

  it('takes a row’s own pickup days as written (Saturday pickups, holidays included)', () => {
    const saturdays = row({ days: [1, 2, 3, 4, 5, 6] });
    expect(
      nextCutoff({ row: saturdays, fromMs: at('2026-01-16', '18:00'), timeZone: KL, calendar: my }),
    ).toBe(at('2026-01-17', '17:00'));
    const holiday = '2026-02-17';
    const kl = workingCalendar('MY-14');
    expect(nextCutoff({ row: saturdays, fromMs: at(holiday, '08:00'), timeZone: KL, calendar: kl })).toBe(
      at(holiday, '17:00'),
    );
  });

  it('is the dock’s local time in its own zone (Ho Chi Minh City, London across the clock change)', () => {
    const vn = calendarForMarket('VN');
    const hcm = 'Asia/Ho_Chi_Minh';
    // Vietnam works Monday–Saturday: Saturday morning still has a pickup at 14:00 local (07:00 UTC).
    const sat = nextCutoff({
      row: row({ carrier: 'tiktok-platform', market: 'VN', lastPickup: '14:00' }),
      fromMs: at('2026-01-17', '10:00', hcm),
      timeZone: hcm,
      calendar: vn,
    });
    expect(sat).toBe(Date.UTC(2026, 0, 17, 7, 0));
    // London: Friday 27 March 2026 after the pickup → Monday 30 March, already on summer time (UTC+1).
    const gb = calendarForMarket('GB');
    const london = nextCutoff({
      row: row({ carrier: 'ups', market: 'GB' }),
      fromMs: Date.UTC(2026, 2, 27, 18, 0),
      timeZone: 'Europe/London',
      calendar: gb,
    });
    expect(london).toBe(Date.UTC(2026, 2, 30, 16, 0));
  });

  it('finds the row: exact market, then the carrier anywhere, then the catch-all; overrides hide defaults', () => {
    const rows = mergeCutoffRows<CutoffRow>(
      [row({ lastPickup: '19:00' }), row({ carrier: 'ghn', market: '*', lastPickup: '15:30' })],
      DEFAULT_CUTOFFS,
    );
    expect(cutoffRowFor(rows, 'jnt-my', 'MY').lastPickup).toBe('19:00');
    expect(rows.filter((r) => r.carrier === 'jnt-my' && r.market === 'MY')).toHaveLength(1);
    expect(cutoffRowFor(rows, 'ghn', 'TH').lastPickup).toBe('15:30');
    expect(cutoffRowFor(rows, 'ghn', 'VN').lastPickup).toBe('17:00');
    expect(cutoffRowFor(rows, 'unknown', 'TH')).toMatchObject({
      carrier: '*',
      market: '*',
      lastPickup: '17:00',
    });
  });

  it('accepts only HH:MM times and weekday numbers, and says where each default comes from', () => {
    expect(cutoffRowSchema.safeParse(row({ lastPickup: '24:00' })).success).toBe(false);
    expect(cutoffRowSchema.safeParse(row({ lastPickup: '7:00' })).success).toBe(false);
    expect(cutoffRowSchema.safeParse({ ...row(), days: [7] }).success).toBe(false);
    expect(cutoffRowSchema.parse(row({ days: [5, 1, 1] })).days).toEqual([1, 5]);
    for (const d of DEFAULT_CUTOFFS)
      expect(d.source.ref.length, `${d.carrier} ${d.market}`).toBeGreaterThan(10);
  });
});
