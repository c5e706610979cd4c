import type { WorkingCalendar } from './calendars';
import { localTimeOf } from './local-date';
import { addWorkingDaysAt, covers, workingMinutesBetween, type WorkingHours } from './working-days';

/**
 * Will this order make its deadlines? The platform's deadlines (TikTok Shop's names in brackets):
 *
 *   shipBy             ready to ship / the ship call made        (rts_sla_time)
 *   shipAutoCancel     AWAITING_COLLECTION, else auto-cancelled  (shipping_due_time)
 *   collectBy          collected by the carrier                   (tts_sla_time)
 *   collectAutoCancel  IN_TRANSIT, else auto-cancelled            (collection_due_time)
 *   deliverBy          delivered                                  (delivery_sla_time)
 *   deliverAutoCancel  DELIVERED, else auto-cancelled            (delivery_due_time)
 *
 * Only the deadlines of the order's stage count (a packed parcel's ship-by is history). The
 * verdict is the worst over them: `late` once one has passed; `at_risk` when fewer working
 * minutes are left than packing needs plus the warning margin, when the carrier's next pickup
 * comes after the collection deadline, or when the transit time no longer fits before deliverBy;
 * else `on_time`. Working time is counted on the warehouse's calendar (its week, holidays, zone)
 * and, if given, its shift hours — a deadline at 09:00 on Monday is close on Friday evening.
 */
export type OrderStage = 'to_ship' | 'awaiting_collection' | 'in_transit' | 'done';

export interface OrderDeadlines {
  shipBy?: number | null;
  shipAutoCancel?: number | null;
  collectBy?: number | null;
  collectAutoCancel?: number | null;
  deliverBy?: number | null;
  deliverAutoCancel?: number | null;
}
export type DeadlineName = keyof OrderDeadlines;

export interface LateRiskPolicy {
  /** Working minutes still needed to pack and label the order (default 30). */
  packingMinutes: number;
  /** Warn when fewer than this many working minutes are left beyond packing (default 120). */
  warnWithinMinutes: number;
  hours?: WorkingHours;
  /** When the carrier next collects (the pickup slot or the daily cut-off), if known. */
  nextPickupAt?: number | null;
  /** Working days from collection to delivery (the service's transit time), if known. */
  transitWorkingDays?: number | null;
}

export const DEFAULT_LATE_RISK_POLICY: LateRiskPolicy = { packingMinutes: 30, warnWithinMinutes: 120 };

export type LateRiskReason =
  | 'deadline_passed'
  | 'auto_cancel_passed'
  | 'not_enough_working_time'
  | 'deadline_soon'
  | 'next_pickup_after_collect_by'
  | 'delivery_sla_unreachable'
  | 'on_time'
  | 'no_deadline'
  | 'done';

export interface LateRisk {
  status: 'on_time' | 'at_risk' | 'late';
  reason: LateRiskReason;
  /** The deadline the verdict is about (the nearest one when on time). */
  deadline: DeadlineName | null;
  deadlineAt: number | null;
  /** Working minutes from now to that deadline (negative: overdue by that much working time). */
  remainingWorkingMinutes: number | null;
  /** Plain time to it (negative when passed). */
  remainingMs: number | null;
  /** False when a date involved lies outside the calendar's holiday data (weekends only counted). */
  calendarCovered: boolean;
}

const STAGE_DEADLINES: Record<OrderStage, readonly DeadlineName[]> = {
  to_ship: ['shipBy', 'shipAutoCancel', 'collectBy', 'collectAutoCancel', 'deliverBy', 'deliverAutoCancel'],
  awaiting_collection: ['collectBy', 'collectAutoCancel', 'deliverBy', 'deliverAutoCancel'],
  in_transit: ['deliverBy', 'deliverAutoCancel'],
  done: [],
};

const RANK = { on_time: 0, at_risk: 1, late: 2 } as const;

export function assessLateRisk(input: {
  stage: OrderStage;
  deadlines: OrderDeadlines;
  now: number;
  calendar: WorkingCalendar;
  policy?: Partial<LateRiskPolicy>;
}): LateRisk {
  const policy = { ...DEFAULT_LATE_RISK_POLICY, ...input.policy };
  const { calendar: cal, now } = input;
  const covered = (ms: number) => covers(cal, localTimeOf(ms, cal.timeZone).date);
  const names = STAGE_DEADLINES[input.stage].filter((n) => typeof input.deadlines[n] === 'number');
  const base = { calendarCovered: covered(now) };
  if (input.stage === 'done') {
    return {
      ...base,
      status: 'on_time',
      reason: 'done',
      deadline: null,
      deadlineAt: null,
      remainingWorkingMinutes: null,
      remainingMs: null,
    };
  }
  if (names.length === 0) {
    return {
      ...base,
      status: 'on_time',
      reason: 'no_deadline',
      deadline: null,
      deadlineAt: null,
      remainingWorkingMinutes: null,
      remainingMs: null,
    };
  }

  const verdicts: LateRisk[] = [];
  for (const name of names) {
    const at = input.deadlines[name] as number;
    const minutes = workingMinutesBetween(cal, now, at, policy.hours);
    const v = (status: LateRisk['status'], reason: LateRiskReason): LateRisk => ({
      status,
      reason,
      deadline: name,
      deadlineAt: at,
      remainingWorkingMinutes: minutes,
      remainingMs: at - now,
      calendarCovered: base.calendarCovered && covered(at),
    });
    const isAutoCancel =
      name === 'shipAutoCancel' || name === 'collectAutoCancel' || name === 'deliverAutoCancel';
    if (at <= now) {
      verdicts.push(v('late', isAutoCancel ? 'auto_cancel_passed' : 'deadline_passed'));
      continue;
    }
    const needs = name === 'shipBy' || name === 'shipAutoCancel' ? policy.packingMinutes : 0;
    if (input.stage === 'to_ship' && minutes < needs) verdicts.push(v('at_risk', 'not_enough_working_time'));
    else if (minutes < needs + policy.warnWithinMinutes) verdicts.push(v('at_risk', 'deadline_soon'));
    else if (
      (name === 'collectBy' || name === 'collectAutoCancel') &&
      typeof policy.nextPickupAt === 'number' &&
      policy.nextPickupAt > at
    ) {
      verdicts.push(v('at_risk', 'next_pickup_after_collect_by'));
    } else if (
      (name === 'deliverBy' || name === 'deliverAutoCancel') &&
      typeof policy.transitWorkingDays === 'number'
    ) {
      const from = Math.max(now, typeof policy.nextPickupAt === 'number' ? policy.nextPickupAt : now);
      const arrives = addWorkingDaysAt(cal, from, policy.transitWorkingDays);
      verdicts.push(arrives > at ? v('at_risk', 'delivery_sla_unreachable') : v('on_time', 'on_time'));
    } else verdicts.push(v('on_time', 'on_time'));
  }
  // The worst verdict; among equals, the nearest deadline.
  verdicts.sort(
    (a, b) => RANK[b.status] - RANK[a.status] || (a.deadlineAt as number) - (b.deadlineAt as number),
  );
  return verdicts[0] as LateRisk;
}
