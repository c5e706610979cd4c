import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../src/shared/calendar/calendars';
import { assessLateRisk } from '../../../src/shared/calendar/late-risk';

const bangkok = (day: number, hour: number, minute = 0) => Date.UTC(2026, 5, day, hour - 7, minute); // June 2026
const th = workingCalendar('TH');
const shift = { startMinute: 9 * 60, endMinute: 18 * 60 };

describe('late risk', () => {
  it('on time with plenty of working time, naming the nearest deadline', () => {
    const risk = assessLateRisk({
      stage: 'to_ship',
      deadlines: { shipBy: bangkok(10, 12), shipAutoCancel: bangkok(12, 12), deliverBy: bangkok(20, 12) },
      now: bangkok(8, 9),
      calendar: th,
      policy: { hours: shift },
    });
    expect(risk).toMatchObject({
      status: 'on_time',
      reason: 'on_time',
      deadline: 'shipBy',
      remainingWorkingMinutes: 9 * 60 * 2 + 3 * 60,
    });
  });

  it('at risk on Friday evening for a Monday-morning ship-by: the weekend is not working time', () => {
    const input = {
      stage: 'to_ship' as const,
      deadlines: { shipBy: bangkok(8, 10) },
      now: bangkok(5, 17),
      calendar: th,
    };
    expect(assessLateRisk({ ...input, policy: { hours: shift } })).toMatchObject({
      status: 'at_risk',
      reason: 'deadline_soon',
      remainingWorkingMinutes: 120,
      remainingMs: (2 * 24 + 17) * 3_600_000,
    });
    // Vietnam works Saturday: the same order is on time there.
    expect(
      assessLateRisk({ ...input, calendar: workingCalendar('VN'), policy: { hours: shift } }).status,
    ).toBe('on_time');
    // Less working time than packing needs.
    expect(assessLateRisk({ ...input, now: bangkok(8, 9, 45), policy: { hours: shift } })).toMatchObject({
      status: 'at_risk',
      reason: 'not_enough_working_time',
      remainingWorkingMinutes: 15,
    });
  });

  it('late once a deadline passed; an auto-cancel deadline says so', () => {
    expect(
      assessLateRisk({
        stage: 'to_ship',
        deadlines: { shipBy: bangkok(8, 10), shipAutoCancel: bangkok(9, 10) },
        now: bangkok(8, 11),
        calendar: th,
      }),
    ).toMatchObject({
      status: 'late',
      reason: 'deadline_passed',
      deadline: 'shipBy',
      remainingWorkingMinutes: -60,
      remainingMs: -3_600_000,
    });
    expect(
      assessLateRisk({
        stage: 'to_ship',
        deadlines: { shipBy: bangkok(8, 10), shipAutoCancel: bangkok(9, 10) },
        now: bangkok(9, 11),
        calendar: th,
      }),
    ).toMatchObject({ status: 'late', reason: 'deadline_passed', deadline: 'shipBy' });
    expect(
      assessLateRisk({
        stage: 'to_ship',
        deadlines: { shipAutoCancel: bangkok(9, 10) },
        now: bangkok(9, 11),
        calendar: th,
      }),
    ).toMatchObject({ status: 'late', reason: 'auto_cancel_passed' });
  });

  it('a packed parcel is judged on collection: a pickup after the collect-by is a risk', () => {
    const deadlines = { shipBy: bangkok(1, 10), collectBy: bangkok(10, 12) };
    expect(
      assessLateRisk({ stage: 'awaiting_collection', deadlines, now: bangkok(8, 9), calendar: th }),
    ).toMatchObject({
      status: 'on_time',
      deadline: 'collectBy',
    });
    expect(
      assessLateRisk({
        stage: 'awaiting_collection',
        deadlines,
        now: bangkok(8, 9),
        calendar: th,
        policy: { nextPickupAt: bangkok(10, 15) },
      }),
    ).toMatchObject({ status: 'at_risk', reason: 'next_pickup_after_collect_by' });
  });

  it('a delivery SLA the transit time cannot meet is a risk', () => {
    const input = {
      stage: 'to_ship' as const,
      deadlines: { deliverBy: bangkok(12, 18) },
      now: bangkok(8, 9),
      calendar: th,
    };
    expect(assessLateRisk({ ...input, policy: { transitWorkingDays: 3 } }).status).toBe('on_time');
    expect(assessLateRisk({ ...input, policy: { transitWorkingDays: 5 } })).toMatchObject({
      status: 'at_risk',
      reason: 'delivery_sla_unreachable',
    });
  });

  it('done and deadline-free orders are on time; dates past the data are flagged', () => {
    expect(
      assessLateRisk({ stage: 'done', deadlines: { shipBy: 0 }, now: bangkok(8, 9), calendar: th }).reason,
    ).toBe('done');
    expect(assessLateRisk({ stage: 'to_ship', deadlines: {}, now: bangkok(8, 9), calendar: th }).reason).toBe(
      'no_deadline',
    );
    const far = Date.UTC(2028, 0, 10, 3);
    expect(
      assessLateRisk({ stage: 'to_ship', deadlines: { shipBy: far + 86_400_000 }, now: far, calendar: th })
        .calendarCovered,
    ).toBe(false);
  });
});
