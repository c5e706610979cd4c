import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Destination, DeliveryOutcome, DestinationLimits, OutboundEvent } from '../sync/destination';
import type { ConnectorState } from './connector';

/**
 * How long a carrier line's record of an event (a handover acknowledged, a cancel sent) is kept in
 * the connector's state: longer than any event stays in the outbox.
 */
export const EVENT_RECORD_TTL_MS = 90 * 24 * 3_600_000;

/** The state key that records a handover acknowledged without a call. */
export function handoverRecordKey(idempotencyKey: string): string {
  return `handover-not-applicable:${idempotencyKey}`;
}

/**
 * The handover half of a carrier account whose API has no handover call (Ninja Van, J&T in our
 * references: the driver's pickup scan is the carrier's own record). A `package.handed_over` event
 * is acknowledged as delivered with nothing sent, and recorded in the account's state and log as
 * "not applicable" — so the outbox drains instead of holding it pending forever or as a dead
 * letter a supervisor would have to discard. Any other event type does not belong here and is
 * refused with the reason; `package.label_voided` goes to the carrier's real cancel call
 * (label-void.ts), which wraps this.
 */
export function handoverAcknowledgement(options: {
  name: string;
  carrierName: string;
  limits: DestinationLimits;
  state: ConnectorState;
  clock: Clock;
  logger: Logger;
}): Destination {
  return {
    name: options.name,
    limits: options.limits,
    deliver(events: readonly OutboundEvent[]): Promise<DeliveryOutcome[]> {
      return Promise.resolve(
        events.map((event): DeliveryOutcome => {
          if (event.type !== 'package.handed_over') {
            return {
              id: event.id,
              status: 'rejected',
              reason: `${options.carrierName} takes only package.handed_over and package.label_voided here; a ${event.type} event does not belong to this account`,
            };
          }
          const first = options.state.remember(handoverRecordKey(event.idempotencyKey), EVENT_RECORD_TTL_MS);
          if (first) {
            options.logger.info('handover acknowledged: the carrier has no handover call', {
              destination: options.name,
              event: event.id,
              result: 'not_applicable',
              at: options.clock.now(),
            });
          }
          return { id: event.id, status: 'delivered' };
        }),
      );
    },
  };
}
