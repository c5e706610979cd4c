import type { Holiday } from '../holiday';
import { holidays } from '../holiday';

/**
 * United States federal holidays (5 U.S.C. 6103, as OPM publishes the dates). The federal rule
 * moves a Saturday holiday to the Friday before and a Sunday one to the Monday after — so New
 * Year's Day 2028, a Saturday, is observed on Friday 31 December 2027 and is listed here.
 * USPS does not deliver on these days; UPS and FedEx work on some of them (Columbus Day,
 * Veterans Day) — a carrier calendar can remove them.
 */
const OPM = { kind: 'official', ref: '5 U.S.C. 6103; OPM federal holiday schedule' } as const;

export const US_FEDERAL_HOLIDAYS: readonly Holiday[] = holidays(OPM, 'announced', [
  ['2026-01-01', "New Year's Day"],
  ['2026-01-19', 'Birthday of Martin Luther King, Jr.'],
  ['2026-02-16', "Washington's Birthday"],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth National Independence Day'],
  ['2026-07-04', 'Independence Day'],
  ['2026-09-07', 'Labor Day'],
  ['2026-10-12', 'Columbus Day'],
  ['2026-11-11', 'Veterans Day'],
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-12-25', 'Christmas Day'],
  ['2027-01-01', "New Year's Day"],
  ['2027-01-18', 'Birthday of Martin Luther King, Jr.'],
  ['2027-02-15', "Washington's Birthday"],
  ['2027-05-31', 'Memorial Day'],
  ['2027-06-19', 'Juneteenth National Independence Day'],
  ['2027-07-04', 'Independence Day'],
  ['2027-09-06', 'Labor Day'],
  ['2027-10-11', 'Columbus Day'],
  ['2027-11-11', 'Veterans Day'],
  ['2027-11-25', 'Thanksgiving Day'],
  ['2027-12-25', 'Christmas Day'],
  ['2028-01-01', "New Year's Day"],
]);
