import type { LabelVoidCall, VoidAnswer } from '../label-void';
import { jntTxlogisticId } from './booking';
import type { JntClient } from './client';

/** The platform's answers to cancelOrder (docs/carriers-void.md). */
export const JNT_NO_ORDER = 999002000;
export const JNT_CANNOT_CANCEL = 999002010;

/** Sent as the cancel's `reason` (J&T requires one, ≤ 300 characters). */
const REASON = 'Rebooked on another carrier after the pickup cut-off';

/**
 * Cancelling a J&T order we booked: /api/order/cancelOrder names it by the txlogisticId our
 * booking derived from the package (and the bill code it answered). Code 1 is the order cancelled,
 * 999002000 ("no order data found") an order J&T does not have: nothing left to cancel. 999002010
 * ("order status can not be cancel") is J&T keeping the order. The platform does not document
 * what a second cancel of a cancelled order answers, so when our own cancel for this event left
 * before (its answer lost), the bill's trace decides: without a single scan no driver has the
 * parcel and our earlier cancel is what made it uncancellable — the label is void; with a scan the
 * refusal stands, with J&T's words and the last scan. Account, signature, 429 and 5xx failures
 * are thrown by the client as for booking. The cancel is the request the delivery engine took a
 * token for; only the trace after a refusal, a second request, is paced here.
 *
 * Public API: jntVoids(client, paced) → LabelVoidCall.
 */
export function jntVoids(
  client: JntClient,
  paced: <T>(signal: AbortSignal, call: () => Promise<T>) => Promise<T>,
): LabelVoidCall {
  return {
    async cancel(voided, sentBefore, signal): Promise<VoidAnswer> {
      const billCode = voided.trackingNumber;
      const result = await client.cancelOrder(
        {
          txlogisticId: jntTxlogisticId(voided.bookingReference ?? voided.packageId),
          billCode,
          reason: REASON,
        },
        signal,
      );
      if (result.ok) return { kind: 'cancelled' };
      const said = `J&T ${result.code.toString()} ${result.message}`.trim();
      if (result.code === JNT_NO_ORDER) return { kind: 'gone', why: said };
      if (result.code !== JNT_CANNOT_CANCEL || !sentBefore) return { kind: 'refused', reason: said };
      const trace = await paced(signal, () => client.trace(billCode, signal));
      const scans = trace.ok ? trace.traces.flatMap((t) => t.details) : [];
      if (scans.length === 0) return { kind: 'gone', why: `${said}; no scan: cancelled by our earlier call` };
      const last = scans.reduce((a, b) => (b.scanTime > a.scanTime ? b : a));
      const scanned = last.scanTypeName ?? last.desc ?? last.scanTypeCode;
      return { kind: 'refused', reason: `${said} (last scan: ${scanned}, ${last.scanTime})` };
    },
  };
}
