import type { Holiday } from '../holiday';
import { holidays } from '../holiday';

/**
 * Vietnam (Labour Code 2019, art. 112: New Year, five days of Tết, Hùng Kings' day, 30 April,
 * 1 May, National Day and one day next to it). Tết and the day next to National Day are fixed by
 * the government each year; they are listed as the days off, `fixed`. A holiday on the weekly
 * rest day (Sunday: the market works Monday–Saturday) is taken on the next working day.
 * 2026: Tết Bính Ngọ 16–20 Feb as scheduled for 2026 (community reports of the ministry's
 * schedule); the day next to National Day is ours (1 Sep) until announced. 2027: computed by us
 * from the lunar calendar (Tết Đinh Mùi: 6 Feb is the first day), provisional.
 */
const LAW = { kind: 'official', ref: 'Labour Code 2019 art. 112 (fixed-date holidays)' } as const;
const TET_2026 = {
  kind: 'community',
  ref: 'Tết 2026 schedule as reported from the labour ministry (16–20 Feb)',
} as const;
const OURS = {
  kind: 'ours',
  ref: 'computed from the lunar calendar / the government has not announced it',
} as const;

export const VN_HOLIDAYS: readonly Holiday[] = [
  ...holidays(LAW, 'announced', [
    ['2026-01-01', "New Year's Day"],
    ['2026-04-30', 'Reunification Day'],
    ['2026-05-01', 'International Labour Day'],
    ['2026-09-02', 'National Day'],
    ['2027-01-01', "New Year's Day"],
    ['2027-04-30', 'Reunification Day'],
    ['2027-05-01', 'International Labour Day'],
    ['2027-09-02', 'National Day'],
  ]),
  ...holidays(
    TET_2026,
    'announced',
    [
      ['2026-02-16', 'Tết (Lunar New Year)'],
      ['2026-02-17', 'Tết (Lunar New Year)'],
      ['2026-02-18', 'Tết (Lunar New Year)'],
      ['2026-02-19', 'Tết (Lunar New Year)'],
      ['2026-02-20', 'Tết (Lunar New Year)'],
    ],
    true,
  ),
  ...holidays({ kind: 'community', ref: 'lunar 10/3 Bính Ngọ (holiday calendars)' }, 'announced', [
    ['2026-04-26', "Hùng Kings' Commemoration Day"],
  ]),
  ...holidays(OURS, 'provisional', [['2026-09-01', 'National Day (adjacent day)']], true),
  ...holidays(
    OURS,
    'provisional',
    [
      ['2027-02-05', 'Tết (Lunar New Year)'],
      ['2027-02-06', 'Tết (Lunar New Year)'],
      ['2027-02-08', 'Tết (Lunar New Year)'],
      ['2027-02-09', 'Tết (Lunar New Year)'],
      ['2027-02-10', 'Tết (Lunar New Year)'],
      ['2027-09-03', 'National Day (adjacent day)'],
    ],
    true,
  ),
  ...holidays(OURS, 'provisional', [['2027-04-16', "Hùng Kings' Commemoration Day"]]),
];
