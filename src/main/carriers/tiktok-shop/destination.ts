import {
  DeliveryError,
  type DeliveryOutcome,
  type Destination,
  type DestinationLimits,
  type OutboundEvent,
} from '../../sync/destination';
import type { TikTokCombines } from './combine-destination';
import type { TikTokReceiptDecisions } from './receipt-decisions';
import type { TikTokShipments } from './ship-destination';

/**
 * The one Destination of a TikTok Shop account: receipt decisions (`return.receipt_decided`, with
 * the `return.received` before it acknowledged) and
 * the packing bench's combinations and ship calls (`package.combine`, `package.ship`), one event
 * per request chain, each to its handler. One destination
 * means one request budget for the account, as the platform counts it.
 */
export class TikTokDestination implements Destination {
  readonly name: string;
  readonly limits: DestinationLimits;

  constructor(
    private readonly decisions: TikTokReceiptDecisions,
    private readonly shipments: TikTokShipments,
    private readonly combines: TikTokCombines,
  ) {
    this.name = decisions.name;
    this.limits = decisions.limits;
  }

  async deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const [i, event] of events.entries()) {
      try {
        if (event.type === 'package.ship') outcomes.push(await this.shipments.deliverOne(event, signal));
        else if (event.type === 'package.combine')
          outcomes.push(await this.combines.deliverOne(event, signal));
        else if (event.type === 'package.uncombine')
          outcomes.push(await this.combines.deliverUncombine(event, signal));
        // The receipt handler also acknowledges the bench's return.received (TikTok has no call
        // for it), so it never holds the decision queued behind it as a dead letter.
        else if (event.type === 'return.receipt_decided' || event.type === 'return.received')
          outcomes.push(...(await this.decisions.deliver([event], signal)));
        else {
          outcomes.push({
            id: event.id,
            status: 'rejected',
            reason: `TikTok Shop takes receipt decisions, combinations and ship calls; a ${event.type} event does not belong here`,
          });
        }
      } catch (err) {
        // A whole-request failure is the engine's to handle for the first event; later ones come again.
        if (i === 0 || !(err instanceof DeliveryError)) throw err;
        for (const rest of events.slice(i)) {
          outcomes.push({
            id: rest.id,
            status: 'retry',
            kind: err.kind,
            reason: err.message,
            ...(err.details.retryAfterMs !== undefined ? { retryAfterMs: err.details.retryAfterMs } : {}),
          });
        }
        break;
      }
    }
    return outcomes;
  }

  refreshCredentials(signal: AbortSignal): Promise<void> {
    return this.decisions.refreshCredentials(signal);
  }
}
