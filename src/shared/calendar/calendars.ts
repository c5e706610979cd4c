import type { Holiday } from './holiday';
import { GB_ENGLAND_WALES_HOLIDAYS, GB_NORTHERN_IRELAND_HOLIDAYS, GB_SCOTLAND_HOLIDAYS } from './holidays/gb';
import {
  MY_FEDERAL_HOLIDAYS,
  MY_KEDAH_HOLIDAYS,
  MY_KELANTAN_HOLIDAYS,
  MY_KUALA_LUMPUR_HOLIDAYS,
  MY_TERENGGANU_HOLIDAYS,
} from './holidays/my';
import { TH_HOLIDAYS } from './holidays/th';
import { US_FEDERAL_HOLIDAYS } from './holidays/us';
import { VN_HOLIDAYS } from './holidays/vn';

/**
 * Working-day calendars per market (and per state where the week differs): the working week,
 * the time zone, the public holidays as data, and how a holiday on a rest day is made up:
 *
 *   next_working_day — a holiday on one of `on` moves to the next day that is neither a rest day
 *                      nor a holiday (nor another substitute): TH, VN, MY, GB;
 *   us_federal       — Saturday → the Friday before, Sunday → the Monday after.
 *
 * `years` are the years whose holidays are in the data; outside them only the working week counts
 * and every answer says so (`covered: false`).
 */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type SubstitutionRule =
  { kind: 'next_working_day'; on: readonly Weekday[] } | { kind: 'us_federal' } | { kind: 'none' };

export interface WorkingCalendar {
  id: string;
  market: string;
  name: string;
  timeZone: string;
  /** 0 Sunday … 6 Saturday. */
  workingWeek: readonly Weekday[];
  holidays: readonly Holiday[];
  substitution: SubstitutionRule;
  years: readonly number[];
}

const MON_FRI: readonly Weekday[] = [1, 2, 3, 4, 5];
const YEARS = [2026, 2027] as const;

export const WORKING_CALENDARS: readonly WorkingCalendar[] = [
  {
    id: 'TH',
    market: 'TH',
    name: 'Thailand',
    timeZone: 'Asia/Bangkok',
    workingWeek: MON_FRI,
    holidays: TH_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0, 6] },
    years: YEARS,
  },
  {
    id: 'VN',
    market: 'VN',
    name: 'Vietnam (Monday–Saturday)',
    timeZone: 'Asia/Ho_Chi_Minh',
    workingWeek: [1, 2, 3, 4, 5, 6],
    holidays: VN_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0] },
    years: YEARS,
  },
  {
    id: 'MY',
    market: 'MY',
    name: 'Malaysia — federal holidays, Monday–Friday',
    timeZone: 'Asia/Kuala_Lumpur',
    workingWeek: MON_FRI,
    holidays: MY_FEDERAL_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0] },
    years: YEARS,
  },
  {
    id: 'MY-14',
    market: 'MY',
    name: 'Malaysia — Kuala Lumpur',
    timeZone: 'Asia/Kuala_Lumpur',
    workingWeek: MON_FRI,
    holidays: MY_KUALA_LUMPUR_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0] },
    years: YEARS,
  },
  {
    id: 'MY-02',
    market: 'MY',
    name: 'Malaysia — Kedah (Sunday–Thursday)',
    timeZone: 'Asia/Kuala_Lumpur',
    workingWeek: [0, 1, 2, 3, 4],
    holidays: MY_KEDAH_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [5] },
    years: YEARS,
  },
  {
    id: 'MY-03',
    market: 'MY',
    name: 'Malaysia — Kelantan (Sunday–Thursday)',
    timeZone: 'Asia/Kuala_Lumpur',
    workingWeek: [0, 1, 2, 3, 4],
    holidays: MY_KELANTAN_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [6] },
    years: YEARS,
  },
  {
    id: 'MY-11',
    market: 'MY',
    name: 'Malaysia — Terengganu (Sunday–Thursday)',
    timeZone: 'Asia/Kuala_Lumpur',
    workingWeek: [0, 1, 2, 3, 4],
    holidays: MY_TERENGGANU_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [6] },
    years: YEARS,
  },
  {
    id: 'GB',
    market: 'GB',
    name: 'United Kingdom — England and Wales',
    timeZone: 'Europe/London',
    workingWeek: MON_FRI,
    holidays: GB_ENGLAND_WALES_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0, 6] },
    years: YEARS,
  },
  {
    id: 'GB-SCT',
    market: 'GB',
    name: 'United Kingdom — Scotland',
    timeZone: 'Europe/London',
    workingWeek: MON_FRI,
    holidays: GB_SCOTLAND_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0, 6] },
    years: YEARS,
  },
  {
    id: 'GB-NIR',
    market: 'GB',
    name: 'United Kingdom — Northern Ireland',
    timeZone: 'Europe/London',
    workingWeek: MON_FRI,
    holidays: GB_NORTHERN_IRELAND_HOLIDAYS,
    substitution: { kind: 'next_working_day', on: [0, 6] },
    years: YEARS,
  },
  {
    id: 'US',
    market: 'US',
    name: 'United States — federal holidays',
    timeZone: 'America/New_York',
    workingWeek: MON_FRI,
    holidays: US_FEDERAL_HOLIDAYS,
    substitution: { kind: 'us_federal' },
    years: YEARS,
  },
];

/** A calendar by id; `timeZone` overrides the market's (a US warehouse in Los Angeles). */
export function workingCalendar(id: string, overrides: { timeZone?: string } = {}): WorkingCalendar {
  const found = WORKING_CALENDARS.find((c) => c.id === id);
  if (!found) throw new RangeError(`no working calendar "${id}"`);
  return overrides.timeZone ? { ...found, timeZone: overrides.timeZone } : found;
}

/** The market's default calendar (`UK` is accepted for GB). */
export function calendarForMarket(market: string): WorkingCalendar {
  return workingCalendar(market === 'UK' ? 'GB' : market);
}
