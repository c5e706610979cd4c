import type { TrackingEvent } from '../../../shared/tracking';
import { DeliveryError } from '../../sync/destination';
import { CarrierTimeError, parseCarrierTime } from '../carrier-time';
import { trackingEvent, type StatusMapper } from '../tracking-events';
import type { TrackInfo } from './client';

export const SEVENTEEN_TRACK_KIND = 'seventeen-track';

/**
 * The events of one number's track_info, from every provider (origin and last-mile carrier) 17TRACK
 * followed. `time_iso` carries the carrier's local time with its offset; a time given without an
 * offset takes the configured zone. An event's code is its sub_status, else its stage. Oldest first.
 */
export function trackInfoEvents(args: {
  trackInfo: TrackInfo | null;
  trackingNumber: string;
  carrier: string;
  timeZone: string;
  mapper: StatusMapper;
}): TrackingEvent[] {
  const out: TrackingEvent[] = [];
  for (const provider of args.trackInfo?.tracking?.providers ?? []) {
    for (const e of provider.events) {
      const raw = e.time_iso ?? e.time_utc ?? null;
      if (raw === null) continue;
      let time;
      try {
        time = parseCarrierTime(raw, args.timeZone);
      } catch (err) {
        if (err instanceof CarrierTimeError) {
          throw new DeliveryError(
            'malformed',
            `17TRACK event time of ${args.trackingNumber}: ${err.message}`,
          );
        }
        throw err;
      }
      const code = e.sub_status ?? e.stage ?? '';
      const description = e.description ?? '';
      out.push(
        trackingEvent({
          connector: SEVENTEEN_TRACK_KIND,
          carrier: args.carrier,
          trackingNumber: args.trackingNumber,
          time,
          code,
          description,
          location: e.location ?? null,
          mapping: args.mapper.map(code, `${args.trackingNumber}: ${description}`),
        }),
      );
    }
  }
  // 17TRACK lists newest first; the model's consumers read a parcel's history oldest first.
  return out.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
}
