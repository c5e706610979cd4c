import type { Core } from '../src/main/core';
import type { Db } from '../src/main/db/open';
import type { NewOutboxEvent } from '../src/main/outbox/outbox';
import { seededRandom } from '../src/main/random';

/**
 * Codes a returns dock scans, drawn from the demo data: mostly return tracking numbers, then
 * outbound tracking numbers, platform return ids, and some codes nobody knows.
 */
export function scanCodes(db: Db, count: number): string[] {
  const random = seededRandom(11);
  const column = (sql: string): string[] => db.prepare(sql).pluck().all() as string[];
  const returns = column(
    'SELECT return_tracking_number FROM return_orders WHERE return_tracking_number IS NOT NULL',
  );
  const outbound = column("SELECT tracking_number FROM parcels WHERE direction = 'outbound'");
  const platformIds = column('SELECT platform_return_id FROM return_orders');
  const pick = (from: string[]): string | undefined => from[Math.floor(random.next() * from.length)];
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random.next();
    const code = r < 0.6 ? pick(returns) : r < 0.8 ? pick(outbound) : r < 0.9 ? pick(platformIds) : undefined;
    codes.push(code ?? `UNKNOWN${(1_000_000 + i).toString()}`);
  }
  return codes;
}

/** Scan events as the scan service writes them; `offset` keeps scan ids unique across batches. */
export function scanEvents(
  count: number,
  offset = 0,
  destination = 'bench',
): NewOutboxEvent<'scan.recorded'>[] {
  const events: NewOutboxEvent<'scan.recorded'>[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const parcelId = `P${(n % 50_000).toString().padStart(6, '0')}`;
    events.push({
      destination,
      orderingKey: `parcel:${parcelId}`,
      type: 'scan.recorded',
      payload: {
        scanId: `S${n.toString().padStart(12, '0')}`,
        code: `TH${(4_000_000_000_000 + n).toString()}`,
        station: 'Dock 1',
        userId: 'clerk-linh',
        parcelId,
        trackingNumber: `TH${(4_000_000_000_000 + n).toString()}`,
        returnOrderId: `R${(n % 12_000).toString().padStart(6, '0')}`,
        platformReturnId: `4035${(10_000_000_000_000 + n).toString()}`,
        scannedAt: 1_764_000_000_000 + n,
      },
    });
  }
  return events;
}

/** Puts `count` scan events for `destination` in the outbox, 1000 per transaction (setup, not timed). */
export function enqueueAll(core: Pick<Core, 'db' | 'outbox'>, count: number, destination: string): void {
  const { db, outbox } = core;
  for (let offset = 0; offset < count; offset += 1000) {
    const events = scanEvents(Math.min(1000, count - offset), offset, destination);
    db.transaction(() => {
      for (const e of events) outbox.enqueue(db, e);
    }).immediate();
  }
}

/** One turn of the event loop: what a station gets between two scans, when its timers run. */
export function idle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
