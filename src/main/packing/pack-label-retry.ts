import { writeTransaction } from '../db/write';
import type { Db } from '../db/open';
import type { OutboundOrderStore } from './outbound-orders';
import { BookingError, type PackBooking } from './pack-booking';
import type { PackLabels } from './pack-labels';
import { isCancelled } from './pack-order-status';
import type { PackageRow, PackStore, PendingBooking } from './pack-store';
import { PLATFORM_CARRIER } from './platform-labels';

export interface LabelRetryDeps {
  db: Db;
  store: Pick<PackStore, 'pkg' | 'update'>;
  orders: Pick<OutboundOrderStore, 'get'>;
  labels: Pick<PackLabels, 'shipIn'>;
  /** How long a booking may take before the carrier is treated as offline. */
  timeoutMs: () => number;
}

/**
 * Books the own-carrier packages that wait for their label (packed offline), oldest first; stops
 * at the first one the carrier cannot be reached for. Answers how many were finished.
 */
export async function bookWaitingLabels(o: LabelRetryDeps, booking: PackBooking): Promise<number> {
  let done = 0;
  const waiting = o.db
    .prepare<[string], PackageRow>(
      "SELECT * FROM pack_packages WHERE state = 'awaiting_label' AND label_error IS NULL AND carrier IS NOT ? ORDER BY packed_at LIMIT 50",
    )
    .all(PLATFORM_CARRIER);
  for (const pkg of waiting) {
    const pending = JSON.parse(pkg.booking ?? 'null') as PendingBooking | null;
    if (!pending) continue;
    const before = o.orders.get(pkg.order_id);
    if (!before || isCancelled(before)) {
      // Cancelled while it waited for its label: never booked, never shipped; the slip says where it is.
      await writeTransaction(o.db, () => o.store.update(o.db, pkg.id, { state: 'cancelled' }));
      continue;
    }
    let tracking: string;
    try {
      tracking = (await booking.book(pending.request, AbortSignal.timeout(o.timeoutMs()))).trackingNumber;
    } catch (err) {
      const refused = err instanceof BookingError && err.kind === 'refused';
      await writeTransaction(o.db, () =>
        o.store.update(o.db, pkg.id, {
          label_attempts: pkg.label_attempts + 1,
          ...(refused ? { label_error: (err as BookingError).reason.slice(0, 500) } : {}),
        }),
      );
      if (!refused) break; // still offline: the next round tries again
      continue;
    }
    await writeTransaction(o.db, () => {
      const fresh = o.store.pkg(pkg.id);
      const order = o.orders.get(pkg.order_id);
      if (!fresh || fresh.state !== 'awaiting_label' || !order || isCancelled(order)) return;
      o.labels.shipIn(o.db, order, fresh, pending, tracking);
      done += 1;
    });
  }
  return done;
}
