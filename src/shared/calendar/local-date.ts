/**
 * Calendar dates (`YYYY-MM-DD`, no time zone) and instants in a market's time zone, with the
 * platform's own Intl — available in Node and in the browser alike, so this stays in src/shared.
 * Dates are computed on their own (days since the epoch), never through a `Date` at local midnight,
 * so daylight-saving changes cannot shift a day.
 */
export type IsoDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a date: ${date}`);
  }
  return { year, month, day };
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export interface LocalTime {
  date: IsoDate;
  /** Minutes since local midnight. */
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and time of an instant in `timeZone` (an IANA name such as Asia/Bangkok). */
export function localTimeOf(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at an instant, in minutes (Bangkok +420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const local = localTimeOf(ms, timeZone);
  const asUtc = dayNumber(local.date) * 86_400_000 + local.minute * 60_000 + local.second * 1000;
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a local wall-clock time happens in `timeZone`. A time skipped by a spring-forward
 * change is taken as the same number of minutes after the change; a time that happens twice (the
 * autumn hour) is its first occurrence.
 */
export function instantOf(date: IsoDate, minuteOfDay: number, timeZone: string): number {
  const wall = dayNumber(date) * 86_400_000 + minuteOfDay * 60_000;
  const matches = (ms: number) => {
    const t = localTimeOf(ms, timeZone);
    return t.date === date && t.minute === minuteOfDay;
  };
  // Two rounds of "guess the offset, look again" settle every real zone.
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  const second = wall - offsetMinutes(guess, timeZone) * 60_000;
  if (second !== guess)
    guess = matches(Math.min(guess, second)) ? Math.min(guess, second) : Math.max(guess, second);
  // The autumn hour: the same wall time under the offset of a few hours before, if it is earlier.
  const before = wall - offsetMinutes(guess - 3 * 3_600_000, timeZone) * 60_000;
  return before < guess && matches(before) ? before : guess;
}

/** Whether Intl knows the zone (a typo in a configuration must fail loudly, not as UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `2026-06-08T17:05:00+07:00`: the instant as the zone's wall clock, with its offset. */
export function formatLocalIso(ms: number, timeZone: string): string {
  const t = localTimeOf(ms, timeZone);
  const off = offsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.date}T${two(Math.floor(t.minute / 60))}:${two(t.minute % 60)}:${two(t.second)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
