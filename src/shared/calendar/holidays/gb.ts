import type { Holiday } from '../holiday';
import { holidays } from '../holiday';

/**
 * United Kingdom bank holidays, per nation (gov.uk/bank-holidays publishes all three through
 * 2027). The list holds the days themselves; a day on a weekend is substituted on the next
 * working day by the calendar's rule, which reproduces gov.uk's "substitute day" entries (the
 * tests compare them).
 */
const GOV_UK = {
  kind: 'official',
  ref: 'gov.uk/bank-holidays (England and Wales, Scotland, Northern Ireland)',
} as const;

const common = (year: 2026 | 2027): Array<readonly [string, string]> =>
  year === 2026
    ? [
        ['2026-01-01', "New Year's Day"],
        ['2026-04-03', 'Good Friday'],
        ['2026-05-04', 'Early May bank holiday'],
        ['2026-05-25', 'Spring bank holiday'],
        ['2026-12-25', 'Christmas Day'],
        ['2026-12-26', 'Boxing Day'],
      ]
    : [
        ['2027-01-01', "New Year's Day"],
        ['2027-03-26', 'Good Friday'],
        ['2027-05-03', 'Early May bank holiday'],
        ['2027-05-31', 'Spring bank holiday'],
        ['2027-12-25', 'Christmas Day'],
        ['2027-12-26', 'Boxing Day'],
      ];

export const GB_ENGLAND_WALES_HOLIDAYS: readonly Holiday[] = holidays(GOV_UK, 'announced', [
  ...common(2026),
  ['2026-04-06', 'Easter Monday'],
  ['2026-08-31', 'Summer bank holiday'],
  ...common(2027),
  ['2027-03-29', 'Easter Monday'],
  ['2027-08-30', 'Summer bank holiday'],
]);

export const GB_SCOTLAND_HOLIDAYS: readonly Holiday[] = holidays(GOV_UK, 'announced', [
  ...common(2026),
  ['2026-01-02', '2nd January'],
  ['2026-08-03', 'Summer bank holiday'],
  ['2026-11-30', "St Andrew's Day"],
  ...common(2027),
  ['2027-01-02', '2nd January'],
  ['2027-08-02', 'Summer bank holiday'],
  ['2027-11-30', "St Andrew's Day"],
]);

export const GB_NORTHERN_IRELAND_HOLIDAYS: readonly Holiday[] = holidays(GOV_UK, 'announced', [
  ...common(2026),
  ['2026-03-17', "St Patrick's Day"],
  ['2026-04-06', 'Easter Monday'],
  ['2026-07-12', 'Battle of the Boyne (Orangemen’s Day)'],
  ['2026-08-31', 'Summer bank holiday'],
  ...common(2027),
  ['2027-03-17', "St Patrick's Day"],
  ['2027-03-29', 'Easter Monday'],
  ['2027-07-12', 'Battle of the Boyne (Orangemen’s Day)'],
  ['2027-08-30', 'Summer bank holiday'],
]);
