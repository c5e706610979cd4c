import type { TrackingEvent } from '../../../shared/tracking';
import { CarrierTimeError, parseCarrierTime } from '../carrier-time';
import { trackingEvent, type StatusMapper } from '../tracking-events';
import type { AfterShipTracking } from './client';

export const AFTERSHIP_KIND = 'aftership';

export class AfterShipShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AfterShipShapeError';
  }
}

/**
 * The checkpoints of one AfterShip tracking as model events, oldest first. `checkpoint_time` is in
 * the checkpoint's own zone: with an offset when the carrier gave one, a bare local time otherwise
 * (then the configured zone applies). Code: the subtag, else the tag.
 */
export function trackingEvents(args: {
  tracking: AfterShipTracking;
  carrierOf: (slug: string | null | undefined) => string;
  timeZone: string;
  mapper: StatusMapper;
}): TrackingEvent[] {
  const { tracking } = args;
  const out: TrackingEvent[] = [];
  for (const c of tracking.checkpoints) {
    let time;
    try {
      time = parseCarrierTime(c.checkpoint_time, args.timeZone);
    } catch (err) {
      if (err instanceof CarrierTimeError) {
        throw new AfterShipShapeError(
          `AfterShip checkpoint time of ${tracking.tracking_number}: ${err.message}`,
        );
      }
      throw err;
    }
    const code = c.subtag ?? c.tag;
    const description = c.message ?? '';
    const location = c.location ?? ([c.city, c.state, c.country_region].filter((p) => p).join(', ') || null);
    out.push(
      trackingEvent({
        connector: AFTERSHIP_KIND,
        carrier: args.carrierOf(c.slug ?? tracking.slug),
        trackingNumber: tracking.tracking_number,
        time,
        code,
        description,
        location,
        mapping: args.mapper.map(code, `${tracking.tracking_number}: ${description}`),
      }),
    );
  }
  return out.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
}
