import { outboxPayloadSchemas, type OutboxPayload } from '../../shared/outbox-events';
import type { DeliveryOutcome, OutboundEvent } from '../sync/destination';
import { trackingNumberProblem } from './tracking-events';

/**
 * The outbox events a tracking service takes ('tracking.watch'), checked one by one before any
 * request: a wrong type, a payload that no longer fits, or an unusable tracking number is refused
 * for that event alone, with the reason, and the rest of the batch goes ahead.
 */
export interface WatchRequest {
  event: OutboundEvent;
  watch: OutboxPayload<'tracking.watch'>;
}

export function readWatchEvents(
  service: string,
  events: readonly OutboundEvent[],
): { requests: WatchRequest[]; refused: DeliveryOutcome[] } {
  const requests: WatchRequest[] = [];
  const refused: DeliveryOutcome[] = [];
  for (const event of events) {
    if (event.type !== 'tracking.watch') {
      refused.push({
        id: event.id,
        status: 'rejected',
        reason: `${service} takes only tracking.watch events, not ${event.type}`,
      });
      continue;
    }
    const parsed = outboxPayloadSchemas['tracking.watch'].safeParse(event.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refused.push({
        id: event.id,
        status: 'rejected',
        reason: `tracking.watch payload: ${issue?.path.map(String).join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    const problem = trackingNumberProblem(parsed.data.trackingNumber);
    if (problem) {
      refused.push({ id: event.id, status: 'rejected', reason: problem });
      continue;
    }
    requests.push({ event, watch: parsed.data });
  }
  return { requests, refused };
}
