import { z } from 'zod';
import type { Clock } from '../../clock';
import { httpFailure, parseJsonAnswer } from '../http';
import type { LabelVoidCall, VoidAnswer } from '../label-void';
import { errorReason, type NinjaVanClient } from './client';

/**
 * Cancelling a Ninja Van order we booked: DELETE /{cc}/2.2/orders/{tracking number} with the
 * bearer token (docs/carriers-void.md). 200 is the order cancelled; 404 is an order Ninja Van does
 * not have, so there is nothing left to cancel. Any other 4xx is Ninja Van keeping the order —
 * either it is cancelled already (our earlier cancel whose answer was lost, or a hand on the
 * dashboard) or a driver has it. The order's own tracking tells the two apart: a "Cancelled"
 * event means the label is void; otherwise the refusal stands with Ninja Van's words. The
 * wording of the error is not relied on. 401, 429 and 5xx are thrown as for booking. The cancel
 * itself is the request the delivery engine took a token for; only the tracking look-up after a
 * refusal, a second request, is paced here.
 *
 * Public API: ninjaVanVoids(client, clock, paced) → LabelVoidCall.
 */
const cancelledSchema = z.looseObject({
  trackingId: z.string().optional(),
  status: z.string().optional(),
});

const CANCELLED = 'Cancelled';

export function ninjaVanVoids(
  client: NinjaVanClient,
  clock: Clock,
  paced: <T>(signal: AbortSignal, call: () => Promise<T>) => Promise<T>,
): LabelVoidCall {
  return {
    async cancel(voided, _sentBefore, signal): Promise<VoidAnswer> {
      const what = 'Ninja Van cancel order';
      const number = voided.trackingNumber;
      const answer = await client.authorised(
        'DELETE',
        `/2.2/orders/${encodeURIComponent(number)}`,
        undefined,
        signal,
      );
      if (answer.status === 404) return { kind: 'gone', why: 'Ninja Van has no such order' };
      const failed = httpFailure(answer, what, clock.now(), errorReason);
      if (!failed) {
        parseJsonAnswer(cancelledSchema, answer.body, what);
        return { kind: 'cancelled' };
      }
      if (failed.kind !== 'rejected') throw failed;
      const events = await paced(signal, () => client.trackingEvents(number, signal));
      if ((events ?? []).some((e) => e.status === CANCELLED))
        return { kind: 'gone', why: 'the order is cancelled already' };
      return { kind: 'refused', reason: failed.message };
    },
  };
}
