import type { Holiday } from '../holiday';
import { holidays } from '../holiday';

/**
 * Thailand. The cabinet adopts the year's list (the fixed dates, and the Buddhist days from the
 * Thai lunar calendar); a holiday on a Saturday or Sunday is substituted on the next working day.
 * 2026: the list as republished by holiday sites and embassies (community) — 2026 has the
 * doubled eighth lunar month, so Makha, Visakha and Asanha Bucha fall late (3 Mar, 31 May, 29 Jul).
 * 2027: the fixed dates, and the Buddhist days computed by us from the full moons (provisional
 * until the cabinet's announcement). Bridge days the cabinet adds during the year must be added.
 */
const LIST_2026 = {
  kind: 'community',
  ref: 'Thai cabinet holiday list 2026 as republished (embassy and holiday sites)',
} as const;
const FIXED = { kind: 'official', ref: 'Thai cabinet: the annual fixed-date public holidays' } as const;
const LUNAR_2027 = {
  kind: 'ours',
  ref: 'full moons of the Thai lunar months 3, 6 and 8, 2027; not yet announced',
} as const;

export const TH_HOLIDAYS: readonly Holiday[] = [
  ...holidays(LIST_2026, 'announced', [
    ['2026-01-01', "New Year's Day"],
    ['2026-03-03', 'Makha Bucha Day'],
    ['2026-04-06', 'Chakri Memorial Day'],
    ['2026-04-13', 'Songkran'],
    ['2026-04-14', 'Songkran'],
    ['2026-04-15', 'Songkran'],
    ['2026-05-01', 'National Labour Day'],
    ['2026-05-04', 'Coronation Day'],
    ['2026-05-31', 'Visakha Bucha Day'],
    ['2026-06-03', "H.M. Queen Suthida's Birthday"],
    ['2026-07-28', "H.M. the King's Birthday"],
    ['2026-07-29', 'Asanha Bucha Day'],
    ['2026-07-30', 'Buddhist Lent Day'],
    ['2026-08-12', "H.M. Queen Sirikit the Queen Mother's Birthday / Mother's Day"],
    ['2026-10-13', 'King Bhumibol Adulyadej Memorial Day'],
    ['2026-10-23', 'Chulalongkorn Day'],
    ['2026-12-05', "King Bhumibol's Birthday / National Day / Father's Day"],
    ['2026-12-10', 'Constitution Day'],
    ['2026-12-31', "New Year's Eve"],
  ]),
  ...holidays(FIXED, 'announced', [
    ['2027-01-01', "New Year's Day"],
    ['2027-04-06', 'Chakri Memorial Day'],
    ['2027-04-13', 'Songkran'],
    ['2027-04-14', 'Songkran'],
    ['2027-04-15', 'Songkran'],
    ['2027-05-01', 'National Labour Day'],
    ['2027-05-04', 'Coronation Day'],
    ['2027-06-03', "H.M. Queen Suthida's Birthday"],
    ['2027-07-28', "H.M. the King's Birthday"],
    ['2027-08-12', "H.M. Queen Sirikit the Queen Mother's Birthday / Mother's Day"],
    ['2027-10-13', 'King Bhumibol Adulyadej Memorial Day'],
    ['2027-10-23', 'Chulalongkorn Day'],
    ['2027-12-05', "King Bhumibol's Birthday / National Day / Father's Day"],
    ['2027-12-10', 'Constitution Day'],
    ['2027-12-31', "New Year's Eve"],
  ]),
  ...holidays(LUNAR_2027, 'provisional', [
    ['2027-02-20', 'Makha Bucha Day'],
    ['2027-05-20', 'Visakha Bucha Day'],
    ['2027-07-18', 'Asanha Bucha Day'],
    ['2027-07-19', 'Buddhist Lent Day'],
  ]),
];
