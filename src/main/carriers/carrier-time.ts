/**
 * Carrier times into the model's (occurredAt: ISO 8601 with the carrier's own offset, occurredAtMs).
 * A parcel's local time matters (a "delivered at 23:50" is judged against the market's day), so an
 * offset the carrier gives is kept as given; a carrier that sends a bare local time ("2026-05-01
 * 13:45:00") gets the market's zone from the connector's configuration. Anything else is refused
 * with the raw value in the message, never guessed.
 */

/** Markets with one time zone; others (ID, US) set `timeZone` in the connector configuration. */
export const MARKET_TIME_ZONES = {
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  MY: 'Asia/Kuala_Lumpur',
  SG: 'Asia/Singapore',
  PH: 'Asia/Manila',
  GB: 'Europe/London',
} as const;
export type Market = keyof typeof MARKET_TIME_ZONES;
export const MARKETS = Object.keys(MARKET_TIME_ZONES) as [Market, ...Market[]];

export class CarrierTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CarrierTimeError';
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone a connector applies to bare local times: its explicit `timeZone`, else its market's. */
export function resolveTimeZone(config: {
  market?: Market | undefined;
  timeZone?: string | undefined;
}): string {
  if (config.timeZone !== undefined) return config.timeZone;
  if (config.market !== undefined) return MARKET_TIME_ZONES[config.market];
  throw new CarrierTimeError('the connector needs a market or a timeZone for times sent without an offset');
}

export interface CarrierTime {
  occurredAt: string;
  occurredAtMs: number;
}

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseCarrierTime(raw: string, timeZone: string): CarrierTime {
  const m = TIME.exec(raw.trim());
  if (!m) throw new CarrierTimeError(`not a date and time: ${JSON.stringify(raw.slice(0, 40))}`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac, zone] = m;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    ms: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  const wall = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.ms,
  );
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== fields.year ||
    back.getUTCMonth() !== fields.month - 1 ||
    back.getUTCDate() !== fields.day ||
    fields.hour > 23 ||
    fields.minute > 59 ||
    fields.second > 59
  ) {
    throw new CarrierTimeError(`not a real date and time: ${JSON.stringify(raw.slice(0, 40))}`);
  }
  let offsetMinutes: number;
  if (zone === undefined) {
    offsetMinutes = localOffsetMinutes(timeZone, wall);
  } else if (zone === 'Z') {
    offsetMinutes = 0;
  } else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 14 || minutes > 59) throw new CarrierTimeError(`not a UTC offset: ${zone}`);
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const occurredAtMs = wall - offsetMinutes * 60_000;
  const pad = (n: number, w = 2) => n.toString().padStart(w, '0');
  const stamp =
    `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}T${pad(fields.hour)}:${pad(fields.minute)}:${pad(fields.second)}` +
    (fields.ms ? `.${pad(fields.ms, 3)}` : '');
  return { occurredAt: stamp + (zone === 'Z' ? 'Z' : formatOffset(offsetMinutes)), occurredAtMs };
}

/** An epoch instant shown in a zone, for sources that send ms since the epoch. */
export function carrierTimeFromEpoch(ms: number, timeZone: string): CarrierTime {
  const offset = offsetAt(timeZone, ms);
  const local = new Date(ms + offset * 60_000).toISOString().replace(/\.000Z$|Z$/, '');
  return { occurredAt: local + formatOffset(offset), occurredAtMs: ms };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)
    .toString()
    .padStart(2, '0')}:${(abs % 60).toString().padStart(2, '0')}`;
}

/** The zone's offset for a wall-clock time (given as if it were UTC), across DST changes. */
function localOffsetMinutes(timeZone: string, wallAsUtc: number): number {
  const first = offsetAt(timeZone, wallAsUtc);
  const second = offsetAt(timeZone, wallAsUtc - first * 60_000);
  return second;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at an instant. */
function offsetAt(timeZone: string, utcMs: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  const name = f.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m || m[1] === undefined) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
