import type { TrackingEvent } from '../../../shared/tracking';
import { DeliveryError, type PullSource } from '../../sync/destination';
import type { ConnectorDeps, TrackedParcel } from '../connector';
import { mapLimit } from '../map-limit';
import type { RequestPacer } from '../request-pacer';
import { parcelWalk, type StatusMapper } from '../tracking-events';
import type { NinjaVanClient } from './client';
import type { NinjaVanConfig } from './config';
import { NinjaVanShapeError, ninjaVanTrackingEvent } from './events';

/**
 * The Ninja Van tracking pull: walks the station's parcels of this account's carrier code and asks
 * tracking-events for each (a few at a time, within the request budget). A number Ninja Van does
 * not know yields no events; anything else that fails fails the page, which is asked again.
 */
export function ninjaVanPull(args: {
  name: string;
  config: NinjaVanConfig;
  carrier: string;
  client: NinjaVanClient;
  pacer: RequestPacer;
  deps: ConnectorDeps;
  mapper: StatusMapper;
  timeZone: string;
}): PullSource<TrackingEvent> {
  const { client, pacer, mapper } = args;
  const fetchEvents = async (parcels: TrackedParcel[], signal: AbortSignal): Promise<TrackingEvent[]> => {
    mapper.nextPage();
    const perParcel = await mapLimit(parcels, args.config.limits.maxConcurrency, async (parcel) => {
      const events = await pacer.run(signal, () => client.trackingEvents(parcel.trackingNumber, signal));
      try {
        return (events ?? []).map((event) =>
          ninjaVanTrackingEvent({
            event,
            trackingNumber: parcel.trackingNumber,
            carrier: args.carrier,
            timeZone: args.timeZone,
            mapper,
          }),
        );
      } catch (err) {
        if (err instanceof NinjaVanShapeError) throw new DeliveryError('malformed', err.message);
        throw err;
      }
    });
    return perParcel.flat().sort((a, b) => a.occurredAtMs - b.occurredAtMs);
  };
  return parcelWalk({
    name: `${args.name}:tracking`,
    list: args.deps.trackedParcels,
    pageSize: args.config.pageSize,
    carriers: [args.carrier],
    logger: args.deps.logger,
    fetchEvents,
  });
}
