import { z } from 'zod';
import {
  calendarForMarket,
  WORKING_CALENDARS,
  type Weekday,
  type WorkingCalendar,
} from '../calendar/calendars';
import { addDays, instantOf, localTimeOf, weekdayOf } from '../calendar/local-date';
import { dayOff } from '../calendar/working-days';
import type { FactSource } from '../fact-source';

/**
 * When each carrier's last pickup of the day leaves the dock, per market, as data: a parcel packed
 * but not handed over by then is the supervisor's cut-off exception. A row for market `*` applies
 * wherever no row names the market. `days` are the weekdays the carrier picks up (0 Sunday …
 * 6 Saturday); null means the market's working week (src/shared/calendar). A supervisor's override
 * (stored by the station) replaces the default row with the same carrier and market.
 */
export const CUTOFF_ANY_MARKET = '*';

export const lastPickupSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00–23:59');

export const cutoffRowSchema = z.strictObject({
  carrier: z.string().trim().min(1).max(64),
  market: z.union([z.literal(CUTOFF_ANY_MARKET), z.string().regex(/^[A-Z]{2}$/)]),
  lastPickup: lastPickupSchema,
  days: z
    .array(z.number().int().min(0).max(6))
    .min(1)
    .max(7)
    .transform((d) => [...new Set(d)].sort() as Weekday[])
    .nullable(),
});
export type CutoffRow = z.infer<typeof cutoffRowSchema>;

export interface DefaultCutoffRow extends CutoffRow {
  source: FactSource;
}

// No carrier's pickup schedule is in reference/: the times below are our assumption (the single
// 17:00 the dock used before) unless a row names its source. Correct them here or per station.
const OURS: FactSource = {
  kind: 'ours',
  ref: 'assumed afternoon pickup (the dock’s former single 17:00 cut-off); confirm with the depot',
};

export const DEFAULT_CUTOFFS: readonly DefaultCutoffRow[] = [
  { carrier: 'jnt-my', market: 'MY', lastPickup: '17:00', days: null, source: OURS },
  { carrier: 'posmy', market: 'MY', lastPickup: '17:00', days: null, source: OURS },
  { carrier: 'ninjavan-my', market: 'MY', lastPickup: '17:00', days: null, source: OURS },
  { carrier: 'ghn', market: 'VN', lastPickup: '17:00', days: null, source: OURS },
  {
    carrier: 'tiktok-platform',
    market: 'VN',
    lastPickup: '14:00',
    days: null,
    source: {
      kind: 'reference',
      ref: 'reference/packing.md § What sellers are penalised on: Vietnam, orders before 14:00 reach the carrier the same day',
    },
  },
  { carrier: 'ups', market: 'US', lastPickup: '17:00', days: null, source: OURS },
  { carrier: 'fedex', market: 'US', lastPickup: '17:00', days: null, source: OURS },
  { carrier: 'usps', market: 'US', lastPickup: '17:00', days: null, source: OURS },
  // Any carrier and market without a row of its own.
  { carrier: CUTOFF_ANY_MARKET, market: CUTOFF_ANY_MARKET, lastPickup: '17:00', days: null, source: OURS },
];

/** The row that applies: exact carrier and market, then the carrier anywhere, then the catch-all. */
export function cutoffRowFor(rows: readonly CutoffRow[], carrier: string, market: string): CutoffRow {
  return (
    rows.find((r) => r.carrier === carrier && r.market === market) ??
    rows.find((r) => r.carrier === carrier && r.market === CUTOFF_ANY_MARKET) ??
    rows.find((r) => r.carrier === CUTOFF_ANY_MARKET && r.market === CUTOFF_ANY_MARKET) ?? {
      carrier,
      market,
      lastPickup: '17:00',
      days: null,
    }
  );
}

/** Overrides first: one with the same carrier and market hides the default. */
export function mergeCutoffRows<T extends CutoffRow>(overrides: readonly T[], defaults: readonly T[]): T[] {
  const key = (r: CutoffRow) => `${r.carrier}\u0000${r.market}`;
  const taken = new Set(overrides.map(key));
  return [...overrides, ...defaults.filter((d) => !taken.has(key(d)))];
}

export function minuteOfPickup(lastPickup: string): number {
  const [h, m] = lastPickup.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The market's working calendar, or Monday–Friday without holidays for a market we have none for. */
export function pickupCalendar(market: string): WorkingCalendar | null {
  if (market === CUTOFF_ANY_MARKET) return null;
  const id = market === 'UK' ? 'GB' : market;
  return WORKING_CALENDARS.some((c) => c.id === id) ? calendarForMarket(market) : null;
}

/**
 * The first pickup at or after `fromMs` on a pickup day, in the dock's zone. With the market's
 * working week (days null), the market's public holidays are skipped too — our assumption that
 * a depot closed for the holiday does not collect; a row with explicit days is taken as written.
 */
export function nextCutoff(input: {
  row: CutoffRow;
  fromMs: number;
  timeZone: string;
  calendar: WorkingCalendar | null;
}): number {
  const { row, fromMs, timeZone, calendar } = input;
  const minute = minuteOfPickup(row.lastPickup);
  const week: readonly number[] = row.days ?? calendar?.workingWeek ?? [1, 2, 3, 4, 5];
  const skipHolidays = row.days === null && calendar !== null;
  let day = localTimeOf(fromMs, timeZone).date;
  for (let i = 0; i < 60; i++, day = addDays(day, 1)) {
    if (!week.includes(weekdayOf(day))) continue;
    const off = skipHolidays && calendar ? dayOff(calendar, day) : null;
    if (off && off.kind !== 'rest_day') continue;
    const at = instantOf(day, minute, timeZone);
    if (at >= fromMs) return at;
  }
  throw new RangeError(`no pickup day within 60 days for ${row.carrier} ${row.market}`);
}

/** A row of the cut-off table as the supervisor sees it: where it comes from and its weekdays. */
export const cutoffTableRowSchema = z.object({
  carrier: z.string(),
  carrierName: z.string(),
  market: z.string(),
  lastPickup: z.string(),
  /** As stored: null = the market's working week. */
  days: z.array(z.number().int()).nullable(),
  /** The weekdays that apply (the market's working week when `days` is null). */
  pickupDays: z.array(z.number().int()),
  origin: z.enum(['default', 'override']),
  /** The default's source (src/shared/fact-source.ts); for an override, who set it. */
  sourceKind: z.enum(['official', 'reference', 'community', 'ours', 'station']),
  sourceRef: z.string(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedAt: z.number().int().nullable(),
});
export type CutoffTableRow = z.infer<typeof cutoffTableRowSchema>;
