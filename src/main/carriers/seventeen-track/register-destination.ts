import type { DeliveryOutcome, Destination, DestinationLimits, OutboundEvent } from '../../sync/destination';
import { readWatchEvents } from '../watch-events';
import { ALREADY_REGISTERED, type NumberItem, type SeventeenTrackClient } from './client';
import type { SeventeenTrackConfig } from './config';

/** Per-number register errors worth another try (17TRACK's own internal error). */
const RETRYABLE = new Set([-18010003]);

/**
 * 17TRACK as a Destination: 'tracking.watch' events register their numbers, ≤ 40 per call whatever
 * batch the engine hands over. A number 17TRACK already has (-18019901) counts as delivered, so a
 * resent event is harmless; other per-number refusals dead-letter that event alone.
 */
export class SeventeenTrackRegistrations implements Destination {
  readonly limits: DestinationLimits;

  constructor(
    readonly name: string,
    private readonly config: SeventeenTrackConfig,
    private readonly client: SeventeenTrackClient,
  ) {
    this.limits = config.limits;
  }

  async deliver(events: readonly OutboundEvent[], signal: AbortSignal): Promise<DeliveryOutcome[]> {
    const { requests, refused } = readWatchEvents('17TRACK', events);
    const outcomes: DeliveryOutcome[] = [...refused];
    const byNumber = new Map<string, { item: NumberItem; ids: string[] }>();
    for (const { event, watch } of requests) {
      const key = watch.trackingNumber.toUpperCase();
      const entry = byNumber.get(key);
      if (entry) {
        entry.ids.push(event.id);
        continue;
      }
      const carrier = this.config.carrierKeys[watch.carrier];
      byNumber.set(key, {
        item:
          carrier !== undefined
            ? { number: watch.trackingNumber, carrier }
            : { number: watch.trackingNumber },
        ids: [event.id],
      });
    }
    const entries = [...byNumber.values()];
    for (let i = 0; i < entries.length; i += this.config.batchSize) {
      const chunk = entries.slice(i, i + this.config.batchSize);
      const answer = await this.client.register(
        chunk.map((c) => c.item),
        signal,
      );
      const find = (number: string) => byNumber.get(number.toUpperCase());
      for (const accepted of answer.accepted) {
        for (const id of find(accepted.number)?.ids ?? []) outcomes.push({ id, status: 'delivered' });
      }
      for (const rejected of answer.rejected) {
        const ids = find(rejected.number)?.ids ?? [];
        const { code, message } = rejected.error;
        for (const id of ids) {
          if (code === ALREADY_REGISTERED) outcomes.push({ id, status: 'delivered' });
          else if (RETRYABLE.has(code))
            outcomes.push({
              id,
              status: 'retry',
              kind: 'server',
              reason: `17TRACK ${code.toString()}: ${message}`,
            });
          else outcomes.push({ id, status: 'rejected', reason: `17TRACK ${code.toString()}: ${message}` });
        }
      }
    }
    return outcomes;
  }
}
