import type { WorkingCalendar } from './calendars';
import {
  addDays,
  dayNumber,
  instantOf,
  localTimeOf,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
} from './local-date';

/**
 * Working days and working time on a market calendar. Every answer is computed from the
 * calendar's data (working week, holidays, substitution rule) in its time zone.
 *
 *   isWorkingDay(cal, date)                      → boolean
 *   dayOff(cal, date)                            → why a day is not worked (weekend / holiday name / substitute)
 *   addWorkingDays(cal, date, n)                 → the date n working days later (n < 0: earlier)
 *   addWorkingDaysAt(cal, ms, n)                 → the instant n working days later, same local time
 *   workingMinutesBetween(cal, fromMs, toMs, hours?) → working minutes in [from, to)
 *   workingHoursBetween(...)                     → the same in hours (minutes / 60)
 *   covers(cal, date)                            → whether the date's year has holiday data
 */
export interface WorkingHours {
  /** Minutes since local midnight; end > start. */
  startMinute: number;
  endMinute: number;
}

export type DayOff =
  | { kind: 'rest_day' }
  | { kind: 'holiday'; name: string }
  | { kind: 'substitute'; forDate: IsoDate; name: string };

interface Resolved {
  off: Map<IsoDate, DayOff>;
}

const resolved = new WeakMap<WorkingCalendar, Resolved>();

/** The calendar's holidays and their substitutes, computed once per calendar object. */
function resolve(cal: WorkingCalendar): Resolved {
  const cached = resolved.get(cal);
  if (cached) return cached;
  const off = new Map<IsoDate, DayOff>();
  const working = new Set(cal.workingWeek);
  for (const h of cal.holidays) off.set(h.date, { kind: 'holiday', name: h.name });
  const sorted = [...cal.holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rule = cal.substitution;
  for (const h of sorted) {
    if (h.fixed) continue;
    const wd = weekdayOf(h.date);
    if (rule.kind === 'us_federal') {
      const target = wd === 6 ? addDays(h.date, -1) : wd === 0 ? addDays(h.date, 1) : null;
      if (target !== null && !off.has(target))
        off.set(target, { kind: 'substitute', forDate: h.date, name: h.name });
    } else if (rule.kind === 'next_working_day' && rule.on.includes(wd as never)) {
      let d = addDays(h.date, 1);
      for (let i = 0; i < 14 && (!working.has(weekdayOf(d) as never) || off.has(d)); i++) d = addDays(d, 1);
      off.set(d, { kind: 'substitute', forDate: h.date, name: h.name });
    }
  }
  const value = { off };
  resolved.set(cal, value);
  return value;
}

export function covers(cal: WorkingCalendar, date: IsoDate): boolean {
  return cal.years.includes(parseIsoDate(date).year);
}

export function dayOff(cal: WorkingCalendar, date: IsoDate): DayOff | null {
  const holiday = resolve(cal).off.get(date);
  if (holiday) return holiday;
  return cal.workingWeek.includes(weekdayOf(date) as never) ? null : { kind: 'rest_day' };
}

export function isWorkingDay(cal: WorkingCalendar, date: IsoDate): boolean {
  return dayOff(cal, date) === null;
}

/** n working days after `date` (n = 0: the date itself, worked or not). Bounded to ten years. */
export function addWorkingDays(cal: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError('n must be a whole number');
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new RangeError('no working day within ten years');
    d = addDays(d, step);
    if (isWorkingDay(cal, d)) left -= 1;
  }
  return d;
}

/** The instant n working days after `ms`, at the same local time of day. */
export function addWorkingDaysAt(cal: WorkingCalendar, ms: number, n: number): number {
  const local = localTimeOf(ms, cal.timeZone);
  return (
    instantOf(addWorkingDays(cal, local.date, n), local.minute, cal.timeZone) +
    local.second * 1000 +
    (ms % 1000)
  );
}

const WHOLE_DAY: WorkingHours = { startMinute: 0, endMinute: 1440 };

/**
 * Working minutes in [fromMs, toMs): on working days only, within `hours` (default the whole
 * day) in the calendar's zone. Negative when `toMs` is before `fromMs` (time already overdue).
 */
export function workingMinutesBetween(
  cal: WorkingCalendar,
  fromMs: number,
  toMs: number,
  hours: WorkingHours = WHOLE_DAY,
): number {
  if (hours.startMinute < 0 || hours.endMinute > 1440 || hours.endMinute <= hours.startMinute) {
    throw new RangeError('working hours must lie within one day, end after start');
  }
  if (toMs < fromMs) return -workingMinutesBetween(cal, toMs, fromMs, hours);
  const first = localTimeOf(fromMs, cal.timeZone).date;
  const last = localTimeOf(toMs, cal.timeZone).date;
  const days = dayNumber(last) - dayNumber(first);
  if (days > 3660) throw new RangeError('more than ten years apart');
  let ms = 0;
  for (let i = 0, d = first; i <= days; i++, d = addDays(d, 1)) {
    if (!isWorkingDay(cal, d)) continue;
    const start = Math.max(fromMs, instantOf(d, hours.startMinute, cal.timeZone));
    const end = Math.min(
      toMs,
      hours.endMinute === 1440
        ? instantOf(addDays(d, 1), 0, cal.timeZone)
        : instantOf(d, hours.endMinute, cal.timeZone),
    );
    if (end > start) ms += end - start;
  }
  return Math.floor(ms / 60_000);
}

export function workingHoursBetween(
  cal: WorkingCalendar,
  fromMs: number,
  toMs: number,
  hours?: WorkingHours,
): number {
  return workingMinutesBetween(cal, fromMs, toMs, hours) / 60;
}
