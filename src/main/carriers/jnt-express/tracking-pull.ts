import type { TrackingEvent } from '../../../shared/tracking';
import { DeliveryError, type PullSource } from '../../sync/destination';
import type { ConnectorDeps, TrackedParcel } from '../connector';
import { mapLimit } from '../map-limit';
import type { RequestPacer } from '../request-pacer';
import { parcelWalk, sample, type StatusMapper } from '../tracking-events';
import type { JntClient } from './client';
import type { JntExpressConfig } from './config';
import { JntShapeError, jntTrackingEvent } from './events';

/**
 * The J&T tracking pull: walks the station's J&T parcels and traces each. A bill the platform
 * refuses (unknown to it) is logged and skipped; a refused signature or account fails the page.
 */
export function jntPull(args: {
  name: string;
  config: JntExpressConfig;
  client: JntClient;
  pacer: RequestPacer;
  deps: ConnectorDeps;
  mapper: StatusMapper;
  timeZone: string;
}): PullSource<TrackingEvent> {
  const { config, client, pacer, mapper, deps } = args;
  const fetchEvents = async (parcels: TrackedParcel[], signal: AbortSignal): Promise<TrackingEvent[]> => {
    mapper.nextPage();
    const perParcel = await mapLimit(parcels, config.limits.maxConcurrency, async (parcel) => {
      const result = await pacer.run(signal, () => client.trace(parcel.trackingNumber, signal));
      if (!result.ok) {
        deps.logger.warn('J&T refused a trace', {
          number: sample(parcel.trackingNumber),
          code: result.code,
          message: sample(result.message, 200),
        });
        return [];
      }
      try {
        return result.traces
          .filter((t) => t.billCode === parcel.trackingNumber)
          .flatMap((t) =>
            t.details.map((detail) =>
              jntTrackingEvent({
                detail,
                billCode: t.billCode,
                carrier: config.carrierCode,
                timeZone: args.timeZone,
                mapper,
              }),
            ),
          );
      } catch (err) {
        if (err instanceof JntShapeError) throw new DeliveryError('malformed', err.message);
        throw err;
      }
    });
    return perParcel.flat().sort((a, b) => a.occurredAtMs - b.occurredAtMs);
  };
  return parcelWalk({
    name: `${args.name}:tracking`,
    list: deps.trackedParcels,
    pageSize: config.pageSize,
    carriers: [config.carrierCode],
    logger: deps.logger,
    fetchEvents,
  });
}
