import type { TrackingEvent } from '../../../shared/tracking';
import type { PullSource } from '../../sync/destination';
import type { ConnectorDeps, TrackedParcel } from '../connector';
import type { RequestPacer } from '../request-pacer';
import { parcelWalk, sample, type StatusMapper } from '../tracking-events';
import { NOT_REGISTERED, type NumberItem, type SeventeenTrackClient } from './client';
import type { SeventeenTrackConfig } from './config';
import { trackInfoEvents } from './events';

/**
 * The 17TRACK tracking pull: walks the tracked-parcel list in pages of ≤ 40, asks gettrackinfo for
 * each page, and handles the per-number errors of the 200 answer number by number — a number
 * 17TRACK does not know yet is registered (so it has events next pass), any other refusal is
 * logged and skipped, and the rest of the page is kept.
 */
export function seventeenTrackPull(args: {
  name: string;
  config: SeventeenTrackConfig;
  client: SeventeenTrackClient;
  pacer: RequestPacer;
  deps: ConnectorDeps;
  mapper: StatusMapper;
  timeZone: string;
}): PullSource<TrackingEvent> {
  const { config, client, pacer, deps, mapper } = args;
  const item = (p: TrackedParcel): NumberItem => {
    const key = config.carrierKeys[p.carrier];
    return key !== undefined ? { number: p.trackingNumber, carrier: key } : { number: p.trackingNumber };
  };

  const fetchEvents = async (parcels: TrackedParcel[], signal: AbortSignal): Promise<TrackingEvent[]> => {
    mapper.nextPage();
    const byNumber = new Map(parcels.map((p) => [p.trackingNumber.toUpperCase(), p]));
    const answer = await pacer.run(signal, () => client.getTrackInfo(parcels.map(item), signal));
    const events: TrackingEvent[] = [];
    for (const accepted of answer.accepted) {
      const parcel = byNumber.get(accepted.number.toUpperCase());
      if (!parcel) {
        deps.logger.warn('17TRACK answered for a number it was not asked about', {
          number: sample(accepted.number),
        });
        continue;
      }
      events.push(
        ...trackInfoEvents({
          trackInfo: accepted.track_info,
          trackingNumber: parcel.trackingNumber,
          carrier: parcel.carrier,
          timeZone: args.timeZone,
          mapper,
        }),
      );
    }
    const unregistered: NumberItem[] = [];
    for (const rejected of answer.rejected) {
      const parcel = byNumber.get(rejected.number.toUpperCase());
      if (parcel && rejected.error.code === NOT_REGISTERED) {
        unregistered.push(item(parcel));
        continue;
      }
      deps.logger.warn('17TRACK refused a number', {
        source: args.name,
        number: sample(rejected.number),
        code: rejected.error.code,
        message: sample(rejected.error.message, 200),
      });
    }
    if (config.autoRegister && unregistered.length > 0) {
      // Events already read are not held hostage to a registration that fails (quota, outage):
      // the numbers stay unregistered and are tried again next pass.
      try {
        const registered = await pacer.run(signal, () => client.register(unregistered, signal));
        for (const r of registered.rejected) {
          deps.logger.warn('17TRACK refused to register a number', {
            number: sample(r.number),
            code: r.error.code,
            message: sample(r.error.message, 200),
          });
        }
      } catch (err) {
        if (signal.aborted) throw err;
        deps.logger.warn('17TRACK registration failed; the numbers are tried again next pass', {
          source: args.name,
          count: unregistered.length,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    return events;
  };

  return parcelWalk({
    name: `${args.name}:tracking`,
    list: deps.trackedParcels,
    pageSize: config.batchSize,
    ...(config.carriers !== undefined ? { carriers: config.carriers } : {}),
    logger: deps.logger,
    fetchEvents,
  });
}
