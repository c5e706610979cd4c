import {
  DeliveryError,
  type DeliveryOutcome,
  type Destination,
  type DestinationLimits,
  type OutboundEvent,
} from '../../sync/destination';
import { readWatchEvents } from '../watch-events';
import type { AfterShipClient } from './client';
import type { AfterShipConfig } from './config';

/**
 * AfterShip as a Destination: each 'tracking.watch' event creates a tracking (one per call). A
 * tracking AfterShip already has counts as delivered, so a resent event is harmless; a refusal
 * (bad number, unknown slug) dead-letters that event with AfterShip's reason.
 */
export class AfterShipTrackings implements Destination {
  readonly limits: DestinationLimits;

  constructor(
    readonly name: string,
    private readonly config: AfterShipConfig,
    private readonly client: AfterShipClient,
  ) {
    this.limits = config.limits;
  }

  async deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]> {
    const { requests, refused } = readWatchEvents('AfterShip', events);
    const outcomes: DeliveryOutcome[] = [...refused];
    for (const [i, { event, watch }] of requests.entries()) {
      const slug = this.config.slugs[watch.carrier];
      try {
        const result = await this.client.createTracking(
          slug !== undefined
            ? { trackingNumber: watch.trackingNumber, slug }
            : { trackingNumber: watch.trackingNumber },
          signal,
        );
        outcomes.push(
          result.status === 'refused'
            ? {
                id: event.id,
                status: 'rejected',
                reason: `AfterShip ${result.code.toString()}: ${result.message}`,
              }
            : { id: event.id, status: 'delivered' },
        );
      } catch (err) {
        // Nothing sent yet: the whole request failed. Later: keep what was delivered, retry the rest.
        if (i === 0 || !(err instanceof DeliveryError)) throw err;
        for (const rest of requests.slice(i)) {
          outcomes.push({ id: rest.event.id, status: 'retry', kind: err.kind, reason: err.message });
        }
        break;
      }
    }
    return outcomes;
  }
}
