import { describe, expect, it } from 'vitest';
import {
  WORKING_CALENDARS,
  calendarForMarket,
  workingCalendar,
} from '../../../src/shared/calendar/calendars';
import { addDays, parseIsoDate, weekdayOf } from '../../../src/shared/calendar/local-date';
import {
  addWorkingDays,
  addWorkingDaysAt,
  covers,
  dayOff,
  isWorkingDay,
  workingHoursBetween,
  workingMinutesBetween,
} from '../../../src/shared/calendar/working-days';

const offDays = (id: string, from: string, to: string) => {
  const cal = workingCalendar(id);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const off = dayOff(cal, d);
    if (off && off.kind !== 'rest_day') out.push(`${d} ${off.kind}`);
  }
  return out;
};

/** The n-th (1-based; -1 = last) given weekday of a month, by counting — independent of the data. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const days: string[] = [];
  for (
    let d = `${String(year)}-${String(month).padStart(2, '0')}-01`;
    parseIsoDate(d).month === month;
    d = addDays(d, 1)
  ) {
    if (weekdayOf(d) === weekday) days.push(d);
  }
  return (n === -1 ? days.at(-1) : days[n - 1]) ?? '';
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('holiday data', () => {
  it('every calendar: valid dates inside its years, named, sourced, no date twice', () => {
    for (const cal of WORKING_CALENDARS) {
      const dates = cal.holidays.map((h) => h.date);
      expect(new Set(dates).size, `${cal.id} lists a date twice`).toBe(dates.length);
      for (const h of cal.holidays) {
        const { year } = parseIsoDate(h.date);
        // US lists New Year 2028 for its observed day, 31 Dec 2027.
        expect(
          cal.years.includes(year) || (cal.id === 'US' && h.date === '2028-01-01'),
          `${cal.id} ${h.date}`,
        ).toBe(true);
        expect(h.name.length).toBeGreaterThan(2);
        expect(h.source.ref.length).toBeGreaterThan(5);
      }
    }
  });

  it('US: the dates follow 5 U.S.C. 6103 and its weekend rule', () => {
    const us = workingCalendar('US');
    for (const year of [2026, 2027]) {
      const expected = [
        nthWeekday(year, 1, 1, 3), // MLK: third Monday of January
        nthWeekday(year, 2, 1, 3), // Washington's Birthday
        nthWeekday(year, 5, 1, -1), // Memorial Day: last Monday of May
        nthWeekday(year, 9, 1, 1), // Labor Day
        nthWeekday(year, 10, 1, 2), // Columbus Day
        nthWeekday(year, 11, 4, 4), // Thanksgiving: fourth Thursday
      ];
      for (const d of expected) expect(dayOff(us, d), d).toMatchObject({ kind: 'holiday' });
    }
    expect(offDays('US', '2026-07-01', '2026-07-06')).toEqual([
      '2026-07-03 substitute',
      '2026-07-04 holiday',
    ]);
    expect(offDays('US', '2027-06-17', '2027-06-21')).toEqual([
      '2027-06-18 substitute',
      '2027-06-19 holiday',
    ]);
    expect(offDays('US', '2027-07-03', '2027-07-06')).toEqual([
      '2027-07-04 holiday',
      '2027-07-05 substitute',
    ]);
    expect(offDays('US', '2027-12-23', '2027-12-31')).toEqual([
      '2027-12-24 substitute',
      '2027-12-25 holiday',
      '2027-12-31 substitute',
    ]);
  });

  it('GB: Easter by the computus, and gov.uk substitute days reproduced', () => {
    for (const id of ['GB', 'GB-NIR']) {
      for (const year of [2026, 2027]) {
        const sunday = easter(year);
        expect(
          dayOff(workingCalendar(id), addDays(sunday, -2)),
          `${id} Good Friday ${String(year)}`,
        ).toMatchObject({ kind: 'holiday' });
        expect(
          dayOff(workingCalendar(id), addDays(sunday, 1)),
          `${id} Easter Monday ${String(year)}`,
        ).toMatchObject({ kind: 'holiday' });
      }
    }
    expect(isWorkingDay(workingCalendar('GB-SCT'), addDays(easter(2026), 1))).toBe(true); // no Easter Monday in Scotland
    expect(offDays('GB', '2026-12-24', '2026-12-31')).toEqual([
      '2026-12-25 holiday',
      '2026-12-26 holiday',
      '2026-12-28 substitute',
    ]);
    expect(offDays('GB', '2027-12-24', '2027-12-31')).toEqual([
      '2027-12-25 holiday',
      '2027-12-26 holiday',
      '2027-12-27 substitute',
      '2027-12-28 substitute',
    ]);
    expect(offDays('GB-SCT', '2027-01-01', '2027-01-05')).toEqual([
      '2027-01-01 holiday',
      '2027-01-02 holiday',
      '2027-01-04 substitute',
    ]);
    expect(offDays('GB-NIR', '2026-07-10', '2026-07-14')).toEqual([
      '2026-07-12 holiday',
      '2026-07-13 substitute',
    ]);
  });

  it('TH: weekend holidays move to the next working day, past another holiday', () => {
    expect(offDays('TH', '2026-05-30', '2026-06-04')).toEqual([
      '2026-05-31 holiday',
      '2026-06-01 substitute',
      '2026-06-03 holiday',
    ]);
    expect(offDays('TH', '2026-12-04', '2026-12-08')).toEqual([
      '2026-12-05 holiday',
      '2026-12-07 substitute',
    ]);
    expect(offDays('TH', '2027-07-17', '2027-07-21')).toEqual([
      '2027-07-18 holiday',
      '2027-07-19 holiday',
      '2027-07-20 substitute',
    ]);
    expect(workingCalendar('TH').holidays.find((h) => h.date === '2027-07-18')?.status).toBe('provisional');
  });

  it('VN: Saturday is a working day; a Sunday holiday is taken on Monday; Tết days are fixed', () => {
    const vn = workingCalendar('VN');
    expect(isWorkingDay(vn, '2026-06-06')).toBe(true); // a Saturday
    expect(dayOff(vn, '2026-06-07')).toEqual({ kind: 'rest_day' });
    expect(offDays('VN', '2026-04-25', '2026-05-02')).toEqual([
      '2026-04-26 holiday',
      '2026-04-27 substitute',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
    ]);
    expect(offDays('VN', '2026-02-14', '2026-02-22')).toEqual([
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
    ]);
    expect(isWorkingDay(vn, '2026-02-21')).toBe(true);
  });

  it('MY: the working week and the substitution rule differ by state', () => {
    // Kuala Lumpur: Wesak on Sunday 31 May 2026 → Monday is the Agong's birthday → Tuesday.
    expect(offDays('MY-14', '2026-05-30', '2026-06-03')).toEqual([
      '2026-05-31 holiday',
      '2026-06-01 holiday',
      '2026-06-02 substitute',
    ]);
    const kedah = workingCalendar('MY-02');
    expect(isWorkingDay(kedah, '2026-06-07')).toBe(true); // Sunday
    expect(dayOff(kedah, '2026-06-05')).toEqual({ kind: 'rest_day' }); // Friday
    // Labour Day on Friday 1 May 2026 → Sunday 3 May in Kedah, nothing in KL (Friday is worked there).
    expect(offDays('MY-02', '2026-05-01', '2026-05-04')).toEqual([
      '2026-05-01 holiday',
      '2026-05-03 substitute',
    ]);
    expect(offDays('MY-14', '2026-05-01', '2026-05-04')).toEqual(['2026-05-01 holiday']);
    // Hari Raya Aidilfitri Sat 21 + Sun 22 Mar 2026: Kelantan replaces the Saturday → Monday 23.
    expect(offDays('MY-03', '2026-03-20', '2026-03-24')).toEqual([
      '2026-03-21 holiday',
      '2026-03-22 holiday',
      '2026-03-23 substitute',
    ]);
    expect(offDays('MY-14', '2026-03-20', '2026-03-24')).toEqual([
      '2026-03-21 holiday',
      '2026-03-22 holiday',
      '2026-03-23 substitute',
    ]);
    // Chinese New Year is one day in Kelantan and Terengganu, two elsewhere.
    expect(isWorkingDay(workingCalendar('MY-11'), '2026-02-18')).toBe(true);
    expect(isWorkingDay(workingCalendar('MY-14'), '2026-02-18')).toBe(false);
  });
});

describe('working time', () => {
  it('adds working days per market week', () => {
    expect(addWorkingDays(workingCalendar('VN'), '2026-06-05', 1)).toBe('2026-06-06'); // Fri → Sat
    expect(addWorkingDays(workingCalendar('TH'), '2026-06-05', 1)).toBe('2026-06-08'); // Fri → Mon
    expect(addWorkingDays(workingCalendar('MY-02'), '2026-06-04', 1)).toBe('2026-06-07'); // Thu → Sun
    expect(addWorkingDays(workingCalendar('TH'), '2026-04-10', 2)).toBe('2026-04-17'); // over Songkran
    expect(addWorkingDays(workingCalendar('TH'), '2026-04-17', -2)).toBe('2026-04-10');
    expect(addWorkingDays(workingCalendar('GB'), '2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays(workingCalendar('GB'), '2026-12-26', 0)).toBe('2026-12-26');
  });

  it('keeps the local time when adding working days to an instant, across a DST change', () => {
    const gb = workingCalendar('GB');
    const friday = Date.UTC(2026, 2, 27, 15, 0); // 15:00 GMT, Friday before the change
    expect(addWorkingDaysAt(gb, friday, 1)).toBe(Date.UTC(2026, 2, 30, 14, 0)); // 15:00 BST Monday
  });

  it('counts working minutes, skipping rest days and holidays, within shift hours', () => {
    const th = workingCalendar('TH');
    const fri17 = Date.UTC(2026, 5, 5, 10, 0); // 17:00 Bangkok, Friday 5 Jun
    const mon10 = Date.UTC(2026, 5, 8, 3, 0); // 10:00 Bangkok, Monday 8 Jun
    expect(workingMinutesBetween(th, fri17, mon10)).toBe(7 * 60 + 10 * 60);
    const shift = { startMinute: 9 * 60, endMinute: 18 * 60 };
    expect(workingMinutesBetween(th, fri17, mon10, shift)).toBe(120);
    expect(workingHoursBetween(th, fri17, mon10, shift)).toBe(2);
    expect(workingMinutesBetween(th, mon10, fri17, shift)).toBe(-120);
    // Vietnam works the Saturday in between.
    expect(workingMinutesBetween(workingCalendar('VN'), fri17, mon10, shift)).toBe(60 + 9 * 60 + 60);
    // London's spring-forward Sunday has 23 hours, when Sunday is worked; from Saturday to
    // Tuesday 00:00 UTC only Monday (24 h) and Tuesday's first BST hour are working time.
    const gb = workingCalendar('GB');
    const everyDay = { ...gb, workingWeek: [0, 1, 2, 3, 4, 5, 6] as const, holidays: [] };
    expect(workingMinutesBetween(everyDay, Date.UTC(2026, 2, 29, 0), Date.UTC(2026, 2, 29, 23))).toBe(
      23 * 60,
    );
    expect(workingMinutesBetween(gb, Date.UTC(2026, 2, 28, 0), Date.UTC(2026, 2, 31, 0))).toBe(24 * 60 + 60);
    expect(() => workingMinutesBetween(th, 0, 1, { startMinute: 600, endMinute: 500 })).toThrow(RangeError);
  });

  it('says which dates have holiday data', () => {
    const th = calendarForMarket('TH');
    expect(covers(th, '2027-12-31')).toBe(true);
    expect(covers(th, '2028-01-03')).toBe(false);
    expect(calendarForMarket('UK').id).toBe('GB');
    expect(workingCalendar('US', { timeZone: 'America/Los_Angeles' }).timeZone).toBe('America/Los_Angeles');
    expect(() => workingCalendar('XX')).toThrow(RangeError);
  });
});
