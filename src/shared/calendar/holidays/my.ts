import type { Holiday } from '../holiday';
import { holidays } from '../holiday';

/**
 * Malaysia: federal holidays (observed in every state, with the exceptions noted) and the state
 * differences a warehouse's calendar needs. Islamic dates follow the moon sighting; Hindu, Buddhist
 * and Chinese ones the respective calendars.
 * 2026: the federal list as announced for 2026 (as republished; community). 2027: expected dates
 * (Islamic ones a day either way), provisional until the Prime Minister's Department gazettes them.
 * Substitution differs by state (calendars.ts): Saturday–Sunday states move a Sunday holiday to
 * the next working day; Kedah moves a Friday one; Kelantan and Terengganu a Saturday one.
 */
const FEDERAL_2026 = {
  kind: 'community',
  ref: 'Malaysia federal public holidays 2026 as republished from the JPM announcement',
} as const;
const EXPECTED_2027 = {
  kind: 'community',
  ref: 'expected 2027 dates (holiday calendars); not yet gazetted',
} as const;
const STATE = {
  kind: 'community',
  ref: 'state holiday lists (publicholidays.com.my and state gazettes as republished)',
} as const;

/** In every state of the federation. */
export const MY_FEDERAL_HOLIDAYS: readonly Holiday[] = [
  ...holidays(FEDERAL_2026, 'announced', [
    ['2026-03-21', 'Hari Raya Aidilfitri'],
    ['2026-03-22', 'Hari Raya Aidilfitri (second day)'],
    ['2026-05-01', 'Labour Day'],
    ['2026-05-27', 'Hari Raya Haji'],
    ['2026-05-31', 'Wesak Day'],
    ['2026-06-01', "Yang di-Pertuan Agong's Birthday"],
    ['2026-06-17', 'Awal Muharram'],
    ['2026-08-25', 'Maulidur Rasul'],
    ['2026-08-31', 'National Day'],
    ['2026-09-16', 'Malaysia Day'],
    ['2026-11-08', 'Deepavali'],
    ['2026-12-25', 'Christmas Day'],
  ]),
  ...holidays(EXPECTED_2027, 'provisional', [
    ['2027-03-10', 'Hari Raya Aidilfitri'],
    ['2027-03-11', 'Hari Raya Aidilfitri (second day)'],
    ['2027-05-01', 'Labour Day'],
    ['2027-05-17', 'Hari Raya Haji'],
    ['2027-05-20', 'Wesak Day'],
    ['2027-06-07', "Yang di-Pertuan Agong's Birthday"],
    ['2027-06-06', 'Awal Muharram'],
    ['2027-08-15', 'Maulidur Rasul'],
    ['2027-08-31', 'National Day'],
    ['2027-09-16', 'Malaysia Day'],
    ['2027-10-29', 'Deepavali'],
    ['2027-12-25', 'Christmas Day'],
  ]),
];

/** Chinese New Year: two days in most states, one in Kelantan and Terengganu. */
const CNY_FIRST: readonly Holiday[] = [
  ...holidays(FEDERAL_2026, 'announced', [['2026-02-17', 'Chinese New Year']]),
  ...holidays(EXPECTED_2027, 'provisional', [['2027-02-06', 'Chinese New Year']]),
];
const CNY_SECOND: readonly Holiday[] = [
  ...holidays(FEDERAL_2026, 'announced', [['2026-02-18', 'Chinese New Year (second day)']]),
  ...holidays(EXPECTED_2027, 'provisional', [['2027-02-07', 'Chinese New Year (second day)']]),
];

/** New Year's Day: not in Johor, Kedah, Kelantan, Perlis, Terengganu. */
const NEW_YEAR: readonly Holiday[] = holidays(STATE, 'announced', [
  ['2026-01-01', "New Year's Day"],
  ['2027-01-01', "New Year's Day"],
]);

/** Kuala Lumpur (federal territory): a typical Saturday–Sunday warehouse location. */
export const MY_KUALA_LUMPUR_HOLIDAYS: readonly Holiday[] = [
  ...MY_FEDERAL_HOLIDAYS,
  ...CNY_FIRST,
  ...CNY_SECOND,
  ...NEW_YEAR,
  ...holidays(STATE, 'announced', [
    ['2026-02-01', 'Thaipusam / Federal Territory Day'],
    ['2026-03-07', 'Nuzul Al-Quran'],
  ]),
  ...holidays(STATE, 'provisional', [
    ['2027-01-22', 'Thaipusam'],
    ['2027-02-01', 'Federal Territory Day'],
    ['2027-02-24', 'Nuzul Al-Quran'],
  ]),
];

/** Kedah (Friday–Saturday weekend; works Sunday–Thursday). */
export const MY_KEDAH_HOLIDAYS: readonly Holiday[] = [
  ...MY_FEDERAL_HOLIDAYS,
  ...CNY_FIRST,
  ...CNY_SECOND,
  ...holidays(STATE, 'announced', [
    ['2026-05-28', 'Hari Raya Haji (second day)'],
    ['2026-06-21', "Sultan of Kedah's Birthday"],
  ]),
  ...holidays(STATE, 'provisional', [
    ['2027-05-18', 'Hari Raya Haji (second day)'],
    ['2027-06-20', "Sultan of Kedah's Birthday"],
  ]),
];

/** Kelantan (Friday–Saturday weekend; works Sunday–Thursday). */
export const MY_KELANTAN_HOLIDAYS: readonly Holiday[] = [
  ...MY_FEDERAL_HOLIDAYS,
  ...CNY_FIRST,
  ...holidays(STATE, 'announced', [
    ['2026-03-07', 'Nuzul Al-Quran'],
    ['2026-05-28', 'Hari Raya Haji (second day)'],
  ]),
  ...holidays(STATE, 'provisional', [
    ['2027-02-24', 'Nuzul Al-Quran'],
    ['2027-05-18', 'Hari Raya Haji (second day)'],
  ]),
];

/** Terengganu (Friday–Saturday weekend; works Sunday–Thursday). */
export const MY_TERENGGANU_HOLIDAYS: readonly Holiday[] = [
  ...MY_FEDERAL_HOLIDAYS,
  ...CNY_FIRST,
  ...holidays(STATE, 'announced', [
    ['2026-03-04', 'Anniversary of the Installation of the Sultan of Terengganu'],
    ['2026-03-07', 'Nuzul Al-Quran'],
    ['2026-04-26', "Sultan of Terengganu's Birthday"],
    ['2026-05-26', 'Hari Arafah'],
    ['2026-05-28', 'Hari Raya Haji (second day)'],
  ]),
  ...holidays(STATE, 'provisional', [
    ['2027-03-04', 'Anniversary of the Installation of the Sultan of Terengganu'],
    ['2027-02-24', 'Nuzul Al-Quran'],
    ['2027-04-26', "Sultan of Terengganu's Birthday"],
    ['2027-05-16', 'Hari Arafah'],
    ['2027-05-18', 'Hari Raya Haji (second day)'],
  ]),
];
