import type { WorkingCalendar } from '../../shared/calendar/calendars';
import { localTimeOf } from '../../shared/calendar/local-date';
import type { PackQueue } from '../../shared/packing/pack-views';
import type { Clock } from '../clock';
import type { OutboundOrderStore } from './outbound-orders';

export interface PackQueueDeps {
  orders: Pick<OutboundOrderStore, 'queue'>;
  clock: Clock;
  calendarFor: (market: string) => WorkingCalendar;
}

/** The orders to pack with their late risk, and how many fall due on each market's working day. */
export function packQueue(o: PackQueueDeps, limit: number): PackQueue {
  const now = o.clock.now();
  const entries = o.orders.queue({ now, calendarFor: o.calendarFor, limit });
  const items = entries.map(({ order, risk }) => ({
    orderId: order.id,
    orderRef: order.externalId,
    source: order.source,
    seller: order.seller,
    market: order.market,
    status: order.status,
    lines: order.lines.length,
    items: order.lines.reduce((n, l) => n + l.quantity, 0),
    cod: order.cod,
    risk,
    workingDay:
      risk.deadlineAt === null
        ? null
        : localTimeOf(risk.deadlineAt, o.calendarFor(order.market).timeZone).date,
  }));
  const days = new Map<string, PackQueue['byWorkingDay'][number]>();
  for (const item of items) {
    const key = `${item.market} ${item.workingDay ?? ''}`;
    const day = days.get(key) ?? {
      market: item.market,
      day: item.workingDay,
      orders: 0,
      late: 0,
      atRisk: 0,
    };
    day.orders += 1;
    if (item.risk.status === 'late') day.late += 1;
    if (item.risk.status === 'at_risk') day.atRisk += 1;
    days.set(key, day);
  }
  return {
    items,
    totals: {
      orders: items.length,
      late: items.filter((i) => i.risk.status === 'late').length,
      atRisk: items.filter((i) => i.risk.status === 'at_risk').length,
    },
    byWorkingDay: [...days.values()].sort(
      (a, b) => a.market.localeCompare(b.market) || (a.day ?? '~').localeCompare(b.day ?? '~'),
    ),
  };
}
